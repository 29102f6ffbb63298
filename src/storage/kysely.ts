import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SingleConnectionProvider,
  Transaction,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type OperationNode,
  type QueryResult as KyselyResult,
} from 'kysely';
import type { BatchOptions, Lease, QueryResult, SqlConnection, Statement } from './backends/backend.js';
import { FENCE_SCHEMA, quoteIdent } from './names.js';
import { PREPARE_MARK, statementName } from './prepared.js';

function toKyselyResult<R>(result: QueryResult<R>): KyselyResult<R> {
  return {
    rows: result.rows,
    numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
  };
}

class LeaseConnection implements DatabaseConnection {
  constructor(readonly lease: Lease) {}

  async executeQuery<R>(query: CompiledQuery): Promise<KyselyResult<R>> {
    return toKyselyResult(await this.lease.conn.query<R>(query.sql, query.parameters));
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<KyselyResult<R>> {
    throw new Error('streaming is not supported on this connection');
  }
}

/** A Kysely driver whose connections are leases from a backend (used by the control plane). */
class LeaseDriver implements Driver {
  constructor(private readonly acquire: () => Promise<Lease>) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new LeaseConnection(await this.acquire());
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
    } catch (error) {
      (connection as LeaseConnection).lease.release(true);
      throw error;
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as LeaseConnection).lease.release();
  }
  async destroy(): Promise<void> {}
}

function postgresDialect(createDriver: () => Driver): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

/** Kysely over admin leases of one database (the catalog, provisioning). */
export function leaseKysely<DB>(acquire: () => Promise<Lease>): Kysely<DB> {
  return new Kysely<DB>({ dialect: postgresDialect(() => new LeaseDriver(acquire)) });
}

/**
 * A statement that only reads and takes no locks: a plain SELECT with no CTE (a CTE may write) and no
 * FOR UPDATE/SHARE. Anything else — raw SQL included — counts as a write.
 */
export function isPlainRead(node: OperationNode): boolean {
  if (node.kind !== 'SelectQueryNode') return false;
  const select = node as OperationNode & { with?: unknown; endModifiers?: readonly unknown[] };
  return select.with === undefined && (select.endModifiers?.length ?? 0) === 0;
}

/**
 * Whether a statement may write, for AttachOptions.ifWritten: anything but a SELECT — a plain one, one
 * that locks rows (FOR UPDATE), or raw SQL whose text is a SELECT (possibly after comments). A CTE may
 * write, so WITH counts as a write.
 */
function mayWrite(query: CompiledQuery): boolean {
  if (isPlainRead(query.query)) return false;
  if (query.query.kind === 'SelectQueryNode') return (query.query as OperationNode & { with?: unknown }).with !== undefined;
  return !/^\s*(?:\/\*[^]*?\*\/\s*)*select\b/i.test(query.sql);
}

export { PREPARE_MARK } from './prepared.js';

/** The set-up's calls: the fence first, then the transaction-local settings (SCOPE_PRELUDE_SQL). */
const SCOPE_SETUP_CALLS = `${quoteIdent(FENCE_SCHEMA)}.enter($3::text, $4::bigint, $6::bigint), set_config('role', $1, true), set_config('search_path', $2, true),
 set_config('tenantry.tenant_id', $3, true), set_config('statement_timeout', $5, true), set_config('tenantry.quotas', $7, true)`;
/** Added for WithTenantOptions.asyncCommit. */
const ASYNC_COMMIT_CALL = "set_config('synchronous_commit', 'off', true)";
/** Added for a scan (SCOPE_PRELUDE_SERIAL_SQL). */
const SERIAL_CALLS = "set_config('max_parallel_workers_per_gather', '0', true), set_config('max_parallel_workers', '0', true)";

