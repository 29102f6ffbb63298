import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantExistsError, TenantNotFoundError, TenantScopeRequiredError, TenantSuspendedError, TenantryError } from '../src/errors.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import type { Isolation } from '../src/storage/placement.js';
import { tenantCacheKey } from '../src/storage/scope.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { STRATEGIES } from './support/placements.js';
import { seedRecords, visibleRecords } from './support/seed.js';
import { routerOf } from '../src/storage/internals.js';

async function schemaExists(t: Tenantry, schema: string): Promise<boolean> {
  const { rows } = await adminQuery<{ n: number }>(routerOf(t).controlCluster.main, 'select count(*)::int as n from pg_namespace where nspname = $1', [schema]);
  return rows[0]!.n === 1;
}

async function roleExists(t: Tenantry, role: string): Promise<boolean> {
  const { rows } = await adminQuery<{ n: number }>(routerOf(t).controlCluster.main, 'select count(*)::int as n from pg_roles where rolname = $1', [role]);
  return rows[0]!.n === 1;
}

async function databaseExists(t: Tenantry, id: string): Promise<boolean> {
  const { database, role } = routerOf(t).names.databaseTenant(id);
  const handle = await routerOf(t)
    .openTenantDatabase('main', database, role)
    .catch(() => undefined);
  handle?.release();
  return handle !== undefined;
}

async function pooledRowsOf(t: Tenantry, id: string): Promise<number> {
  const { rows } = await adminQuery<{ n: number }>(
    routerOf(t).controlCluster.main,
    `select (select count(*)::int from tenant_pool.records where tenant_id = $1) + (select count(*)::int from tenant_pool.collections where tenant_id = $1) as n`,
    [id],
  );
  return rows[0]!.n;
}

