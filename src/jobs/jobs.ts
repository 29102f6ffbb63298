/**
 * An application's own background jobs on Tenantry's fair per-tenant queue (workflows/queue.ts): the
 * queue item is the claim (fairness across tenants and the per-tenant cap, `workflowConcurrency`, are
 * decided in the claim as for workflow steps); the job itself — kind, payload, attempts, outcome — is
 * a row of the tenant's `tenantry_jobs` table (tenant migration 10), reached only through its scope.
 * A job's handler runs inside one scope of its tenant, and the job is marked done in that same
 * transaction: what the handler wrote commits with its success or not at all.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { TenantNotFoundError, TenantSuspendedError, TenantryError, ValidationError } from '../errors.js';
import { tenantIdOf, type NoAppTables, type TenantInfo, type TenantRef, type TenantScope, type WithTenantOptions } from '../storage/scope.js';
import { isoTimestamp, type TenantDatabase } from '../storage/tenant-db.js';
import type { EngineOptions } from '../workflows/engine.js';
import { HOLD_MS, type WorkItem, type WorkQueue } from '../workflows/queue.js';
import { boundedJson, type WorkflowLog } from '../workflows/runs.js';
import { backoffMs } from '../workflows/step-attempts.js';

/** Queue items of jobs have this step id prefix and the job's kind after it; no workflow step id can start with `$`. */
export const JOB_STEP_PREFIX = '$job:';
/** A job kind's name: what `define` and `enqueue` accept. */
export const JOB_KIND_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
/** A job runs for at most this long unless its definition says otherwise. */
export const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;
/** The longest `delayMs` accepted: 30 days. */
export const MAX_JOB_DELAY_MS = 30 * 24 * 3_600_000;
/** An item whose kind this process does not define waits this long for a process that does. */
const UNKNOWN_KIND_RETRY_MS = 30_000;
/** Back-pressure (the tenant's pool share, a busy database) puts an attempt off by this, not counted. */
const BUSY_RETRY_MS = 500;
/** A queue item whose job row never appeared (the enqueue failed after queueing) is dropped after this. */
const ORPHAN_GRACE_MS = 5 * 60_000;
/** An attempt lost with its worker does not use up a retry, up to this many times per job. */
const MAX_LOST_ATTEMPTS = 3;

/** What a job's handler receives: its tenant, that tenant's scoped transaction, its payload. */
export interface JobContext<AppDB extends object = NoAppTables, Payload = unknown> {
  /** The job's id (the same across its attempts: a key for work that must happen once outside the database). */
  readonly id: string;
  readonly tenant: TenantInfo;
  /**
   * The tenant's scoped transaction, as in `withTenant`: it commits when the handler returns (with the
   * job marked succeeded) and rolls back when it throws or times out.
   */
  readonly db: Transaction<TenantDatabase & AppDB>;
  readonly payload: Payload;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** Aborted when the attempt times out or the worker stops: pass it to fetch() and the like. */
  readonly signal: AbortSignal;
}

export type JobHandler<AppDB extends object = NoAppTables, Payload = unknown> = (job: JobContext<AppDB, Payload>) => Promise<void>;

export interface JobOptions {
  /** Attempts after the first one that failed (default 0). A ValidationError or a 4xx TenantryError is not retried. */
  retries?: number;
  /** Wait before each retry: exponential from 1 s unless set (as a workflow step's `retry.backoff`). */
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
  /** An attempt running longer fails (and is retried if retries remain); default DEFAULT_JOB_TIMEOUT_MS. */
  timeoutMs?: number;
  /** A JSON Schema the payload must satisfy (checked on enqueue, 400 otherwise, and again before it runs). */
  payload?: object;
}

