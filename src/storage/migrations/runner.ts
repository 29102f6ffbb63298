import { adminTransaction, type DatabaseBackend, type SqlConnection } from '../backends/backend.js';
import { CURRENT_TENANT_SQL, createSchemaSql, grantSchemaSql } from '../ddl.js';
import { APP_MIGRATIONS_TABLE, BOOKKEEPING_TABLES, MIGRATIONS_TABLE, quoteIdent } from '../names.js';
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

/** Where a migration is recorded: Tenantry's own in `_migrations`, an application's in `_app_migrations`. */
const recordTable = (m: Migration) => (m.app ? APP_MIGRATIONS_TABLE : MIGRATIONS_TABLE);

/** Tenantry's migrations by version, then the application's by version (each set numbered on its own). */
function sorted(migrations: readonly Migration[]): Migration[] {
  const list = [...migrations].sort((a, b) => Number(a.app ?? false) - Number(b.app ?? false) || a.version - b.version);
  list.forEach((m, i) => {
    const before = list[i - 1];
    if (before && before.version === m.version && recordTable(before) === recordTable(m)) {
      throw new Error(`${m.app ? 'app ' : ''}migration version ${m.version} is defined twice`);
    }
  });
  return list;
}

async function appliedVersions(conn: SqlConnection, schema: string, table: string): Promise<Set<number>> {
  const exists = await conn.query<{ found: boolean }>(`select exists (select 1 from pg_tables where schemaname = $1 and tablename = $2) as found`, [
    schema,
    table,
  ]);
  if (!exists.rows[0]?.found) return new Set();
  const rows = await conn.query<{ version: number }>(`select version from ${quoteIdent(schema)}.${quoteIdent(table)}`);
  return new Set(rows.rows.map((r) => Number(r.version)));
}

/** Migrations of `migrations` not yet applied at `target`, in order (Tenantry's, then the application's). Reads only. */
export async function pendingMigrations(target: MigrationTarget, migrations: readonly Migration[]): Promise<Migration[]> {
  const lease = await target.db.acquireAdmin();
  try {
    const core = await appliedVersions(lease.conn, target.schema, MIGRATIONS_TABLE);
    const app = migrations.some((m) => m.app) ? await appliedVersions(lease.conn, target.schema, APP_MIGRATIONS_TABLE) : new Set<number>();
    return sorted(migrations).filter((m) => !(m.app ? app : core).has(m.version));
  } finally {
    lease.release();
  }
}

/** Raised (and the migration rolled back) when an application's migration leaves a table without the tenant guarantees. */
export class TenantTableError extends Error {
  constructor(
    readonly migration: string,
    readonly table: string,
    readonly problem: string,
    kind: 'table' | 'function' = 'table',
  ) {
    super(`app migration ${migration} refused: ${kind} ${table} ${problem}`);
    this.name = 'TenantTableError';
  }
}

/**
 * The tenant-table guarantees, checked from pg_catalog inside the migration's transaction (after it
 * ran, before it is recorded and committed): every table of the location has `tenant_id` leading its
 * primary key, RLS enabled and forced, Tenantry's `tenant_isolation` policy (for every command and
 * role, the expression of ddl.ts tenantRlsSql: compared with the same policy deparsed on a scratch
 * table) and no other permissive policy — another permissive policy is OR-ed with it and can only
 * widen what a tenant sees. Views, materialized views and foreign tables are refused: a view reads
 * as its owner, past RLS; so do rules and SECURITY DEFINER functions (of the location's schema),
 * also refused. So are GENERATED ALWAYS columns (identity or computed): a tenant move copies
 * rows column by column, which they refuse.
 */