/**
 * The statement that scopes a transaction: the tenant's fence is entered first (ddl.ts fenceSql: it
 * must still admit this generation, and holds the tenant's lock shared until the transaction ends),
 * then role, search_path, tenant, the plan's statement timeout and its counted quotas, all transaction-local.
 *
 * It answers one row of no columns: the calls sit in a subquery whose outputs nobody reads. Every
 * scope's first round trip carries this answer, and six text columns cost the client a row
 * description of six fields and a row to parse each time, for values nothing uses. PostgreSQL keeps
 * the calls: a subquery with volatile functions in its target list is neither pulled up nor stripped
 * of those outputs (set_config and enter are volatile), and evaluates them once, in order.
 */
export const SCOPE_PRELUDE_SQL = `select from (select ${SCOPE_SETUP_CALLS}) scope`;
/** The same, and the transaction's commit does not wait for its WAL to reach disk (see WithTenantOptions.asyncCommit). */
export const SCOPE_PRELUDE_ASYNC_SQL = `select from (select ${SCOPE_SETUP_CALLS}, ${ASYNC_COMMIT_CALL}) scope`;
/**
 * The same, and no parallel workers (a scan: WithTenantOptions.scan). Both settings: the per-gather
 * one so the planner plans no Gather; max_parallel_workers (a per-session cap on what this backend
 * launches) too, so that a plan already prepared with workers on this connection, by a scope that was
 * not a scan, runs in the backend alone.
 */
export const SCOPE_PRELUDE_SERIAL_SQL = `select from (select ${SCOPE_SETUP_CALLS}, ${SERIAL_CALLS}) scope`;
const SCOPE_PRELUDE_SERIAL_ASYNC_SQL = `select from (select ${SCOPE_SETUP_CALLS}, ${SERIAL_CALLS}, ${ASYNC_COMMIT_CALL}) scope`;

export interface ScopePrelude {
  role: string;
  /** Already-quoted search_path value. */
  searchPath: string;
  tenantId: string;
  /** The tenant generation the scope was opened for; the fence refuses any other. */
  generation: number;
  /** The placement epoch the scope was routed by; the fence refuses it once the tenant has moved. */
  placementEpoch: number;
  /** statement_timeout of every statement in the scope, in milliseconds. */
  statementTimeoutMs: number;
  /** synchronous_commit off for this transaction. */
  asyncCommit?: boolean;
  /**
   * The counted quotas the database enforces (tenant migration 9, `count_quota`), as JSON:
   * `{"records": n, "collections": n, "models": n}`.
   */
  quotas: string;
  /** No parallel workers for this transaction's statements (SCOPE_PRELUDE_SERIAL_SQL). */
  serial?: boolean;
}

/**
 * Times a scope's statements for cost attribution (TenantScopes.timeStatements; the usage layer's
 * TenantCost implements it): called around every round trip a scope makes, without allocating.
 */
export interface StatementClock {
  /** A statement (or batch) is handed to the driver: returns its start (performance.now()). */
  sent(): number;
  /** Its result arrived, or it failed. */
  answered(start: number): void;
  /**
   * The scope waits in a queue (its pool share, a connection): not running, and not database time.
   * Returns what to call when it stops waiting.
   */
  queued?(): () => void;
}

/** How an attached statement commits (TenantScope.attach). */
export interface AttachOptions {
  /**
   * Only if the scope writes (sends a statement other than a SELECT: see mayWrite): with a
   * single-statement scope's statement, or before COMMIT; left out of a scope that only read (or only
   * locked). An audit entry of the write it records.
   */
  ifWritten?: boolean;
  /** With ifWritten: called once the scope committed with the statement in it. */
  committed?: () => void;
  /**
   * The statement takes a lock the tenant's other writers queue for until the transaction ends (the
   * audit chain's head): where the scope's transaction ends in the batch that sends it (a
   * single-statement scope, or attached statements of a scope that opened no transaction), that
   * batch releases it at commit and waits for the WAL flush afterwards (BatchOptions.releaseLocksBeforeFlush)
   * if another such batch of the tenant is under way in this process (ScopedConnection.#endingBatch).
   */
  locksUntilCommit?: boolean;
}