export interface EnqueueOptions {
  /** Run no sooner than this many milliseconds from now (at most MAX_JOB_DELAY_MS). */
  delayMs?: number;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A job as `get` shows it. */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  payload: unknown;
  /** The last attempt's failure (a succeeded job's is null). */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface Kind {
  handler: JobHandler<NoAppTables, unknown>;
  maxAttempts: number;
  backoff: JobOptions['backoff'];
  timeoutMs: number;
  validate: ValidateFunction | undefined;
}

/** Opens a tenant's scope (Tenantry.withTenant). */
type Scopes = <T>(tenant: TenantRef, fn: (scope: TenantScope) => Promise<T>, options?: WithTenantOptions) => Promise<T>;

/** The worker `start()` runs: Tenantry's own (the workflow engine, which hands job items to `run`). */
export interface JobWorker {
  wake(): void;
  stop(): Promise<void>;
}

class JobTimeout extends Error {}
/** The attempt lost its job to another worker (its claim ran out): its work is rolled back. */
class Fenced extends Error {}

/**
 * `tenantry.jobs`: define job kinds, enqueue jobs for a tenant, and (in the processes that call
 * `start()`, or run `tenantry worker`-style engines) run them. Every process that runs jobs must
 * define the kinds it may be handed; enqueueing a kind this process does not define is refused.
 *
 * @example
 * tenantry.jobs.define<{ invoiceId: string }>('send-invoice', async ({ db, payload }) => {
 *   await db.updateTable('invoices').set({ sent: true }).where('id', '=', payload.invoiceId).execute();
 * }, { retries: 3, payload: { type: 'object', required: ['invoiceId'], properties: { invoiceId: { type: 'string' } } } });
 * await tenantry.jobs.start();
 * const { id } = await tenantry.jobs.enqueue(request.tenant, 'send-invoice', { invoiceId });
 */
export class Jobs<AppDB extends object = NoAppTables> {
  readonly #kinds = new Map<string, Kind>();
  readonly #ajv = addFormats.default(new Ajv({ strict: false, allErrors: false }));
  #worker: JobWorker | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly scopes: Scopes,
    private readonly queue: WorkQueue,
    private readonly startWorker: (jobs: Jobs<AppDB>, options: Partial<EngineOptions>) => Promise<JobWorker>,
    private readonly log: WorkflowLog = () => {},
  ) {}

