import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { TenantryError, ValidationError } from '../errors.js';
import type { ScopeRunner } from '../records/records.js';
import { tenantIdOf, type TenantRef, type TenantScope } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import type { WorkflowDefinition } from './definition.js';
import { HOLD_MS, type WorkQueue } from './queue.js';
import { planLimits } from '../tenancy/plans.js';

/** A step's output or a run's input, as JSON text, is at most this long; more fails the step (or is a 400). */
export const MAX_OUTPUT_BYTES = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A log line's level, message and fields (the server's pino, or `tenantry worker`'s JSON lines). */
export type WorkflowLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

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

/** JSON text of `value`, or a ValidationError when it is larger than MAX_OUTPUT_BYTES. */
export function boundedJson(value: unknown, what: string): string {
  const text = JSON.stringify(value === undefined ? null : value);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_OUTPUT_BYTES) throw new ValidationError(`${what} is ${bytes} bytes of JSON; the limit is ${MAX_OUTPUT_BYTES}`);
  return text;
}

/**
 * Runs of one tenant's workflows as their callers see them — start, read, list, cancel, and delete
 * past retention — in the tenant's own `runs` and `run_steps` tables, reached only through its scope
 * (what the engine does to a run's steps is StepStates). Starting a run queues its first steps
 * (WorkQueue, held) before the run row exists, then releases them: a crash in between leaves queue
 * items that find no run (the worker drops them after a grace period) rather than a run nothing will
 * ever execute.
 */
export class RunsService {
  constructor(
    private readonly scopes: ScopeRunner,
    private readonly queue: WorkQueue,
    /** Called after a run is queued (the in-process engine wakes at once instead of at its next poll). */
    private readonly onQueued: () => void = () => {},
    /** Where failures that do not fail their call go (cleaning up after a run that could not be created). */
    private readonly log: WorkflowLog = () => {},
  ) {}

  async start(
    tenant: TenantRef,
    workflow: string,
    options: { input?: unknown; idempotencyKey?: string; trigger?: 'manual' | 'schedule' } = {},
  ): Promise<{ run: RunView; created: boolean }> {
    const inputText = boundedJson(options.input ?? null, 'input');
    const key = options.idempotencyKey ?? null;
    const tenantId = tenantIdOf(tenant);
    const found = await this.scopes(tenant, async (scope) => {
      const existing = key === null ? undefined : await this.#byKey(scope, workflow, key, inputText);
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
        const { rows } = await sql<{ id: string; created_at: Date | string }>`
          WITH run AS (
            INSERT INTO runs (id, workflow, revision, definition, input, trigger, idempotency_key)
            VALUES (${id}::uuid, ${workflow}, ${revision}, ${JSON.stringify(definition)}::jsonb, ${inputText}::jsonb, ${options.trigger ?? 'manual'}, ${key})
            ON CONFLICT (tenant_id, workflow, idempotency_key) DO NOTHING
            RETURNING id, created_at)
          INSERT INTO run_steps (run_id, step_id, needs, status)
          SELECT run.id, s.step_id, ARRAY(SELECT jsonb_array_elements_text(s.needs)), s.status
            FROM run, jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) AS s (step_id text, needs jsonb, status text)
          RETURNING run_id AS id, (SELECT created_at FROM run) AS created_at`.execute(scope.db);
        return rows[0]?.created_at;
      },
      { singleStatement: true },
    );
    const inserted = await insert.catch(async (error: unknown) => {
      // Else the held items would look for this run for minutes. The caller hears of the insert's
      // failure, not of this one: left behind, the items fall due after HOLD_MS and workers drop them
      // once their run has been missing past the orphan grace period.
      await this.queue
        .dropRun(tenantId, id)
        .catch((err: unknown) => this.log('warn', 'could not drop the queue items of a run not created', { err, tenant: tenantId, run: id }));
      throw error;
    });
    if (inserted === undefined) {
      // Another request with the same key won the race: drop what we queued, answer with its run.
      await this.queue.dropRun(tenantId, id);
      const run = await this.scopes(tenant, (scope) => this.#byKey(scope, workflow, key!, inputText));
      if (!run) throw new TenantryError('internal', 'a run with this idempotency key vanished while it was being created');
      return { run, created: false };
    }
    await this.queue.publish(tenantId, id);
    this.onQueued();
    // The run as it was created (a worker may have begun it since: GET /v1/runs/{id} shows that), without reading it back.
    const run: RunView = {
      id,
      workflow,
      revision,
      status: 'queued',
      trigger: options.trigger ?? 'manual',
      createdAt: isoTimestamp(inserted),
      startedAt: null,
      finishedAt: null,
      input: JSON.parse(inputText) as unknown,
      steps: definition.steps.map((d) => ({
        id: d.id,
        kind: d.kind,
        status: d.needs?.length ? 'pending' : 'queued',
        attempts: 0,
        output: null,
        error: null,
        startedAt: null,
        finishedAt: null,
      })),
    };
    return { run, created: true };
  }

  /**
   * The run an idempotency key already started, if any. The same key with a different input is the
   * caller's mistake, not a replay: 422 (Stripe's behaviour, and the IETF Idempotency-Key draft's).
   */
  async #byKey(scope: TenantScope, workflow: string, key: string, inputText: string): Promise<RunView | undefined> {
    const row = await scope.db
      .selectFrom('runs')
      .select(['id', sql<boolean>`input = ${inputText}::jsonb`.as('same')])
      .where('workflow', '=', workflow)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (row && !row.same) {
      throw new TenantryError('idempotency_key_reused', `Idempotency-Key '${key}' already started run ${row.id} of '${workflow}' with a different input`);
    }
    return row ? this.#view(scope, row.id) : undefined;
  }

  /** A run and its steps. */
  get(tenant: TenantRef, id: string): Promise<RunView> {
    return this.scopes(tenant, (scope) => this.#view(scope, id));
  }

  async #view(scope: TenantScope, id: string): Promise<RunView> {
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
  list(tenant: TenantRef, workflow: string, page: { after?: string; limit: number }): Promise<Array<RunSummary & { id: string }>> {
    return this.scopes(tenant, async (scope) => {
      let query = scope.db
        .selectFrom('runs')
        .select(['id', 'workflow', 'revision', 'status', 'trigger', 'created_at', 'started_at', 'finished_at'])
        .where('workflow', '=', workflow)
        .orderBy('id', 'desc')
        .limit(page.limit);
      if (page.after !== undefined) query = query.where('id', '<', page.after);
      return (await query.execute()).map(toSummary);
    });
  }

  /** Cancel a queued or running run: its unfinished steps become `cancelled`; a running attempt's result is discarded. */
  async cancel(tenant: TenantRef, id: string): Promise<RunView> {
    const run = await this.scopes(tenant, async (scope) => {
      const current = await this.#view(scope, id);
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
      return this.#view(scope, id);
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
}
