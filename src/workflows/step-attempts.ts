import { TenantNotFoundError, TenantSuspendedError, TenantryError, ValidationError } from '../errors.js';
import { SandboxBusyError } from '../sandbox/sandbox.js';
import { dependentsOf } from './definition.js';
import type { WorkItem, WorkQueue } from './queue.js';
import type { StepStates } from './step-states.js';
import { PermanentStepError, expressionEvaluator, resolveParams, runStep, type StepServices } from './steps.js';

/** Steps run for at most this long unless their definition says otherwise. */
export const DEFAULT_STEP_TIMEOUT_MS = 10 * 60_000;
/** An attempt lost with its worker does not use up a retry, up to this many times per step. */
const MAX_LOST_ATTEMPTS = 3;
/** Queue items whose run never appeared (the start crashed between queue and run) are dropped after this. */
const ORPHAN_GRACE_MS = 5 * 60_000;
/** A step turned away by back-pressure (a full sandbox, the tenant's pool share) is tried again after this. */
const SANDBOX_BUSY_RETRY_MS = 500;

/** How the attempts a worker ran ended. */
export interface AttemptStats {
  succeeded: number;
  failed: number;
  retried: number;
  /** Attempts whose result did not count: their claim was lost, or their run cancelled. */
  fenced: number;
}

/** `attempt` (1-based) just failed: wait this long before the next one. */
export function backoffMs(retry: { backoff?: { type: 'exponential' | 'fixed'; delayMs: number } } | undefined, attempt: number): number {
  const b = retry?.backoff ?? { type: 'exponential', delayMs: 1000 };
  const ms = b.type === 'fixed' ? b.delayMs : b.delayMs * 2 ** (attempt - 1);
  return Math.min(ms, 3_600_000);
}

class StepTimeout extends Error {}

/**
 * One claimed step attempt, from its claim to the queue: begin it in the tenant's run history (or
 * finish what a lost worker left), run the step inside its tenant's scope within its timeout, record
 * the outcome (StepStates), and ack the queue item with the steps that became ready, or release it for
 * a retry or a delay. Every outcome is fenced by the claim's token: an attempt that lost its claim, or
 * whose run was cancelled, changes nothing (counted as `fenced`).
 */
export class StepAttempts {
  constructor(
    private readonly queue: WorkQueue,
    private readonly steps: StepStates,
    private readonly services: StepServices,
    private readonly stats: AttemptStats,
    /**
     * Asked when a step succeeded and made others ready: whether (and to which worker) the first of
     * them may be handed straight over, leased (WorkQueue.ack), instead of going through the queue.
     */
    private readonly handoff: (item: WorkItem) => { worker: string; leaseMs: number } | undefined = () => undefined,
    /** Told when a step went back to the queue to sleep until `at` (a delay step): the worker looks for it then. */
    private readonly sleeping: (at: Date) => void = () => {},
  ) {}

