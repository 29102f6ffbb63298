import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';

const ADMIN = 'admin-token-models-limits';

interface Version {
  version: number;
  status: string;
  error: string | null;
}

/** Small, learnable data: a buyer has a large x (or is in oslo); price is linear in x. */
function people(n: number): Array<{ data: Record<string, unknown> }> {
  return Array.from({ length: n }, (_, i) => {
    const x = ((i * 37) % 101) / 10 - 5;
    const city = ['paris', 'rome', 'oslo'][i % 3]!;
    return { data: { x, city, label: x + (city === 'oslo' ? 1 : 0) > 0 ? 'buy' : 'skip', price: 10 + 2 * x } };
  });
}

/**
 * Records whose one-hot design is wide: `features` string fields, each with a value of its own in
 * every record (100 training records give 100 columns per feature), and `classes` labels. Newton's
 * Hessian has (1 + 100 × features) × (classes − 1) rows and as many columns.
 */
function wide(features: number, classes: number, n = 125): { names: string[]; records: Array<{ data: Record<string, unknown> }> } {
  const names = Array.from({ length: features }, (_, f) => `s${f}`);
  const records = Array.from({ length: n }, (_, i) => ({
    data: { ...Object.fromEntries(names.map((name, f) => [name, `v${f}_${i}`])), label: `c${i % classes}` },
  }));
  return { names, records };
}

