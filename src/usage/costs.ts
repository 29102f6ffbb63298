/**
 * Per-tenant cost attribution: database time, CPU time (step-seconds are the workflow engine's own,
 * `workflowStepSeconds`). What is measured, and how precisely:
 *
 * - **Database time** (`databaseSeconds`): the wall time of the tenant's scopes' statements, from
 *   handing a statement (or a batch: set-up + statement, BEGIN, COMMIT, ROLLBACK) to the driver until
 *   its result is parsed, summed. Statements only, not the whole scope: the time between statements
 *   is the handler's (counted as CPU below), and the wait for a connection or for the tenant's pool
 *   share is queueing, not database work. On PostgreSQL this is round trip plus server time; on the
 *   embedded PGlite the statement runs on this thread, so it is also CPU time of this process.
 * - **CPU time** (`cpuSeconds`): Node cannot say which request a CPU microsecond belongs to
 *   (process.cpuUsage is process-wide, and requests interleave on one thread), so this process's CPU
 *   (user + system, every thread) is sampled every TICK_MS and apportioned between the tenants whose
 *   work — an authenticated request, a workflow step or job — was in flight during the tick, in
 *   proportion to each tenant's in-flight time that was not spent waiting for a PostgreSQL server
 *   (with PGlite the database's CPU is this process's, so its statements count as running). It is an
 *   estimate: two tenants in flight at once share the tick's CPU by time, not by what each computed;
 *   one tenant alone in flight is charged exactly what the process used meanwhile (GC, the database
 *   driver and the HTTP parser included). CPU while no tenant work is in flight (timers, the queue's
 *   polling, control-plane requests, work before authentication) is charged to nobody and counted in
 *   `unattributedCpuSeconds`. Trainings and sandboxed evaluations run in child processes, one task
 *   at a time each: their CPU is measured exactly (the child's process.cpuUsage across the task) and
 *   charged to the task's tenant; a task killed at its deadline or out of memory reports nothing.
 *
 * Nothing allocates on the hot path: a unit or a statement costs two `performance.now()` and a few
 * additions on the tenant's TenantCost. Every tick folds the figures into the Meter (the hourly,
 * batched `usage` table), so they are flushed with the counts, and on graceful shutdown.
 */

import type { StatementClock } from '../storage/scope.js';

/** How often this process's CPU is sampled and apportioned (and figures handed to the meters). */
export const TICK_MS = 100;
/** Ticks a tenant with nothing in flight stays in the table before it is dropped (a minute). */
const FORGET_AFTER_TICKS = 600;

/** One tenant's running figures in this process, between two ticks. */
export class TenantCost {
  /** Statement time, in milliseconds, not yet handed to the meter. */
  dbMs = 0;
  /** CPU time, in milliseconds, not yet handed to the meter (apportioned, and children's measured). */
  cpuMs = 0;
  /** The tenant's units (requests, steps) in flight. */
  units = 0;
  /** Its statements in flight on a PostgreSQL server: that many units wait rather than run. */
  waiting = 0;
  /** Unit-milliseconds in flight and not waiting since the last tick: its share of the tick's CPU. */
  weight = 0;
  #last = performance.now();
  /** Ticks in a row with nothing in flight and nothing to hand over. */
  idleTicks = 0;
  /** A clock for statements sent to a server (waiting), and for PGlite's (running on this thread). */
  readonly remote: StatementClock;
  readonly local: StatementClock;

  constructor(readonly tenantId: string) {
    this.remote = {
      sent: () => {
        const now = performance.now();
        this.advance(now);
        this.waiting++;
        return now;
      },
      answered: (start) => {
        const now = performance.now();
        this.dbMs += now - start;
        this.advance(now);
        this.waiting--;
      },
      queued: () => this.#queued(),
    };
    this.local = {
      sent: () => performance.now(),
      answered: (start) => {
        this.dbMs += performance.now() - start;
      },
      queued: () => this.#queued(),
    };
  }

  /** A unit waits in a queue until the returned function is called: it takes no share of the CPU meanwhile. */
  #queued(): () => void {
    this.advance(performance.now());
    this.waiting++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.advance(performance.now());
      this.waiting--;
    };
  }

  /** Add the time since the last change, at the number of units running meanwhile. */
  advance(now: number): void {
    const running = this.units - this.waiting;
    if (running > 0) this.weight += running * (now - this.#last);
    this.#last = now;
  }

  /** A unit of the tenant's work (request, step) starts. */
  begin(): void {
    this.advance(performance.now());
    this.units++;
  }

  /** It ends. */
  end(): void {
    this.advance(performance.now());
    if (this.units > 0) this.units--;
  }
}

/** What a process's attribution adds up to since it started (Prometheus totals, no tenant labels). */
export interface CostTotals {
  /** Statement time of every tenant's scopes. */
  databaseSeconds: number;
  /** This process's CPU apportioned to tenants. */
  cpuSeconds: number;
  /** This process's CPU while no tenant work was in flight. */
  unattributedCpuSeconds: number;
  /** Child processes' CPU (trainings, sandboxed evaluations), measured per task. */
  childCpuSeconds: number;
}