describe(`tenant lifecycle (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const bystander = tenantId('bystander');

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    await t.tenants.create({ id: bystander, isolation: 'pooled' });
    await seedRecords(t, bystander);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  for (const isolation of STRATEGIES) {
    it(`creates, suspends, resumes and deletes a ${isolation} tenant, leaving others intact`, async () => {
      const id = tenantId(isolation.slice(0, 3));
      const created = await t.tenants.create({ id, name: `Tenant ${id}`, isolation, tier: 'pro' });
      expect(created).toMatchObject({ id, name: `Tenant ${id}`, tier: 'pro', isolation, cluster: 'main', status: 'active' });
      await seedRecords(t, id);
      expect(await visibleRecords(t, id)).toHaveLength(3);

      await t.tenants.suspend(id);
      await expect(visibleRecords(t, id)).rejects.toBeInstanceOf(TenantSuspendedError);
      // Control-plane work can still enter a suspended tenant.
      expect(await t.withTenant(id, ({ db }) => db.selectFrom('records').select('id').execute(), { allowSuspended: true })).toHaveLength(3);
      await t.tenants.resume(id);
      expect(await visibleRecords(t, id)).toHaveLength(3);

      await t.tenants.delete(id);
      await expect(visibleRecords(t, id)).rejects.toBeInstanceOf(TenantNotFoundError);
      expect(await t.catalog.getFresh(id)).toBeUndefined();
      if (isolation === 'schema') {
        expect(await schemaExists(t, routerOf(t).names.schemaTenant(id).schema)).toBe(false);
        expect(await roleExists(t, routerOf(t).names.schemaTenant(id).role)).toBe(false);
      }
      if (isolation === 'database') expect(await databaseExists(t, id)).toBe(false);
      if (isolation === 'pooled') expect(await pooledRowsOf(t, id)).toBe(0);

      expect(await visibleRecords(t, bystander)).toHaveLength(3);
      expect(await pooledRowsOf(t, bystander)).toBe(4);
    });
  }

  it('pooled tenants created at once on a fresh cluster all provision (the pool is migrated and granted once)', async () => {
    const fresh = await createTestEnv();
    try {
      const t2 = await fresh.open();
      const ids = Array.from({ length: 4 }, (_, i) => tenantId(`first-${i}`));
      await Promise.all(ids.map((id) => t2.tenants.create({ id, isolation: 'pooled' })));
      for (const id of ids) expect(await visibleRecords(t2, id)).toEqual([]);
    } finally {
      await fresh.cleanup();
    }
  });

  it('tiers choose the default isolation and an explicit isolation wins', async () => {
    const free = await t.tenants.create({ id: tenantId('tier-f') });
    const pro = await t.tenants.create({ id: tenantId('tier-p'), tier: 'pro' });
    const ent = await t.tenants.create({ id: tenantId('tier-e'), tier: 'enterprise' });
    const override = await t.tenants.create({ id: tenantId('tier-o'), tier: 'enterprise', isolation: 'pooled' });
    expect([free.isolation, pro.isolation, ent.isolation, override.isolation]).toEqual(['pooled', 'schema', 'database', 'pooled']);
    expect(free.tier).toBe('free');
  });

  it('rejects bad input with a clear error and creates nothing', async () => {
    const before = await t.catalog.list();
    const cases: Array<[Parameters<Tenantry['tenants']['create']>[0], string, RegExp]> = [
      [{ id: 'Bad-Id' }, 'invalid_tenant_id', /invalid tenant id 'Bad-Id'/],
      [{ id: 'ab' }, 'invalid_tenant_id', /invalid tenant id/],
      [{ id: '1abc' }, 'invalid_tenant_id', /invalid tenant id/],
      [{ id: `a${'b'.repeat(40)}` }, 'invalid_tenant_id', /invalid tenant id/],
      [{ id: 'ab_c' }, 'invalid_tenant_id', /invalid tenant id/],
      [{ id: "x'; drop table tenants; --" }, 'invalid_tenant_id', /invalid tenant id/],
      [{ id: tenantId('bad'), tier: 'gold' }, 'unknown_tier', /unknown tier 'gold'/],
      [{ id: tenantId('bad'), isolation: 'shared' }, 'unknown_isolation', /unknown isolation 'shared'/],
      [{ id: tenantId('bad'), cluster: 'nowhere' }, 'unknown_cluster', /unknown cluster 'nowhere'/],
      [{ id: tenantId('bad'), name: '' }, 'validation_failed', /name/],
    ];
    for (const [input, code, message] of cases) {
      const error = await t.tenants.create(input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(TenantryError);
      expect((error as TenantryError).code).toBe(code);
      expect((error as TenantryError).status).toBe(400);
      expect((error as Error).message).toMatch(message);
    }
    const duplicate = await t.tenants.create({ id: bystander, isolation: 'schema' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(TenantExistsError);
    expect(await t.catalog.list()).toEqual(before);
    // The duplicate attempt did not create a schema or touch the existing tenant.
    expect(await schemaExists(t, routerOf(t).names.schemaTenant(bystander).schema)).toBe(false);
    expect(await visibleRecords(t, bystander)).toHaveLength(3);
  });

  it('never adopts or drops a schema, role or database it did not create, and says which one (409)', async () => {
    const main = routerOf(t).controlCluster.main;
    const names = routerOf(t).names;
    const taken = (kind: string, objectName: string) => ({ code: 'name_taken', status: 409, kind, objectName });
    const s = tenantId('foreign-s');
    await adminQuery(main, `create schema "${names.schemaTenant(s).schema}"`);
    await adminQuery(main, `create table "${names.schemaTenant(s).schema}".keep (x int)`);
    await expect(t.tenants.create({ id: s, isolation: 'schema' })).rejects.toMatchObject(taken('schema', names.schemaTenant(s).schema));
    expect(await t.catalog.getFresh(s)).toBeUndefined();
    expect(await schemaExists(t, names.schemaTenant(s).schema)).toBe(true);
    expect(await roleExists(t, names.schemaTenant(s).role)).toBe(false);
    await adminQuery(main, `drop schema "${names.schemaTenant(s).schema}" cascade`);

    const r = tenantId('foreign-r');
    await adminQuery(main, `create role "${names.schemaTenant(r).role}"`);
    await expect(t.tenants.create({ id: r, isolation: 'schema' })).rejects.toThrow(/role ".*" already exists/);
    expect(await roleExists(t, names.schemaTenant(r).role)).toBe(true);
    expect(await schemaExists(t, names.schemaTenant(r).schema)).toBe(false);
    await adminQuery(main, `drop role "${names.schemaTenant(r).role}"`);

    const d = tenantId('foreign-d');
    await routerOf(t).controlCluster.createDatabase(names.databaseTenant(d).database);
    await expect(t.tenants.create({ id: d, isolation: 'database' })).rejects.toMatchObject(taken('database', names.databaseTenant(d).database));
    expect(await t.catalog.getFresh(d)).toBeUndefined();
    expect(await databaseExists(t, d)).toBe(true);
    await routerOf(t).dropTenantDatabase('main', names.databaseTenant(d).database);

    if (backend === 'postgres') {
      // A database tenant's login is server-wide: one that exists is neither taken over (its password
      // changed) nor dropped, and the database made for the tenant goes again.
      const l = tenantId('foreign-l');
      await adminQuery(main, `create role "${names.databaseTenant(l).role}"`);
      await expect(t.tenants.create({ id: l, isolation: 'database' })).rejects.toMatchObject(taken('role', names.databaseTenant(l).role));
      expect(await t.catalog.getFresh(l)).toBeUndefined();
      expect(await roleExists(t, names.databaseTenant(l).role)).toBe(true);
      expect(await databaseExists(t, l)).toBe(false);
      await adminQuery(main, `drop role "${names.databaseTenant(l).role}"`);
    }
  });

  it('unknown tenants and missing tenant ids fail loudly', async () => {
    await expect(t.withTenant('no-such-tenant', async () => 1)).rejects.toBeInstanceOf(TenantNotFoundError);
    await expect(t.withTenant('', async () => 1)).rejects.toBeInstanceOf(TenantScopeRequiredError);
    expect(() => tenantCacheKey(undefined, 'model')).toThrow(TenantScopeRequiredError);
    expect(() => tenantCacheKey('', 'model')).toThrow(TenantScopeRequiredError);
    expect(tenantCacheKey('acme', 'model', 3)).not.toBe(tenantCacheKey('globex', 'model', 3));
    expect(await t.tenants.suspend(bystander).then(() => t.tenants.resume(bystander))).toMatchObject({ status: 'active' });
    await expect(t.tenants.resume(bystander)).resolves.toMatchObject({ status: 'active' });
  });

  it('a provisioning failure leaves neither a catalog row nor storage behind', async () => {
    const id = tenantId('fail');
    // Provisioning fails part-way: the tenant migrations end with invalid SQL. (Runs last: it reopens.)
    const failing = await env.open({ migrations: [...t.migrations, { version: 999, name: 'broken', sql: 'create table x (' }] });
    for (const isolation of ['schema', 'database'] as Isolation[]) {
      await expect(failing.tenants.create({ id, isolation })).rejects.toThrow(/syntax/);
      expect(await failing.catalog.getFresh(id)).toBeUndefined();
      expect(await schemaExists(failing, routerOf(t).names.schemaTenant(id).schema)).toBe(false);
      expect(await roleExists(failing, routerOf(t).names.schemaTenant(id).role)).toBe(false);
      expect(await databaseExists(failing, id)).toBe(false);
    }
  });
});