describe(`model training limits and fair share (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, Record<'admin' | 'member' | 'viewer', string>> = {};

  const call = callerAs(() => app, keys);

  async function tenant(label: string, limits: Record<string, number> = {}, isolation: Isolation = 'pooled'): Promise<string> {
    const id = tenantId(label);
    await t.tenants.create({ id, isolation });
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, ...limits } });
    keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    return id;
  }

  async function collection(id: string, name: string, records: Array<{ data: Record<string, unknown> }>): Promise<void> {
    expect((await call(id, 'admin', 'POST', '/v1/collections', { name })).statusCode).toBe(201);
    const res = await call(id, 'member', 'POST', `/v1/collections/${name}/records/bulk`, { records });
    expect(res.statusCode, res.body).toBe(201);
  }

  async function define(id: string, body: Record<string, unknown>): Promise<void> {
    const res = await call(id, 'member', 'POST', '/v1/models', { kind: 'classification', ...body });
    expect(res.statusCode, res.body).toBe(202);
  }

  async function versions(id: string, model: string): Promise<Version[]> {
    const res = await call(id, 'viewer', 'GET', `/v1/models/${model}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().versions;
  }

  /** Poll until the version's status is one of `statuses`; throws after `withinMs`. */
  async function settle(id: string, model: string, version: number, withinMs: number, statuses = ['ready', 'failed']): Promise<Version> {
    const deadline = performance.now() + withinMs;
    for (;;) {
      const v = (await versions(id, model)).find((x) => x.version === version);
      if (v && statuses.includes(v.status)) return v;
      if (performance.now() > deadline) throw new Error(`${model} v${version} still ${v?.status ?? 'missing'} after ${withinMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it("one tenant's long trainings do not hold up another tenant's small model", async () => {
    // Each of A's models alone needs about a minute of CPU here (a 2,402-wide Hessian); A's time limit
    // stops them sooner, one after the other.
    const a = await tenant('ml-fair-a', { trainingWidth: 20_000, trainingTimeMs: 5_000 });
    const b = await tenant('ml-fair-b');
    const { names, records } = wide(12, 3);
    await collection(a, 'wide', records);
    await collection(b, 'people', people(50));
    await define(a, { name: 'slow1', collection: 'wide', features: names, target: 'label' });
    await define(a, { name: 'slow2', collection: 'wide', features: names, target: 'label' });
    await settle(a, 'slow1', 1, 5_000, ['training']);
    await new Promise((r) => setTimeout(r, 300)); // A's first fit is under way in a worker

    const started = performance.now();
    await define(b, { name: 'small', collection: 'people', features: ['x', 'city'], target: 'label' });
    const small = await settle(b, 'small', 1, 5_000);
    const waited = performance.now() - started;
    expect(small).toMatchObject({ status: 'ready', error: null });
    expect((await versions(a, 'slow1'))[0]!.status).toBe('training');
    console.log(`B's model was ready ${waited.toFixed(0)} ms after it was defined, while A trained`);

    // A's trainings ran one at a time, each stopped at its time limit.
    for (const model of ['slow1', 'slow2']) {
      const v = await settle(a, model, 1, 30_000);
      expect(v.status, model).toBe('failed');
      expect(v.error).toMatch(/training stopped after 5 s, the plan's limit \(trainingTimeMs = 5000\)/);
    }
  }, 60_000);

  it('stops a training at the time limit, replaces the worker and trains the next model', async () => {
    const id = await tenant('ml-time', { trainingWidth: 20_000, trainingTimeMs: 1_000 });
    const { names, records } = wide(12, 3);
    await collection(id, 'wide', records);
    await collection(id, 'people', people(100));
    const started = performance.now();
    await define(id, { name: 'slow', collection: 'wide', features: names, target: 'label' });
    const slow = await settle(id, 'slow', 1, 15_000);
    expect(slow.status).toBe('failed');
    expect(slow.error).toMatch(/trainingTimeMs = 1000/);
    expect(performance.now() - started).toBeLessThan(10_000);
    await define(id, { name: 'small', collection: 'people', features: ['x', 'city'], target: 'label' });
    expect(await settle(id, 'small', 1, 10_000)).toMatchObject({ status: 'ready' });
  }, 60_000);

  it('refuses designs over trainingCells or trainingWidth at once, naming the numbers and the limit', async () => {
    // The free plan's trainingWidth is 500: 50 classes over 5 string features of 20 values each is
    // 101 columns × 49 = 4,949 wide, a Hessian of 24 million numbers solved over and over.
    const id = await tenant('ml-size');
    const records = Array.from({ length: 250 }, (_, i) => ({
      data: { ...Object.fromEntries([0, 1, 2, 3, 4].map((f) => [`s${f}`, `v${(i * 7 + f * 3) % 20}`])), label: `c${i % 50}` },
    }));
    await collection(id, 'many', records);
    await collection(id, 'people', people(300));
    await define(id, { name: 'many', collection: 'many', features: ['s0', 's1', 's2', 's3', 's4'], target: 'label' });
    const many = await settle(id, 'many', 1, 10_000);
    expect(many.status).toBe('failed');
    expect(many.error).toMatch(/the model is 101 columns × 49 \(classes − 1\) = 4,949 wide, over the plan's limit \(trainingWidth = 500\)/);

    // 300 records × 5 columns (intercept, x, three cities) = 1,500 cells.
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, trainingCells: 1_000 } });
    await define(id, { name: 'cells', collection: 'people', features: ['x', 'city'], target: 'label' });
    const cells = await settle(id, 'cells', 1, 10_000);
    expect(cells.status).toBe('failed');
    expect(cells.error).toMatch(/300 records × 5 columns = 1,500 cells, over the plan's limit \(trainingCells = 1,000\)/);
  }, 60_000);

  it('a training that runs out of memory fails alone: the process lives on and the next model trains', async () => {
    // Within raised limits, but a 12,003-wide Hessian is 144 million numbers: more than a worker's heap.
    const id = await tenant('ml-memory', { trainingWidth: 20_000, trainingTimeMs: 120_000 });
    const { names, records } = wide(40, 4);
    await collection(id, 'huge', records);
    await collection(id, 'people', people(100));
    await define(id, { name: 'huge', collection: 'huge', features: names, target: 'label' });
    const huge = await settle(id, 'huge', 1, 60_000);
    expect(huge.status).toBe('failed');
    expect(huge.error).toMatch(/training ran out of memory \(1024 MB per training\)/);
    await define(id, { name: 'small', collection: 'people', features: ['x', 'city'], target: 'label' });
    expect(await settle(id, 'small', 1, 10_000)).toMatchObject({ status: 'ready' });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  }, 120_000);

  it('fails a training whose numbers overflow, and answers 400 for an input too large to predict', async () => {
    const id = await tenant('ml-finite');
    await collection(
      id,
      'huge',
      Array.from({ length: 50 }, (_, i) => ({ data: { x: (i % 10) * 1e301, y: i * 1e301, z: i % 7, label: i % 2 ? 'a' : 'b' } })),
    );
    await collection(id, 'people', people(100));
    await define(id, { name: 'hugex', collection: 'huge', features: ['x'], target: 'label' });
    await define(id, { name: 'hugey', kind: 'regression', collection: 'huge', features: ['z'], target: 'y' });
    await define(id, { name: 'price', kind: 'regression', collection: 'people', features: ['x', 'city'], target: 'price' });
    // Barely regularised on separable data: large weights, so a large x overflows the score.
    await define(id, { name: 'buyers', collection: 'people', features: ['x', 'city'], target: 'label', options: { l2: 0.001 } });
    await app.models.idle();
    expect(await settle(id, 'hugex', 1, 1)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/training diverged: values too large in field 'x'; rescale/),
    });
    expect(await settle(id, 'hugey', 1, 1)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/training diverged: values too large in field 'y'/),
    });
    expect((await call(id, 'viewer', 'POST', '/v1/models/hugex/predict', { inputs: [{ x: 1 }] })).statusCode).toBe(409);

    const price = await call(id, 'viewer', 'POST', '/v1/models/price/predict', {
      inputs: [
        { x: 1, city: 'rome' },
        { x: 1e308, city: 'rome' },
      ],
    });
    expect(price.statusCode, price.body).toBe(400);
    expect(price.json().detail).toMatch(/inputs\[1\]\.x = 1e\+308 is too large for this model/);
    // A classification score of Infinity would make softmax NaN.
    const buyers = await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { inputs: [{ x: 1e308, city: 'oslo' }] });
    expect(buyers.statusCode, buyers.body).toBe(400);
    expect(buyers.json().detail).toMatch(/inputs\[0\]\.x = 1e\+308 is too large for this model/);
    expect((await call(id, 'viewer', 'POST', '/v1/models/price/predict', { inputs: [{ x: 1, city: 'rome' }] })).statusCode).toBe(200);
  });

  it('bounds the version a prediction asks for', async () => {
    const id = await tenant('ml-bounds');
    await collection(id, 'people', people(50));
    await define(id, { name: 'buyers', collection: 'people', features: ['x'], target: 'label' });
    await app.models.idle();
    const input = { inputs: [{ x: 1 }] };
    for (const version of [1e20, 2 ** 31, 0, -1, 1.5]) {
      const res = await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { ...input, version });
      expect(res.statusCode, `version ${version}`).toBe(400);
      expect(res.json().detail).toMatch(/version/);
    }
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { ...input, version: 2 ** 31 - 1 })).statusCode).toBe(404);
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { ...input, version: 1 })).statusCode).toBe(200);
  });

  it('keeps the newest modelVersionsKept versions, never one still training nor the newest ready one', async () => {
    const limits = { trainingWidth: 20_000, trainingTimeMs: 3_000, modelVersionsKept: 2 };
    const id = await tenant('ml-keep', limits, 'schema');
    await collection(id, 'people', people(60));
    await define(id, { name: 'buyers', collection: 'people', features: ['x', 'city'], target: 'label' });
    await app.models.idle();
    for (let v = 2; v <= 4; v++) {
      expect((await call(id, 'member', 'POST', '/v1/models/buyers/train')).json().version).toBe(v);
      await app.models.idle();
      const kept = (await versions(id, 'buyers')).map((x) => [x.version, x.status]);
      expect(kept).toEqual([v, v - 1].map((n) => [n, 'ready']));
    }
    const old = await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { inputs: [{ x: 1, city: 'rome' }], version: 1 });
    expect(old.statusCode).toBe(404);

    // Keep one. While a slow model holds the tenant's training slot, v5 waits in the pool; meanwhile
    // another process (played here by hand) queues v6 and is still training v3.
    await t.tenants.update(id, { limits: { ...limits, requestsPerMinute: 1_000_000, modelVersionsKept: 1 } });
    const { names, records } = wide(12, 3);
    await collection(id, 'wide', records);
    await define(id, { name: 'slow', collection: 'wide', features: names, target: 'label' });
    await settle(id, 'slow', 1, 5_000, ['training']);
    expect((await call(id, 'member', 'POST', '/v1/models/buyers/train')).json().version).toBe(5);
    await t.withTenant(id, async ({ db }) => {
      await db.insertInto('model_versions').values({ model: 'buyers', version: 6, error: null, finished_at: null }).execute();
      await db.updateTable('model_versions').set({ status: 'training' }).where('model', '=', 'buyers').where('version', '=', 3).execute();
    });
    expect(await settle(id, 'buyers', 5, 15_000)).toMatchObject({ status: 'ready' });
    await app.models.idle();
    // v6 is the newest but queued, v5 the newest ready, v3 still training: only v4 goes.
    expect((await versions(id, 'buyers')).map((x) => [x.version, x.status])).toEqual([
      [6, 'queued'],
      [5, 'ready'],
      [3, 'training'],
    ]);
    const served = await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { inputs: [{ x: 1, city: 'rome' }] });
    expect(served.json().version).toBe(5);
  }, 60_000);
});