type Sink = (tenantId: string, metric: 'databaseSeconds' | 'cpuSeconds', n: number) => void;

/**
 * Every CostAttribution of the process (several Tenantry instances in one process — tests, an
 * application embedding two — share its CPU): one sampler apportions the process's CPU between the
 * tenants of all of them, so nothing is charged twice.
 */
const ledgers = new Set<CostAttribution>();
let lastCpu = process.cpuUsage();
let sampler: NodeJS.Timeout | undefined;

/** Sample the process's CPU and apportion what it used since the last sample. */
function apportion(): void {
  const now = performance.now();
  const cpu = process.cpuUsage();
  const usedMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
  lastCpu = cpu;
  let total = 0;
  for (const ledger of ledgers) total += ledger.weigh(now);
  for (const ledger of ledgers) ledger.charge(usedMs, total);
}

/** Per-tenant database and CPU time of one Tenantry (see the top of this file); handed to `sink` (the Meter). */
export class CostAttribution {
  readonly #tenants = new Map<string, TenantCost>();
  readonly #sink: Sink;
  readonly totals: CostTotals = { databaseSeconds: 0, cpuSeconds: 0, unattributedCpuSeconds: 0, childCpuSeconds: 0 };
  #closed = false;

  constructor(sink: Sink) {
    this.#sink = sink;
    if (ledgers.size === 0) lastCpu = process.cpuUsage();
    ledgers.add(this);
    sampler ??= setInterval(() => {
      apportion();
      for (const ledger of ledgers) ledger.settle();
    }, TICK_MS).unref();
  }

  /** The tenant's running figures (created on first use). */
  of(tenantId: string): TenantCost {
    let cost = this.#tenants.get(tenantId);
    if (cost === undefined) this.#tenants.set(tenantId, (cost = new TenantCost(tenantId)));
    return cost;
  }

  /** The clock a scope of the tenant times its statements with (on a server: they wait; on PGlite: they run here). */
  clock(tenantId: string, backend: 'pglite' | 'postgres'): StatementClock {
    const cost = this.of(tenantId);
    return backend === 'postgres' ? cost.remote : cost.local;
  }

  /** A unit of the tenant's work begins; call `end` (once) when it is over. */
  begin(tenantId: string): TenantCost {
    const cost = this.of(tenantId);
    cost.begin();
    return cost;
  }

  /** CPU a child process measured for a task of the tenant (training, sandboxed evaluation). */
  childCpu(tenantId: string, seconds: number): void {
    if (!(seconds > 0)) return;
    this.of(tenantId).cpuMs += seconds * 1000;
    this.totals.childCpuSeconds += seconds;
  }

  /** (Sampler) The in-flight weights of this ledger's tenants up to `now`. */
  weigh(now: number): number {
    let total = 0;
    for (const cost of this.#tenants.values()) {
      cost.advance(now);
      total += cost.weight;
    }
    return total;
  }

  /** (Sampler) This ledger's tenants' shares of `usedMs`, by weight over every ledger's `total`. */
  charge(usedMs: number, total: number): void {
    if (total <= 0) {
      // Nobody's work was in flight: the process's own (counted once, by the first ledger).
      if (ledgers.values().next().value === this) this.totals.unattributedCpuSeconds += usedMs / 1000;
      return;
    }
    for (const cost of this.#tenants.values()) {
      if (cost.weight === 0) continue;
      const share = (usedMs * cost.weight) / total;
      cost.cpuMs += share;
      this.totals.cpuSeconds += share / 1000;
      cost.weight = 0;
    }
  }

  /** Hand what was measured to the sink (the Meter); forget tenants idle for a minute. */
  settle(): void {
    for (const [tenantId, cost] of this.#tenants) {
      if (cost.dbMs === 0 && cost.cpuMs === 0 && cost.units === 0 && cost.waiting === 0) {
        if (++cost.idleTicks > FORGET_AFTER_TICKS) this.#tenants.delete(tenantId);
        continue;
      }
      cost.idleTicks = 0;
      if (cost.dbMs > 0) {
        this.#sink(tenantId, 'databaseSeconds', cost.dbMs / 1000);
        this.totals.databaseSeconds += cost.dbMs / 1000;
        cost.dbMs = 0;
      }
      if (cost.cpuMs > 0) {
        this.#sink(tenantId, 'cpuSeconds', cost.cpuMs / 1000);
        cost.cpuMs = 0;
      }
    }
  }

  /** Apportion the CPU used so far and hand everything measured to the sink (before a flush). */
  settleNow(): void {
    if (!this.#closed) apportion();
    this.settle();
  }

  /** Hand over what is left and leave the sampler (the last ledger stops it). */
  close(): void {
    if (this.#closed) return;
    this.settleNow();
    this.#closed = true;
    ledgers.delete(this);
    if (ledgers.size === 0 && sampler !== undefined) {
      clearInterval(sampler);
      sampler = undefined;
    }
  }
}
