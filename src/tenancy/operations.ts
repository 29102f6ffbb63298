import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type ColumnType, type Kysely, type Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { TenantryError } from '../errors.js';
import { CATALOG_SCHEMA } from '../storage/names.js';

/** Raw statements name the table with its schema (the query builder adds it itself). */
const OPERATIONS = sql.table(`${CATALOG_SCHEMA}.operations`);

/**
 * Long-running control-plane work as durable operations (ARCHITECTURE.md "Control plane operations"):
 * a row in the catalog's `operations` table with kind, tenant, status, progress, current step and
 * error. A process runs one under a lease it keeps renewing; if the process dies, the lease runs out
 * and any process running operations (the same one restarted, or another) claims it again and runs
 * its handler from the start — so every handler is written to finish what an earlier run began, and
 * skips what is already done (its checkpoints are the state it left behind).
 */
export const OPERATION_KINDS = ['provision', 'delete', 'move', 'export', 'import', 'migrate', 'rotate-key'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];
export const OPERATION_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export interface Operation {
  id: string;
  kind: OperationKind;
  tenantId: string | null;
  status: OperationStatus;
  params: Record<string, unknown>;
  /** What the operation is doing now (or did last). */
  step: string | null;
  progress: { done: number; total: number | null };
  error: string | null;
  /** Runs started, the first included: more than one means it was resumed. */
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

/** An operation as JSON (HTTP bodies, `--json`): timestamps as RFC 3339 strings. */
export function operationJson(op: Operation) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: op.id,
    kind: op.kind,
    tenantId: op.tenantId,
    status: op.status,
    step: op.step,
    progress: op.progress,
    error: op.error,
    attempts: op.attempts,
    createdAt: op.createdAt.toISOString(),
    startedAt: iso(op.startedAt),
    finishedAt: iso(op.finishedAt),
    updatedAt: op.updatedAt.toISOString(),
  };
}

interface OperationsTable {
  id: string;
  kind: OperationKind;
  tenant_id: string | null;
  status: OperationStatus;
  params: ColumnType<unknown, string | undefined, string>;
  step: string | null;
  /** bigint: a string from pg, a number or bigint from PGlite. */
  done: ColumnType<string | number | bigint, number | undefined, number>;
  total: ColumnType<string | number | bigint | null, number | null | undefined, number | null>;
  error: string | null;
  attempts: ColumnType<number, never, never>;
  lease_owner: string | null;
  lease_until: ColumnType<Date | null, never, never>;
  created_at: ColumnType<Date, never, never>;
  started_at: ColumnType<Date | null, never, never>;
  finished_at: ColumnType<Date | null, never, never>;
  updated_at: ColumnType<Date, never, never>;
}

export interface OperationsDatabase {
  operations: OperationsTable;
}

function toOperation(row: Selectable<OperationsTable>): Operation {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    status: row.status,
    params: (row.params ?? {}) as Record<string, unknown>,
    step: row.step,
    progress: { done: Number(row.done), total: row.total === null ? null : Number(row.total) },
    error: row.error,
    attempts: Number(row.attempts),
    createdAt: new Date(row.created_at),
    startedAt: date(row.started_at),
    finishedAt: date(row.finished_at),
    updatedAt: new Date(row.updated_at),
  };
}

export interface OperationContext {
  readonly operation: Operation;
  /** Record progress (and renew nothing: the lease has its own timer). Resolves once written. */
  progress(update: { done?: number; total?: number | null; step?: string }): Promise<void>;
  /** Aborted when this process loses the lease (another claimed it) or stops. */
  readonly signal: AbortSignal;
}

export type OperationHandler = (ctx: OperationContext) => Promise<void>;

export interface OperationsOptions {
  /** How long a claim holds without renewal; renewed every third of it. Default 30 s. */
  leaseMs?: number;
  /** How often the background runner looks for work it was not told about. Default 1 s. */
  pollMs?: number;
  /** Operations one process runs at once. Default 2. */
  concurrency?: number;
  onError?: (error: unknown) => void;
}

/** The operations table, the claim protocol and an optional background runner. */
export class Operations {
  readonly #db: Kysely<OperationsDatabase>;
  readonly #handlers = new Map<OperationKind, OperationHandler>();
  readonly #owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #concurrency: number;
  readonly #onError: (error: unknown) => void;
  readonly #running = new Map<string, { abort: AbortController; done: Promise<Operation | undefined> }>();
  /** Followers of operations run in this process (wait()): they hear every step, however quick. */
  readonly #followers = new Map<string, Set<(op: Operation) => void>>();
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #pumping: Promise<void> | undefined;

