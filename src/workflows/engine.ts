import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { TenantNotFoundError, TenantSuspendedError } from '../errors.js';
import type { WorkQueue, WorkItem } from './queue.js';
import type { RunsService, WorkflowLog } from './runs.js';
import { Schedules } from './schedules.js';
import { StepAttempts, type AttemptStats } from './step-attempts.js';
import type { StepStates } from './step-states.js';
import type { StepServices } from './steps.js';
import { defaultConfig } from '../config.js';

export interface EngineOptions {
  /** Steps this process runs at once. */
  concurrency: number;
  /** How long a claim lasts without a heartbeat; a dead worker's steps return to the queue after it. */
  leaseMs?: number;
  /** How often an idle worker looks for work (an in-process run start wakes it at once). */
  pollMs?: number;
  /** How often schedules are checked. */
  scheduleTickMs?: number;
  /** On stop, wait this long for running steps before handing them back to the queue. */
  drainMs?: number;
  /** How often finished runs past their tenant's retention (PlanLimits.runRetentionDays) are deleted. */
  retentionSweepMs?: number;
  /** How often tenants with nothing queued are taken out of the queue's claim scan (WorkQueue.sweepIdle). */
  idleSweepMs?: number;
  workerId?: string;
  log?: WorkflowLog;
  /** Told how long each step attempt took (seconds): `processed` (whatever the step's outcome) or `error` (infrastructure; retried). */
  onStep?: (item: WorkItem, seconds: number, outcome: 'processed' | 'error') => void;
  /** Told how long each step attempt ran (metering: workflow step-seconds); it has ended. */
  stepTime?: (tenantId: string, seconds: number) => void;
  /** Told as each step attempt (or job) starts; `stepTime` follows once it has ended (cost attribution). */
  stepStarted?: (tenantId: string) => void;
  /**
   * Interactive work of this process waiting to be served (the API's HTTP requests in flight: see
   * InteractiveLoad). While it is above 0 the worker yields: it runs at most `yieldSlots(concurrency)`
   * steps, hands no step over beyond them and claims no more until the requests are served, so an
   * in-process worker's backlog takes its turns in the gaps between requests instead of beside them.
   */
  interactive?: () => number;
  /**
   * Items on the same queue that are not workflow steps: an application's jobs (src/jobs/), run by
   * `jobs` when it owns them, with the same claim, leases, per-tenant caps and fairness.
   */
  jobs?: JobDispatch;
}

/** Runs the queue items it owns in place of StepAttempts (Jobs). */
export interface JobDispatch {
  owns(item: WorkItem): boolean;
  run(item: WorkItem, signal: AbortSignal): Promise<void>;
}

/** Finished runs deleted per statement (their steps go with them), one tenant at a time. */
const RETENTION_BATCH = 1000;

/**
 * The most of one process's `concurrency` slots a single tenant may hold: a quarter of them (at least
 * one) stays for other tenants, so a tenant with long steps cannot make everyone else wait for them.
 * With a single slot there is nothing to keep back: tenants take turns through the queue's fair order.
 */
export function tenantSlotLimit(concurrency: number): number {
  return Math.max(1, concurrency - Math.max(1, Math.floor(concurrency / 4)));
}

export interface EngineStats extends AttemptStats {
  claimed: number;
  /** Steps this worker got straight from a parent it finished, without a claim (WorkQueue.ack's handoff). */
  handedOver: number;
}

/**
 * A chain's next step goes straight to the worker that finished its parent at most this many times in
 * a row; then it goes through the queue, where every tenant waiting is offered the slot in turn.
 */
export const MAX_HANDOFFS = 8;
/** Sleeping steps falling due within this many milliseconds of each other share one wake-up of the claim loop. */
const WAKE_GRAIN_MS = 5;
/** Tenants a claim returned work for count as waiting for this long (a worker's view of who shares it). */
const SEEN_MS = 1000;
/**
 * A busy worker with fewer than half its slots free waits at most this long for more to free up
 * before it claims (see #claimLoop): steps finishing a moment apart are claimed for together.
 */
export const GATHER_MS = 5;
/** While interactive work waits (EngineOptions.interactive), a worker looks again this often to resume. */
const YIELD_POLL_MS = 10;

/**
 * Steps a worker of `concurrency` slots runs while it yields to interactive work: a quarter, at least
 * one (never none: its backlog still moves beside steady traffic, only slower).
 */