  /**
   * Run the attempt `item` claims; `signal` aborts it (the worker is stopping: it hands the claim back).
   * Resolves the next step's item when one was handed over to this worker (see `handoff`): the caller runs it.
   */
  async run(item: WorkItem, signal: AbortSignal): Promise<WorkItem | void> {
    const { tenantId, runId, stepId, token } = item;
    let begun;
    try {
      begun = await this.steps.begin(tenantId, runId, stepId, token);
    } catch (error) {
      if (error instanceof TenantNotFoundError) return this.queue.ack(item); // deleted: its runs went with its storage
      if (error instanceof TenantSuspendedError) return this.queue.release(item, 5000); // waits until resumed
      throw error;
    }
    if (begun.state === 'missing') {
      // The run row comes right after its first items are queued; past the grace period it never will.
      if (Date.now() - item.createdAt.getTime() > ORPHAN_GRACE_MS) return this.queue.ack(item);
      return this.queue.release(item, 5000);
    }
    if (begun.state === 'settled') {
      // A previous worker settled the step but died before moving the run on: finish that part.
      let next: string[] = [];
      if ((begun.runStatus === 'running' || begun.runStatus === 'queued') && (begun.stepStatus === 'succeeded' || begun.stepStatus === 'failed')) {
        const skip = begun.stepStatus === 'failed' ? dependentsOf(begun.definition, stepId) : [];
        next = (await this.steps.advance(tenantId, runId, stepId, skip)).ready;
      }
      return this.queue.ack(item, next);
    }

    const { step } = begun;
    const attempt = begun.attempts;
    // A step whose last attempt died with its worker gets a few more tries than its retry policy.
    const maxAttempts = (step.retry?.attempts ?? 1) + (begun.lostBefore ? MAX_LOST_ATTEMPTS : 0);
    const fail = async (message: string) => {
      if (await this.steps.fail(tenantId, runId, stepId, token, message)) {
        this.stats.failed++;
        const { ready } = await this.steps.advance(tenantId, runId, stepId, dependentsOf(begun.definition, stepId));
        return this.queue.ack(item, ready);
      }
      this.stats.fenced++;
      return this.queue.ack(item);
    };
    if (begun.lostBefore && attempt > maxAttempts) return fail(`the worker running this step was lost; ${attempt - 1} attempts started`);

    const timeoutMs = step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort(signal.reason);
    signal.addEventListener('abort', onOuterAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      const data = { input: begun.input, steps: begun.outputs };
      // An expression gets the tenant's evaluation limit, and never more than what is left of the step's time.
      const evaluate = expressionEvaluator(this.services.sandbox, tenantId, data, () => Math.min(begun.evaluationTimeoutMs, deadline - Date.now()));
      const params = step.kind === 'transform' ? {} : ((await resolveParams(step.with ?? {}, evaluate)) as Record<string, unknown>);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const e = new StepTimeout(`step timed out after ${timeoutMs} ms`);
          abort.abort(e);
          reject(e);
        }, timeoutMs);
      });
      const outcome = await Promise.race([
        runStep(
          {
            tenantId,
            workflow: begun.workflow,
            runId,
            step,
            params,
            data,
            evaluate,
            wakeAt: begun.wakeAt,
            signal: abort.signal,
            remainingMs: () => deadline - Date.now(),
          },
          this.services,
        ),
        timeout,
      ]);
      clearTimeout(timer);
      if ('sleepUntil' in outcome) {
        if (await this.steps.requeue(tenantId, runId, stepId, token, { wakeAt: outcome.sleepUntil })) {
          await this.queue.release(item, Math.max(0, outcome.sleepUntil.getTime() - Date.now()));
          return this.sleeping(outcome.sleepUntil);
        }
        this.stats.fenced++;
        return this.queue.ack(item);
      }
      let ready: string[];
      if ('effect' in outcome) {
        // The effect commits with the step's success, in a transaction of its own; the run moves on after it.
        if (!(await this.steps.succeed(tenantId, runId, stepId, token, null, outcome.effect))) {
          this.stats.fenced++;
          return this.queue.ack(item);
        }
        ready = (await this.steps.advance(tenantId, runId, stepId, [])).ready;
      } else {
        const done = await this.steps.succeedAndAdvance(tenantId, runId, stepId, token, outcome.output, begun.definition);
        if (!done.ok) {
          this.stats.fenced++;
          return this.queue.ack(item);
        }
        ready = done.ready;
      }
      this.stats.succeeded++;
      return this.queue.ack(item, ready, ready.length > 0 ? this.handoff(item) : undefined);
    } catch (error) {
      clearTimeout(timer);
      if (signal.aborted) throw error; // stopping: stop() hands the claim back
      // The tenant was suspended or deleted while the step ran: not the step's failure.
      if (error instanceof TenantSuspendedError) return this.queue.release(item, 5000);
      if (error instanceof TenantNotFoundError) return this.queue.ack(item);
      // Back-pressure, not the step's failure: the sandbox holds as many of this tenant's evaluations as
      // it may, the tenant holds its whole share of a connection pool (429), or every place for an open
      // tenant database is taken (503). Try again shortly without using up an attempt.
      if (error instanceof SandboxBusyError || (error instanceof TenantryError && (error.code === 'rate_limited' || error.code === 'busy'))) {
        if (await this.steps.requeue(tenantId, runId, stepId, token, { refundAttempt: true })) return this.queue.release(item, SANDBOX_BUSY_RETRY_MS);
        this.stats.fenced++;
        return this.queue.ack(item);
      }
      const message = (error as Error).message ?? String(error);
      const permanent = error instanceof PermanentStepError || error instanceof ValidationError || (error instanceof TenantryError && error.status < 500);
      if (permanent || attempt >= maxAttempts) return fail(message);
      if (await this.steps.requeue(tenantId, runId, stepId, token, { error: `attempt ${attempt}: ${message}` })) {
        this.stats.retried++;
        return this.queue.release(item, backoffMs(step.retry, attempt));
      }
      this.stats.fenced++;
      return this.queue.ack(item);
    } finally {
      signal.removeEventListener('abort', onOuterAbort);
    }
  }
}