  constructor(db: Kysely<OperationsDatabase>, options: OperationsOptions = {}) {
    this.#db = db;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#concurrency = options.concurrency ?? 2;
    this.#onError = options.onError ?? (() => {});
  }

  /** Say how operations of `kind` are carried out (once per kind). */
  handle(kind: OperationKind, handler: OperationHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`operations: a handler for '${kind}' is already registered`);
    this.#handlers.set(kind, handler);
  }

  /**
   * Record a new operation, queued. A tenant has at most one unfinished operation: asking again for
   * the same kind answers the one already under way (`created: false`); another kind is a 409
   * `tenant_not_ready` naming it.
   */
  async enqueue(kind: OperationKind, tenantId: string | null, params: Record<string, unknown> = {}): Promise<{ operation: Operation; created: boolean }> {
    const existing = tenantId === null ? undefined : await this.unfinishedFor(tenantId);
    if (existing) return this.#sameOrConflict(existing, kind);
    try {
      const row = await this.#db
        .insertInto('operations')
        .values({ id: uuidv7(), kind, tenant_id: tenantId, status: 'queued', params: JSON.stringify(params) })
        .returningAll()
        .executeTakeFirstOrThrow();
      this.kick();
      return { operation: toOperation(row), created: true };
    } catch (error) {
      // Another request enqueued for this tenant in between: the unique index said so.
      if ((error as { code?: string }).code !== '23505' || tenantId === null) throw error;
      const raced = await this.unfinishedFor(tenantId);
      if (!raced) throw error;
      return this.#sameOrConflict(raced, kind);
    }
  }

  #sameOrConflict(existing: Operation, kind: OperationKind): { operation: Operation; created: boolean } {
    if (existing.kind === kind) return { operation: existing, created: false };
    throw new TenantryError(
      'tenant_not_ready',
      `tenant '${existing.tenantId}' has ${/^[aeiou]/.test(existing.kind) ? 'an' : 'a'} ${existing.kind} operation under way (${existing.id}); try again when it has finished`,
    );
  }

  async unfinishedFor(tenantId: string): Promise<Operation | undefined> {
    const row = await this.#db
      .selectFrom('operations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return row ? toOperation(row) : undefined;
  }

  /** Operations queued or running, over all processes, by kind and status (metrics). */
  async inProgress(): Promise<Array<{ kind: string; status: string; count: number }>> {
    const rows = await this.#db
      .selectFrom('operations')
      .select(['kind', 'status', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('status', 'in', ['queued', 'running'])
      .groupBy(['kind', 'status'])
      .execute();
    return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
  }

  async get(id: string): Promise<Operation | undefined> {
    const row = await this.#db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toOperation(row) : undefined;
  }

  /** Newest first; `before` (an operation id) and `limit` page. */
  async list(filter: { tenantId?: string; status?: OperationStatus[]; kind?: OperationKind[]; before?: string; limit: number }): Promise<Operation[]> {
    let query = this.#db.selectFrom('operations').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.tenantId !== undefined) query = query.where('tenant_id', '=', filter.tenantId);
    if (filter.status) query = query.where('status', 'in', filter.status);
    if (filter.kind) query = query.where('kind', 'in', filter.kind);
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    return (await query.execute()).map(toOperation);
  }

  /**
   * Claim one operation — `id`, or the oldest claimable — and run it to its end in this process.
   * Claimable: queued, or running under a lease that ran out (its process died or hung). Resolves the
   * finished operation, or undefined when there was nothing to claim (e.g. another process holds it).
   */
  async runOne(id?: string): Promise<Operation | undefined> {
    const claimed = await this.#claim(id);
    if (!claimed) return undefined;
    const abort = new AbortController();
    const done = this.#execute(claimed, abort).finally(() => this.#running.delete(claimed.id));
    this.#running.set(claimed.id, { abort, done });
    return done;
  }

  /**
   * Follow `id` to its end, reporting each change of status, step or progress; resolves the finished
   * operation. Nobody running it (queued, or its process died): it runs here, in the background of
   * the polling.
   */
  async wait(id: string, onUpdate?: (op: Operation) => void, pollMs = 100): Promise<Operation> {
    let last = '';
    let here: Promise<void> | undefined;
    let failure: { error: unknown } | undefined;
    const report = (op: Operation) => {
      const seen = `${op.status}|${op.step}|${op.progress.done}|${op.progress.total}`;
      if (seen !== last) onUpdate?.(op);
      last = seen;
    };
    let followers = this.#followers.get(id);
    if (!followers) this.#followers.set(id, (followers = new Set()));
    followers.add(report);
    try {
      for (;;) {
        if (failure) throw failure.error;
        const op = await this.get(id);
        if (!op) throw new TenantryError('not_found', `operation '${id}' does not exist`);
        report(op);
        if (op.status === 'succeeded' || op.status === 'failed') return op;
        if (!here && (op.status === 'queued' || (op.status === 'running' && !this.#running.has(id)))) {
          here = this.runOne(id).then(
            (ran) => {
              if (!ran) here = undefined; // another process holds it: keep following
            },
            (error: unknown) => {
              failure = { error };
            },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    } finally {
      followers.delete(report);
      if (followers.size === 0) this.#followers.delete(id);
    }
  }

  #tell(op: Operation): void {
    for (const follower of this.#followers.get(op.id) ?? []) follower(op);
  }

  /** Start the background runner: claims what is queued or abandoned, `concurrency` at a time. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.kick();
  }

  /** Look for work now (after enqueueing) instead of at the next poll. */
  kick(): void {
    if (!this.#started) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = undefined;
      if (this.#started) this.#timer = setTimeout(() => this.kick(), this.#pollMs);
    });
  }

  async #pump(): Promise<void> {
    while (this.#started && this.#running.size < this.#concurrency) {
      let claimed: Operation | undefined;
      try {
        claimed = await this.#claim();
      } catch (error) {
        this.#onError(error);
        return;
      }
      if (!claimed) return;
      const abort = new AbortController();
      const op = claimed;
      const done = this.#execute(op, abort).finally(() => {
        this.#running.delete(op.id);
        this.kick();
      });
      this.#running.set(op.id, { abort, done });
    }
  }

  /**
   * Stop running operations in this process: no more claims; those under way are told to stop
   * (their signal aborts) and their leases are given back, so another process resumes them at once.
   */
  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pumping;
    const running = [...this.#running.values()];
    for (const r of running) r.abort.abort(new Error('the process is stopping'));
    await Promise.allSettled(running.map((r) => r.done));
  }

  async #claim(id?: string): Promise<Operation | undefined> {
    const { rows } = await sql<Selectable<OperationsTable>>`
      UPDATE ${OPERATIONS}
         SET status = 'running', lease_owner = ${this.#owner}, lease_until = now() + ${this.#leaseMs}::int * interval '1 millisecond',
             attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now(), error = NULL
       WHERE id = (SELECT id FROM ${OPERATIONS}
                    WHERE (status = 'queued' OR (status = 'running' AND lease_until < now()))
                      -- Never one this process runs itself (its lease may lapse while the event loop is busy).
                      AND NOT (id = ANY (${[...this.#running.keys()]}::uuid[]))
                      ${id === undefined ? sql.raw('') : sql`AND id = ${id}::uuid`}
                    ORDER BY created_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(this.#db);
    return rows[0] ? toOperation(rows[0]) : undefined;
  }

  /**
   * Run `fn` here and now as an operation of `kind` (an export streaming to its client, an import of a
   * request's body): recorded as running under this process's lease, with progress, and finished as
   * succeeded or failed like any other — visible in `GET /v1/operations` while it runs. It cannot
   * resume elsewhere (its input or output is this process's connection): if the process dies, the
   * kind's registered handler ends it as failed once the lease runs out. A tenant's other unfinished
   * operation is a 409 `tenant_not_ready`. Resolves `fn`'s result, or rejects with its error.
   */
  async runHere<T>(
    kind: OperationKind,
    tenantId: string,
    params: Record<string, unknown>,
    fn: (ctx: OperationContext) => Promise<T>,
  ): Promise<{ operation: Operation; result: T }> {
    const existing = await this.unfinishedFor(tenantId);
    if (existing) throw this.#busy(existing);
    let row: Selectable<OperationsTable> | undefined;
    try {
      ({
        rows: [row],
      } = await sql<Selectable<OperationsTable>>`
        INSERT INTO ${OPERATIONS} (id, kind, tenant_id, status, params, lease_owner, lease_until, attempts, started_at)
        VALUES (${uuidv7()}::uuid, ${kind}, ${tenantId}, 'running', ${JSON.stringify(params)}::jsonb, ${this.#owner},
                now() + ${this.#leaseMs}::int * interval '1 millisecond', 1, now())
        RETURNING *`.execute(this.#db));
    } catch (error) {
      const raced = (error as { code?: string }).code === '23505' ? await this.unfinishedFor(tenantId) : undefined;
      throw raced ? this.#busy(raced) : error;
    }
    const op = toOperation(row!);
    const abort = new AbortController();
    let outcome: { result: T } | { error: unknown } | undefined;
    const done = this.#execute(op, abort, async (ctx) => {
      try {
        outcome = { result: await fn(ctx) };
      } catch (error) {
        outcome = { error };
        throw error;
      }
    }).finally(() => this.#running.delete(op.id));
    this.#running.set(op.id, { abort, done });
    const finished = (await done) ?? op;
    if (!outcome) throw new Error(`operation ${op.id} did not run`);
    if ('error' in outcome) throw outcome.error;
    return { operation: finished, result: outcome.result };
  }

  #busy(existing: Operation): TenantryError {
    return new TenantryError(
      'tenant_not_ready',
      `tenant '${existing.tenantId}' has ${/^[aeiou]/.test(existing.kind) ? 'an' : 'a'} ${existing.kind} operation under way (${existing.id}); try again when it has finished`,
    );
  }

  /** Run a claimed operation's handler under its lease; record how it ended (if the lease is still ours). */
  async #execute(op: Operation, abort: AbortController, handler = this.#handlers.get(op.kind)): Promise<Operation | undefined> {
    // Renewed every third of the lease. A renewal that finds the lease taken, or none that succeeded
    // for most of a lease (the database unreachable, the event loop stalled), stops this run: another
    // process may claim the operation from then on, and two runs must never act at once.
    let renewed = Date.now();
    const renew = setInterval(
      () => {
        if (Date.now() - renewed > this.#leaseMs * 0.7) abort.abort(new Error('the lease could not be renewed in time'));
        sql`UPDATE ${OPERATIONS} SET lease_until = now() + ${this.#leaseMs}::int * interval '1 millisecond'
           WHERE id = ${op.id} AND lease_owner = ${this.#owner} AND status = 'running'`
          .execute(this.#db)
          .then((r) => {
            if (Number(r.numAffectedRows ?? 1n) === 0) abort.abort(new Error('the lease was lost to another process'));
            else renewed = Date.now();
          })
          .catch(this.#onError);
      },
      Math.max(10, Math.floor(this.#leaseMs / 3)),
    );
    renew.unref();
    let error: string | null = null;
    let current = op;
    try {
      if (!handler) throw new Error(`no handler for '${op.kind}' operations in this process`);
      await handler({
        operation: op,
        signal: abort.signal,
        progress: async ({ done, total, step }) => {
          if (abort.signal.aborted) throw abort.signal.reason;
          current = {
            ...current,
            ...(step !== undefined && { step }),
            progress: { done: done ?? current.progress.done, total: total === undefined ? current.progress.total : total },
          };
          this.#tell(current);
          await this.#db
            .updateTable('operations')
            .set({
              ...(done !== undefined && { done }),
              ...(total !== undefined && { total }),
              ...(step !== undefined && { step }),
              updated_at: sql`now()` as never,
            })
            .where('id', '=', op.id)
            .where('lease_owner', '=', this.#owner)
            .execute();
        },
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      clearInterval(renew);
    }
    if (abort.signal.aborted) {
      // Stopping or superseded: give the lease back (if still ours) so the operation resumes elsewhere.
      await sql`UPDATE ${OPERATIONS} SET lease_until = now() WHERE id = ${op.id} AND lease_owner = ${this.#owner} AND status = 'running'`
        .execute(this.#db)
        .catch(this.#onError);
      return this.get(op.id);
    }
    const { rows } = await sql<Selectable<OperationsTable>>`
      UPDATE ${OPERATIONS}
         SET status = ${error === null ? 'succeeded' : 'failed'}, error = ${error}, finished_at = now(), updated_at = now(),
             lease_owner = NULL, lease_until = NULL,
             done = CASE WHEN ${error === null}::boolean AND total IS NOT NULL THEN total ELSE done END
       WHERE id = ${op.id} AND lease_owner = ${this.#owner} AND status = 'running'
      RETURNING *`.execute(this.#db);
    const finished = rows[0] ? toOperation(rows[0]) : await this.get(op.id);
    if (finished) this.#tell(finished);
    return finished;
  }
}
