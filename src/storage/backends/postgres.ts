import pg from 'pg';
import type { ClusterBackend, DatabaseBackend, Lease, QueryResult, SqlConnection } from './backend.js';
import { quoteIdent } from '../names.js';

class PgConnection implements SqlConnection {
  constructor(private readonly client: pg.PoolClient) {}

  async query<R>(sql: string, params?: readonly unknown[], name?: string): Promise<QueryResult<R>> {
    const result = await this.client.query({ text: sql, values: params as unknown[] | undefined, name });
    return { rows: result.rows as R[], affectedRows: result.rowCount ?? undefined };
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
}

function lease(client: pg.PoolClient): Lease {
  let released = false;
  return {
    conn: new PgConnection(client),
    release: (broken) => {
      if (released) return;
      released = true;
      client.release(broken ? new Error('connection discarded after a failed transaction') : undefined);
    },
  };
}

/** `url` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export interface PgDatabaseOptions {
  url: string;
  poolSize: number;
  onError?: (error: Error) => void;
}

/**
 * One database on a PostgreSQL server: a small pool as the configured (owner) user for DDL and the
 * catalog, and the application pool whose sessions start as the application role (`-c role=…`), in
 * pipeline mode so a scope's set-up travels with its first statement.
 */
export class PgDatabase implements DatabaseBackend {
  readonly kind = 'postgres' as const;
  readonly #options: PgDatabaseOptions;
  readonly #admin: pg.Pool;
  #app: pg.Pool | undefined;
  #appRole: string | undefined;

  constructor(options: PgDatabaseOptions) {
    this.#options = options;
    this.#admin = this.#pool({ max: Math.min(4, options.poolSize) });
  }

  #pool(extra: pg.PoolConfig & { pipeline?: boolean }): pg.Pool {
    const pool = new pg.Pool({ connectionString: this.#options.url, idleTimeoutMillis: 30_000, ...extra });
    // An idle client whose server went away must not crash the process; the pool drops it.
    pool.on('error', (error) => this.#options.onError?.(error));
    return pool;
  }

  enableAppRole(role: string): void {
    if (this.#appRole === role) return;
    // Startup options are not SQL: the name goes in bare, so only plain identifiers are accepted.
    if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`application role '${role}' must be a plain identifier`);
    this.#appRole = role;
    const old = this.#app;
    this.#app = this.#pool({ max: this.#options.poolSize, pipeline: true, options: `-c role=${role}` });
    void old?.end();
  }

  async acquireAdmin(): Promise<Lease> {
    return lease(await this.#admin.connect());
  }

  async acquireApp(): Promise<Lease> {
    if (!this.#app) throw new Error('application role is not set up in this database yet');
    return lease(await this.#app.connect());
  }

  async close(): Promise<void> {
    await Promise.all([this.#admin.end(), this.#app?.end()]);
  }
}

export class PgCluster implements ClusterBackend {
  readonly kind = 'postgres' as const;
  readonly main: PgDatabase;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly poolSize: number,
    private readonly tenantPoolSize: number,
    private readonly onError?: (error: Error) => void,
  ) {
    this.main = new PgDatabase({ url, poolSize, onError });
  }

  async createDatabase(database: string): Promise<void> {
    const lease = await this.main.acquireAdmin();
    try {
      await lease.conn.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } finally {
      lease.release();
    }
  }

  async openDatabase(database: string): Promise<PgDatabase> {
    const lease = await this.main.acquireAdmin();
    try {
      const found = await lease.conn.query('select 1 from pg_database where datname = $1', [database]);
      if (found.rows.length === 0) throw new Error(`database '${database}' does not exist`);
    } finally {
      lease.release();
    }
    return new PgDatabase({ url: withDatabase(this.url, database), poolSize: this.tenantPoolSize, onError: this.onError });
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