/** Batches under way that lock until commit (AttachOptions.locksUntilCommit), by tenant: see ScopedConnection.#endingBatch. */
const LOCKING_BATCHES = new Map<string, number>();

/**
 * The connection behind a tenant scope. The scope's set-up (role, search_path, tenant — all
 * transaction-local) is written in the same round trip as the statement it precedes:
 *
 * - a plain read before any write is sent as [prelude, read] with one Sync, so the two share an
 *   implicit transaction that ends with the read: one round trip, nothing left to commit, and the
 *   tenant setting is gone when the answer arrives. Under READ COMMITTED every statement takes a fresh
 *   snapshot anyway, so reads outside the explicit transaction see exactly what they would inside it.
 * - the first statement that may write is sent as [BEGIN, prelude, statement]; the explicit
 *   transaction stays open for what follows and is committed (or rolled back) when the scope ends.
 * - in a single-statement scope, any statement goes as [prelude, statement]: the implicit transaction
 *   commits a write at the Sync (all or nothing), so a one-statement write is one round trip too.
 */
export class ScopedConnection implements DatabaseConnection {
  #inTransaction = false;
  #finished = false;
  #statements = 0;
  #changed = false;
  /** Statements that commit with the scope's work (TenantScope.attach). */
  readonly #attached: Statement[] = [];
  /** Statements that commit with the scope's work only if it wrote (AttachOptions.ifWritten). */
  readonly #ifWritten: Statement[] = [];
  /** Called once the scope committed with its ifWritten statements in it. */
  readonly #committed: Array<() => void> = [];
  #ifWrittenSent = false;
  /** Attached statements (of either list) that lock until commit (AttachOptions.locksUntilCommit). */
  #attachedLocks = false;
  #ifWrittenLocks = false;
  /** A statement that may write was sent (AttachOptions.ifWritten). */
  #wrote = false;

  /** Statements sent so far (a refusal at the first means the scope did nothing before it). */
  /**
   * Whether anything this scope sent may have changed the database: a transaction that got past its
   * first batch, or the single statement. Plain reads before the transaction opened ran in implicit
   * transactions of their own and changed nothing, so a scope refused before this is true did
   * nothing and may run again.
   */
  get changedAnything(): boolean {
    return this.#changed;
  }

  get statements(): number {
    return this.#statements;
  }

