/**
 * Metering and quotas: counted quotas (records, collections, models) refuse the write that would pass
 * them with 403 quota_exceeded and change nothing, also when 20 writers race for the last slot; usage
 * equals the operations performed, across two processes sharing one PostgreSQL and across a graceful
 * restart; a tenant sees only its own usage.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import type { TenantryConfig } from '../src/config.js';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { Tenantry } from '../src/tenantry.js';
import { Meter } from '../src/usage/meter.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, callerAs, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-usage-tests';

async function cli(config: TenantryConfig, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const streams = [new PassThrough(), new PassThrough()] as const;
  const text = streams.map((stream) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return () => Buffer.concat(chunks).toString('utf8');
  });
  const code = await runCli(argv, { stdout: streams[0], stderr: streams[1], env: {}, config });
  return { code, stdout: text[0]!(), stderr: text[1]!() };
}
type Role = 'admin' | 'member' | 'viewer';

describe(`usage and quotas (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);
  const P = tenantId('quo-p');
  const S = tenantId('quo-s');
  const U = tenantId('use-u');
  const V = tenantId('use-v');

  const open = async () => {
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  };

  beforeAll(async () => {
    env = await createTestEnv();
    await open();
    for (const [id, isolation] of [
      [P, 'pooled'],
      [S, 'schema'],
      [U, 'pooled'],
      [V, 'pooled'],
    ] as const) {
      await t.tenants.create({ id, isolation });
      await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    }
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const count = async (id: string) => (await call(id, 'admin', 'GET', '/v1/usage')).json().current;

  for (const id of [P, S]) {
    it(`${id.slice(0, 5)}: the write that would pass maxRecords is refused (403 quota_exceeded, naming the limit) and changes nothing; 20 racing writers, one slot: one wins`, async () => {
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'items' })).statusCode).toBe(201);
      const three = await call(id, 'member', 'POST', '/v1/collections/items/records/bulk', { records: [1, 2, 3].map((n) => ({ data: { n } })) });
      expect(three.statusCode, three.body).toBe(201);
      await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, maxRecords: 5 } });
      const over = await call(id, 'member', 'POST', '/v1/collections/items/records/bulk', { records: [4, 5, 6].map((n) => ({ data: { n } })) });
      expect(over.statusCode, over.body).toBe(403);
      expect(over.json()).toMatchObject({ code: 'quota_exceeded', detail: expect.stringContaining('maxRecords = 5') });
      expect((await call(id, 'viewer', 'GET', '/v1/collections/items/records?limit=100')).json().items).toHaveLength(3);
      expect((await count(id)).records).toBe(3);
      expect((await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { n: 4 } })).statusCode).toBe(201);

      // One slot left, twenty writers at once.
      const racers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => call(id, 'member', 'POST', '/v1/collections/items/records', { data: { n: 100 + i } })),
      );
      expect(racers.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(racers.filter((r) => r.statusCode === 403 && r.json().code === 'quota_exceeded')).toHaveLength(19);
      expect((await call(id, 'viewer', 'GET', '/v1/collections/items/records?limit=100')).json().items).toHaveLength(5);
      // Refused writes recorded nothing either: the trail has the writes that happened.
      const trail = (await call(id, 'admin', 'GET', '/v1/audit?limit=500')).json().items;
      expect(trail.filter((e: { action: string }) => e.action.startsWith('POST /v1/collections/{name}/records'))).toHaveLength(3);

      // Deleting frees a slot (counted by the database), and so does dropping the collection.
      const first = (await call(id, 'viewer', 'GET', '/v1/collections/items/records?limit=1')).json().items[0];
      expect((await call(id, 'member', 'DELETE', `/v1/collections/items/records/${first.id}`)).statusCode).toBe(204);
      expect((await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { n: 7 } })).statusCode).toBe(201);
      expect((await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { n: 8 } })).statusCode).toBe(403);
      expect((await call(id, 'admin', 'DELETE', '/v1/collections/items')).statusCode).toBe(204);
      expect(await count(id)).toMatchObject({ records: 0, collections: 0 });
    });
  }

  it('models and collections are counted quotas too, under concurrency', async () => {
    const id = P;
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, maxCollections: 3, maxModels: 1 } });
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => call(id, 'admin', 'POST', '/v1/collections', { name: `c${i}` })));
    expect(made.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(made.filter((r) => r.statusCode === 403 && /maxCollections = 3/.test(r.json().detail))).toHaveLength(7);
    const name = made.map((r, i) => (r.statusCode === 201 ? `c${i}` : '')).find(Boolean)!;
    await call(id, 'member', 'POST', `/v1/collections/${name}/records/bulk`, { records: Array.from({ length: 10 }, (_, i) => ({ data: { x: i, y: 2 * i } })) });
    const model = (n: string) => call(id, 'member', 'POST', '/v1/models', { name: n, kind: 'regression', collection: name, features: ['x'], target: 'y' });
    const models = await Promise.all(['m1', 'm2', 'm3', 'm4'].map(model));
    expect(models.filter((r) => r.statusCode === 202)).toHaveLength(1);
    expect(models.filter((r) => r.statusCode === 403 && /maxModels = 1/.test(r.json().detail))).toHaveLength(3);
    await app.models.idle();
    expect(await count(id)).toMatchObject({ collections: 3, models: 1, records: 10 });
  });

  it('usage equals the requests, trainings and step-seconds performed, survives a graceful restart, and is each tenant its own', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const usage = async (id: string) => (await call(id, 'admin', 'GET', `/v1/usage?month=${month}`)).json();
    const before = (await usage(U)).totals.apiRequests; // the issueKeys requests are the control plane's: none
    for (let i = 0; i < 7; i++) expect((await call(U, 'viewer', 'GET', '/v1/tenant')).statusCode).toBe(200);
    await call(U, 'admin', 'POST', '/v1/collections', { name: 'pts' });
    await call(U, 'member', 'POST', '/v1/collections/pts/records/bulk', { records: Array.from({ length: 12 }, (_, i) => ({ data: { x: i, y: i + 1 } })) });
    await call(U, 'member', 'POST', '/v1/models', { name: 'line', kind: 'regression', collection: 'pts', features: ['x'], target: 'y' });
    await call(U, 'member', 'POST', '/v1/models/line/train');
    await app.models.idle();
    // Each usage read counts once it is answered; the one before counted too.
    const mid = await usage(U);
    expect(mid.totals.apiRequests).toBe(before + 1 + 7 + 4);
    expect(mid.totals.modelTrainings).toBe(2);
    expect(mid.current).toMatchObject({ records: 12, collections: 1, models: 1 });
    expect(mid.current.storageBytes).toBeGreaterThan(0);
    expect(mid.hours.every((h: { tenantId: string }) => h.tenantId === U)).toBe(true);
    // Another pooled tenant dropping a collection with records (a cascade, run as the tables' owner)
    // changes only its own counts.
    await t.tenants.update(P, { limits: { requestsPerMinute: 1_000_000 } });
    expect((await call(P, 'admin', 'POST', '/v1/collections', { name: 'gone' })).statusCode).toBe(201);
    await call(P, 'member', 'POST', '/v1/collections/gone/records/bulk', { records: [{ data: {} }, { data: {} }] });
    const pBefore = await count(P);
    expect((await call(P, 'admin', 'DELETE', '/v1/collections/gone')).statusCode).toBe(204);
    expect(await count(P)).toMatchObject({ records: pBefore.records - 2, collections: pBefore.collections - 1 });
    expect((await usage(U)).current).toMatchObject({ records: 12, collections: 1 });

    // Workflow step-seconds, measured by the engine running the steps.
    app.workflows.startEngine({ concurrency: 2, pollMs: 10 });
    await call(U, 'admin', 'PUT', '/v1/workflows/nap', { steps: [{ id: 'nap', kind: 'delay', with: { ms: 200 } }] });
    const run = (await call(U, 'member', 'POST', '/v1/workflows/nap/runs', {})).json();
    let status = run.status;
    for (let i = 0; i < 400 && status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = (await call(U, 'viewer', 'GET', `/v1/runs/${run.id}`)).json().status;
    }
    expect(status).toBe('succeeded');
    await app.workflows.stopEngine();
    const counted = (await usage(U)).totals;
    expect(counted.workflowStepSeconds).toBeGreaterThan(0);

    // A graceful restart: nothing counted is lost (written on close), and the counts go on from there.
    const pending = counted.apiRequests + 1; // this read of usage, counted after it answered
    await app.close();
    await open();
    const after = await usage(U);
    expect(after.totals.apiRequests).toBe(pending);
    expect(after.totals.modelTrainings).toBe(2);

    // Another tenant sees only its own; the platform sees each.
    expect((await usage(V)).totals).toMatchObject({ apiRequests: 0, modelTrainings: 0 });
    expect((await send(app, 'GET', `/t/${U}/v1/usage`, undefined, bearer(keys[V]!.admin))).statusCode).toBe(403);
    expect((await call(U, 'member', 'GET', '/v1/usage')).statusCode).toBe(403);
    const platform = await send(app, 'GET', `/v1/tenants/${U}/usage?month=${month}`, undefined, bearer(ADMIN));
    expect(platform.json().totals.apiRequests).toBe(pending + 1);
    expect((await call(U, 'admin', 'GET', '/v1/usage?month=2026-13')).statusCode).toBe(400);
  });

  it("two processes' counts add up", async () => {
    const month = new Date().toISOString().slice(0, 7);
    if (backend === 'pglite') {
      // One process owns an embedded data directory: a second meter over the same catalog stands in.
      const before = (await send(app, 'GET', `/v1/tenants/${V}/usage?month=${month}`, undefined, bearer(ADMIN))).json().totals.apiRequests;
      const meter = new Meter(t.storage.control);
      for (let i = 0; i < 25; i++) meter.add(V, 'apiRequests');
      await Promise.all([meter.close(), ...Array.from({ length: 15 }, () => send(app, 'GET', '/v1/tenant', undefined, bearer(keys[V]!.viewer)))]);
      const after = (await send(app, 'GET', `/v1/tenants/${V}/usage?month=${month}`, undefined, bearer(ADMIN))).json().totals.apiRequests;
      expect(after - before).toBe(40);
      return;
    }
    const second = await Tenantry.open({ config: env.config, onError: () => {} });
    const other = await buildApp({ tenantry: second, adminToken: ADMIN, cursorSecret: 'c' });
    try {
      const before = (await send(app, 'GET', `/v1/tenants/${V}/usage?month=${month}`, undefined, bearer(ADMIN))).json().totals.apiRequests;
      await Promise.all([
        ...Array.from({ length: 15 }, () => send(app, 'GET', '/v1/tenant', undefined, bearer(keys[V]!.viewer))),
        ...Array.from({ length: 25 }, () => send(other, 'GET', '/v1/tenant', undefined, bearer(keys[V]!.viewer))),
      ]);
      // The other process writes its counts when it closes (gracefully); this one when asked.
      await other.close();
      await second.close();
      const after = (await send(app, 'GET', `/v1/tenants/${V}/usage?month=${month}`, undefined, bearer(ADMIN))).json().totals.apiRequests;
      expect(after - before).toBe(40);
    } finally {
      await other.close().catch(() => {});
      await second.close().catch(() => {});
    }
  });

  it('tenantry usage [--tenant T] [--month YYYY-MM] [--csv | --json]', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const expected = (await send(app, 'GET', `/v1/tenants/${U}/usage?month=${month}`, undefined, bearer(ADMIN))).json();
    // One process owns an embedded data directory: the command line opens it after this one closed it.
    await app.close();
    await t.close();
    try {
      const json = await cli(env.config, 'usage', '--tenant', U, '--month', month, '--json');
      expect(json.code, json.stderr).toBe(0);
      const read = JSON.parse(json.stdout);
      // Counts as they were; measured time may have grown since (the report above ran a statement of U's: what it holds now).
      const { apiRequests, modelTrainings, workflowStepSeconds } = expected.totals;
      expect(read).toMatchObject({ tenant: U, month, totals: { apiRequests, modelTrainings, workflowStepSeconds }, current: expected.current });
      expect(read.totals.databaseSeconds).toBeGreaterThanOrEqual(expected.totals.databaseSeconds);
      const csv = await cli(env.config, 'usage', '--month', month, '--csv');
      const lines = csv.stdout.trim().split('\n');
      expect(lines[0]).toBe('tenant,hour,metric,n');
      const requests = lines.filter((l) => l.startsWith(`${U},`) && l.includes(',apiRequests,')).reduce((n, l) => n + Number(l.split(',')[3]), 0);
      expect(requests).toBe(expected.totals.apiRequests);
      // The attributed costs are rows of the same CSV (one metric a row).
      for (const metric of ['databaseSeconds', 'cpuSeconds']) expect(lines.some((l) => l.startsWith(`${U},`) && l.includes(`,${metric},`))).toBe(true);
      const text = await cli(env.config, 'usage', '--tenant', U);
      expect(text.stdout).toMatch(
        new RegExp(
          `usage in ${month}\\nTENANT\\s+API_REQUESTS\\s+MODEL_TRAININGS\\s+WORKFLOW_STEP_SECONDS\\s+DATABASE_SECONDS\\s+CPU_SECONDS\\n${U}\\s+${expected.totals.apiRequests}\\s+2\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\n`,
        ),
      );
      expect(text.stdout).toMatch(/now: 12 records, 1 collections, 1 models/);
      expect((await cli(env.config, 'usage', '--month', '2026-1')).code).toBe(1);
      expect((await cli(env.config, 'usage', '--csv', '--json')).code).toBe(2);
    } finally {
      t = await env.open();
      app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    }
  });
});
