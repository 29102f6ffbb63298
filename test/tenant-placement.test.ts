import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../src/storage/backends/backend.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { STRATEGIES } from './support/placements.js';
import { seedRecords, visibleRecords } from './support/seed.js';
import { routerOf } from '../src/storage/internals.js';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { parseClusterLabels } from '../src/config.js';
import { bearer, finishedOperation, send } from './support/http.js';

describe(`placement across clusters (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const placed: Array<{ id: string; isolation: Isolation; cluster: string }> = [];

  beforeAll(async () => {
    env = await createTestEnv({}, 1);
    t = await env.open();
    for (const cluster of ['main', 'cell2']) {
      for (const isolation of STRATEGIES) {
        const id = tenantId(`${cluster === 'main' ? 'm' : 'c'}-${isolation.slice(0, 3)}`);
        await t.tenants.create({ id, isolation, cluster });
        await seedRecords(t, id, 2);
        placed.push({ id, isolation, cluster });
      }
    }
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('records both clusters in the catalog and places each tenant where it was asked', async () => {
    expect(await t.catalog.clusterNames()).toEqual(['cell2', 'main']);
    for (const p of placed) expect(await t.catalog.getFresh(p.id)).toMatchObject({ cluster: p.cluster, isolation: p.isolation });
  });

  it("keeps each tenant's rows on its own cluster and visible only to itself", async () => {
    for (const p of placed) {
      const rows = await visibleRecords(t, p.id);
      expect(rows.map((r) => r.tenant_id)).toEqual([p.id, p.id]);
    }
    // Pooled rows of a cell2 tenant are in cell2's pool, not main's; a cell2 schema exists only there.
    const pooledCell2 = placed.find((p) => p.cluster === 'cell2' && p.isolation === 'pooled')!;
    const schemaCell2 = placed.find((p) => p.cluster === 'cell2' && p.isolation === 'schema')!;
    const count = async (cluster: string, sql: string, params: unknown[]) =>
      (await adminQuery<{ n: number }>(routerOf(t).cluster(cluster).main, sql, params)).rows[0]!.n;
    const pooledRows = 'select count(*)::int as n from tenant_pool.records where tenant_id = $1';
    expect(await count('cell2', pooledRows, [pooledCell2.id])).toBe(2);
    expect(await count('main', pooledRows, [pooledCell2.id])).toBe(0);
    const schemaSql = 'select count(*)::int as n from pg_namespace where nspname = $1';
    expect(await count('cell2', schemaSql, [routerOf(t).names.schemaTenant(schemaCell2.id).schema])).toBe(1);
    expect(await count('main', schemaSql, [routerOf(t).names.schemaTenant(schemaCell2.id).schema])).toBe(0);
  });

  it('migrates the pools of both clusters and every tenant location on either', async () => {
    const report = await t.migrate();
    expect(report.failed).toEqual([]);
    expect(
      report.results
        .map((r) => r.key)
        .filter((k) => k.endsWith('/pooled'))
        .sort(),
    ).toEqual(['cell2/pooled', 'main/pooled']);
    expect(report.total).toBe(2 + 4);
  });

  it('deletes a tenant on the second cluster and leaves everyone else', async () => {
    for (const p of placed.filter((x) => x.cluster === 'cell2')) await t.tenants.delete(p.id);
    for (const p of placed.filter((x) => x.cluster === 'main')) expect(await visibleRecords(t, p.id)).toHaveLength(2);
    const left = await adminQuery<{ n: number }>(routerOf(t).cluster('cell2').main, 'select count(*)::int as n from tenant_pool.records');
    expect(left.rows[0]!.n).toBe(0);
  });

  it('places a tenant without a named cluster on the one with the fewest of its strategy, and counts tenants per cluster', async () => {
    const before = await t.catalog.tenantCounts();
    const pooledOn = (cluster: string) => before.find((r) => r.cluster === cluster && r.isolation === 'pooled')?.tenants ?? 0;
    const first = await t.tenants.create({ id: tenantId('auto-a'), isolation: 'pooled' });
    // The emptier cluster (or, on a tie, the first configured) takes it; then the two alternate.
    expect(first.cluster).toBe(pooledOn('cell2') < pooledOn('main') ? 'cell2' : 'main');
    const second = await t.tenants.create({ id: tenantId('auto-b'), isolation: 'pooled' });
    const third = await t.tenants.create({ id: tenantId('auto-c'), isolation: 'pooled' });
    const after = await t.catalog.tenantCounts();
    const pooled = (cluster: string) => after.find((r) => r.cluster === cluster && r.isolation === 'pooled')!.tenants;
    expect(Math.abs(pooled('main') - pooled('cell2'))).toBeLessThanOrEqual(1);
    expect(new Set([first.cluster, second.cluster, third.cluster]).size).toBe(2);

    const listed = await t.tenants.clusters();
    expect(listed.map((c) => c.name)).toEqual(['main', 'cell2']);
    for (const c of listed) expect(c.tenants.pooled).toBe(pooled(c.name));
  });
});

describe(`cluster labels and a tenant's region (${backend})`, () => {
  const ADMIN = 'region-admin-token-0123456789abcdef';
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;

  beforeAll(async () => {
    env = await createTestEnv({}, 1);
    // main in the EU, cell2 in the US (TENANTRY_CLUSTER_LABELS=main:region=eu;disk=ssd,cell2:region=us).
    const clusters = parseClusterLabels('main:region=eu;disk=ssd,cell2:region=us', env.config.clusters);
    t = await env.open({ config: { clusters } });
    t.operations.start();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('parses labels and refuses entries naming no configured cluster or without key=value', () => {
    const clusters = [{ name: 'main' }, { name: 'us1', url: 'postgres://h/db' }];
    expect(parseClusterLabels('us1:region=us;disk=ssd', clusters)).toEqual([
      { name: 'main' },
      { name: 'us1', url: 'postgres://h/db', labels: { region: 'us', disk: 'ssd' } },
    ]);
    expect(() => parseClusterLabels('eu9:region=eu', clusters)).toThrow(/configured cluster/);
    expect(() => parseClusterLabels('main:region', clusters)).toThrow(/key=value/);
    expect(() => parseClusterLabels('main:region=eu,main:disk=ssd', clusters)).toThrow(/twice/);
  });

  it('places a tenant with a region only on clusters of that region, even the busier one, and lists the labels', async () => {
    // Without a region the tenants spread over both clusters; with one, all go to its cluster.
    const placed = [];
    for (let i = 0; i < 3; i++) placed.push(await t.tenants.create({ id: tenantId(`eu${i}`), isolation: 'pooled', settings: { region: 'eu' } }));
    expect(placed.map((p) => p.cluster)).toEqual(['main', 'main', 'main']);
    const us = await t.tenants.create({ id: tenantId('us'), isolation: 'pooled', settings: { region: 'us', theme: 'dark' } });
    expect(us.cluster).toBe('cell2');
    expect(us.settings).toEqual({ region: 'us', theme: 'dark' });
    const anywhere = await t.tenants.create({ id: tenantId('any'), isolation: 'pooled' });
    expect(anywhere.cluster).toBe('cell2');
    const listed = await t.tenants.clusters();
    expect(listed.map((c) => [c.name, c.labels])).toEqual([
      ['main', { region: 'eu', disk: 'ssd' }],
      ['cell2', { region: 'us' }],
    ]);
  });

  it('refuses placements and moves outside the region with 409 region_mismatch, changing nothing', async () => {
    const id = tenantId('eu-http');
    const created = await send(app, 'POST', '/v1/tenants', { id, isolation: 'pooled', cluster: 'cell2', settings: { region: 'eu' } }, bearer(ADMIN));
    expect(created.statusCode).toBe(409);
    expect(created.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(created.json()).toMatchObject({ code: 'region_mismatch' });
    expect(await t.catalog.getFresh(id)).toBeUndefined();

    const nowhere = await send(app, 'POST', '/v1/tenants', { id, settings: { region: 'mars' } }, bearer(ADMIN));
    expect(nowhere.statusCode).toBe(409);
    expect(nowhere.json().detail).toMatch(/region=mars/);
    const bad = await send(app, 'POST', '/v1/tenants', { id, settings: { region: 42 } }, bearer(ADMIN));
    expect(bad.statusCode).toBe(400);

    const ok = await send(app, 'POST', '/v1/tenants', { id, isolation: 'pooled', settings: { region: 'eu' } }, bearer(ADMIN));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().cluster).toBe('main');

    // A move may stay in the region, never leave it.
    const away = await send(app, 'POST', `/v1/tenants/${id}/move`, { isolation: 'pooled', cluster: 'cell2' }, bearer(ADMIN));
    expect(away.statusCode).toBe(409);
    expect(away.json()).toMatchObject({ code: 'region_mismatch' });
    expect(await t.operations.list({ tenantId: id, limit: 10 })).toHaveLength(0);

    // Changing the region to one the tenant's cluster is not in would break the promise: refused.
    const relabel = await send(app, 'PATCH', `/v1/tenants/${id}`, { settings: { region: 'us' } }, bearer(ADMIN));
    expect(relabel.statusCode).toBe(409);
    expect(relabel.json()).toMatchObject({ code: 'region_mismatch' });
    expect((await t.tenants.get(id)).settings).toEqual({ region: 'eu' });

    // Within the region it may move; and once the region is unset, out of it.
    const within = await send(app, 'POST', `/v1/tenants/${id}/move`, { isolation: 'schema' }, bearer(ADMIN));
    expect(within.statusCode).toBe(202);
    expect(await finishedOperation(app, ADMIN, within.json().id as string, 30)).toMatchObject({ status: 'succeeded' });
    expect((await send(app, 'PATCH', `/v1/tenants/${id}`, { settings: {} }, bearer(ADMIN))).statusCode).toBe(200);
    const out = await send(app, 'POST', `/v1/tenants/${id}/move`, { isolation: 'pooled', cluster: 'cell2' }, bearer(ADMIN));
    expect(out.statusCode).toBe(202);
    expect(await finishedOperation(app, ADMIN, out.json().id as string, 30)).toMatchObject({ status: 'succeeded' });
    expect(await send(app, 'PATCH', `/v1/tenants/${id}`, { settings: { region: 'us' } }, bearer(ADMIN))).toMatchObject({ statusCode: 200 });
  });
});
