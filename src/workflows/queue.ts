import type { ControlDb } from '../storage/control-db.js';
import { quoteIdent, quoteLiteral } from '../storage/names.js';
import { TIERS } from '../tenancy/tiers.js';
import { TenantNotFoundError } from '../errors.js';
import { PLAN_LIMITS, planLimits } from '../tenancy/plans.js';
import { Coalescer } from './coalesce.js';

/**
 * The workflow engine's durable queue, in the control-plane database (catalog migration 3). A work
 * item is `{tenantId, runId, stepId}` plus the claim token; everything else about a run lives in the
 * tenant's own storage. Claims are one statement each: fairness and the per-tenant concurrency cap are
 * decided inside it, under a lock on the tenant's `queue_tenants` row, so they hold across every
 * worker process sharing the database (FOR UPDATE SKIP LOCKED, after Hatchet's multi-tenant queues).
 */

export interface WorkItem {
  id: string;
  tenantId: string;
  runId: string;
  stepId: string;
  /** The claim this worker holds; completing with an older token does nothing. */
  token: string;
  createdAt: Date;
}

export interface DueSchedule {
  tenantId: string;
  generation: number;
  /** The tenant's plan limit on how often one schedule may fire (PlanLimits.minScheduleIntervalMs). */
  minIntervalMs: number;
  workflow: string;
  cron: string;
  timezone: string;
  nextAt: Date;
  tenantStatus: string;
}

/** Tries of one enqueue whose tenant's queue row an idle sweep took meanwhile (see WorkQueue.sweepIdle). */
const ENQUEUE_TRIES = 5;

/** How long a new run's first steps stay held if publish() never comes. */
export const HOLD_MS = 5000;

/** A tenant's concurrent steps (PlanLimits.workflowConcurrency), decided inside the claim. */
const CAP = `CASE WHEN t.limits->>'workflowConcurrency' ~ '^[0-9]{1,6}$' THEN (t.limits->>'workflowConcurrency')::int
  ${TIERS.map((tier) => `WHEN t.tier = ${quoteLiteral(tier)} THEN ${PLAN_LIMITS[tier].workflowConcurrency}`).join('\n  ')}
  ELSE ${PLAN_LIMITS.free.workflowConcurrency} END`;

/** Slots of the claiming worker a tenant already holds: `$4` is `{tenantId: count}`, `$5` the most one tenant may hold. */
const HELD_HERE = `coalesce(($4::jsonb ->> q.tenant_id)::int, 0)`;

/**
 * The queue's statements are functions of the (quoted) schema that holds it, the catalog's (pg-boss
 * style), so nothing here assumes where the catalog lives.
 *
 * Offer work tenant by tenant, least recently served first, to active tenants below their cap that
 * have an item due; take at most `room` of each tenant's items, whole tenants in that order, up to the
 * worker's free slots. Tenants take turns across claims (each one served goes to the back of the
 * line), not within one: a claim's items come from as few tenants as it can, so the worker's
 * bookkeeping of them — one begin and one finish statement per tenant and batch (StepStates) — is a
 * few statements of many steps each, not one per tenant for a step or two each (interleaving every
 * tenant's first item, then every second, made 0.9 transactions per no-op step; this, 0.4:
 * bench:workflows). `room` is bounded twice: by the
 * tenant's cap across all workers (`running`), and by what the tenant may still take of this worker's
 * slots (`$5` minus what it holds here, `$4`), so one tenant never fills a process. `pick` locks the
 * tenants' rows, so `running` is read and raised by one claimer at a time: another claimer skips a
 * locked row, and one that reaches a row changed since its snapshot re-reads it (READ COMMITTED row
 * locking), never a stale count.
 */
