import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { BatchOptions, ClusterBackend, DatabaseBackend, Lease, PoolStats, QueryResult, SqlConnection, Statement } from './backend.js';
import type { ConnectionBudget } from '../connection-budget.js';
import { inlineBatch } from './inline.js';
import { appLoginSql, databaseLoginSql } from '../ddl.js';
import { scramVerifier } from '../scram.js';
import { quoteIdent } from '../names.js';
import { AUTO_PREPARED_PREFIX } from '../prepared.js';

/** The slice of pg's Connection a query writes protocol messages with. */
interface ProtocolWriter {
  parsedStatements: Record<string, string>;
  close(message: { type: 'S'; name: string }): void;
  parse(message: { text: string; name?: string; types?: unknown[] }): void;
  bind(message: { portal?: string; statement?: string; values?: unknown[]; valueMapper?: (value: unknown) => unknown }): void;
  describe(message: { type: 'P' | 'S'; name?: string }): void;
  execute(message: { portal?: string; rows?: number }): void;
}

/** pg's own conversion of a parameter to its wire form (Dates, Buffers, arrays, objects), as for any query. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

type QueryCallback = (error: Error | undefined, result: pg.QueryResult | pg.QueryResult[]) => void;

/** Per connection: names of last statements whose Parse a failed batch may or may not have run (BatchQuery). */
const unconfirmed = new WeakMap<ProtocolWriter, Set<string>>();

/**
 * Statements a connection keeps prepared under a name of statementName's own (AUTO_PREPARED_PREFIX),
 * at most this many: past it, the least recently used is closed on the server (each holds a plan).
 */
export const AUTO_PREPARED_PER_CONNECTION = 100;
/** Per connection: its auto-prepared names, least recently used first (a Map keeps insertion order). */
const autoPrepared = new WeakMap<ProtocolWriter, Map<string, true>>();

/** SQLSTATE and message of a prepared statement whose result columns changed under it (a migration). */
const STALE_PLAN = { code: '0A000', message: 'cached plan must not change result type' };

/**
 * pg's own Query, with leading statements written ahead of it: Parse/Bind/Describe/Execute for each,
 * then the query's own messages and a single Sync. pg's result handling already collects one result
 * per statement (as for a multi-statement simple query), so only the writing is added here. This is
 * what lets a tenant scope's set-up share its first statement's round trip.
 */