async function checkTenantTables(conn: SqlConnection, schema: string, migration: Migration): Promise<void> {
  const probe = 'pg_temp._tenantry_policy_probe';
  await conn.exec(`CREATE TEMP TABLE _tenantry_policy_probe (tenant_id text) ON COMMIT DROP;
CREATE POLICY tenant_isolation ON ${probe} USING (tenant_id = ${CURRENT_TENANT_SQL}) WITH CHECK (tenant_id = ${CURRENT_TENANT_SQL})`);
  const { rows } = await conn.query<{
    name: string;
    kind: string;
    tenant_id: boolean;
    key_lead: string | null;
    rls: boolean;
    forced: boolean;
    ours: boolean;
    others: string | null;
    fixed: string | null;
    rules: string | null;
  }>(
    `with expected as (
       select pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as checked
         from pg_policy p where p.polrelid = '${probe}'::regclass
     ), policies as (
       select p.polrelid, p.polname, p.polpermissive,
              (p.polname = 'tenant_isolation' and p.polpermissive and p.polcmd = '*' and p.polroles = array[0]::oid[]
               and pg_get_expr(p.polqual, p.polrelid) = e.qual and pg_get_expr(p.polwithcheck, p.polrelid) = e.checked) as ours
         from pg_policy p cross join expected e
     )
     select c.relname as name, c.relkind::text as kind,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_id,
            (select a.attname::text from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
              where k.conrelid = c.oid and k.contype = 'p') as key_lead,
            c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            (select string_agg(r.rulename::text, ', ' order by r.rulename) from pg_rewrite r
              where r.ev_class = c.oid and r.rulename <> '_RETURN') as rules,
            (select string_agg(a.attname::text, ', ' order by a.attnum) from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and (a.attidentity = 'a' or a.attgenerated <> '')) as fixed,
            exists (select 1 from policies p where p.polrelid = c.oid and p.ours) as ours,
            (select string_agg(p.polname::text, ', ' order by p.polname) from policies p where p.polrelid = c.oid and p.polpermissive and not p.ours) as others
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relname <> all($2::text[])
      order by c.oid`,
    [schema, BOOKKEEPING_TABLES],
  );
  await conn.exec(`DROP TABLE ${probe}`);
  const name = `${String(migration.version).padStart(6, '0')}-${migration.name}`;
  const definers = await conn.query<{ name: string }>(
    `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1 and p.prosecdef order by p.oid limit 1`,
    [schema],
  );
  const definer = definers.rows[0];
  if (definer) {
    throw new TenantTableError(name, definer.name, 'is SECURITY DEFINER: it would run as its owner, past row-level security; use SECURITY INVOKER', 'function');
  }
  for (const t of rows) {
    const refuse = (problem: string) => new TenantTableError(name, t.name, problem);
    if (t.kind === 'v' || t.kind === 'm' || t.kind === 'f') throw refuse('is a view or foreign table: it would read past row-level security; use a table');
    if (!t.tenant_id) throw refuse(`has no tenant_id column; add ${'`'}tenant_id${'`'} (TENANT_ID_COLUMN) and lead the primary key with it`);
    if (t.key_lead !== 'tenant_id')
      throw refuse(t.key_lead ? `has a primary key led by ${t.key_lead}, not tenant_id` : 'has no primary key; lead one with tenant_id');
    if (!t.rls || !t.forced) throw refuse(`does not have row-level security enabled and forced; add tenantRlsSql('${t.name}')`);
    if (!t.ours) throw refuse(`lacks Tenantry's tenant_isolation policy; add tenantRlsSql('${t.name}')`);
    if (t.fixed) {
      throw refuse(
        `has columns whose values cannot be written (${t.fixed}: GENERATED ALWAYS); a tenant move copies every column — use GENERATED BY DEFAULT AS IDENTITY or a plain default`,
      );
    }
    if (t.rules) throw refuse(`has rules (${t.rules}): a rule's statements run as the table's owner, past row-level security; use a trigger`);
    if (t.others) throw refuse(`has permissive policies of its own (${t.others}) that would widen tenant_isolation; drop them or make them RESTRICTIVE`);
  }
}

/**
 * Apply every pending migration at `target`, each in its own transaction together with its record in
 * `_migrations`, so a failure leaves the location at the last good version and a re-run resumes there.
 * A transaction-scoped advisory lock on the schema name serialises concurrent migrators.
 */
export async function applyMigrations(target: MigrationTarget, migrations: readonly Migration[]): Promise<Migration[]> {
  const schema = quoteIdent(target.schema);
  const applied: Migration[] = [];
  await target.prepare?.();
  for (const migration of await pendingMigrations(target, migrations)) {
    const table = `${schema}.${quoteIdent(recordTable(migration))}`;
    const done = await adminTransaction(target.db, async (conn) => {
      await conn.query('select pg_advisory_xact_lock(hashtext($1))', [`tenantry:migrate:${target.schema}`]);
      await conn.exec(`${createSchemaSql(target.schema)};
CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const versions = await appliedVersions(conn, target.schema, recordTable(migration));
      if (versions.has(migration.version)) return false;
      await conn.query(`select set_config('search_path', $1, true)`, [schema]);
      await conn.exec(migration.sql);
      if (migration.app) await checkTenantTables(conn, target.schema, migration);
      await conn.query(`insert into ${table} (version, name) values ($1, $2)`, [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration);
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
        where schemaname = $1 and tablename <> all($2::text[]) and not has_table_privilege($3, format('%I.%I', schemaname, tablename), 'SELECT')`,
      [schema, BOOKKEEPING_TABLES, role],
    );
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    lease.release();
  }
}

async function grantTables(db: DatabaseBackend, schema: string, role: string): Promise<void> {
  await adminTransaction(db, async (conn) => {
    // Under the schema's migration lock: two first provisions of pooled tenants at once would otherwise
    // both GRANT on the same tables, and PostgreSQL refuses the second ("tuple concurrently updated").
    await conn.query('select pg_advisory_xact_lock(hashtext($1))', [`tenantry:migrate:${schema}`]);
    const tables = await conn.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = $1 and tablename <> all($2::text[]) order by tablename`,
      [schema, BOOKKEEPING_TABLES],
    );
    await conn.exec(
      grantSchemaSql(
        schema,
        role,
        tables.rows.map((r) => r.tablename),
      ),
    );
  });
}
