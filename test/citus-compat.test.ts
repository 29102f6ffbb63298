/**
 * The pooled tables stay distributable by tenant_id (docs/citus.md): Citus can distribute and
 * co-locate a table by a column only if every primary key, unique constraint, unique index and
 * exclusion constraint includes that column, and a foreign key between distributed tables only if it
 * joins the column to itself. Checked in the catalog of a real database after the tenant migrations,
 * on both backends, so a new migration that breaks it fails here rather than on a Citus cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import { POOL_SCHEMA } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

interface Key {
  table: string;
  name: string;
  kind: string;
  columns: string[];
  referenced_table: string | null;
  referenced_schema: string | null;
  referenced_columns: string[] | null;
}

describe(`pooled tables are distributable by tenant_id (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const query = async <R>(sql: string, params: unknown[] = []) => (await adminQuery<R>(routerOf(t).controlCluster.main, sql, params)).rows;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    // Provisioning a pooled tenant brings the pool to the latest tenant migration.
    await t.tenants.create({ id: tenantId('citus'), isolation: 'pooled' });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('every table of the pool has tenant_id NOT NULL, with row-level security enabled and forced', async () => {
    const tables = await query<{ table: string; has_tenant: boolean; not_null: boolean; rls: boolean; forced: boolean; policies: number }>(
      `select c.relname as table, a.attname is not null as has_tenant, coalesce(a.attnotnull, false) as not_null,
              c.relrowsecurity as rls, c.relforcerowsecurity as forced,
              (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
        where n.nspname = $1 and c.relkind in ('r', 'p') and c.relname <> '_migrations'
        order by 1`,
      [POOL_SCHEMA],
    );
    expect(tables.map((r) => r.table)).toEqual(
      expect.arrayContaining(['collections', 'records', 'models', 'model_versions', 'workflows', 'runs', 'run_steps']),
    );
    for (const row of tables) expect(row, row.table).toMatchObject({ has_tenant: true, not_null: true, rls: true, forced: true, policies: 1 });
  });

  it('every primary key, unique or exclusion constraint and unique index includes tenant_id', async () => {
    const keys = await query<Key>(
      `select c.relname as table, con.conname as name, con.contype::text as kind,
              array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as columns,
              null as referenced_table, null as referenced_schema, null as referenced_columns
         from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and con.contype in ('p', 'u', 'x')
       union all
       select c.relname, i.relname, 'unique index',
              array(select a.attname::text from unnest(ix.indkey::int2[]) k join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k),
              null, null, null
         from pg_index ix join pg_class c on c.oid = ix.indrelid join pg_class i on i.oid = ix.indexrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and ix.indisunique
        order by 1, 2`,
      [POOL_SCHEMA],
    );
    const tables = new Set(keys.map((k) => k.table));
    tables.delete('_migrations');
    // Each table has its primary key at least (and its index, counted as a unique index).
    expect(keys.filter((k) => k.kind === 'p' && k.table !== '_migrations')).toHaveLength(tables.size);
    for (const key of keys.filter((k) => k.table !== '_migrations')) expect(key.columns, `${key.table}.${key.name}`).toContain('tenant_id');
    // And tenant_id leads every primary key: a tenant's rows are one range of each index.
    for (const key of keys.filter((k) => k.kind === 'p' && k.table !== '_migrations')) expect(key.columns[0], key.table).toBe('tenant_id');
  });

  it('every foreign key stays within the pool and joins tenant_id to tenant_id', async () => {
    const foreign = await query<Key>(
      `select c.relname as table, con.conname as name, 'f' as kind,
              array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as columns,
              r.relname as referenced_table, rn.nspname as referenced_schema,
              array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as referenced_columns
         from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_class r on r.oid = con.confrelid join pg_namespace rn on rn.oid = r.relnamespace
        where con.contype = 'f' and (n.nspname = $1 or rn.nspname = $1)
        order by 1, 2`,
      [POOL_SCHEMA],
    );
    expect(foreign.length).toBeGreaterThanOrEqual(3);
    for (const key of foreign) {
      const where = `${key.table}.${key.name}`;
      expect(key.referenced_schema, where).toBe(POOL_SCHEMA);
      const at = key.columns.indexOf('tenant_id');
      expect(at, where).toBeGreaterThanOrEqual(0);
      expect(key.referenced_columns![at], where).toBe('tenant_id');
    }
  });
});
