/**
 * What the platform admin reads of a tenant for the console (src/api/routes/control-tenant-data.ts):
 * its keys (list, revoke), models, workflows and runs — each only the tenant named in the path, a
 * second tenant's untouched and unreachable through the first's path — and the platform summary
 * (src/api/routes/platform.ts): clusters with tenant counts and connections, requests per plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { histogramQuantile } from '../src/api/routes/platform.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, callerAs, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-control-tenant-data-tests';
type Role = 'admin' | 'member' | 'viewer';

describe(`the admin's reads of a tenant, and the platform summary (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('ctd-a');
  const B = tenantId('ctd-b');
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);
  const admin = (method: string, url: string, payload?: unknown) => send(app, method, url, payload, bearer(ADMIN));
  const keyIdOf = (key: string) => key.split('_')[1]!;
  const runs: Record<string, string> = {};
  /** Model and workflow names are lowercase letters, digits and _: a or b. */
  const name = (id: string) => (id === A ? 'a' : 'b');

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const [id, isolation, tier] of [
      [A, 'pooled', 'pro'],
      [B, 'schema', 'enterprise'],
    ] as const) {
      const own = name(id);
      await t.tenants.create({ id, isolation, tier });
      await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'points' })).statusCode).toBe(201);
      const records = Array.from({ length: 40 }, (_, i) => ({ data: { x: i, y: 3 * i + (i % 3) } }));
      expect((await call(id, 'member', 'POST', '/v1/collections/points/records/bulk', { records })).statusCode).toBe(201);
      const model = await call(id, 'member', 'POST', '/v1/models', {
        name: `line_${own}`,
        kind: 'regression',
        collection: 'points',
        features: ['x'],
        target: 'y',
      });
      expect(model.statusCode, model.body).toBe(202);
      const steps = [
        { id: 'one', kind: 'transform', with: { expression: '1' } },
        { id: 'two', kind: 'transform', needs: ['one'], with: { expression: '2' } },
      ];
      expect((await call(id, 'admin', 'PUT', `/v1/workflows/flow_${own}`, { steps })).statusCode).toBe(201);
      const run = await call(id, 'member', 'POST', `/v1/workflows/flow_${own}/runs`, { input: { n: 1 } });
      expect(run.statusCode).toBe(202);
      runs[id] = run.json().id;
    }
    await app.models.idle();
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it("lists a tenant's live keys, and revokes one of them, leaving a second tenant's keys untouched", async () => {
    const listA = await admin('GET', `/v1/tenants/${A}/api-keys?limit=500`);
    expect(listA.statusCode, listA.body).toBe(200);
    const idsA = listA.json().items.map((k: { id: string }) => k.id);
    expect(idsA.sort()).toEqual(Object.values(keys[A]!).map(keyIdOf).sort());
    expect(listA.body).not.toContain('key":');
    // lastUsedAt moves as B's keys are used below: the keys themselves must stay.
    const keysOf = async (id: string) =>
      (await admin('GET', `/v1/tenants/${id}/api-keys?limit=500`)).json().items.map((k: { id: string; name: string; role: string }) => [k.id, k.name, k.role]);
    const before = await keysOf(B);

    // B's key through A's path: not A's, so not found, and B's key still works.
    const viewerB = keyIdOf(keys[B]!.viewer);
    const cross = await admin('DELETE', `/v1/tenants/${A}/api-keys/${viewerB}`);
    expect(cross.statusCode).toBe(404);
    expect(cross.headers['content-type']).toContain('application/problem+json');
    expect((await call(B, 'viewer', 'GET', '/v1/tenant')).statusCode).toBe(200);

    // A's own viewer key: revoked, and it stops working.
    const viewerA = keyIdOf(keys[A]!.viewer);
    expect((await admin('DELETE', `/v1/tenants/${A}/api-keys/${viewerA}`)).statusCode).toBe(204);
    expect((await call(A, 'viewer', 'GET', '/v1/tenant')).statusCode).toBe(401);
    expect((await admin('DELETE', `/v1/tenants/${A}/api-keys/${viewerA}`)).statusCode).toBe(404);
    const after = (await admin('GET', `/v1/tenants/${A}/api-keys?limit=500`)).json().items.map((k: { id: string }) => k.id);
    expect(after).not.toContain(viewerA);
    expect(after).toHaveLength(2);
    // B: the same keys as before, all working.
    expect(await keysOf(B)).toEqual(before);
    for (const role of ['admin', 'member', 'viewer'] as const) expect((await call(B, role, 'GET', '/v1/tenant')).statusCode).toBe(200);

    // The platform trail records the revocation, naming the tenant.
    const trail = (await admin('GET', `/v1/platform/audit?tenant=${A}&limit=500`)).json().items;
    expect(trail.map((e: { action: string }) => e.action)).toContain('DELETE /v1/tenants/{id}/api-keys/{keyId}');
  });

  it("pages a tenant's keys with a cursor bound to that tenant (another tenant's list refuses it)", async () => {
    const first = await admin('GET', `/v1/tenants/${B}/api-keys?limit=1`);
    const cursor = first.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await admin('GET', `/v1/tenants/${B}/api-keys?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    const foreign = await admin('GET', `/v1/tenants/${A}/api-keys?limit=1&cursor=${encodeURIComponent(cursor)}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('invalid_cursor');
  });

  it("reads a tenant's models with versions and metrics, and nothing of another tenant's", async () => {
    const res = await admin('GET', `/v1/tenants/${A}/models`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((m: { name: string }) => m.name)).toEqual([`line_a`]);
    const model = (await admin('GET', `/v1/tenants/${A}/models/line_a`)).json();
    expect(model).toMatchObject({ name: `line_a`, kind: 'regression', status: 'ready' });
    expect(model.versions[0]).toMatchObject({ version: 1, status: 'ready' });
    expect(model.versions[0].metrics.r2).toBeGreaterThan(0.9);
    // The same as the tenant's own credential reads.
    expect((await call(A, 'member', 'GET', `/v1/models/line_a`)).json()).toEqual(model);
    // B's model through A's path: not found.
    const cross = await admin('GET', `/v1/tenants/${A}/models/line_b`);
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain(B);
  });

  it("reads a tenant's workflows, runs and a run's steps, and nothing of another tenant's", async () => {
    const workflows = (await admin('GET', `/v1/tenants/${A}/workflows`)).json();
    expect(workflows.items.map((w: { name: string }) => w.name)).toEqual([`flow_a`]);
    const list = await admin('GET', `/v1/tenants/${A}/workflows/flow_a/runs`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([runs[A]]);
    const run = await admin('GET', `/v1/tenants/${A}/runs/${runs[A]}`);
    expect(run.statusCode).toBe(200);
    expect(run.json().steps.map((s: { id: string }) => s.id)).toEqual(['one', 'two']);
    expect(run.json()).toEqual((await call(A, 'member', 'GET', `/v1/runs/${runs[A]}`)).json());
    // B's run and workflow through A's path: not found.
    expect((await admin('GET', `/v1/tenants/${A}/runs/${runs[B]}`)).statusCode).toBe(404);
    // B's workflow name in A's path lists A's runs of that name — none, as A's own credential sees it.
    const foreign = await admin('GET', `/v1/tenants/${A}/workflows/flow_b/runs`);
    expect(foreign.json()).toEqual({ items: [], nextCursor: null });
    expect(foreign.json()).toEqual((await call(A, 'member', 'GET', '/v1/workflows/flow_b/runs')).json());
    expect((await admin('GET', `/v1/tenants/${B}/workflows/flow_b/runs`)).json().items.map((r: { id: string }) => r.id)).toEqual([runs[B]]);
  });

  it('needs the admin token, names an unknown tenant, refuses bad ids, and says when the tenant is suspended', async () => {
    // A tenant's own admin key is no admin token.
    for (const url of [`/v1/tenants/${A}/api-keys`, `/v1/tenants/${A}/models`, `/v1/tenants/${A}/runs/${runs[A]}`, '/v1/platform/summary']) {
      const res = await call(A, 'admin', 'GET', url);
      expect(res.statusCode, url).toBe(401);
    }
    expect((await call(A, 'admin', 'DELETE', `/v1/tenants/${A}/api-keys/${keyIdOf(keys[A]!.member)}`)).statusCode).toBe(401);
    const unknown = await admin('GET', `/v1/tenants/${tenantId('ctd-none')}/models`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('tenant_not_found');
    expect((await admin('DELETE', `/v1/tenants/${A}/api-keys/not-a-key-id!`)).statusCode).toBe(400);
    expect((await admin('GET', `/v1/tenants/${A}/runs/not-a-run`)).statusCode).toBe(404);

    await t.tenants.suspend(B);
    try {
      const suspended = await admin('GET', `/v1/tenants/${B}/models`);
      expect(suspended.statusCode).toBe(403);
      expect(suspended.json().code).toBe('tenant_suspended');
      // Its keys are the catalog's: listed still.
      expect((await admin('GET', `/v1/tenants/${B}/api-keys`)).statusCode).toBe(200);
    } finally {
      await t.tenants.resume(B);
    }
  });

  it('summarises the platform: clusters with tenant counts and connections, requests per plan with latency', async () => {
    const before = (await admin('GET', '/v1/platform/summary')).json();
    for (let i = 0; i < 5; i++) expect((await call(A, 'member', 'GET', '/v1/collections')).statusCode).toBe(200);
    const res = await admin('GET', '/v1/platform/summary');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    const total = summary.clusters.reduce((n: number, c: { tenants: number }) => n + c.tenants, 0);
    const live = (await t.catalog.list({ limit: 10_000 })).filter((x) => x.status !== 'deleting').length;
    expect(total).toBe(live);
    const cluster = (await t.catalog.get(A))!.cluster;
    const home = summary.clusters.find((c: { name: string }) => c.name === cluster);
    expect(home.byIsolation.pooled).toBeGreaterThanOrEqual(1);
    expect(home.pools.length).toBeGreaterThanOrEqual(1);
    for (const p of home.pools) expect(p.inUse + p.idle).toBe(p.total);
    const pro = (s: typeof summary) => s.requests.find((r: { tier: string }) => r.tier === 'pro');
    expect(pro(summary).requests - pro(before).requests).toBe(5);
    expect(pro(summary).p95).toBeGreaterThan(0);
    expect(pro(summary).seconds).toBeGreaterThan(0);
    expect(summary.requests.map((r: { tier: string }) => r.tier).sort()).toEqual(['enterprise', 'free', 'none', 'pro']);
  });

  it('estimates quantiles from cumulative buckets as histogram_quantile does', () => {
    expect(histogramQuantile(0.5, [])).toBeNull();
    expect(histogramQuantile(0.5, [[Infinity, 0]])).toBeNull();
    // 10 observations ≤ 0.1, 10 more ≤ 0.2: the median is the top of the first bucket, p75 halfway up the second.
    const buckets: Array<[number, number]> = [
      [0.2, 20],
      [0.1, 10],
      [Infinity, 20],
    ];
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.75, buckets)).toBeCloseTo(0.15);
    // Past the last finite bound: that bound.
    expect(
      histogramQuantile(0.99, [
        [0.1, 1],
        [Infinity, 10],
      ]),
    ).toBeCloseTo(0.1);
  });
});
