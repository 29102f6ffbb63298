import { sql, type UpdateObject } from 'kysely';
import type { ScopeRunner } from '../records/records.js';
import type { TenantInfo, TenantScope, WithTenantOptions } from '../storage/scope.js';
import type { TenantDatabase } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import { Coalescer } from './coalesce.js';
import type { StepDefinition, WorkflowDefinition } from './definition.js';
import { boundedJson, type RunStatus, type StepStatus } from './runs.js';

/** What a worker needs to run one step attempt, read and marked `running` in one statement. */
export type BeginResult =
  | { state: 'missing' }
  | { state: 'settled'; stepStatus: StepStatus; runStatus: RunStatus; definition: WorkflowDefinition }
  | {
      state: 'run';
      /** The run's workflow (what its steps' writes are audited as). */
      workflow: string;
      step: StepDefinition;
      definition: WorkflowDefinition;
      input: unknown;
      outputs: Record<string, unknown>;
      attempts: number;
      /** The attempt before this one was lost (its worker died or its lease ran out). */
      lostBefore: boolean;
      wakeAt: Date | null;
      /** The tenant's plan limit for one JSONata evaluation. */
      evaluationTimeoutMs: number;
    };

/**
 * The engine's side of a run: the state machine of each step attempt in the tenant's `run_steps`
 * (queued → running → succeeded, failed, or queued again), and the run's own status in `runs` as its
 * steps settle. Every change to a running step is fenced by the claim token it was begun under, so an
 * attempt that lost its claim changes nothing. Concurrent calls of one tenant are coalesced into one
 * statement each (see Coalescer).
 */
export class StepStates {
  constructor(
    private readonly scopes: ScopeRunner,
    /**
     * Tenants whose step bookkeeping may commit asynchronously (WithTenantOptions.asyncCommit): only
     * those whose storage writes the same WAL as the queue, so a queue change that follows a step
     * change can never survive a crash that lost it.
     */
    private readonly asyncCommit: (tenant: TenantInfo) => boolean = () => false,
  ) {}