class BatchQuery extends (pg.Query as unknown as new (
  config: pg.QueryConfig & { queryMode?: 'extended' },
  values: undefined,
  callback: QueryCallback,
) => object) {
  connection: ProtocolWriter | undefined;

  constructor(
    private readonly leading: readonly Statement[],
    last: Statement,
    callback: QueryCallback,
  ) {
    super({ text: last.sql, values: last.params as unknown[] | undefined, name: last.name, queryMode: 'extended' }, undefined, callback);
    // Converted here, before anything is written: a parameter that cannot be sent fails the batch
    // while the connection is still clean (failing in prepare() would leave half a batch on the wire).
    this.leadingValues = leading.map((statement) => (statement.params ?? []).map(prepareValue));
  }

  private readonly leadingValues: Array<Array<string | Buffer | null>>;

  /** Named leading statements this batch parsed; recorded as prepared once the batch succeeds. */
  readonly parsedHere: Array<{ name: string; sql: string }> = [];

  /** The last statement's name, when pg's own Query will parse it in this batch (not prepared before). */
  #lastParsedHere: string | undefined;

  prepare(connection: ProtocolWriter): void {
    this.connection = connection;
    this.#keepAutoPrepared(connection);
    const last = (this as unknown as { name?: string; text: string }).name;
    if (last && connection.parsedStatements[last] !== (this as unknown as { text: string }).text) {
      this.#lastParsedHere = last;
      // Perhaps parsed by a batch that failed after it (forgetUnconfirmed): closed first, which is harmless if absent.
      if (unconfirmed.get(connection)?.delete(last)) connection.close({ type: 'S', name: last });
    }
    for (const [i, statement] of this.leading.entries()) {
      const { name } = statement;
      if (name && connection.parsedStatements[name] !== statement.sql) {
        // Close first: harmless if absent, and clears a statement whose earlier batch failed after parsing it.
        connection.close({ type: 'S', name });
        unconfirmed.get(connection)?.delete(name);
        connection.parse({ text: statement.sql, name });
        this.parsedHere.push({ name, sql: statement.sql });
      } else if (!name) {
        connection.parse({ text: statement.sql });
      }
      connection.bind({ statement: name ?? '', values: this.leadingValues[i] });
      connection.describe({ type: 'P' });
      connection.execute({ rows: 0 });
    }
    (pg.Query.prototype as unknown as { prepare(c: ProtocolWriter): void }).prepare.call(this, connection);
  }

  /**
   * Mark this batch's auto-prepared statements as the connection's most recently used and, past
   * AUTO_PREPARED_PER_CONNECTION, close the least recently used ones first thing in this batch (a
   * Close is not transactional, and nothing before it in the batch can fail).
   */
  #keepAutoPrepared(connection: ProtocolWriter): void {
    const names = this.#names();
    let kept: Map<string, true> | undefined;
    for (const name of names) {
      if (name === undefined || !name.startsWith(AUTO_PREPARED_PREFIX)) continue;
      kept ??= autoPrepared.get(connection) ?? new Map<string, true>();
      kept.delete(name);
      kept.set(name, true);
    }
    if (kept === undefined) return;
    autoPrepared.set(connection, kept);
    for (const name of kept.keys()) {
      if (kept.size <= AUTO_PREPARED_PER_CONNECTION) break;
      if (names.includes(name)) continue;
      kept.delete(name);
      delete connection.parsedStatements[name];
      connection.close({ type: 'S', name });
    }
  }

  /**
   * After a migration changed a table's columns, a statement prepared before it fails with STALE_PLAN
   * on this connection until it is prepared again: forget this batch's names, so the next use
   * parses them afresh (closing the old one first).
   */
  forgetStalePlans(error: unknown): void {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code !== STALE_PLAN.code || typeof message !== 'string' || !message.includes(STALE_PLAN.message) || !this.connection) return;
    const pending = unconfirmed.get(this.connection) ?? new Set<string>();
    for (const name of this.#names()) {
      if (name === undefined) continue;
      delete this.connection.parsedStatements[name];
      pending.add(name);
    }
    unconfirmed.set(this.connection, pending);
  }

  /** The names of this batch's statements, leading ones first (undefined for an unnamed one). */
  #names(): Array<string | undefined> {
    return [...this.leading.map((statement) => statement.name), (this as unknown as { name?: string }).name];
  }

  /**
   * After a failure: pg's Query records its named statement as prepared as soon as it writes the
   * Parse, but when a statement before it in the batch fails, the server skips that Parse — the name
   * must be parsed again next time (seen as `prepared statement "…" does not exist`).
   */
  forgetUnconfirmed(): void {
    if (!this.connection) return;
    // Whether the server parsed them is unknown (the batch may have failed after a Parse): the next
    // batch that parses such a name closes it first — also a leading statement's, which a later batch
    // may send last (a statement prepared by statementName is leading before attached ones, last alone).
    const names = unconfirmed.get(this.connection) ?? new Set<string>();
    if (this.#lastParsedHere) {
      delete this.connection.parsedStatements[this.#lastParsedHere];
      names.add(this.#lastParsedHere);
    }
    for (const { name } of this.parsedHere) names.add(name);
    if (names.size > 0) unconfirmed.set(this.connection, names);
  }

  /** After success: the named statements parsed in this batch exist on the connection. */
  markPrepared(): void {
    for (const { name, sql } of this.parsedHere) if (this.connection) this.connection.parsedStatements[name] = sql;
  }
}

/** The transaction's commit does not wait for its WAL flush (BatchOptions.releaseLocksBeforeFlush). */
const ASYNC_COMMIT: Statement = { sql: "select set_config('synchronous_commit', 'off', true)", name: 'tenantry_async_commit' };
/** A transaction whose synchronous commit flushes the WAL written before it (BatchOptions.releaseLocksBeforeFlush). */
const FLUSH_WAL: Statement = { sql: "select pg_logical_emit_message(true, 'tenantry.flush', '')", name: 'tenantry_flush_wal' };

class PgConnection implements SqlConnection {
  readonly prepares: boolean;

  constructor(
    private readonly client: pg.PoolClient,
    /** False through a transaction-pooling PgBouncer (pgbouncerMode): every statement is sent unnamed. */
    private readonly namedStatements = true,
  ) {
    this.prepares = namedStatements;
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const result = await this.client.query({ text: sql, values: params as unknown[] | undefined });
    return { rows: result.rows as R[], affectedRows: result.rowCount ?? undefined };
  }

  batch<R>(statements: readonly Statement[], options: BatchOptions = {}): Promise<QueryResult<R>> {
    if (!this.namedStatements) statements = statements.map(({ sql, params }) => ({ sql, params }));
    const last = statements.at(-1);
    if (!last) return Promise.resolve({ rows: [] });
    if (options.releaseLocksBeforeFlush) return this.#releasingLocksBeforeFlush<R>(statements, options.resultOf ?? statements.length - 1);
    const text = options.inline && statements.length > 1 ? inlineBatch(statements) : undefined;
    if (text !== undefined) return this.#simple<R>(text, options);
    return new Promise((resolve, reject) => {
      const query: BatchQuery = new BatchQuery(statements.slice(0, -1), last, (error, results) => {
        if (error) {
          query.forgetUnconfirmed();
          query.forgetStalePlans(error);
          return reject(error);
        }
        query.markPrepared();
        const result = Array.isArray(results) ? results.at(options.resultOf ?? -1)! : results;
        resolve({ rows: result.rows as R[], affectedRows: result.rowCount ?? undefined });
      });
      this.client.query(query as unknown as pg.Submittable);
    });
  }

  /**
   * BatchOptions.releaseLocksBeforeFlush: [BEGIN, synchronous_commit off, …statements, COMMIT, flush],
   * one round trip. The flush is a transactional logical message (pg_logical_emit_message, executable
   * by any role; no decoding plugin reads the prefix): it gives its transaction an id and a WAL
   * record, so its commit waits for the WAL to be flushed up to its own commit record, which comes
   * after the batch's. On a failure before COMMIT the transaction is left aborted (a Sync does not end
   * an explicit one): rolled back here before the error is passed on.
   */
  async #releasingLocksBeforeFlush<R>(statements: readonly Statement[], resultOf: number): Promise<QueryResult<R>> {
    try {
      return await this.batch<R>([{ sql: 'BEGIN' }, ASYNC_COMMIT, ...statements, { sql: 'COMMIT' }, FLUSH_WAL], { resultOf: resultOf + 2 });
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /** A batch written as one query string (inlineBatch): one result per statement. */
  async #simple<R>(text: string, options: BatchOptions): Promise<QueryResult<R>> {
    const results = (await this.client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
    const result = Array.isArray(results) ? results.at(options.resultOf ?? -1)! : results;
    return { rows: result.rows as R[], affectedRows: result.rowCount ?? undefined };
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
}

function lease(client: pg.PoolClient, namedStatements: boolean, budget: ConnectionBudget | undefined): Lease {
  let released = false;
  // The pool listens for errors only on idle clients. One lent out and between statements (a scope's
  // code awaiting something else) whose server ends it — pg_terminate_backend, a failover, a dropped
  // database — emits 'error' with no query to fail; unheard, that would end the process. Heard here:
  // the scope's next statement fails ("not queryable"), and the connection is discarded on release.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost ??= error;
  };
  client.on('error', onError);
  return {
    conn: new PgConnection(client, namedStatements),
    release: (broken) => {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      if (lost) client.release(lost);
      else if (broken) client.release(new Error('connection discarded after a failed transaction'));
      // Others wait for a place in the connection budget: close this one rather than keep it idle.
      else if (budget && budget.waiting > 0) client.release(true);
      else client.release();
    },
  };
}

/** `url` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * A cluster URL ending in `?pgbouncer=transaction` reaches PostgreSQL through PgBouncer in transaction
 * pooling mode without protocol-level prepared statements (PgBouncer before 1.21, or its
 * max_prepared_statements at 0): consecutive transactions of one client may run on different server
 * connections, so a statement prepared under a name on one is missing on the next ("prepared statement
 * … does not exist"). There every statement is sent unnamed. The parameter is Tenantry's own, taken off
 * before pg sees the URL; `pgbouncer=session` (or none) keeps named statements.
 */
export function pgbouncerMode(url: string): { url: string; namedStatements: boolean } {
  const u = new URL(url);
  const mode = u.searchParams.get('pgbouncer');
  if (mode === null) return { url, namedStatements: true };
  if (mode !== 'transaction' && mode !== 'session') throw new Error(`?pgbouncer= takes 'transaction' or 'session', not '${mode}'`);
  u.searchParams.delete('pgbouncer');
  return { url: u.toString(), namedStatements: mode !== 'transaction' };
}

export interface PgDatabaseOptions {
  url: string;
  poolSize: number;
  onError?: (error: Error) => void;
  /** The application role's password: its pool logs in as that role (see PgCluster.appLoginSql). */
  appPassword?: string;
  /** Every connection of the process together (TENANTRY_MAX_CONNECTIONS): each connection takes a place while open. */
  budget?: ConnectionBudget;
  /** Close a connection idle this long (milliseconds); default 30 s. */
  idleMs?: number;
}

/**
 * pg's Client, taking a place in `budget` before it connects and giving it back once it has ended
 * (or failed to connect): the pool creates every physical connection through this class, so the
 * budget counts exactly the sessions the server sees.
 */
function budgetedClient(budget: ConnectionBudget): typeof pg.Client {
  return class BudgetedClient extends pg.Client {
    releaseBudget: (() => void) | undefined;

    // One signature for pg's two overloads (a promise without a callback; the pool passes one).
    // @ts-expect-error -- TypeScript cannot check an implementation against overloads of a base class
    override connect(callback?: (error?: Error) => void): Promise<void> | undefined {
      const connecting = (async () => {
        this.releaseBudget = await budget.acquire();
        this.once('end', () => this.releaseBudget?.());
        try {
          await (pg.Client.prototype.connect as () => Promise<unknown>).call(this);
        } catch (error) {
          this.releaseBudget();
          throw error;
        }
      })();
      if (!callback) return connecting;
      connecting.then(() => callback(), callback);
      return undefined;
    }
  } as unknown as typeof pg.Client;
}

/**
 * The application role's password on a server: derived from the owner's credentials and the server
 * address (not the database), so every process and every database of one deployment agrees on it
 * without storing it anywhere, and it is as secret as the owner's password.
 */
export function appPassword(url: string): string {
  return derivedPassword(url, 'tenantry application role v1');
}

/** A database tenant's login password (databaseLoginSql), derived the same way, per role. */
export function databaseRolePassword(url: string, role: string): string {
  return derivedPassword(url, `tenantry database tenant role v1:${role}`);
}

function derivedPassword(url: string, label: string): string {
  const u = new URL(url);
  return createHmac('sha256', `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}@${u.hostname}:${u.port}`)
    .update(label)
    .digest('base64url');
}

/**
 * `url` with the application role's credentials in place of the owner's, or undefined when the URL
 * cannot carry credentials (no host: a Unix-socket URL such as `postgres:///db?host=/run/postgresql`).
 */
function asRole(url: string, role: string, password: string): string | undefined {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.username === encodeURIComponent(role) ? u.toString() : undefined;
}

/**
 * One database on a PostgreSQL server: a small pool as the configured (owner) user for DDL and the
 * catalog, and the application pool, which logs in as the application role itself — not superuser,
 * not owner, NOBYPASSRLS — so no statement on it can `RESET ROLE` its way to more rights.
 */
export class PgDatabase implements DatabaseBackend {
  readonly kind = 'postgres' as const;
  readonly #options: PgDatabaseOptions;
  readonly #admin: pg.Pool;
  #app: pg.Pool | undefined;
  #appRole: string | undefined;
  #closed = false;
  readonly #namedStatements: boolean;

  get appPoolSize(): number {
    return this.#options.poolSize;
  }

  constructor(options: PgDatabaseOptions) {
    const { url, namedStatements } = pgbouncerMode(options.url);
    this.#options = { ...options, url };
    this.#namedStatements = namedStatements;
    this.#admin = this.#pool({ max: Math.min(4, options.poolSize) });
    this.#stopReclaiming = options.budget?.onPressure(() => this.#closeOneIdle());
  }

  readonly #stopReclaiming: (() => void) | undefined;

  /** Close one idle connection of this database's pools, if there is one (the budget is full). */
  async #closeOneIdle(): Promise<boolean> {
    for (const pool of [this.#admin, this.#app]) {
      if (!pool || pool.idleCount === 0 || pool.ending) continue;
      // With an idle connection at hand, connect() takes it rather than opening one.
      const client = await pool.connect();
      client.release(true);
      return true;
    }
    return false;
  }

  #pool(extra: pg.PoolConfig, url = this.#options.url): pg.Pool {
    const { budget, idleMs = 30_000 } = this.#options;
    const pool = new pg.Pool({ connectionString: url, idleTimeoutMillis: idleMs, ...(budget && { Client: budgetedClient(budget) }), ...extra });
    // An idle client whose server went away must not crash the process; the pool drops it. Once closed,
    // pool.end() has resolved but backends may still be exiting: errors then are expected, not news.
    pool.on('error', (error) => {
      if (!this.#closed) this.#options.onError?.(error);
    });
    return pool;
  }

  enableAppRole(role: string): void {
    if (this.#appRole === role) return;
    // Startup options are not SQL: the name goes in bare, so only plain identifiers are accepted.
    if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`application role '${role}' must be a plain identifier`);
    this.#appRole = role;
    const old = this.#app;
    const { appPassword: password } = this.#options;
    const login = password ? asRole(this.#options.url, role, password) : undefined;
    // `-c role=` always: a no-op when the session logs in as the role, and where it cannot (a URL
    // without a host) the session still starts as the application role, never as the owner.
    this.#app = this.#pool({ max: this.#options.poolSize, options: `-c role=${role}` }, login ?? this.#options.url);
    void old?.end();
  }

  async acquireAdmin(): Promise<Lease> {
    return lease(await this.#admin.connect(), this.#namedStatements, this.#options.budget);
  }

  async acquireApp(): Promise<Lease> {
    if (!this.#app) throw new Error('application role is not set up in this database yet');
    return lease(await this.#app.connect(), this.#namedStatements, this.#options.budget);
  }

  poolStats(): PoolStats[] {
    const stats = (pool: string, p: pg.Pool): PoolStats => ({ pool, total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount });
    return [stats('admin', this.#admin), ...(this.#app ? [stats('app', this.#app)] : [])];
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopReclaiming?.();
    await Promise.all([this.#admin.end(), this.#app?.end()]);
  }
}

/** How long a tenant database's idle connection stays open. */
const TENANT_DATABASE_CONNECTION_IDLE_MS = 5_000;

export class PgCluster implements ClusterBackend {
  readonly kind = 'postgres' as const;
  readonly main: PgDatabase;
  readonly #appPassword: string;

  constructor(
    readonly name: string,
    private readonly url: string,
    poolSize: number,
    readonly tenantPoolSize: number,
    private readonly onError?: (error: Error) => void,
    private readonly budget?: ConnectionBudget,
  ) {
    this.#appPassword = appPassword(url);
    this.main = new PgDatabase({ url, poolSize, onError, appPassword: this.#appPassword, budget });
  }

  appLoginSql(role: string): string {
    return appLoginSql(role, scramVerifier(this.#appPassword));
  }

  databaseLoginSql(role: string, database: string, options: { adopt: boolean }): string {
    return databaseLoginSql(role, scramVerifier(databaseRolePassword(this.url, role)), database, options);
  }

  async createDatabase(database: string): Promise<void> {
    const lease = await this.main.acquireAdmin();
    try {
      await lease.conn.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } finally {
      lease.release();
    }
  }

  async openDatabase(database: string, role: string): Promise<PgDatabase> {
    const lease = await this.main.acquireAdmin();
    try {
      const found = await lease.conn.query('select 1 from pg_database where datname = $1', [database]);
      if (found.rows.length === 0) throw new Error(`database '${database}' does not exist`);
    } finally {
      lease.release();
    }
    return new PgDatabase({
      url: withDatabase(this.url, database),
      poolSize: this.tenantPoolSize,
      onError: this.onError,
      appPassword: databaseRolePassword(this.url, role),
      budget: this.budget,
      // A tenant database's connections go soon: there may be hundreds of such databases, each with its pools.
      idleMs: TENANT_DATABASE_CONNECTION_IDLE_MS,
    });
  }

  async dropDatabase(database: string): Promise<void> {
    const lease = await this.main.acquireAdmin();
    try {
      await lease.conn.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    } finally {
      lease.release();
    }
  }

  async close(): Promise<void> {
    await this.main.close();
  }
}
