/**
 * The narrow interface every database backend implements (embedded PGlite, PostgreSQL through `pg`).
 * Everything above it — Kysely, strategies, scopes, migrations — is written once against it.
 */

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  affectedRows?: number;
}

export interface Statement {
  sql: string;
  params?: readonly unknown[];
  /** Prepare once per connection under this name (a constant statement sent on a hot path). */
  name?: string;
}

export interface BatchOptions {
  /** Resolve the result of the statement at this index instead of the last one's. */
  resultOf?: number;
  /**
   * Send the batch as one simple-protocol query string with its parameters written as literals
   * (inline.ts), where the backend can: less protocol work per statement than the extended protocol,
   * but no statement keeps a prepared plan. A batch the backend cannot write so goes as usual.
   */
  inline?: boolean;
  /**
   * The batch takes a lock that others queue for until its transaction ends (a tenant's audit chain
   * head): release it at commit, not after the commit's WAL flush, then wait for the flush in the
   * same round trip. On PostgreSQL the batch's transaction commits with synchronous_commit off (its
   * locks go as soon as the commit is recorded, so the next writer can take them while this one's
   * flush is under way — flushes of queued writers are shared again, as for writers that queue for
   * nothing), and a second transaction that writes WAL commits synchronously after it: its flush
   * covers the first one's commit record, so the batch resolves only once the write is on disk, as
   * with a synchronous commit. Not with inline, nor with a batch that opens a transaction (BEGIN)
   * itself. PGlite, in process with one connection, has nothing to gain: a plain batch there.
   */
  releaseLocksBeforeFlush?: boolean;
}

/** One connection, held exclusively by whoever leased it. */
export interface SqlConnection {
  /**
   * The connection keeps statements prepared under a name between batches (PostgreSQL, unless reached
   * through a transaction-pooling PgBouncer): a tenant scope then names its repeated statements.
   */
  readonly prepares?: boolean;
  /** Run one statement with parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /**
   * Run `statements` in order as one unit and resolve the last one's result. On PostgreSQL they travel
   * in one round trip with a single Sync, so they share one implicit transaction — unless the first
   * is BEGIN, which leaves an explicit transaction open afterwards. An error anywhere fails the batch.
   */
  batch<R = Record<string, unknown>>(statements: readonly Statement[], options?: BatchOptions): Promise<QueryResult<R>>;
  /** Run a script of several statements, without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Lease {
  readonly conn: SqlConnection;
  /** Give the connection back; `broken` discards it instead of reusing it. */
  release(broken?: boolean): void;
}

/** One database: a PGlite instance, or one database on a PostgreSQL server. */
export interface DatabaseBackend {
  readonly kind: 'pglite' | 'postgres';
  /** Connections the application pool holds at most (PGlite: its one session). */
  readonly appPoolSize: number;
  /** A connection with the owner's rights: DDL, the catalog, provisioning, migrations. */
  acquireAdmin(): Promise<Lease>;
  /**
   * A connection whose session runs as the application role (not superuser, not owner, NOBYPASSRLS),
   * and carries no tenant: tenant settings are only ever set transaction-locally by a scope.
   */
  acquireApp(): Promise<Lease>;
  /** Called once the application role exists in this database. */
  enableAppRole(role: string): void;
  /** Connections of each pool now (metrics): opened, idle, and requests waiting for one. */
  poolStats(): PoolStats[];
  close(): Promise<void>;
}

export interface PoolStats {
  /** `admin` or `app` (PGlite: `session`, its one connection). */
  pool: string;
  total: number;
  idle: number;
  waiting: number;
}

/** A cluster: its main database (catalog, pooled tables, tenant schemas) plus per-tenant databases. */
export interface ClusterBackend {
  readonly name: string;
  readonly kind: 'pglite' | 'postgres';
  readonly main: DatabaseBackend;
  /** Connections the application pool of one tenant database holds at most (PGlite: its one session). */
  readonly tenantPoolSize: number;
  /**
   * SQL (run by the owner) that lets the application role log in by itself, or undefined where the
   * backend switches one session between roles instead (PGlite: a single in-process connection).
   */
  appLoginSql(role: string): string | undefined;
  /**
   * SQL (run by the owner) giving a database tenant's `role` a login of its own that can connect to
   * `database` only, or undefined where there are no logins (PGlite). `adopt`: whether a role of that
   * name that exists already is taken as the tenant's (ddl.ts databaseLoginSql).
   */
  databaseLoginSql(role: string, database: string, options: { adopt: boolean }): string | undefined;
  createDatabase(database: string): Promise<void>;
  /** Open an existing tenant database, whose application sessions log in as `role` where logins exist. */
  openDatabase(database: string, role: string): Promise<DatabaseBackend>;
  /** Drop a tenant database; the caller has closed every handle on it. */
  dropDatabase(database: string): Promise<void>;
  close(): Promise<void>;
}

/** Run `fn` inside BEGIN/COMMIT on a leased connection, rolling back (or discarding) on error. */
export async function inTransaction<T>(lease: Lease, fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
  const { conn } = lease;
  await conn.query('BEGIN');
  try {
    const result = await fn(conn);
    await conn.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await conn.query('ROLLBACK');
    } catch {
      lease.release(true);
      throw error;
    }
    throw error;
  }
}

/** Lease an admin connection, run `fn` in a transaction, release. */
export async function adminTransaction<T>(db: DatabaseBackend, fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
  const lease = await db.acquireAdmin();
  let released = false;
  const guarded: Lease = {
    conn: lease.conn,
    release: (broken) => {
      released = true;
      lease.release(broken);
    },
  };
  try {
    return await inTransaction(guarded, fn);
  } finally {
    if (!released) lease.release();
  }
}

/** Lease an admin connection for one statement outside a transaction. */
export async function adminQuery<R = Record<string, unknown>>(db: DatabaseBackend, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
  const lease = await db.acquireAdmin();
  try {
    return await lease.conn.query<R>(sql, params);
  } finally {
    lease.release();
  }
}