  get #write(): WithTenantOptions {
    return { singleStatement: true, asyncCommit: this.asyncCommit };
  }

  /**
   * Mark a step attempt `running` under claim `token` and read what it needs, in one statement. A step
   * that is no longer queued or running (done, skipped, cancelled) or a run that ended is `settled`.
   */
  begin(tenantId: string, runId: string, stepId: string, token: string): Promise<BeginResult> {
    return this.#begin.call(tenantId, { runId, stepId, token });
  }

  readonly #begin = new Coalescer<{ runId: string; stepId: string; token: string }, BeginResult>((tenantId, batch) =>
    this.scopes(
      tenantId,
      async (scope) => {
        const items = JSON.stringify(batch.map((b, i) => ({ i, run_id: b.runId, step_id: b.stepId, token: b.token })));
        const { rows } = await sql<{
          i: number;
          run_status: string | null;
          workflow: string | null;
          input: unknown;
          definition: WorkflowDefinition | null;
          before: string | null;
          began: boolean;
          attempts: number | null;
          wake_at: Date | null;
          outputs: Record<string, unknown> | null;
        }>`/* prepare:tenantry_wf_begin */
          WITH v AS (SELECT * FROM jsonb_to_recordset(${items}::jsonb) AS v (i int, run_id uuid, step_id text, token bigint)),
          s AS (
            UPDATE run_steps st SET status = 'running', claim = v.token,
                   attempts = st.attempts + (st.wake_at IS NULL)::int, started_at = coalesce(st.started_at, now())
              FROM v
             WHERE st.run_id = ANY (ARRAY(SELECT run_id FROM v)) AND st.run_id = v.run_id AND st.step_id = v.step_id AND st.status IN ('queued', 'running')
               AND EXISTS (SELECT 1 FROM runs WHERE id = v.run_id AND status IN ('queued', 'running'))
            RETURNING st.run_id, st.step_id, st.attempts, st.wake_at),
          r AS (UPDATE runs SET status = 'running', started_at = now() WHERE id = ANY (ARRAY(SELECT run_id FROM s)) AND status = 'queued')
          SELECT v.i, runs.status AS run_status, runs.workflow, runs.input, runs.definition, b.status AS before,
                 s.run_id IS NOT NULL AS began, s.attempts, s.wake_at,
                 (SELECT jsonb_object_agg(o.step_id, o.output) FROM run_steps o WHERE o.run_id = v.run_id AND o.status = 'succeeded') AS outputs
            FROM v
            LEFT JOIN LATERAL (SELECT status, workflow, input, definition FROM runs WHERE runs.id = v.run_id LIMIT 1) runs ON true
            LEFT JOIN LATERAL (SELECT status FROM run_steps b WHERE b.run_id = v.run_id AND b.step_id = v.step_id LIMIT 1) b ON true
            LEFT JOIN s ON s.run_id = v.run_id AND s.step_id = v.step_id`.execute(scope.db);
        const out: BeginResult[] = [];
        for (const row of rows) {
          const stepId = batch[row.i]!.stepId;
          if (row.run_status === null || row.before === null || row.definition === null) out[row.i] = { state: 'missing' };
          else if (!row.began) {
            out[row.i] = { state: 'settled', stepStatus: row.before as StepStatus, runStatus: row.run_status as RunStatus, definition: row.definition };
          } else {
            out[row.i] = {
              state: 'run',
              workflow: row.workflow!,
              step: row.definition.steps.find((st) => st.id === stepId)!,
              definition: row.definition,
              input: row.input,
              outputs: row.outputs ?? {},
              attempts: row.attempts!,
              lostBefore: row.before === 'running',
              wakeAt: row.wake_at ? new Date(row.wake_at) : null,
              evaluationTimeoutMs: planLimits(scope.tenant).evaluationTimeoutMs,
            };
          }
        }
        return out;
      },
      this.#write,
    ),
  );

  /**
   * Record a step's success if `token` still holds it. `effect`, when given, runs in the same
   * transaction first (records.write): the effect and the step's completion commit together or not at all.
   * Resolves false when the attempt was fenced off (the run was cancelled, or a newer claim owns the step).
   */
  async succeed(
    tenantId: string,
    runId: string,
    stepId: string,
    token: string,
    output: unknown,
    effect?: (scope: TenantScope) => Promise<unknown>,
  ): Promise<boolean> {
    const finish = (scope: TenantScope, text: string) =>
      fencedUpdate(scope, { runId, stepId, token }, { status: 'succeeded', output: text, error: null, finished_at: sql`now()`, claim: null, wake_at: null });
    if (!effect) return this.#succeed.call(tenantId, { runId, stepId, token, output: boundedJson(output, 'output') });
    try {
      return await this.scopes(tenantId, async (scope) => {
        const value = await effect(scope);
        if (!(await finish(scope, boundedJson(value, 'output')))) throw new Fenced();
        return true;
      });
    } catch (error) {
      if (error instanceof Fenced) return false;
      throw error;
    }
  }

  readonly #succeed = new Coalescer<{ runId: string; stepId: string; token: string; output: string }, boolean>((tenantId, batch) =>
    this.scopes(
      tenantId,
      async (scope) => {
        const items = JSON.stringify(batch.map((b, i) => ({ i, run_id: b.runId, step_id: b.stepId, token: b.token, output: b.output })));
        const { rows } = await sql<{ i: number }>`/* prepare:tenantry_wf_succeed */
          WITH v AS (SELECT * FROM jsonb_to_recordset(${items}::jsonb) AS v (i int, run_id uuid, step_id text, token bigint, output text))
          UPDATE run_steps st SET status = 'succeeded', output = v.output::jsonb, error = NULL, finished_at = now(), claim = NULL, wake_at = NULL
            FROM v
           WHERE st.run_id = ANY (ARRAY(SELECT run_id FROM v)) AND st.run_id = v.run_id AND st.step_id = v.step_id AND st.claim = v.token AND st.status = 'running'
          RETURNING v.i`.execute(scope.db);
        const done = new Set(rows.map((r) => r.i));
        return batch.map((_, i) => done.has(i));
      },
      this.#write,
    ),
  );

  /**
   * succeed() and advance() in one statement: record the step's success if `token` still holds it,
   * queue the dependents whose needs have now all succeeded, and end the run when nothing is left.
   * `ok` is false when the attempt was fenced off (then nothing changed).
   *
   * One statement sees one snapshot, so a sibling finishing at the same moment in another transaction
   * is invisible to it: two siblings that both a dependent needs could each see the other still running
   * and neither queue it, and the last two branches of a run could each leave the run open. Where the
   * definition allows that (`definition`: the step has a dependent with more needs than this step, or
   * is one of several steps nothing depends on), advance() runs again after the commit — the two-
   * statement path's guarantee, at its cost. A chain's step, and the one last step of any run, never
   * need it: one statement, one round trip, one commit.
   */
  async succeedAndAdvance(
    tenantId: string,
    runId: string,
    stepId: string,
    token: string,
    output: unknown,
    definition: WorkflowDefinition,
  ): Promise<{ ok: boolean; ready: string[] }> {
    const done = await this.#finish.call(tenantId, { runId, stepId, token, output: boundedJson(output, 'output') });
    if (!done.ok || !needsSecondLook(definition, stepId)) return done;
    const { ready } = await this.advance(tenantId, runId, stepId, []);
    return { ok: true, ready: [...new Set([...done.ready, ...ready])] };
  }

  readonly #finish = new Coalescer<{ runId: string; stepId: string; token: string; output: string }, { ok: boolean; ready: string[] }>((tenantId, batch) =>
    this.scopes(
      tenantId,
      async (scope) => {
        const items = JSON.stringify(batch.map((b, i) => ({ i, run_id: b.runId, step_id: b.stepId, token: b.token, output: b.output })));
        const { rows } = await sql<{ i: number; ready: string | null }>`/* prepare:tenantry_wf_finish */
          WITH v AS (SELECT * FROM jsonb_to_recordset(${items}::jsonb) AS v (i int, run_id uuid, step_id text, token bigint, output text)),
          done AS (
            UPDATE run_steps st SET status = 'succeeded', output = v.output::jsonb, error = NULL, finished_at = now(), claim = NULL, wake_at = NULL
              FROM v
             WHERE st.run_id = ANY (ARRAY(SELECT run_id FROM v)) AND st.run_id = v.run_id AND st.step_id = v.step_id AND st.claim = v.token AND st.status = 'running'
            RETURNING v.i, st.run_id, st.step_id),
          -- This statement's snapshot still shows the steps it succeeds as running: they count as succeeded.
          ready AS (
            UPDATE run_steps d SET status = 'queued'
              FROM done
             WHERE d.run_id = ANY (ARRAY(SELECT run_id FROM done)) AND d.run_id = done.run_id AND d.status = 'pending' AND done.step_id = ANY (d.needs)
               AND NOT EXISTS (
                 SELECT 1 FROM run_steps n WHERE n.run_id = d.run_id AND n.step_id = ANY (d.needs) AND n.status <> 'succeeded'
                    AND NOT EXISTS (SELECT 1 FROM done x WHERE x.run_id = n.run_id AND x.step_id = n.step_id))
            RETURNING d.run_id, d.step_id),
          fin AS (
            UPDATE runs r SET finished_at = now(),
                   status = CASE WHEN EXISTS (SELECT 1 FROM run_steps WHERE run_id = r.id AND status = 'failed') THEN 'failed' ELSE 'succeeded' END
             WHERE r.id = ANY (ARRAY(SELECT run_id FROM done)) AND r.status IN ('queued', 'running')
               AND NOT EXISTS (SELECT 1 FROM ready WHERE ready.run_id = r.id)
               AND NOT EXISTS (
                 SELECT 1 FROM run_steps st WHERE st.run_id = r.id AND st.status IN ('pending', 'queued', 'running')
                    AND NOT EXISTS (SELECT 1 FROM done x WHERE x.run_id = st.run_id AND x.step_id = st.step_id)))
          SELECT done.i, ready.step_id AS ready FROM done LEFT JOIN ready ON ready.run_id = done.run_id`.execute(scope.db);
        const out = batch.map(() => ({ ok: false, ready: [] as string[] }));
        for (const row of rows) {
          out[row.i]!.ok = true;
          if (row.ready !== null) out[row.i]!.ready.push(row.ready);
        }
        return out;
      },
      this.#write,
    ),
  );

  /**
   * Put a step back to `queued` (a retry to come, or a delay step's wait); false when fenced off.
   * `refundAttempt`: the attempt never really ran (the sandbox was full), so it does not count.
   */
  async requeue(
    tenantId: string,
    runId: string,
    stepId: string,
    token: string,
    change: { error?: string; wakeAt?: Date; refundAttempt?: boolean },
  ): Promise<boolean> {
    return this.scopes(
      tenantId,
      (scope) =>
        fencedUpdate(
          scope,
          { runId, stepId, token },
          {
            status: 'queued',
            claim: null,
            ...(change.error !== undefined && { error: change.error }),
            ...(change.wakeAt && { wake_at: change.wakeAt }),
            // begin() counts an attempt unless the step was woken from a delay (wake_at set).
            ...(change.refundAttempt && { attempts: sql<number>`CASE WHEN wake_at IS NULL THEN greatest(attempts - 1, 0) ELSE attempts END` }),
          },
        ),
      this.#write,
    );
  }

  /** Record a step's final failure; false when fenced off. */
  async fail(tenantId: string, runId: string, stepId: string, token: string, error: string): Promise<boolean> {
    return this.scopes(
      tenantId,
      (scope) => fencedUpdate(scope, { runId, stepId, token }, { status: 'failed', error: error.slice(0, 4000), finished_at: sql`now()`, claim: null }),
      this.#write,
    );
  }

  /**
   * After `stepId` settled: queue the pending steps whose needs all succeeded, skip `skip` (the
   * dependents of a failed step), and end the run when nothing is left to do. Runs in its own statement,
   * after the step's change committed, so of two siblings finishing at once the later one always sees
   * both (and an interrupted advance is simply repeated). Returns the steps to queue: those queued
   * now, and dependents queued before (a repeated advance after a crash re-queues them).
   */
  async advance(tenantId: string, runId: string, stepId: string, skip: readonly string[]): Promise<{ ready: string[] }> {
    return { ready: await this.#advance.call(tenantId, { runId, stepId, skip }) };
  }

  /** advance() for many settled steps of one tenant in one statement; the steps to queue, per item. */
  readonly #advance = new Coalescer<{ runId: string; stepId: string; skip: readonly string[] }, string[]>((tenantId, batch) =>
    this.scopes(
      tenantId,
      async (scope) => {
        const items = JSON.stringify(batch.map((b) => ({ run_id: b.runId, step_id: b.stepId, skip: b.skip })));
        const { rows } = await sql<{ run_id: string; step_id: string }>`/* prepare:tenantry_wf_advance */
          WITH v AS (SELECT * FROM jsonb_to_recordset(${items}::jsonb) AS v (run_id uuid, step_id text, skip jsonb)),
          ready AS (
            UPDATE run_steps d SET status = 'queued'
              FROM v
             WHERE d.run_id = ANY (ARRAY(SELECT run_id FROM v)) AND d.run_id = v.run_id AND d.status = 'pending' AND v.step_id = ANY (d.needs)
               AND NOT EXISTS (SELECT 1 FROM run_steps n WHERE n.run_id = d.run_id AND n.step_id = ANY (d.needs) AND n.status <> 'succeeded')
            RETURNING d.run_id, d.step_id),
          -- Queued by an earlier advance whose process died before queueing them: queue them again
          -- (queueing is idempotent per step).
          earlier AS (
            SELECT d.run_id, d.step_id FROM run_steps d JOIN v ON d.run_id = v.run_id AND v.step_id = ANY (d.needs)
             WHERE d.run_id = ANY (ARRAY(SELECT run_id FROM v)) AND d.status = 'queued'),
          skipping AS (SELECT v.run_id, s AS step_id FROM v, jsonb_array_elements_text(v.skip) AS s),
          skipped AS (
            UPDATE run_steps st SET status = 'skipped', finished_at = now()
              FROM skipping k
             WHERE st.run_id = ANY (ARRAY(SELECT run_id FROM skipping)) AND st.run_id = k.run_id AND st.step_id = k.step_id AND st.status = 'pending'),
          fin AS (
            UPDATE runs r SET finished_at = now(),
                   status = CASE WHEN EXISTS (SELECT 1 FROM run_steps WHERE run_id = r.id AND status = 'failed') THEN 'failed' ELSE 'succeeded' END
             WHERE r.id = ANY (ARRAY(SELECT run_id FROM v)) AND r.status IN ('queued', 'running')
               AND NOT EXISTS (
                 SELECT 1 FROM run_steps st WHERE st.run_id = r.id AND st.status IN ('pending', 'queued', 'running')
                    -- being skipped by this statement (its own snapshot still shows them pending)
                    AND NOT (st.status = 'pending' AND EXISTS (SELECT 1 FROM skipping k WHERE k.run_id = st.run_id AND k.step_id = st.step_id))))
          SELECT run_id::text, step_id FROM ready UNION SELECT run_id::text, step_id FROM earlier`.execute(scope.db);
        // Steps queued for a run go to every item of that run (queueing is idempotent).
        return batch.map((b) => rows.filter((r) => r.run_id === b.runId).map((r) => r.step_id));
      },
      this.#write,
    ),
  );
}

class Fenced extends Error {}

/**
 * Whether a step's success must be followed by a separate advance() (see StepStates.succeedAndAdvance):
 * some step needs it and another step too, or it is one of several steps nothing depends on.
 */
export function needsSecondLook(definition: WorkflowDefinition, stepId: string): boolean {
  let dependents = 0;
  let sinks = 0;
  const needed = new Set<string>();
  for (const s of definition.steps) {
    for (const n of s.needs ?? []) needed.add(n);
    if (s.needs?.includes(stepId)) {
      dependents++;
      if (s.needs.length > 1) return true;
    }
  }
  for (const s of definition.steps) if (!needed.has(s.id)) sinks++;
  return dependents === 0 && sinks > 1;
}

/** Change a running step only if claim `token` still holds it; resolves whether it did. */
async function fencedUpdate(
  scope: TenantScope,
  at: { runId: string; stepId: string; token: string },
  set: UpdateObject<TenantDatabase, 'run_steps'>,
): Promise<boolean> {
  const result = await scope.db
    .updateTable('run_steps')
    .set(set)
    .where('run_id', '=', at.runId)
    .where('step_id', '=', at.stepId)
    .where('claim', '=', at.token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