const claimSql = (Q: string): string => `
WITH pick AS (
  SELECT q.tenant_id, q.served, least(${CAP} - q.running, $5::int - ${HELD_HERE}) AS room
    FROM ${Q}.queue_tenants q
    -- Two probes per queue row, shaped so that no statistics make either a read of a whole table (issue
    -- 19): the tenant's catalog row by its key (a plain join read the whole catalog, every tenant and
    -- not only those with a queue), and its first due item in work_items_ready's order (an EXISTS
    -- became a scan of every work item once the statistics said few were due; with the ORDER BY, only
    -- that index can stop at the first).
    CROSS JOIN LATERAL (SELECT t.tier, t.limits FROM ${Q}.tenants t WHERE t.id = q.tenant_id AND t.status = 'active' LIMIT 1) t
    CROSS JOIN LATERAL (
      SELECT 1 FROM ${Q}.work_items w
       WHERE w.tenant_id = q.tenant_id AND w.lease_until IS NULL AND w.available_at <= now()
       ORDER BY w.available_at
       LIMIT 1) due
   WHERE q.running < ${CAP}
     AND ${HELD_HERE} < $5::int
   ORDER BY q.served
   LIMIT $1
   FOR UPDATE OF q SKIP LOCKED
), candidates AS (
  -- A tenant's steps begun before (token > 0: woken from a delay, retried, or lost with a worker)
  -- first, then its new ones, each in due order; the second probe runs only if the first left room.
  SELECT c.id, p.tenant_id, p.served, row_number() OVER (PARTITION BY p.tenant_id ORDER BY c.fresh, c.available_at, c.id) AS rank
    FROM pick p CROSS JOIN LATERAL (
      SELECT * FROM (SELECT w.id, w.available_at, false AS fresh FROM ${Q}.work_items w
        WHERE w.tenant_id = p.tenant_id AND w.lease_until IS NULL AND w.token > 0 AND w.available_at <= now()
        ORDER BY w.available_at, w.id
        LIMIT least(p.room, $1)
        FOR UPDATE SKIP LOCKED) resumed
      UNION ALL
      SELECT * FROM (SELECT w.id, w.available_at, true AS fresh FROM ${Q}.work_items w
        WHERE w.tenant_id = p.tenant_id AND w.lease_until IS NULL AND w.token = 0 AND w.available_at <= now()
        ORDER BY w.available_at, w.id
        LIMIT least(p.room, $1)
        FOR UPDATE SKIP LOCKED) fresh
      LIMIT least(p.room, $1)) c
), taken AS (
  SELECT id FROM candidates ORDER BY served, tenant_id, rank LIMIT $1
), claimed AS (
  UPDATE ${Q}.work_items w
     SET lease_until = now() + $2 * interval '1 millisecond', token = w.token + 1, worker = $3
    FROM taken WHERE w.id = ANY (ARRAY(SELECT id FROM taken)) AND w.id = taken.id
  RETURNING w.id, w.tenant_id, w.run_id, w.step_id, w.token, w.created_at
), served AS (
  -- The tenants served now go to the back of the line: those given fewer steps ahead of those given
  -- more, else in their order. A claim cut short by the worker's free slots gives the last tenant it
  -- reached a few steps and the ones before all they could take; kept in line behind them, that
  -- tenant would be the one cut short every time round (a 3:1 split, measured: Jain 0.80).
  SELECT c.tenant_id, count(*)::int AS n, row_number() OVER (ORDER BY count(*), min(p.served), c.tenant_id) AS pos
    FROM claimed c JOIN pick p USING (tenant_id) GROUP BY c.tenant_id
), counted AS (
  UPDATE ${Q}.queue_tenants q SET running = q.running + s.n, served = (SELECT nextval('${Q}.queue_served')) * 10000 + s.pos
    FROM served s
   WHERE q.tenant_id = ANY (ARRAY(SELECT tenant_id FROM served)) AND q.tenant_id = s.tenant_id
)
SELECT id::text, tenant_id, run_id::text, step_id, token::text, created_at FROM claimed`;

/**
 * Give a lease back: the item's tenant runs one step fewer. Used by ack, release and the reaper. The
 * `= ANY (ARRAY(…))` makes the tenants' rows a probe of the key whatever the statistics (a hash join
 * read every queue tenant's row to change a few).
 */
const unleaseSql = (Q: string, items: string): string => `
UPDATE ${Q}.queue_tenants q SET running = q.running - c.n
  FROM (SELECT tenant_id, count(*)::int AS n FROM ${items} GROUP BY tenant_id) c
 WHERE q.tenant_id = ANY (ARRAY(SELECT tenant_id FROM ${items})) AND q.tenant_id = c.tenant_id`;

export class WorkQueue {
  readonly #Q: string;
  readonly #claimSql: string;

  constructor(private readonly db: ControlDb) {
    this.#Q = quoteIdent(db.schema);
    this.#claimSql = claimSql(this.#Q);
  }

