import { adminTransaction, type DatabaseBackend, type SqlConnection } from '../backends/backend.js';
import { createSchemaSql, grantSchemaSql } from '../ddl.js';
import { MIGRATIONS_TABLE, quoteIdent } from '../names.js';
import type { Migration } from './migration.js';

/** One place a migration set is applied to: a schema in a database, and the role its tables serve. */
export interface MigrationTarget {
  db: DatabaseBackend;
  schema: string;
  /** Role granted DML on the tables after migrating (none for the catalog). */
  grantee?: string;
  /** Run before migrating (not on a dry run): e.g. make sure the grantee exists. */
  prepare?: () => Promise<void>;
}

function sorted(migrations: readonly Migration[]): Migration[] {
  const list = [...migrations].sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (i > 0 && list[i - 1]!.version === m.version) throw new Error(`migration version ${m.version} is defined twice`);
  });
  return list;
}

async function appliedVersions(conn: SqlConnection, schema: string): Promise<Set<number>> {
  const exists = await conn.query<{ found: boolean }>(`select exists (select 1 from pg_tables where schemaname = $1 and tablename = $2) as found`, [
    schema,
    MIGRATIONS_TABLE,
  ]);
  if (!exists.rows[0]?.found) return new Set();
  const rows = await conn.query<{ version: number }>(`select version from ${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)}`);
  return new Set(rows.rows.map((r) => Number(r.version)));
}

/** Migrations of `migrations` not yet applied at `target`, in order. Reads only. */
export async function pendingMigrations(target: MigrationTarget, migrations: readonly Migration[]): Promise<Migration[]> {
  const lease = await target.db.acquireAdmin();
  try {
    const applied = await appliedVersions(lease.conn, target.schema);
    return sorted(migrations).filter((m) => !applied.has(m.version));
  } finally {
    lease.release();
  }
}

/**
 * Apply every pending migration at `target`, each in its own transaction together with its record in
 * `_migrations`, so a failure leaves the location at the last good version and a re-run resumes there.
 * A transaction-scoped advisory lock on the schema name serialises concurrent migrators.
 */
export async function applyMigrations(target: MigrationTarget, migrations: readonly Migration[]): Promise<number[]> {
  const schema = quoteIdent(target.schema);
  const table = `${schema}.${quoteIdent(MIGRATIONS_TABLE)}`;
  const applied: number[] = [];
  await target.prepare?.();
  for (const migration of await pendingMigrations(target, migrations)) {
    const done = await adminTransaction(target.db, async (conn) => {
      await conn.query('select pg_advisory_xact_lock(hashtext($1))', [`tenantry:migrate:${target.schema}`]);
      await conn.exec(`${createSchemaSql(target.schema)};
CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const versions = await appliedVersions(conn, target.schema);
      if (versions.has(migration.version)) return false;
      await conn.query(`select set_config('search_path', $1, true)`, [schema]);
      await conn.exec(migration.sql);
      await conn.query(`insert into ${table} (version, name) values ($1, $2)`, [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  if (target.grantee && (applied.length > 0 || (await ungranted(target.db, target.schema, target.grantee)))) {
    await grantTables(target.db, target.schema, target.grantee);
  }
  return applied;
}

/** Whether some table of `schema` is not (yet) usable by `role` — a location whose grantee changed. */
async function ungranted(db: DatabaseBackend, schema: string, role: string): Promise<boolean> {
  const lease = await db.acquireAdmin();
  try {
    const { rows } = await lease.conn.query<{ n: number }>(
      `select count(*)::int as n from pg_tables
        where schemaname = $1 and tablename <> $2 and not has_table_privilege($3, format('%I.%I', schemaname, tablename), 'SELECT')`,
      [schema, MIGRATIONS_TABLE, role],
    );
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    lease.release();
  }
}

async function grantTables(db: DatabaseBackend, schema: string, role: string): Promise<void> {
  await adminTransaction(db, async (conn) => {
    const tables = await conn.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = $1 and tablename <> $2 order by tablename`, [
      schema,
      MIGRATIONS_TABLE,
    ]);
    await conn.exec(
      grantSchemaSql(
        schema,
        role,
        tables.rows.map((r) => r.tablename),
      ),
    );
  });
}
