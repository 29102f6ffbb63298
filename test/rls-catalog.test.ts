import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseBackend } from '../src/storage/backends/backend.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { sql } from 'kysely';
import pg from 'pg';
import { appPassword, databaseRolePassword, withDatabase } from '../src/storage/backends/postgres.js';
import { MIGRATIONS_TABLE } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';

interface TableFacts {
  schema: string;
  table: string;
  rls: boolean;
  forced: boolean;
  owner: string;
  first_column: string | null;
  policies: number;
}

/**
 * Every table in the tenant schemas of one database, read from the system catalog — so a table added
 * later without RLS, without tenant_id or with a key not led by tenant_id fails this test.
 */
async function tenantTables(db: DatabaseBackend, schemas: string[]): Promise<TableFacts[]> {
  const { rows } = await adminQuery<TableFacts>(
    db,
    `select n.nspname as schema, c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            pg_get_userbyid(c.relowner) as owner,
            (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum limit 1) as first_column,
            (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any($1) and c.relname <> $2
      order by 1, 2`,
    [schemas, MIGRATIONS_TABLE],
  );
  return rows;
}

/** Primary and unique keys whose first column is not tenant_id. */
async function keysNotLedByTenant(db: DatabaseBackend, schemas: string[]): Promise<string[]> {
  const { rows } = await adminQuery<{ name: string }>(
    db,
    `select n.nspname || '.' || ic.relname as name
       from pg_index i
       join pg_class ic on ic.oid = i.indexrelid
       join pg_class tc on tc.oid = i.indrelid
       join pg_namespace n on n.oid = tc.relnamespace
       join pg_attribute a on a.attrelid = tc.oid and a.attnum = i.indkey[0]
      where (i.indisunique or i.indisprimary) and n.nspname = any($1) and tc.relname <> $2 and a.attname <> 'tenant_id'`,
    [schemas, MIGRATIONS_TABLE],
  );
  return rows.map((r) => r.name);
}

