/**
 * The placement fence: every scope carries the placement epoch of the catalog entry that routed it,
 * and the fence where it lands refuses an epoch that is no longer current there. A process whose
 * cached entry predates a move (its catalog cache lasts a minute here) is refused at the old location
 * and re-routed by the catalog as it is now — never writing where the tenant no longer lives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import { FENCE_SCHEMA } from '../src/storage/names.js';
import { TenantScopes, type TenantInfo } from '../src/storage/scope.js';
import { Catalog } from '../src/tenancy/catalog.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

describe(`placement fence (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;

  beforeAll(async () => {
    env = await createTestEnv({ catalogCacheMs: 60_000 });
    t = await env.open();
  });
  afterAll(async () => env?.cleanup());

  async function names(where: 'pool' | 'schema', id: string): Promise<string[]> {
    const table = where === 'pool' ? 'tenant_pool.collections' : `"${routerOf(t).names.schemaTenant(id).schema}".collections`;
    const { rows } = await adminQuery<{ name: string }>(routerOf(t).controlCluster.main, `select name from ${table} where tenant_id = $1 order by name`, [id]);
    return rows.map((r) => r.name);
  }

  /**
   * Move `id` from the pool to a schema of the same cluster the way a move does it, as another process
   * would (its own catalog object, so this process's cache stays stale): the hardest case, since both
   * places share one fence table. Returns the entry this process still has cached.
   */
  async function moveBehindItsBack(id: string): Promise<TenantInfo> {
    const stale = (await t.catalog.get(id))!;
    const router = routerOf(t);
    const to = { ...stale, isolation: 'schema' as const, placementEpoch: stale.placementEpoch + 1 };
    await router.strategy('schema').provision(router, to, t.migrations);
    const schema = routerOf(t).names.schemaTenant(id).schema;
    await adminQuery(
      router.controlCluster.main,
      `insert into "${schema}".collections (tenant_id, name, schema, indexes, created_at, updated_at)
       select tenant_id, name, schema, indexes, created_at, updated_at from tenant_pool.collections where tenant_id = $1`,
      [id],
    );
    await t.storage.advancePlacement(stale, to);
    const elsewhere = await Catalog.open(t.storage.control, t.storage.clusters, 0);
    expect(await elsewhere.movePlacement(id, stale, to)).toBe(true);
    // A second mover working from the same epoch loses, and so does one holding another generation.
    expect(await elsewhere.movePlacement(id, stale, { ...stale, placementEpoch: to.placementEpoch + 1 })).toBe(false);
    expect(await elsewhere.movePlacement(id, { ...to, generation: to.generation + 1 }, { ...to, placementEpoch: to.placementEpoch + 1 })).toBe(false);
    return stale;
  }

  it('refuses a scope routed by an entry from before a move and re-routes it to where the tenant lives now', async () => {
    const id = tenantId('moved');
    await t.tenants.create({ id, isolation: 'pooled' });
    await t.withTenant(id, (s) => s.db.insertInto('collections').values({ name: 'before' }).execute());
    await moveBehindItsBack(id);
    expect((await t.catalog.get(id))!.isolation).toBe('pooled'); // this process still believes the old placement

    await t.withTenant(id, (s) => s.db.insertInto('collections').values({ name: 'after' }).execute());
    expect(await names('pool', id)).toEqual(['before']);
    expect(await names('schema', id)).toEqual(['after', 'before']);
    expect((await t.catalog.get(id))!).toMatchObject({ isolation: 'schema', placementEpoch: 1 });
    // Reads are fenced the same way: a read routed by the old entry sees the new place.
    const read = await t.withTenant(id, (s) => s.db.selectFrom('collections').select('name').orderBy('name').execute());
    expect(read.map((r) => r.name)).toEqual(['after', 'before']);
  });

  it('a process that keeps routing by the old placement is refused (503 busy) and writes nothing there', async () => {
    const id = tenantId('stuck');
    await t.tenants.create({ id, isolation: 'pooled' });
    await t.withTenant(id, (s) => s.db.insertInto('collections').values({ name: 'before' }).execute());
    const stale = await moveBehindItsBack(id);
    // A directory that never learns of the move: every attempt lands at the old location.
    // It waits for the catalog to catch up as long as a real scope would (MOVE_WAIT_MS), shortened here.
    const stuck = new TenantScopes(routerOf(t), { get: async () => stale, invalidate: () => {} }, { moveWaitMs: 1_000 });
    await expect(stuck.withTenant(id, (s) => s.db.insertInto('collections').values({ name: 'lost' }).execute())).rejects.toMatchObject({
      code: 'busy',
      status: 503,
    });
    await expect(stuck.withTenant(id, (s) => s.db.selectFrom('collections').selectAll().execute())).rejects.toMatchObject({ code: 'busy', status: 503 });
    expect(await names('pool', id)).toEqual(['before']);
    expect(await names('schema', id)).toEqual(['before']);
  });

  it('a tenant database whose fence predates placement epochs is brought up to date when it is opened, not refused', async () => {
    const id = tenantId('old-fence');
    await t.tenants.create({ id, isolation: 'database' });
    await t.withTenant(id, (s) => s.db.insertInto('collections').values({ name: 'before' }).execute());
    const { database, role } = routerOf(t).names.databaseTenant(id);
    const handle = await routerOf(t).openTenantDatabase('main', database, role);
    try {
      // As an older version left it: the fence function without the epoch.
      await adminQuery(handle.db, `DROP FUNCTION "${FENCE_SCHEMA}".enter(text, bigint, bigint)`);
    } finally {
      handle.release();
    }
    t = await env.open(); // a new process: the database is opened afresh
    await t.withTenant(id, (s) => s.db.insertInto('collections').values({ name: 'after' }).execute());
    const names = await t.withTenant(id, (s) => s.db.selectFrom('collections').select('name').orderBy('name').execute());
    expect(names.map((r) => r.name)).toEqual(['after', 'before']);
  });
});