  /** Define (or redefine) the job kind `kind`: `handler` runs each of its jobs in the job's tenant's scope. */
  define<Payload = unknown>(kind: string, handler: JobHandler<AppDB, Payload>, options: JobOptions = {}): void {
    if (!JOB_KIND_PATTERN.test(kind)) throw new ValidationError(`job kind '${kind}' must match ${JOB_KIND_PATTERN}`);
    const retries = options.retries ?? 0;
    if (!Number.isInteger(retries) || retries < 0 || retries > 100) throw new ValidationError(`retries of job kind '${kind}' must be an integer from 0 to 100`);
    const timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new ValidationError(`timeoutMs of job kind '${kind}' must be a positive integer`);
    let validate: ValidateFunction | undefined;
    try {
      validate = options.payload ? this.#ajv.compile(options.payload) : undefined;
    } catch (error) {
      throw new ValidationError(`the payload schema of job kind '${kind}' is not a valid JSON Schema: ${(error as Error).message}`);
    }
    this.#kinds.set(kind, {
      handler: handler as unknown as JobHandler<NoAppTables, unknown>,
      maxAttempts: retries + 1,
      backoff: options.backoff,
      timeoutMs,
      validate,
    });
  }

  /** The kinds defined in this process. */
  get kinds(): string[] {
    return [...this.#kinds.keys()];
  }

  /**
   * Queue a job of `kind` for `tenant` (an id, or `request.tenant` to pin the tenant's generation).
   * Refused with a ValidationError (400) when the kind is not defined here or the payload does not
   * satisfy its schema or is not JSON of at most 256 KiB; TenantNotFoundError (404) and
   * TenantSuspendedError (403) as a scope would be. Jobs queued before a tenant was suspended wait
   * until it is resumed. Returns the job's id (see `get`).
   */
  async enqueue(tenant: TenantRef, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string }> {
    const def = this.#kinds.get(kind);
    if (!def) {
      const known = this.kinds.length > 0 ? `: ${this.kinds.map((k) => `'${k}'`).join(', ')}` : '';
      throw new ValidationError(`no job kind '${kind}' is defined in this process (tenantry.jobs.define); defined${known || ': none'}`);
    }
    const text = boundedJson(payload, `the payload of a '${kind}' job`);
    this.#check(def, kind, JSON.parse(text));
    const delayMs = options.delayMs ?? 0;
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_JOB_DELAY_MS) {
      throw new ValidationError(`delayMs must be an integer from 0 to ${MAX_JOB_DELAY_MS}`);
    }
    const id = uuidv7();
    const tenantId = tenantIdOf(tenant);
    // Queued before the row exists, held (as a workflow run's first steps): a crash in between leaves
    // an item that finds no job (dropped after a grace period), never a job that nothing will run.
    const at = new Date(Date.now() + (delayMs > 0 ? delayMs : HOLD_MS));
    await this.queue.enqueue(tenantId, id, [`${JOB_STEP_PREFIX}${kind}`], at).catch((error: unknown) => {
      // The queue's tenants reference the catalog's: no such tenant.
      throw (error as { code?: string }).code === '23503' ? new TenantNotFoundError(tenantId) : error;
    });
    try {
      await this.scopes(
        tenant,
        ({ db }) =>
          sql`INSERT INTO tenantry_jobs (id, kind, payload, run_after) VALUES (${id}::uuid, ${kind}, ${text}::jsonb, ${at.toISOString()}::timestamptz)`.execute(
            db,
          ),
        { singleStatement: true },
      );
    } catch (error) {
      await this.queue
        .dropRun(tenantId, id)
        .catch((err: unknown) => this.log('warn', 'could not drop the queue item of a job not created', { err, tenant: tenantId, job: id }));
      throw error;
    }
    if (delayMs === 0) await this.queue.publish(tenantId, id);
    this.#wake?.();
    return { id };
  }

  /** A job of `tenant` (404 `not_found` for another tenant's, or none). */
  async get(tenant: TenantRef, id: string): Promise<JobView> {
    const row = await this.scopes(tenant, async ({ db }) =>
      UUID.test(id)
        ? db
            .selectFrom('tenantry_jobs')
            .select(['id', 'kind', 'status', 'attempts', 'payload', 'error', 'created_at', 'finished_at'])
            .where('id', '=', id)
            .executeTakeFirst()
        : undefined,
    );
    if (!row) throw new TenantryError('not_found', `no job '${id}'`);
    return {
      id: row.id,
      kind: row.kind,
      status: row.status as JobStatus,
      attempts: row.attempts,
      payload: row.payload,
      error: row.error,
      createdAt: isoTimestamp(row.created_at),
      finishedAt: row.finished_at === null ? null : isoTimestamp(row.finished_at),
    };
  }

  /**
   * Run jobs (and any workflow steps queued in the same database) in this process, with Tenantry's
   * worker: `concurrency` at once (TENANTRY_WORKERS by default), fair across tenants, each tenant
   * capped. Stopped by `stop()` or `tenantry.close()`.
   */
  async start(options: Partial<EngineOptions> = {}): Promise<void> {
    this.#worker ??= await this.startWorker(this, options);
  }

  /** Stop running jobs here: running ones get the worker's drain time, then go back to the queue. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.stop();
  }

  /** The engine that runs this process's jobs: woken when one is enqueued here. */
  attach(wake: (() => void) | undefined): void {
    this.#wake = wake;
  }

  /** Whether a claimed queue item is a job (the engine's dispatch: EngineOptions.jobs). */
  /** Done with the queue item: a job never hands its slot on to a next step (WorkQueue.ack's handoff). */
  async #ack(item: WorkItem): Promise<void> {
    await this.queue.ack(item);
  }

  owns(item: WorkItem): boolean {
    return item.stepId.startsWith(JOB_STEP_PREFIX);
  }

  /**
   * Run the job a claimed queue item stands for; `signal` aborts it (the worker is stopping and hands
   * the claim back). Every outcome is fenced by the job's attempt number.
   */
  async run(item: WorkItem, signal: AbortSignal): Promise<void> {
    const kind = item.stepId.slice(JOB_STEP_PREFIX.length);
    const def = this.#kinds.get(kind);
    if (!def) {
      // Kinds are code: another process (one that defines it) may be sharing the queue.
      this.log('warn', `no job kind '${kind}' is defined in this worker; handing the job back to the queue`, { tenant: item.tenantId, job: item.runId });
      return this.queue.release(item, UNKNOWN_KIND_RETRY_MS);
    }
    const jobId = item.runId;
    let begun: { attempts: number; payload: unknown; status: string } | undefined;
    try {
      begun = await this.scopes(
        item.tenantId,
        async ({ db }) => {
          const { rows } = await sql<{ attempts: number; payload: unknown; status: string }>`
            UPDATE tenantry_jobs SET status = 'running', attempts = attempts + 1, started_at = now()
             WHERE id = ${jobId}::uuid AND status IN ('queued', 'running')
            RETURNING attempts, payload, status`.execute(db);
          return rows[0];
        },
        { singleStatement: true },
      );
    } catch (error) {
      if (error instanceof TenantNotFoundError) return this.#ack(item); // deleted: its jobs went with its storage
      if (error instanceof TenantSuspendedError) return this.queue.release(item, 5000); // waits until resumed
      throw error;
    }
    if (!begun) {
      // Finished already (a worker died between its commit and the ack), or its row is not there yet.
      const finished = await this.#exists(item.tenantId, jobId);
      if (finished || Date.now() - item.createdAt.getTime() > ORPHAN_GRACE_MS) return this.#ack(item);
      return this.queue.release(item, 5000);
    }
    const attempt = begun.attempts;
    // `attempts` counts every start: more than the policy allows means workers died running it.
    if (attempt > def.maxAttempts + MAX_LOST_ATTEMPTS) {
      return this.#settle(item, attempt, { status: 'failed', error: `the worker running this job was lost; ${attempt - 1} attempts started` });
    }

    const abort = new AbortController();
    const onOuterAbort = () => abort.abort(signal.reason);
    signal.addEventListener('abort', onOuterAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.scopes(item.tenantId, async (scope) => {
        const payload = this.#check(def, kind, begun.payload);
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const e = new JobTimeout(`job timed out after ${def.timeoutMs} ms`);
            abort.abort(e);
            reject(e);
          }, def.timeoutMs);
        });
        const context: JobContext<NoAppTables, unknown> = { id: jobId, tenant: scope.tenant, db: scope.db, payload, attempt, signal: abort.signal };
        await Promise.race([def.handler(context), timeout]);
        clearTimeout(timer);
        // In the handler's transaction: its writes and the job's success commit together.
        const done = await sql`UPDATE tenantry_jobs SET status = 'succeeded', error = NULL, finished_at = now()
                                WHERE id = ${jobId}::uuid AND attempts = ${attempt} AND status = 'running'`.execute(scope.db);
        if (done.numAffectedRows !== 1n) throw new Fenced();
      });
      return this.#ack(item);
    } catch (error) {
      clearTimeout(timer);
      if (signal.aborted) throw error; // stopping: the engine hands the claim back
      if (error instanceof Fenced) return this.#ack(item);
      if (error instanceof TenantSuspendedError) return this.queue.release(item, 5000);
      if (error instanceof TenantNotFoundError) return this.#ack(item);
      if (error instanceof TenantryError && (error.code === 'rate_limited' || error.code === 'busy')) {
        return this.#settle(item, attempt, { status: 'queued', refund: true, retryMs: BUSY_RETRY_MS });
      }
      const message = (error as Error).message ?? String(error);
      const permanent = error instanceof TenantryError && error.status < 500;
      if (permanent || attempt >= def.maxAttempts) return this.#settle(item, attempt, { status: 'failed', error: message });
      return this.#settle(item, attempt, { status: 'queued', error: `attempt ${attempt}: ${message}`, retryMs: backoffMs({ backoff: def.backoff }, attempt) });
    } finally {
      signal.removeEventListener('abort', onOuterAbort);
    }
  }

  /** The payload as its kind's schema accepts it, or a ValidationError naming what is wrong. */
  #check(def: Kind, kind: string, payload: unknown): unknown {
    if (def.validate && !def.validate(payload)) {
      throw new ValidationError(`the payload of a '${kind}' job is invalid: ${this.#ajv.errorsText(def.validate.errors, { dataVar: 'payload' })}`);
    }
    return payload;
  }

  async #exists(tenantId: string, id: string): Promise<boolean> {
    const row = await this.scopes(tenantId, ({ db }) => db.selectFrom('tenantry_jobs').select('id').where('id', '=', id).executeTakeFirst()).catch(
      (error: unknown) => {
        if (error instanceof TenantNotFoundError) return undefined;
        throw error;
      },
    );
    return row !== undefined;
  }

  /** Record how an attempt ended, if it is still the job's latest; then ack (finished) or release (retry) the item. */
  async #settle(item: WorkItem, attempt: number, outcome: { status: 'queued' | 'failed'; error?: string; refund?: boolean; retryMs?: number }): Promise<void> {
    const finished = outcome.status === 'failed';
    const { numAffectedRows } = await this.scopes(
      item.tenantId,
      ({ db }) =>
        sql`UPDATE tenantry_jobs SET status = ${outcome.status}, attempts = attempts - ${outcome.refund ? 1 : 0},
                   error = coalesce(${outcome.error ?? null}, error), finished_at = ${finished ? sql`now()` : sql`NULL`}
             WHERE id = ${item.runId}::uuid AND attempts = ${attempt} AND status = 'running'`.execute(db),
      { singleStatement: true },
    );
    if (numAffectedRows !== 1n || finished) return this.#ack(item);
    return this.queue.release(item, outcome.retryMs ?? 0);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