export function yieldSlots(concurrency: number): number {
  return Math.max(1, Math.floor(concurrency / 4));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A worker: claims step attempts from the WorkQueue (fair across tenants, capped per tenant, both
 * decided in the claim) as slots free up, and runs each (StepAttempts: in its tenant's scope, outcome
 * recorded in the tenant's run history, what became ready queued). At-least-once with fencing: a
 * claim's token must still own the step for its result to count. Its housekeeping keeps its leases
 * alive, returns dead workers' claims, fires due schedules (Schedules) and deletes runs past their
 * tenants' retention.
 */
export class WorkflowEngine {
  readonly workerId: string;
  readonly stats: EngineStats = { claimed: 0, handedOver: 0, succeeded: 0, failed: 0, retried: 0, fenced: 0 };
  readonly #inFlight = new Map<string, { item: WorkItem; abort: AbortController; done: Promise<void>; handoffs: number }>();
  /** Times (WAKE_GRAIN_MS slots) a timer will wake the claim loop at (see #wakeAt). */
  readonly #wakeSlots = new Set<number>();
  /** Tenants this worker's claims returned work for, and when last. */
  readonly #seen = new Map<string, number>();
  /** Items this worker failed to hand back to the queue: still leased to it, and tried again with each heartbeat. */
  readonly #unreleased = new Map<string, WorkItem>();
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #tickMs: number;
  readonly #drainMs: number;
  readonly #retentionSweepMs: number;
  readonly #idleSweepMs: number;
  readonly #log: NonNullable<EngineOptions['log']>;
  #running = false;
  #busyUntil = 0;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #timers: NodeJS.Timeout[] = [];

  readonly #attempts: StepAttempts;
  readonly #schedules: Schedules;

  constructor(
    private readonly queue: WorkQueue,
    private readonly runs: RunsService,
    steps: StepStates,
    services: StepServices,
    private readonly options: EngineOptions,
  ) {
    this.#attempts = new StepAttempts(
      queue,
      steps,
      services,
      this.stats,
      (item) => this.#handoff(item),
      (at) => this.#wakeAt(at),
    );
    this.#schedules = new Schedules(queue, runs);
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const defaults = defaultConfig();
    this.#leaseMs = options.leaseMs ?? defaults.workerLeaseMs;
    this.#pollMs = options.pollMs ?? defaults.workerPollMs;
    this.#tickMs = options.scheduleTickMs ?? 250;
    this.#drainMs = options.drainMs ?? 10_000;
    this.#retentionSweepMs = options.retentionSweepMs ?? 10 * 60_000;
    this.#idleSweepMs = options.idleSweepMs ?? 60_000;
    this.#log = options.log ?? (() => {});
  }

  /** Steps this process runs at once. */
  get concurrency(): number {
    return this.options.concurrency;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#claimLoop();
    const every = (ms: number, fn: () => Promise<unknown>) => {
      let busy = false;
      const timer = setInterval(() => {
        if (busy || !this.#running) return;
        busy = true;
        fn()
          .catch((err) => this.#log('error', 'workflow engine housekeeping failed', { err }))
          .finally(() => (busy = false));
      }, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(Math.max(100, Math.floor(this.#leaseMs / 3)), async () => {
      await this.#releaseUnreleased();
      if (this.#inFlight.size > 0) await this.queue.heartbeat(this.workerId, this.#leaseMs);
    });
    every(Math.max(100, Math.floor(this.#leaseMs / 2)), async () => {
      const lost = await this.queue.reap();
      if (lost > 0) this.#log('warn', 'returned steps of a lost worker to the queue', { steps: lost });
    });
    every(this.#tickMs, () => this.#schedules.fireDue(this.#tickMs, () => this.#running, this.#log));
    every(this.#retentionSweepMs, () => this.#pruneRuns());
    every(this.#idleSweepMs, () => this.queue.sweepIdle());
  }

  /**
   * Look for work at `at` (a step this worker put to sleep falls due then), not a poll interval later.
   * Times within WAKE_GRAIN_MS of one already set share its timer.
   */
  #wakeAt(at: Date): void {
    const slot = Math.ceil(at.getTime() / WAKE_GRAIN_MS) * WAKE_GRAIN_MS;
    if (!this.#running || this.#wakeSlots.has(slot)) return;
    this.#wakeSlots.add(slot);
    setTimeout(
      () => {
        this.#wakeSlots.delete(slot);
        this.wake();
      },
      Math.max(0, slot - Date.now()),
    ).unref();
  }

  /** Look for work now (a run was just queued in this process). */
  wake(): void {
    this.#wake?.();
  }

  /**
   * Stop claiming, give running steps `drainMs` to finish, then abort the rest and hand their claims
   * back to the queue at once (another worker resumes them; their results, should they still come, are fenced off).
   */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    this.wake();
    await this.#loop;
    const pending = [...this.#inFlight.values()];
    if (pending.length > 0) {
      const drained = await Promise.race([
        Promise.all(pending.map((p) => p.done)).then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), this.#drainMs).unref()),
      ]);
      if (!drained) {
        const left = [...this.#inFlight.values()];
        this.#log('warn', 'stopping: handing unfinished steps back to the queue', { steps: left.length });
        for (const p of left) p.abort.abort(new Error('worker stopping'));
        for (const p of left) this.#unreleased.set(p.item.id, p.item);
      }
    }
    // No heartbeat extends their leases any more: what cannot be handed back now returns when they run out.
    await this.#releaseUnreleased();
  }

  /** Hand back the items a failed release left leased to this worker (see #spawn), and those stop() aborted. */
  async #releaseUnreleased(): Promise<void> {
    const items = [...this.#unreleased.values()];
    if (items.length === 0) return;
    const results = await Promise.allSettled(items.map((item) => this.queue.release(item, 0)));
    const errors: unknown[] = [];
    for (const [i, r] of results.entries()) {
      if (r.status === 'fulfilled') this.#unreleased.delete(items[i]!.id);
      else errors.push(r.reason);
    }
    if (errors.length === 0) return;
    this.#log(
      'error',
      this.#running
        ? 'could not hand steps back to the queue; trying again with the next heartbeat'
        : 'could not hand steps back to the queue; they return when their leases run out',
      { steps: errors.length, err: errors[0] },
    );
  }

  async #claimLoop(): Promise<void> {
    let gathering: number | undefined;
    while (this.#running) {
      await yieldToEventLoop();
      const yielding = this.#yielding();
      const free = (yielding ? yieldSlots(this.options.concurrency) : this.options.concurrency) - this.#inFlight.size;
      let claimed = 0;
      // A worker whose steps turn over quickly frees its slots a few at a time (a claim's tenants
      // finish in separate statements, a moment apart): claiming each few at once splits its work
      // into ever smaller batches, each paying a claim, and a begin, a finish and an ack per tenant —
      // round trips per step are what limit the engine (bench:workflows). So, while busy (it found
      // work a moment ago and still runs some), it waits up to GATHER_MS for half its slots to free
      // before claiming. Never longer: the steps holding the rest may run for minutes, and a quiet
      // tenant's step must not wait behind them.
      if (!yielding && free > 0 && free < Math.ceil(this.options.concurrency / 2) && this.#inFlight.size > 0 && Date.now() < this.#busyUntil) {
        const now = performance.now();
        gathering ??= now;
        if (now - gathering < GATHER_MS) {
          await this.#idle(Math.max(1, GATHER_MS - (now - gathering)));
          continue;
        }
      }
      gathering = undefined;
      if (free > 0) {
        try {
          const items = await this.queue.claim(free, this.#leaseMs, this.workerId, { held: this.#heldPerTenant(), perTenant: this.#perTenant });
          claimed = items.length;
          this.stats.claimed += claimed;
          const now = Date.now();
          for (const item of items) this.#seen.set(item.tenantId, now);
          for (const item of items) this.#spawn(item);
        } catch (err) {
          if (!this.#running) break;
          this.#log('error', 'claiming workflow steps failed; trying again in a second', { err });
          await this.#idle(1000);
          continue;
        }
      }
      // Full: wait for a slot. Nothing claimed: wait for a wake-up or the next poll — soon if work was
      // found a moment ago (another worker may just hold the tenants' queue rows; they skip, not wait).
      if (claimed > 0) this.#busyUntil = Date.now() + 1000;
      // Yielding with work about: look again soon, to take the slots back once the requests are served.
      if (yielding && (free <= 0 || claimed > 0)) await this.#idle(Math.min(YIELD_POLL_MS, this.#pollMs));
      else if (claimed === 0 || claimed === free || free <= 0)
        await this.#idle(claimed === 0 && Date.now() < this.#busyUntil ? Math.min(5, this.#pollMs) : this.#pollMs);
    }
  }

  /** Whether interactive work of this process is waiting (EngineOptions.interactive): the worker runs fewer steps meanwhile. */
  #yielding(): boolean {
    return (this.options.interactive?.() ?? 0) > 0;
  }

  /** Slots of this process each tenant holds now. */
  #heldPerTenant(): Record<string, number> {
    const held: Record<string, number> = {};
    for (const { item } of this.#inFlight.values()) held[item.tenantId] = (held[item.tenantId] ?? 0) + 1;
    return held;
  }

  get #perTenant(): number {
    return tenantSlotLimit(this.options.concurrency);
  }

  #idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  /**
   * Whether the next step of `item`'s run may come straight back to this worker (WorkQueue.ack's
   * handoff) rather than through the queue. The tenant keeps the slot it holds — its count of running
   * steps, and so its cap, do not change — only while it holds no more than its fair share of this
   * worker's slots (the slots over the tenants running here or whose work recent claims returned), and
   * for at most MAX_HANDOFFS steps in a row: then the slot goes back to the queue's fair order.
   */
  #handoff(item: WorkItem): { worker: string; leaseMs: number } | undefined {
    const entry = this.#inFlight.get(item.id);
    if (!this.#running || !entry || entry.handoffs >= MAX_HANDOFFS) return undefined;
    // Yielding, a finished step's slot is one of those to give up: its run's next step goes through the queue.
    if (this.#yielding() && this.#inFlight.size > yieldSlots(this.options.concurrency)) return undefined;
    const now = Date.now();
    const tenants = new Set<string>();
    for (const [tenantId, at] of this.#seen) {
      if (now - at > SEEN_MS) this.#seen.delete(tenantId);
      else tenants.add(tenantId);
    }
    let held = 0;
    for (const { item: other } of this.#inFlight.values()) {
      tenants.add(other.tenantId);
      if (other.tenantId === item.tenantId) held++;
    }
    if (held > Math.ceil(this.options.concurrency / tenants.size)) return undefined;
    return { worker: this.workerId, leaseMs: this.#leaseMs };
  }

  #spawn(item: WorkItem, handoffs = 0): void {
    const abort = new AbortController();
    this.options.stepStarted?.(item.tenantId);
    const started = performance.now();
    const observe = (outcome: 'processed' | 'error') => this.options.onStep?.(item, (performance.now() - started) / 1000, outcome);
    let next: WorkItem | undefined;
    // Embedded PGlite answers on this thread, through promises only: without a turn of the event loop
    // between steps, a backlog would run start to finish with timers and HTTP requests waiting behind it.
    const done = yieldToEventLoop()
      .then(() => (this.options.jobs?.owns(item) ? this.options.jobs.run(item, abort.signal) : this.#attempts.run(item, abort.signal)))
      .then((handed) => {
        next = handed || undefined;
        observe('processed');
      })
      .catch(async (err) => {
        if (abort.signal.aborted) return; // stopping: stop() hands the claim back
        observe('error');
        // Infrastructure trouble (database unreachable, …): try this attempt again shortly.
        this.#log('error', 'workflow step could not be processed; retrying', { err, tenant: item.tenantId, run: item.runId, step: item.stepId });
        await this.queue.release(item, 1000).catch((releaseErr: unknown) => {
          // The item stays leased to this worker, and the heartbeat extends every lease the worker
          // holds: left alone it would never come back while this worker is busy. Try with each heartbeat.
          this.#unreleased.set(item.id, item);
          this.#log('error', 'could not hand a step back to the queue; trying again with the next heartbeat', {
            err: releaseErr,
            tenant: item.tenantId,
            run: item.runId,
            step: item.stepId,
          });
        });
      })
      .finally(() => {
        this.options.stepTime?.(item.tenantId, (performance.now() - started) / 1000);
        this.#inFlight.delete(item.id);
        if (next && this.#running) {
          // The run's next step, leased to this worker already: it takes over the slot.
          this.stats.handedOver++;
          this.#spawn(next, handoffs + 1);
        } else {
          // Handed over while stopping: back to the queue with the rest (stop() waits for this).
          if (next) this.#unreleased.set(next.id, next);
          this.wake();
        }
      });
    this.#inFlight.set(item.id, { item, abort, done, handoffs });
  }

  /**
   * Delete finished runs older than each tenant's retention, in the tenant's own scope, a bounded
   * batch per statement, tenants taking turns until none has more to delete (a backlog never holds
   * one long transaction, nor keeps the other tenants waiting behind it). Returns how many went.
   */
  async #pruneRuns(): Promise<number> {
    let pending = await this.queue.tenantsWithRuns();
    let deleted = 0;
    while (pending.length > 0 && this.#running) {
      const more: string[] = [];
      for (const tenantId of pending) {
        if (!this.#running) break;
        try {
          const n = await this.runs.prune(tenantId, RETENTION_BATCH);
          deleted += n;
          if (n === RETENTION_BATCH) more.push(tenantId);
        } catch (error) {
          // Deleted or suspended meanwhile: nothing to do. Anything else: the next sweep tries again.
          if (!(error instanceof TenantNotFoundError || error instanceof TenantSuspendedError)) {
            this.#log('warn', 'deleting expired workflow runs failed', { err: error, tenant: tenantId });
          }
        }
        await yieldToEventLoop();
      }
      pending = more;
    }
    if (deleted > 0) this.#log('info', 'deleted workflow runs past their retention', { runs: deleted });
    return deleted;
  }
}