  constructor(
    private readonly conn: SqlConnection,
    private readonly prelude: ScopePrelude,
    /** One statement only, in the implicit transaction of its batch (committed at its Sync). */
    private readonly single = false,
    /** Times each round trip (the tenant's database time), when given. */
    private readonly clock?: StatementClock,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<KyselyResult<R>> {
    const clock = this.clock;
    if (clock === undefined) return this.#execute<R>(query);
    const start = clock.sent();
    try {
      return await this.#execute<R>(query);
    } finally {
      clock.answered(start);
    }
  }

  async #execute<R>(query: CompiledQuery): Promise<KyselyResult<R>> {
    if (this.#finished) throw new Error('tenant scope has ended; its handle cannot be used any more');
    if (this.single && this.#statements > 0) throw new Error('this tenant scope was opened for a single statement');
    this.#statements++;
    const writes = mayWrite(query);
    if (writes) this.#wrote = true;
    // Prepared where the connection keeps statements (statementName): planned once per connection.
    const prepares = this.conn.prepares === true;
    const name = prepares ? statementName(query.sql) : PREPARE_MARK.exec(query.sql)?.[1];
    const statement = { sql: query.sql, params: query.parameters, name };
    if (this.#inTransaction) {
      // A batch of one inside the open transaction (where batches are not wrapped in one of their own).
      const prepared = prepares && name !== undefined;
      return toKyselyResult(prepared ? await this.conn.batch<R>([statement]) : await this.conn.query<R>(query.sql, query.parameters));
    }
    const setup = this.#setup();
    // A statement prepared under a name keeps its plan in the extended protocol; any other is planned
    // afresh each time either way, and the batch goes as one query string (BatchOptions.inline).
    const inline = statement.name === undefined;
    // Attached statements ride in the single statement's batch, after it: one implicit transaction,
    // one round trip, and the batch answers with the statement's own result.
    if (this.single) {
      const attached = this.#attached.splice(0);
      const conditional = this.#ifWritten.splice(0);
      // A read writes nothing: what is attached for writes stays out of its batch.
      if (writes) attached.push(...conditional);
      const result =
        attached.length === 0
          ? await this.conn.batch<R>([setup, statement], { inline })
          : await this.#endingBatch<R>([setup, statement, ...attached], this.#attachedLocks || (writes && this.#ifWrittenLocks), {
              resultOf: 1,
              inline: inline && attached.every((a) => a.name === undefined),
            });
      this.#changed = true;
      if (conditional.length > 0 && writes) this.#ifWrittenSent = true;
      return toKyselyResult(result);
    }
    if (isPlainRead(query.query)) return toKyselyResult(await this.conn.batch<R>([setup, statement], { inline }));
    this.#inTransaction = true; // set before sending: if the batch fails, the open transaction is rolled back
    const result = await this.conn.batch<R>([{ sql: 'BEGIN' }, setup, statement], { inline });
    this.#changed = true;
    return toKyselyResult(result);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<KyselyResult<R>> {
    throw new Error('streaming is not supported inside a tenant scope; page with limit/cursor instead');
  }

  /** The scope's set-up statement (SCOPE_PRELUDE_SQL) with this scope's values. */
  #setup(): Statement {
    const { role, searchPath, tenantId, generation, placementEpoch, statementTimeoutMs, asyncCommit, quotas, serial } = this.prelude;
    const params = [role, searchPath, tenantId, generation, String(statementTimeoutMs), placementEpoch, quotas];
    if (serial) {
      return asyncCommit
        ? { sql: SCOPE_PRELUDE_SERIAL_ASYNC_SQL, params, name: 'tenantry_scope_prelude_serial_async' }
        : { sql: SCOPE_PRELUDE_SERIAL_SQL, params, name: 'tenantry_scope_prelude_serial' };
    }
    return asyncCommit
      ? { sql: SCOPE_PRELUDE_ASYNC_SQL, params, name: 'tenantry_scope_prelude_async' }
      : { sql: SCOPE_PRELUDE_SQL, params, name: 'tenantry_scope_prelude' };
  }

