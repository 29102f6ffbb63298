import { sql, type UpdateObject } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { TenantryError, ValidationError } from '../errors.js';
import type { ScopeRunner } from '../records/records.js';
import { tenantIdOf, type TenantInfo, type TenantRef, type TenantScope, type WithTenantOptions } from '../storage/scope.js';
import { isoTimestamp, type TenantDatabase } from '../storage/tenant-db.js';
import type { StepDefinition, WorkflowDefinition } from './definition.js';
import { Coalescer } from './coalesce.js';
import { HOLD_MS, type WorkQueue } from './queue.js';
import { planLimits } from '../tenancy/plans.js';

/** A step's output or a run's input, as JSON text, is at most this long; more fails the step (or is a 400). */
export const MAX_OUTPUT_BYTES = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface StepView {
  id: string;
  kind: string;
  status: StepStatus;
  attempts: number;
  output: unknown;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunSummary {
  id: string;
  workflow: string;
  revision: number;
  status: RunStatus;
  trigger: 'manual' | 'schedule';
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunView extends RunSummary {
  input: unknown;
  steps: StepView[];
}

type RunRow = {
  id: string;
  workflow: string;
  revision: number;
  status: string;
  trigger: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const ts = (v: Date | string | null): string | null => (v === null ? null : isoTimestamp(v));

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    workflow: row.workflow,
    revision: row.revision,
    status: row.status as RunStatus,
    trigger: row.trigger as RunSummary['trigger'],
    createdAt: isoTimestamp(row.created_at),
    startedAt: ts(row.started_at),
    finishedAt: ts(row.finished_at),
  };
}

/** What a worker needs to run one step attempt, read and marked `running` in one statement. */
export type BeginResult =
  | { state: 'missing' }
  | { state: 'settled'; stepStatus: StepStatus; runStatus: RunStatus; definition: WorkflowDefinition }
  | {
      state: 'run';
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

/** Every step that (transitively) needs `stepId`: skipped when it fails. */
export function dependentsOf(definition: WorkflowDefinition, stepId: string): string[] {
  const out = new Set<string>();
  const walk = (id: string) => {
    for (const s of definition.steps) {
      if (s.needs?.includes(id) && !out.has(s.id)) {
        out.add(s.id);
        walk(s.id);
      }
    }
  };
  walk(stepId);
  return [...out];
}

/** JSON text of `value`, or a ValidationError when it is larger than MAX_OUTPUT_BYTES. */
export function boundedJson(value: unknown, what: string): string {
  const text = JSON.stringify(value === undefined ? null : value);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_OUTPUT_BYTES) throw new ValidationError(`${what} is ${bytes} bytes of JSON; the limit is ${MAX_OUTPUT_BYTES}`);
  return text;
}

/**
 * Runs of one tenant's workflows: history and step states in the tenant's own `runs` and `run_steps`
 * tables, reached only through its scope. Starting a run queues its first steps (WorkQueue, held) before
 * the run row exists, then releases them: a crash in between leaves queue items that find no run (the
 * worker drops them after a grace period) rather than a run nothing will ever execute.
 */
export class RunsService {
  constructor(
    private readonly scopes: ScopeRunner,
    private readonly queue: WorkQueue,
    /** Called after a run is queued (the in-process engine wakes at once instead of at its next poll). */
    private readonly onQueued: () => void = () => {},
    /**
     * Tenants whose step bookkeeping may commit asynchronously: those whose storage shares the queue's
     * WAL (same cluster), so a queue change can never outlive the step state it follows.
     */
    private readonly sameWal: (tenant: TenantInfo) => boolean = () => false,
  ) {}

  get #engineWrite(): WithTenantOptions {
    return { singleStatement: true, asyncCommit: this.sameWal };
  }

  async start(
    tenant: TenantRef,
    workflow: string,
    options: { input?: unknown; idempotencyKey?: string; trigger?: 'manual' | 'schedule' } = {},
  ): Promise<{ run: RunView; created: boolean }> {
    const inputText = boundedJson(options.input ?? null, 'input');
    const key = options.idempotencyKey ?? null;
    const tenantId = tenantIdOf(tenant);
    const found = await this.scopes(tenant, async (scope) => {
      const existing = key === null ? undefined : await this.#byKey(scope, workflow, key);
      if (existing) return { existing };
      const wf = await scope.db.selectFrom('workflows').select(['definition', 'revision']).where('name', '=', workflow).executeTakeFirst();
      if (!wf) throw new TenantryError('not_found', `no workflow '${workflow}'`);
      return { definition: wf.definition as WorkflowDefinition, revision: wf.revision };
    });
    if (found.existing) return { run: found.existing, created: false };
    const { definition, revision } = found as { definition: WorkflowDefinition; revision: number };

    const id = uuidv7();
    const roots = definition.steps.filter((s) => !s.needs?.length).map((s) => s.id);
    await this.queue.enqueue(tenantId, id, roots, new Date(Date.now() + HOLD_MS));
    const steps = definition.steps.map((s) => ({ step_id: s.id, needs: s.needs ?? [], status: s.needs?.length ? 'pending' : 'queued' }));
    const insert = this.scopes(
      tenant,
      async (scope) => {
        const { rows } = await sql<{ id: string }>`
          WITH run AS (
            INSERT INTO runs (id, workflow, revision, definition, input, trigger, idempotency_key)
            VALUES (${id}::uuid, ${workflow}, ${revision}, ${JSON.stringify(definition)}::jsonb, ${inputText}::jsonb, ${options.trigger ?? 'manual'}, ${key})
            ON CONFLICT (tenant_id, workflow, idempotency_key) DO NOTHING
            RETURNING id)
          INSERT INTO run_steps (run_id, step_id, needs, status)
          SELECT run.id, s.step_id, ARRAY(SELECT jsonb_array_elements_text(s.needs)), s.status
            FROM run, jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) AS s (step_id text, needs jsonb, status text)
          RETURNING run_id AS id`.execute(scope.db);
        return rows.length > 0;
      },
      { singleStatement: true },
    );
    const inserted = await insert.catch(async (error: unknown) => {
      await this.queue.dropRun(tenantId, id).catch(() => {}); // else the held items would look for this run for minutes
      throw error;
    });
    if (!inserted) {
      // Another request with the same key won the race: drop what we queued, answer with its run.
      await this.queue.dropRun(tenantId, id);
      const run = await this.scopes(tenant, (scope) => this.#byKey(scope, workflow, key!));
      if (!run) throw new TenantryError('internal', 'a run with this idempotency key vanished while it was being created');
      return { run, created: false };
    }
    await this.queue.publish(tenantId, id);
    this.onQueued();
    return { run: await this.scopes(tenant, (scope) => this.get(scope, id)), created: true };
  }

  async #byKey(scope: TenantScope, workflow: string, key: string): Promise<RunView | undefined> {
    const row = await scope.db.selectFrom('runs').select('id').where('workflow', '=', workflow).where('idempotency_key', '=', key).executeTakeFirst();
    return row ? this.get(scope, row.id) : undefined;
  }

  async get(scope: TenantScope, id: string): Promise<RunView> {
    if (!UUID.test(id)) throw new TenantryError('not_found', `no run '${id}'`);
    const row = await scope.db
      .selectFrom('runs')
      .select(['id', 'workflow', 'revision', 'status', 'trigger', 'created_at', 'started_at', 'finished_at', 'input', 'definition'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no run '${id}'`);
    const steps = await scope.db
      .selectFrom('run_steps')
      .select(['step_id', 'status', 'attempts', 'output', 'error', 'started_at', 'finished_at'])
      .where('run_id', '=', id)
      .execute();
    const byId = new Map(steps.map((s) => [s.step_id, s]));
    const definition = row.definition as WorkflowDefinition;
    return {
      ...toSummary(row),
      input: row.input,
      // In definition order, which is how the author wrote them.
      steps: definition.steps.map((d) => {
        const s = byId.get(d.id)!;
        return {
          id: d.id,
          kind: d.kind,
          status: s.status as StepStatus,
          attempts: s.attempts,
          output: s.output ?? null,
          error: s.error,
          startedAt: ts(s.started_at),
          finishedAt: ts(s.finished_at),
        };
      }),
    };
  }

  /** A workflow's runs, newest first; `after` is the last id of the previous page. */
  async list(scope: TenantScope, workflow: string, page: { after?: string; limit: number }): Promise<Array<RunSummary & { id: string }>> {
    let query = scope.db
      .selectFrom('runs')
      .select(['id', 'workflow', 'revision', 'status', 'trigger', 'created_at', 'started_at', 'finished_at'])
      .where('workflow', '=', workflow)
      .orderBy('id', 'desc')
      .limit(page.limit);
    if (page.after !== undefined) query = query.where('id', '<', page.after);
    return (await query.execute()).map(toSummary);
  }

  /** Cancel a queued or running run: its unfinished steps become `cancelled`; a running attempt's result is discarded. */
  async cancel(tenant: TenantRef, id: string): Promise<RunView> {
    const run = await this.scopes(tenant, async (scope) => {
      const current = await this.get(scope, id);
      if (current.status !== 'queued' && current.status !== 'running') {
        throw new TenantryError('run_finished', `run '${id}' is already ${current.status}`);
      }
      await scope.db
        .updateTable('runs')
        .set({ status: 'cancelled', finished_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      await scope.db
        .updateTable('run_steps')
        .set({ status: 'cancelled', finished_at: sql`now()`, claim: null })
        .where('run_id', '=', id)
        .where('status', 'in', ['pending', 'queued', 'running'])
        .execute();
      return this.get(scope, id);
    });
    await this.queue.dropRun(tenantIdOf(tenant), id);
    return run;
  }

  /**
   * Delete up to `limit` of the tenant's runs that finished (succeeded, failed or cancelled) more than
   * its plan's `runRetentionDays` ago; their steps go with them (ON DELETE CASCADE). Rows another
   * process is deleting at the same moment are skipped, not waited for. Returns how many were deleted.
   */
  async prune(tenantId: string, limit: number): Promise<number> {
    return this.scopes(
      tenantId,
      async (scope) => {
        const days = planLimits(scope.tenant).runRetentionDays;
        const { rows } = await sql<{ n: number }>`
          WITH expired AS (
            SELECT id FROM runs
             WHERE status IN ('succeeded', 'failed', 'cancelled') AND finished_at < now() - make_interval(days => ${days}::int)
             LIMIT ${limit}::int
             FOR UPDATE SKIP LOCKED),
          gone AS (DELETE FROM runs WHERE id = ANY (ARRAY(SELECT id FROM expired)) RETURNING 1)
          SELECT count(*)::int AS n FROM gone`.execute(scope.db);
        return rows[0]?.n ?? 0;
      },
      { singleStatement: true },
    );
  }

  // --- the engine's side ----------------------------------------------------------------------

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
          SELECT v.i, runs.status AS run_status, runs.input, runs.definition, b.status AS before,
                 s.run_id IS NOT NULL AS began, s.attempts, s.wake_at,
                 (SELECT jsonb_object_agg(o.step_id, o.output) FROM run_steps o WHERE o.run_id = v.run_id AND o.status = 'succeeded') AS outputs
            FROM v
            LEFT JOIN LATERAL (SELECT status, input, definition FROM runs WHERE runs.id = v.run_id LIMIT 1) runs ON true
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
      this.#engineWrite,
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
      this.#engineWrite,
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
      this.#engineWrite,
    );
  }

  /** Record a step's final failure; false when fenced off. */
  async fail(tenantId: string, runId: string, stepId: string, token: string, error: string): Promise<boolean> {
    return this.scopes(
      tenantId,
      (scope) => fencedUpdate(scope, { runId, stepId, token }, { status: 'failed', error: error.slice(0, 4000), finished_at: sql`now()`, claim: null }),
      this.#engineWrite,
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
      this.#engineWrite,
    ),
  );
}

class Fenced extends Error {}

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