describe(`database-enforced isolation, read from the system catalog (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const schemaTenant = tenantId('rls-s');
  const databaseTenant = tenantId('rls-d');
  const pooledTenant = tenantId('rls-p');

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    await t.tenants.create({ id: pooledTenant, isolation: 'pooled' });
    await t.tenants.create({ id: schemaTenant, isolation: 'schema' });
    await t.tenants.create({ id: databaseTenant, isolation: 'database' });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('the application role is not superuser, cannot bypass RLS, and owns no tenant table', async () => {
    const main = routerOf(t).controlCluster.main;
    const roles = [routerOf(t).names.appRole, routerOf(t).names.schemaTenant(schemaTenant).role];
    const { rows } = await adminQuery<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; owns: number }>(
      main,
      `select r.rolname, r.rolsuper, r.rolbypassrls, r.rolcanlogin,
              (select count(*)::int from pg_class c where c.relowner = r.oid) as owns
         from pg_roles r where r.rolname = any($1) order by r.rolname`,
      [roles],
    );
    expect(rows).toHaveLength(2);
    for (const role of rows) {
      // On a server the application pool logs in as the application role itself; tenant roles never log in.
      const canLogin = backend === 'postgres' && role.rolname === routerOf(t).names.appRole;
      expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcanlogin: canLogin, owns: 0 });
    }
    // Scopes really run as these roles.
    const seen = await t.withTenant(schemaTenant, async ({ db }) => {
      const { sql } = await import('kysely');
      return (await sql<{ u: string }>`select current_user as u`.execute(db)).rows[0]!.u;
    });
    expect(seen).toBe(routerOf(t).names.schemaTenant(schemaTenant).role);
    const pooledSeen = await t.withTenant(pooledTenant, async ({ db }) => {
      const { sql } = await import('kysely');
      return (await sql<{ u: string }>`select current_user as u`.execute(db)).rows[0]!.u;
    });
    expect(pooledSeen).toBe(routerOf(t).names.appRole);
  });

  if (backend === 'postgres') {
    // Embedded PGlite has one in-process session that switches roles, so this holds on servers only.
    it('an application connection cannot climb out of the application role', async () => {
      const lease = await routerOf(t).controlCluster.main.acquireApp();
      try {
        await lease.conn.query('RESET ROLE');
        const who = await lease.conn.query<{ session: string; current: string; sup: boolean }>(
          'select session_user as session, current_user as current, (select rolsuper from pg_roles where rolname = session_user) as sup',
        );
        expect(who.rows[0]).toEqual({ session: routerOf(t).names.appRole, current: routerOf(t).names.appRole, sup: false });
        await expect(lease.conn.query('SET ROLE postgres')).rejects.toThrow(/permission denied/);
        await expect(lease.conn.query("select set_config('role', 'postgres', false)")).rejects.toThrow(/permission denied/);
        // Still RLS-bound: with no tenant set, the pool shows nothing.
        const rows = await lease.conn.query<{ n: number }>('select count(*)::int as n from tenant_pool.records');
        expect(rows.rows[0]!.n).toBe(0);
      } finally {
        lease.release(true);
      }
    });

    it("the application login cannot connect to a tenant's database, nor one database tenant to another's", async () => {
      const other = tenantId('rls-d2');
      await t.tenants.create({ id: other, isolation: 'database' });
      const url = t.config.clusters[0]!.url!;
      const connectAs = async (role: string, password: string, database: string) => {
        const as = new URL(withDatabase(url, database));
        as.username = role;
        as.password = password;
        const client = new pg.Client({ connectionString: as.toString() });
        try {
          await client.connect();
          return 'connected';
        } catch (error) {
          return (error as Error).message;
        } finally {
          await client.end().catch(() => {});
        }
      };
      const mine = routerOf(t).names.databaseTenant(databaseTenant);
      const theirs = routerOf(t).names.databaseTenant(other);
      expect(await connectAs(routerOf(t).names.appRole, appPassword(url), mine.database)).toMatch(/permission denied for database/);
      expect(await connectAs(mine.role, databaseRolePassword(url, mine.role), mine.database)).toBe('connected');
      expect(await connectAs(mine.role, databaseRolePassword(url, mine.role), theirs.database)).toMatch(/permission denied for database/);
      // Scopes of a database tenant run as its own login.
      const seen = await t.withTenant(
        databaseTenant,
        async ({ db }) => (await sql<{ u: string; s: string }>`select current_user as u, session_user as s`.execute(db)).rows[0],
      );
      expect(seen).toEqual({ u: mine.role, s: mine.role });
      await t.tenants.delete(other);
      expect(await adminQuery(routerOf(t).controlCluster.main, 'select 1 from pg_roles where rolname = $1', [theirs.role])).toMatchObject({ rows: [] });
    });

    it("the application login is made a member of this deployment's schema tenants' roles only", async () => {
      const foreign = `${routerOf(t).names.schemaTenant('elsewhere').role}-${tenantId('x')}`;
      await adminQuery(routerOf(t).controlCluster.main, `create role "${foreign}"`);
      try {
        const reopened = await env.open();
        const { rows } = await adminQuery<{ member: boolean }>(routerOf(reopened).controlCluster.main, `select pg_has_role($1, $2, 'MEMBER') as member`, [
          routerOf(t).names.appRole,
          foreign,
        ]);
        expect(rows[0]!.member).toBe(false);
        t = reopened;
      } finally {
        await adminQuery(routerOf(t).controlCluster.main, `drop role "${foreign}"`);
      }
    });
  }

  it('every tenant table in every location has RLS enabled and forced, a policy, and tenant_id first', async () => {
    const main = routerOf(t).controlCluster.main;
    const mainTables = await tenantTables(main, ['tenant_pool', routerOf(t).names.schemaTenant(schemaTenant).schema]);
    const handle = await routerOf(t).openTenantDatabase(
      'main',
      routerOf(t).names.databaseTenant(databaseTenant).database,
      routerOf(t).names.databaseTenant(databaseTenant).role,
    );
    let dbTables: TableFacts[];
    try {
      dbTables = await tenantTables(handle.db, [routerOf(t).names.databaseTenant(databaseTenant).schema]);
      expect(await keysNotLedByTenant(handle.db, [routerOf(t).names.databaseTenant(databaseTenant).schema])).toEqual([]);
    } finally {
      handle.release();
    }
    const all = [...mainTables, ...dbTables];
    // Three locations, each with the same tables.
    expect(new Set(all.map((r) => r.schema)).size).toBe(3);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const table of all) {
      expect({ table: `${table.schema}.${table.table}`, rls: table.rls, forced: table.forced, first: table.first_column }).toEqual({
        table: `${table.schema}.${table.table}`,
        rls: true,
        forced: true,
        first: 'tenant_id',
      });
      expect(table.policies).toBeGreaterThanOrEqual(1);
      expect([routerOf(t).names.appRole, routerOf(t).names.schemaTenant(schemaTenant).role]).not.toContain(table.owner);
    }
    expect(await keysNotLedByTenant(main, ['tenant_pool', routerOf(t).names.schemaTenant(schemaTenant).schema])).toEqual([]);
  });
});