  /**
   * Run `query` in the scope's transaction, committed with it or not at all: in a single-statement
   * scope it travels in the statement's own round trip, right after it (attach before running the
   * statement); otherwise it is sent just before COMMIT — or, in a scope that only read, in a
   * transaction of its own with the scope's set-up, one round trip. Either way it runs after the
   * scope's work and whatever that work changed (even nothing): work that depends on the outcome
   * belongs in the statement itself (a data-modifying CTE) or in a transaction scope.
   */
  attach(query: CompiledQuery, options: AttachOptions = {}): void {
    if (this.#finished) throw new Error('tenant scope has ended; its handle cannot be used any more');
    if (this.single && this.#statements > 0) throw new Error('attach before the statement of a single-statement scope: it has committed');
    (options.ifWritten ? this.#ifWritten : this.#attached).push({ sql: query.sql, params: query.parameters, name: PREPARE_MARK.exec(query.sql)?.[1] });
    if (options.ifWritten && options.committed) this.#committed.push(options.committed);
    if (options.locksUntilCommit) {
      if (options.ifWritten) this.#ifWrittenLocks = true;
      else this.#attachedLocks = true;
    }
  }

  /**
   * Send a batch that ends the scope's transaction; `locks`: an attached statement in it locks until
   * commit (AttachOptions.locksUntilCommit). Such a batch releases its lock before the WAL flush
   * (BatchOptions.releaseLocksBeforeFlush) when another one of the tenant is under way in this process
   * — a writer that may be queued behind it, or ahead: then flushes are shared instead of taken one
   * by one under the lock. Alone it commits as usual, which costs one transaction less. Not when the
   * scope commits asynchronously anyway.
   */
  async #endingBatch<R>(statements: Statement[], locks: boolean, options: BatchOptions = {}): Promise<QueryResult<R>> {
    if (!locks || this.prelude.asyncCommit) return this.conn.batch<R>(statements, options);
    const tenant = this.prelude.tenantId;
    const others = LOCKING_BATCHES.get(tenant) ?? 0;
    LOCKING_BATCHES.set(tenant, others + 1);
    try {
      return await this.conn.batch<R>(statements, { ...options, releaseLocksBeforeFlush: others > 0 });
    } finally {
      const left = LOCKING_BATCHES.get(tenant)! - 1;
      if (left === 0) LOCKING_BATCHES.delete(tenant);
      else LOCKING_BATCHES.set(tenant, left);
    }
  }

  async commit(): Promise<void> {
    // Timed only when it sends something: COMMIT, or what was attached to a scope that only read.
    const clock = this.#inTransaction || this.#attached.length > 0 ? this.clock : undefined;
    const start = clock?.sent() ?? 0;
    try {
      await this.#commit();
    } finally {
      clock?.answered(start);
    }
    if (this.#ifWrittenSent) for (const done of this.#committed.splice(0)) done();
  }

  async #commit(): Promise<void> {
    const attached = this.#attached.splice(0);
    // A scope that wrote (so its transaction is open) commits what was attached for writes too.
    if (this.#inTransaction && this.#wrote && this.#ifWritten.length > 0) {
      attached.push(...this.#ifWritten.splice(0));
      this.#ifWrittenSent = true;
    }
    if (attached.length > 0 && !this.#inTransaction) {
      // Nothing open to join (the scope only read, or a single-statement scope never ran its statement):
      // the set-up and the attached statements as one implicit transaction. Counted as a statement, so
      // a refusal here is never taken for one before the scope's callback did anything.
      this.#finished = true;
      this.#statements++;
      this.#changed = true;
      await this.#endingBatch([this.#setup(), ...attached], this.#attachedLocks);
      return;
    }
    this.#finished = true;
    // Inside the open transaction one at a time: a batch there would commit early on PGlite.
    for (const statement of attached) await this.conn.query(statement.sql, statement.params);
    if (this.#inTransaction) await this.conn.query('COMMIT');
  }

  async rollback(): Promise<void> {
    this.#finished = true;
    if (!this.#inTransaction) return;
    const clock = this.clock;
    const start = clock?.sent() ?? 0;
    try {
      await this.conn.query('ROLLBACK');
    } finally {
      clock?.answered(start);
    }
  }
}

/** A Kysely transaction object bound to one scoped connection. */
export function scopedTransaction<DB>(base: Kysely<DB>, connection: ScopedConnection): Transaction<DB> {
  const executor = base.getExecutor().withConnectionProvider(new SingleConnectionProvider(connection));
  return new Transaction<DB>({ config: { dialect: scopeDialect }, driver: scopeDriver, dialect: scopeDialect, executor });
}

/**
 * The dialect of the base Kysely instance scopes are built from. It has no connections of its own:
 * the only way to run a tenant query is through a scope (ARCHITECTURE.md, "The one rule").
 */
class NoConnectionDriver implements Driver {
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    throw new Error('tenant tables are reached only through withTenant(); this handle has no connection');
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

const scopeDriver = new NoConnectionDriver();
const scopeDialect = postgresDialect(() => scopeDriver);

export function scopeBaseKysely<DB>(): Kysely<DB> {
  return new Kysely<DB>({ dialect: scopeDialect });
}
