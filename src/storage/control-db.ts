import type { Kysely } from 'kysely';
import type { DatabaseBackend, Statement } from './backends/backend.js';
import { leaseKysely } from './kysely.js';
import { applyMigrations } from './migrations/runner.js';
import { CATALOG_MIGRATIONS } from './migrations/catalog-migrations.js';
import { CATALOG_SCHEMA } from './names.js';

export interface ControlSqlOptions {
  /** Prepare once per connection under this name (a constant statement on a hot path). */
  name?: string;
  /**
   * Commit without waiting for the WAL to reach disk (synchronous_commit off, in the same round trip):
   * only for bookkeeping that is safe to lose in a server crash (the queue's claims and acks).
   */
  asyncCommit?: boolean;
}

const ASYNC_COMMIT = "select set_config('synchronous_commit', 'off', true)";

/**
 * The only door from control-plane code (catalog, workflow queue, lifecycle) to the control-plane
 * database: single statements with parameters, and a Kysely instance over the catalog schema
 * (`schema`) — never a connection to hold (pg-boss's `IDatabase.executeSql` is the model). Tenant
 * data is reached only through a tenant scope. Note what this does not enforce: the statements run
 * as the owner of the control cluster's main database, which also holds the pooled table and the
 * tenant schemas, so a statement naming them would read them. Review and the lint rule keep
 * control-plane code to the catalog; a control-plane role granted the catalog schema alone would
 * make the database refuse it too.
 */
export interface ControlDb {
  /** The schema holding the catalog and the queue; statements name it (the queue's SQL in workflows/queue.ts is a function of it). */
  readonly schema: string;
  /** Run one statement and return its rows. */
  executeSql<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: ControlSqlOptions): Promise<R[]>;
  /**
   * Run `statements` in order in one transaction (one round trip on PostgreSQL) and return the last
   * one's rows. Each statement reads a snapshot of its own (READ COMMITTED): what a later one sees
   * includes what committed while an earlier one waited or locked.
   */
  executeBatch<R = Record<string, unknown>>(statements: readonly Statement[]): Promise<R[]>;
  /** Kysely over the catalog schema, typed by the caller (each query leases a connection for itself). */
  kysely<DB>(): Kysely<DB>;
}

/** Migrate the catalog on `db` and hand out the executor over it. */
export async function openControlDb(db: DatabaseBackend): Promise<ControlDb> {
  await applyMigrations({ db, schema: CATALOG_SCHEMA }, CATALOG_MIGRATIONS);
  return new BackendControlDb(db, CATALOG_SCHEMA);
}

class BackendControlDb implements ControlDb {
  readonly #db: DatabaseBackend;
  readonly #kysely: Kysely<unknown>;

  constructor(
    db: DatabaseBackend,
    readonly schema: string,
  ) {
    this.#db = db;
    this.#kysely = leaseKysely<unknown>(() => db.acquireAdmin()).withSchema(schema) as unknown as Kysely<unknown>;
  }

  async executeSql<R>(sql: string, params: readonly unknown[] = [], options: ControlSqlOptions = {}): Promise<R[]> {
    const lease = await this.#db.acquireAdmin();
    try {
      const result = options.asyncCommit
        ? await lease.conn.batch<R>([
            { sql: ASYNC_COMMIT, name: 'tenantry_async_commit' },
            { sql, params, name: options.name },
          ])
        : options.name
          ? await lease.conn.batch<R>([{ sql, params, name: options.name }])
          : await lease.conn.query<R>(sql, params);
      return result.rows;
    } finally {
      lease.release();
    }
  }

  async executeBatch<R>(statements: readonly Statement[]): Promise<R[]> {
    const lease = await this.#db.acquireAdmin();
    try {
      return (await lease.conn.batch<R>(statements)).rows;
    } finally {
      lease.release();
    }
  }

  kysely<DB>(): Kysely<DB> {
    return this.#kysely as unknown as Kysely<DB>;
  }
}