  /**
   * One statement, committed without waiting for the WAL to reach disk: a server crash can lose the
   * last moments of queue changes, and every one of them is safe to lose — a lost claim or heartbeat
   * lets the lease run out, a lost ack or release brings the item back, and a step found settled is
   * only moved on (its state is committed in the tenant's storage before the queue hears of it).
   * `durable` waits for the disk as usual: a new run's first steps, a schedule.
   */
  #query<R>(text: string, params: readonly unknown[] = [], durable = false, name?: string): Promise<R[]> {
    return this.db.executeSql<R>(text, params, durable ? {} : { asyncCommit: true, name });
  }

  /**
   * Queue steps of one run, due now or at `at`. Idempotent per (tenant, run, step). A new run's first
   * steps are queued held (due in HOLD_MS) and released by publish() once the run row exists, so no
   * worker looks for a run that is not there yet; if the creator dies in between, they fall due anyway.
   */
  async enqueue(tenantId: string, runId: string, stepIds: readonly string[], at?: Date): Promise<void> {
    if (stepIds.length === 0) return;
    // The tenant's queue row may be swept away (sweepIdle) between this statement finding it and its
    // foreign-key check: the check then fails, nothing is written, and the next try queues the row anew.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#query(
          `WITH tenant AS (INSERT INTO ${this.#Q}.queue_tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING),
           known AS (INSERT INTO ${this.#Q}.workflow_tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING)
           INSERT INTO ${this.#Q}.work_items (tenant_id, run_id, step_id, available_at)
           SELECT $1, $2::uuid, s, coalesce($4::timestamptz, now()) FROM jsonb_array_elements_text($3::jsonb) AS s
           ON CONFLICT (tenant_id, run_id, step_id) DO NOTHING`,
          [tenantId, runId, JSON.stringify(stepIds), at?.toISOString() ?? null],
          true,
        );
        return;
      } catch (error) {
        // 23503 for good (the tenant itself is gone) after a few tries: a sweep takes a row once per idle spell.
        if ((error as { code?: string }).code !== '23503' || attempt >= ENQUEUE_TRIES) throw error;
      }
    }
  }

  /**
   * Take up to `limit` idle tenants (no work items, none running) out of the queue, so the claim's scan
   * of queue_tenants covers only tenants with work; a tenant's next enqueue puts its row back (at the
   * front of the line, as a newcomer). Returns the tenants removed.
   *
   * Two statements in one transaction, because an enqueue may be adding the tenant's first item at
   * the same moment, and deleting the row would take that item with it (ON DELETE CASCADE):
   *  1. lock idle rows FOR UPDATE SKIP LOCKED. An enqueue whose foreign-key check holds the row (FOR
   *     KEY SHARE, until it commits) makes it skipped; one whose check comes later waits for this
   *     transaction, then fails on the deleted row and tries again (enqueue), re-creating it.
   *  2. with a snapshot taken after the locks, delete the locked rows that still have no work item:
   *     an item committed before the lock was taken is seen here, and keeps its tenant's row.
   * The locked tenants pass from 1 to 2 in a transaction-local setting.
   */
  async sweepIdle(limit = 1000): Promise<string[]> {
    const idle = (q: string) => `${q}.running = 0 AND NOT EXISTS (SELECT 1 FROM ${this.#Q}.work_items w WHERE w.tenant_id = ${q}.tenant_id)`;
    const rows = await this.db.executeBatch<{ tenant_id: string }>([
      {
        sql: `SELECT set_config('tenantry.queue_sweep', coalesce((SELECT jsonb_agg(tenant_id) FROM (
                SELECT q.tenant_id FROM ${this.#Q}.queue_tenants q WHERE ${idle('q')} ORDER BY q.served LIMIT $1 FOR UPDATE SKIP LOCKED) c), '[]')::text, true)`,
        params: [limit],
      },
      {
        sql: `DELETE FROM ${this.#Q}.queue_tenants q
               WHERE q.tenant_id = ANY (ARRAY(SELECT jsonb_array_elements_text(current_setting('tenantry.queue_sweep')::jsonb))) AND ${idle('q')}
              RETURNING q.tenant_id`,
      },
    ]);
    return rows.map((r) => r.tenant_id);
  }

  /** Make a run's held items due now. */
  async publish(tenantId: string, runId: string): Promise<void> {
    await this.#query(
      `UPDATE ${this.#Q}.work_items SET available_at = now() WHERE tenant_id = $1 AND run_id = $2::uuid AND lease_until IS NULL AND available_at > now()`,
      [tenantId, runId],
      false,
      'tenantry_wf_publish',
    );
  }

  /**
   * Claim up to `max` items for `worker`, leased for `leaseMs`. `slots` bounds each tenant within this
   * worker: it holds `held[tenant]` of the worker's slots already and may hold `perTenant` at most.
   */
  async claim(
    max: number,
    leaseMs: number,
    worker: string,
    slots: { held: Readonly<Record<string, number>>; perTenant: number } = { held: {}, perTenant: max },
  ): Promise<WorkItem[]> {
    const rows = await this.#query<{ id: string; tenant_id: string; run_id: string; step_id: string; token: string; created_at: Date | string }>(
      this.#claimSql,
      [max, leaseMs, worker, JSON.stringify(slots.held), slots.perTenant],
      false,
      'tenantry_wf_claim',
    );
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, runId: r.run_id, stepId: r.step_id, token: r.token, createdAt: new Date(r.created_at) }));
  }

  /**
   * Done with an item: delete it and queue `next` steps of the same run. Concurrent acks go together in
   * one statement (see Coalescer).
   *
   * With `handoff`, the first of `next` is queued already leased to `handoff.worker` (as if it had
   * claimed it at once) and returned, for that worker to run without a round trip through the queue:
   * a chain's next step goes straight to the worker that finished its parent. Only if this claim
   * still held `item` (its lease passes to the new item, so the tenant's count of running steps, and
   * with it its cap, stays as it was); otherwise, or when the step is queued already, nothing is handed off.
   */
  async ack(item: WorkItem, next: readonly string[] = [], handoff?: { worker: string; leaseMs: number }): Promise<WorkItem | undefined> {
    return this.#ack.call('', { item, next, handoff });
  }

  readonly #ack = new Coalescer<{ item: WorkItem; next: readonly string[]; handoff?: { worker: string; leaseMs: number } }, WorkItem | undefined>(
    async (_, batch) => {
      const items = batch.map(({ item, next, handoff }, i) => ({
        i,
        id: item.id,
        token: item.token,
        tenant_id: item.tenantId,
        run_id: item.runId,
        next,
        worker: handoff?.worker ?? null,
        lease_ms: handoff?.leaseMs ?? null,
      }));
      const rows = await this.#query<{ i: number; id: string; tenant_id: string; run_id: string; step_id: string; token: string; created_at: Date | string }>(
        `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v (i int, id bigint, token bigint, tenant_id text, run_id uuid, next jsonb, worker text, lease_ms int)),
         done AS (
           DELETE FROM ${this.#Q}.work_items w USING v
            WHERE w.id = ANY (ARRAY(SELECT id FROM v)) AND w.id = v.id AND w.token = v.token AND w.lease_until IS NOT NULL RETURNING w.id, w.tenant_id),
         queued AS (
           INSERT INTO ${this.#Q}.work_items (tenant_id, run_id, step_id, token, lease_until, worker)
           SELECT v.tenant_id, v.run_id, s.step_id, CASE WHEN h.handoff THEN 1 ELSE 0 END,
                  CASE WHEN h.handoff THEN now() + v.lease_ms * interval '1 millisecond' END, CASE WHEN h.handoff THEN v.worker END
             FROM v CROSS JOIN LATERAL jsonb_array_elements_text(v.next) WITH ORDINALITY AS s (step_id, n)
             CROSS JOIN LATERAL (SELECT s.n = 1 AND v.worker IS NOT NULL AND EXISTS (SELECT 1 FROM done WHERE done.id = v.id) AS handoff) h
           ON CONFLICT (tenant_id, run_id, step_id) DO NOTHING
           RETURNING id, tenant_id, run_id, step_id, token, created_at, lease_until IS NOT NULL AS leased),
         delta AS (
           SELECT tenant_id, sum(d)::int AS d FROM (SELECT tenant_id, -1 AS d FROM done UNION ALL SELECT tenant_id, 1 FROM queued WHERE leased) x
            GROUP BY tenant_id HAVING sum(d) <> 0),
         -- A handed-off lease replaces the one given up: the tenant's row is left alone (no lock, no write).
         counted AS (
           UPDATE ${this.#Q}.queue_tenants q SET running = q.running + c.d FROM delta c
            WHERE q.tenant_id = ANY (ARRAY(SELECT tenant_id FROM delta)) AND q.tenant_id = c.tenant_id)
         -- Each handed-off item to one caller only (two siblings of a run may both have offered to take it).
         SELECT DISTINCT ON (q.id) v.i, q.id::text, q.tenant_id, q.run_id::text, q.step_id, q.token::text, q.created_at
           FROM queued q JOIN v ON v.tenant_id = q.tenant_id AND v.run_id = q.run_id AND v.worker IS NOT NULL AND v.next ->> 0 = q.step_id
          WHERE q.leased AND EXISTS (SELECT 1 FROM done WHERE done.id = v.id)
          ORDER BY q.id, v.i`,
        [JSON.stringify(items)],
        false,
        'tenantry_wf_ack',
      );
      const out: Array<WorkItem | undefined> = batch.map(() => undefined);
      for (const r of rows) {
        out[r.i] = { id: r.id, tenantId: r.tenant_id, runId: r.run_id, stepId: r.step_id, token: r.token, createdAt: new Date(r.created_at) };
      }
      return out;
    },
  );

  /** Give an item back to the queue, due after `delayMs` (a retry's backoff, a delay step's wait). */
  async release(item: WorkItem, delayMs: number): Promise<void> {
    await this.#query(
      `WITH back AS (
         UPDATE ${this.#Q}.work_items SET lease_until = NULL, worker = NULL, available_at = now() + $3 * interval '1 millisecond'
          WHERE id = $1::bigint AND token = $2::bigint AND lease_until IS NOT NULL RETURNING tenant_id)
       ${unleaseSql(this.#Q, 'back')}`,
      [item.id, item.token, delayMs],
    );
  }

  /** Extend the leases `worker` holds. */
  async heartbeat(worker: string, leaseMs: number): Promise<void> {
    await this.#query(`UPDATE ${this.#Q}.work_items SET lease_until = now() + $2 * interval '1 millisecond' WHERE worker = $1 AND lease_until IS NOT NULL`, [
      worker,
      leaseMs,
    ]);
  }

  /** Return items whose lease ran out (their worker died or stalled) to the queue; returns how many. */
  async reap(): Promise<number> {
    const rows = await this.#query<{ n: number }>(
      `WITH lost AS (
         UPDATE ${this.#Q}.work_items SET lease_until = NULL, worker = NULL, available_at = now()
          WHERE lease_until < now() RETURNING tenant_id),
       unleased AS (${unleaseSql(this.#Q, 'lost')})
       SELECT count(*)::int AS n FROM lost`,
    );
    return rows[0]?.n ?? 0;
  }

  /** Drop a run's items that no worker holds (a cancelled run); held ones are acked by their worker. */
  async dropRun(tenantId: string, runId: string): Promise<void> {
    await this.#query(`DELETE FROM ${this.#Q}.work_items WHERE tenant_id = $1 AND run_id = $2::uuid AND lease_until IS NULL`, [tenantId, runId]);
  }

  /** Items waiting or running, per tenant (an operator's or a test's view of the queue). */
  async depth(): Promise<Array<{ tenantId: string; queued: number; running: number }>> {
    const rows = await this.#query<{ tenant_id: string; queued: number; running: number }>(
      `SELECT q.tenant_id, q.running, (SELECT count(*)::int FROM ${this.#Q}.work_items w WHERE w.tenant_id = q.tenant_id AND w.lease_until IS NULL) AS queued
         FROM ${this.#Q}.queue_tenants q ORDER BY q.tenant_id`,
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, queued: r.queued, running: r.running }));
  }

  /** Items waiting (due or not) and claimed, per tier of their tenants (metrics: what workers scale on). */
  async depthByTier(): Promise<Array<{ tier: string; queued: number; running: number }>> {
    const rows = await this.#query<{ tier: string; queued: number; running: number }>(
      `SELECT t.tier, count(*) FILTER (WHERE w.lease_until IS NULL)::int AS queued, count(*) FILTER (WHERE w.lease_until IS NOT NULL)::int AS running
         FROM ${this.#Q}.work_items w JOIN ${this.#Q}.tenants t ON t.id = w.tenant_id GROUP BY t.tier`,
    );
    return rows;
  }

  // --- schedules -------------------------------------------------------------------------------

  /**
   * Set or (without `schedule`) remove a workflow's schedule, for one generation of the tenant: a
   * request of a tenant deleted meanwhile (and perhaps re-created under its id) changes nothing.
   */
  async setSchedule(
    tenant: { id: string; generation: number },
    workflow: string,
    schedule: { cron: string; timezone: string; nextAt: Date } | undefined,
  ): Promise<void> {
    if (!schedule) {
      await this.#query(
        `DELETE FROM ${this.#Q}.schedules WHERE tenant_id = $1 AND tenant_generation = $2 AND workflow = $3`,
        [tenant.id, tenant.generation, workflow],
        true,
      );
      return;
    }
    try {
      await this.#query(
        `INSERT INTO ${this.#Q}.schedules (tenant_id, tenant_generation, workflow, cron, timezone, next_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, workflow) DO UPDATE SET cron = excluded.cron, timezone = excluded.timezone, next_at = excluded.next_at
          WHERE (schedules.cron, schedules.timezone) IS DISTINCT FROM (excluded.cron, excluded.timezone)`,
        [tenant.id, tenant.generation, workflow, schedule.cron, schedule.timezone, schedule.nextAt.toISOString()],
        true,
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23503') throw new TenantNotFoundError(tenant.id);
      throw error;
    }
  }

  /**
   * Up to `limit` due schedules, at most `perTenant` of each tenant, every tenant's most overdue one
   * first (then every tenant's second, …): a tenant with many due schedules cannot push another's
   * out of a tick, nor ahead of it within one.
   */
  async dueSchedules(limit: number, perTenant = 2): Promise<DueSchedule[]> {
    const rows = await this.#query<{
      tenant_id: string;
      generation: string | number;
      workflow: string;
      cron: string;
      timezone: string;
      next_at: Date | string;
      status: string;
      tier: string;
      limits: Record<string, unknown> | null;
    }>(
      `SELECT d.tenant_id, d.tenant_generation AS generation, d.workflow, d.cron, d.timezone, d.next_at, t.status, t.tier, t.limits
         FROM (SELECT s.*, row_number() OVER (PARTITION BY s.tenant_id ORDER BY s.next_at, s.workflow) AS rank
                 FROM ${this.#Q}.schedules s WHERE s.next_at <= now()) d
         JOIN ${this.#Q}.tenants t ON t.id = d.tenant_id
        WHERE d.rank <= $2
        ORDER BY d.rank, d.next_at, d.tenant_id
        LIMIT $1`,
      [limit, perTenant],
    );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      generation: Number(r.generation),
      minIntervalMs: planLimits({ tier: r.tier, limits: r.limits ?? {} }).minScheduleIntervalMs,
      workflow: r.workflow,
      cron: r.cron,
      timezone: r.timezone,
      nextAt: new Date(r.next_at),
      tenantStatus: r.status,
    }));
  }

  /**
   * Tenants whose run history the engine looks after: those that ever queued a step or have a
   * schedule, and are active (a suspended tenant's data is left as it is until it is resumed).
   */
  async tenantsWithRuns(): Promise<string[]> {
    const rows = await this.#query<{ tenant_id: string }>(
      `SELECT t.id AS tenant_id FROM ${this.#Q}.tenants t
        WHERE t.status = 'active'
          AND (EXISTS (SELECT 1 FROM ${this.#Q}.workflow_tenants q WHERE q.tenant_id = t.id) OR EXISTS (SELECT 1 FROM ${this.#Q}.schedules s WHERE s.tenant_id = t.id))
        ORDER BY t.id`,
    );
    return rows.map((r) => r.tenant_id);
  }

  /** Move a schedule from slot `from` to `to`; false when another process moved it first. */
  async advanceSchedule(tenantId: string, workflow: string, from: Date, to: Date): Promise<boolean> {
    const rows = await this.#query(`UPDATE ${this.#Q}.schedules SET next_at = $4 WHERE tenant_id = $1 AND workflow = $2 AND next_at = $3 RETURNING 1`, [
      tenantId,
      workflow,
      from.toISOString(),
      to.toISOString(),
    ]);
    return rows.length === 1;
  }
}
