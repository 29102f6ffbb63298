import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';
import { PLACEMENTS, isolationOf, type Placement } from './support/placements.js';

const ADMIN = 'admin-token-models-tests';

/** Deterministic people: buyers are those with large x (or, flipped, small x). */
function people(n: number, flip: boolean): Array<{ data: Record<string, unknown> }> {
  return Array.from({ length: n }, (_, i) => {
    const x = ((i * 37) % 101) / 10 - 5; // -5 … 5
    const city = ['paris', 'rome', 'oslo'][i % 3]!;
    const buys = x + (city === 'oslo' ? 1 : 0) > 0 !== flip;
    return { data: { x, city, vip: i % 4 === 0, label: buys ? 'buy' : 'skip', price: 10 + 2 * x + (city === 'rome' ? 5 : 0) } };
  });
}

describe(`models over HTTP (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const tenants = {} as Record<Placement, string>;
  const keys: Record<string, Record<'admin' | 'member' | 'viewer', string>> = {};

  const call = callerAs(() => app, keys);

  async function setUpTenant(id: string, isolation: Isolation, flip: boolean): Promise<void> {
    await t.tenants.create({ id, isolation });
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
    keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'people' })).statusCode).toBe(201);
    expect((await call(id, 'member', 'POST', '/v1/collections/people/records/bulk', { records: people(300, flip) })).statusCode).toBe(201);
    const model = await call(id, 'member', 'POST', '/v1/models', {
      name: 'buyers',
      kind: 'classification',
      collection: 'people',
      features: ['x', 'city', 'vip'],
      target: 'label',
    });
    expect(model.statusCode, model.body).toBe(202);
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const label of PLACEMENTS) {
      tenants[label] = tenantId(`ml-${label.slice(0, 3)}${label.slice(-1)}`);
      // The schema tenant's buyers are the opposite people: same model name, different data.
      await setUpTenant(tenants[label], isolationOf(label), label === 'schema');
    }
    await app.models.idle();
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('defines, trains and describes a classification model with metrics, feature spec and weights', async () => {
    const id = tenants.pooled;
    const res = await call(id, 'viewer', 'GET', '/v1/models/buyers');
    expect(res.statusCode).toBe(200);
    const model = res.json();
    expect(model).toMatchObject({
      name: 'buyers',
      kind: 'classification',
      collection: 'people',
      features: ['x', 'city', 'vip'],
      target: 'label',
      status: 'ready',
    });
    expect(model.versions).toHaveLength(1);
    expect(model.versions[0]).toMatchObject({ version: 1, status: 'ready', error: null });
    expect(model.versions[0].metrics.accuracy).toBeGreaterThan(0.9);
    expect(model.versions[0].metrics.rocAuc).toBeGreaterThan(0.9);
    expect(model.versions[0].metrics).toMatchObject({ trainRows: 240, testRows: 60 });
    expect(model.featureSpec.map((s: { field: string; type: string }) => [s.field, s.type])).toEqual([
      ['x', 'number'],
      ['city', 'category'],
      ['vip', 'boolean'],
    ]);
    expect(model.featureSpec[1].categories).toEqual(['oslo', 'paris', 'rome']);
    // 'buy' sorts first, so it carries the weights against the reference 'skip': more x, more buying.
    expect(model.weights.buy.x).toBeGreaterThan(0);
    expect(Object.keys(model.weights.buy)).toEqual(expect.arrayContaining(['(intercept)', 'x', 'city=oslo', 'vip']));
    const list = (await call(id, 'viewer', 'GET', '/v1/models')).json();
    expect(list.items.map((m: { name: string }) => m.name)).toEqual(['buyers']);
  });

  it('predicts labels with probabilities, validates inputs, and serves a chosen version', async () => {
    const id = tenants.pooled;
    const res = await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', {
      inputs: [
        { x: 4, city: 'paris', vip: false },
        { x: -4, city: 'rome', vip: true },
        { x: 0.5, city: 'atlantis', vip: null },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.version).toBe(1);
    expect(body.predictions.map((p: { label: string }) => p.label)).toEqual(['buy', 'skip', 'buy']);
    for (const p of body.predictions) expect(p.probabilities.buy + p.probabilities.skip).toBeCloseTo(1, 12);
    const bad: Array<[unknown, RegExp]> = [
      [{ inputs: [{ x: 'four', city: 'paris', vip: false }] }, /inputs\[0\]\.x must be a number/],
      [
        {
          inputs: [
            { x: 1, city: 'paris', vip: false },
            { x: 1, city: 3, vip: false },
          ],
        },
        /inputs\[1\]\.city must be a string/,
      ],
      [{ inputs: [{ x: 1, city: 'paris' }] }, /inputs\[0\]\.vip is missing/],
      [{ inputs: Array(1001).fill({ x: 1, city: 'paris', vip: false }) }, /1000/],
      [{ inputs: [] }, /inputs/],
      [{ inputs: [{ x: 1, city: 'paris', vip: false }], extra: 1 }, /unknown property 'extra'/],
    ];
    for (const [payload, detail] of bad) {
      const r = await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', payload);
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(r.json().detail).toMatch(detail);
    }
    // A second version: 202 queued, then ready; predictions use it unless version 1 is asked for.
    const trained = await call(id, 'member', 'POST', '/v1/models/buyers/train');
    expect(trained.statusCode).toBe(202);
    expect(trained.json()).toMatchObject({ version: 2 });
    expect(['queued', 'training', 'ready']).toContain(trained.json().status);
    await app.models.idle();
    const input = { inputs: [{ x: 1, city: 'oslo', vip: false }] };
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', input)).json().version).toBe(2);
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { ...input, version: 1 })).json().version).toBe(1);
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', { ...input, version: 9 })).statusCode).toBe(404);
    expect((await call(id, 'viewer', 'GET', '/v1/models/buyers')).json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Roles: a viewer may predict but not train or define.
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/train')).statusCode).toBe(403);
    expect(
      (await call(id, 'viewer', 'POST', '/v1/models', { name: 'x', kind: 'regression', collection: 'people', features: ['x'], target: 'price' })).statusCode,
    ).toBe(403);
  });

  it('trains ridge regression and recommendations', async () => {
    const id = tenants.database;
    const reg = await call(id, 'member', 'POST', '/v1/models', {
      name: 'prices',
      kind: 'regression',
      collection: 'people',
      features: ['x', 'city'],
      target: 'price',
      options: { l2: 0.001 },
    });
    expect(reg.statusCode, reg.body).toBe(202);
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'likes' });
    const likes = [];
    for (let u = 0; u < 30; u++) {
      // Two tastes: even users like a/b/c/d, odd users like w/x/y/z; each user misses one of their four.
      const items = u % 2 === 0 ? ['a', 'b', 'c', 'd'] : ['w', 'x', 'y', 'z'];
      for (const item of items.filter((_, k) => k !== u % 4)) likes.push({ data: { user: `u${u}`, item, weight: 1 } });
    }
    await call(id, 'member', 'POST', '/v1/collections/likes/records/bulk', { records: likes });
    const rec = await call(id, 'member', 'POST', '/v1/models', {
      name: 'taste',
      kind: 'recommendation',
      collection: 'likes',
      fields: { user: 'user', item: 'item', weight: 'weight' },
    });
    expect(rec.statusCode, rec.body).toBe(202);
    await app.models.idle();
    const prices = (await call(id, 'viewer', 'GET', '/v1/models/prices')).json();
    expect(prices.status).toBe('ready');
    expect(prices.versions[0].metrics.r2).toBeGreaterThan(0.99);
    expect(prices.weights.x).toBeCloseTo(2, 2);
    const predicted = (await call(id, 'viewer', 'POST', '/v1/models/prices/predict', { inputs: [{ x: 1, city: 'rome' }] })).json();
    expect(predicted.predictions[0].value).toBeCloseTo(17, 1);
    // u0 (even) lacks 'a': it is recommended first, and nothing u0 already has.
    const top = (await call(id, 'viewer', 'POST', '/v1/models/taste/recommend', { user: 'u0', limit: 3 })).json();
    expect(top.items[0].item).toBe('a');
    expect(top.items.map((i: { item: string }) => i.item)).not.toContain('b');
    const taste = (await call(id, 'viewer', 'GET', '/v1/models/taste')).json();
    expect(taste.versions[0].metrics).toHaveProperty('precisionAt10');
    expect((await call(id, 'viewer', 'POST', '/v1/models/taste/predict', { inputs: [{}] })).statusCode).toBe(400);
    expect((await call(id, 'viewer', 'POST', '/v1/models/prices/recommend', { user: 'u0' })).statusCode).toBe(400);
  });

  it('refuses bad definitions with a clear 400 and creates nothing', async () => {
    const id = tenants.schema;
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'empty' });
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'mixed' });
    await call(id, 'member', 'POST', '/v1/collections/mixed/records/bulk', { records: [{ data: { a: 1, t: 'x' } }, { data: { a: 'one', t: 'y' } }] });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ collection: 'nowhere', features: ['x'], target: 'label' }, /collection 'nowhere' does not exist/],
      [{ collection: 'empty', features: ['x'], target: 'label' }, /no records to train on/],
      [{ collection: 'people', features: ['nope'], target: 'label' }, /no records with field 'nope'/],
      [{ collection: 'people', features: ['x'], target: 'missing' }, /no records with target 'missing'/],
      [{ collection: 'people', kind: 'regression', features: ['x'], target: 'label' }, /target 'label' must be a number for regression/],
      [{ collection: 'mixed', features: ['a'], target: 't' }, /field 'a' mixes types/],
      [{ collection: 'people', features: ['x', 'x'], target: 'label' }, /twice/],
      [{ collection: 'people', features: ['x'], target: 'x' }, /cannot also be a feature/],
      [{ collection: 'people', features: ['x;drop'], target: 'label' }, /not a field path/],
      [{ collection: 'people', features: [], target: 'label' }, /at least one feature/],
      [{ collection: 'people', kind: 'recommendation', features: ['x'] }, /needs fields/],
      [{ collection: 'people', kind: 'clustering', features: ['x'], target: 'label' }, /kind/],
    ];
    for (const [body, detail] of cases) {
      const res = await call(id, 'member', 'POST', '/v1/models', { name: 'broken', kind: 'classification', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().detail, JSON.stringify(body)).toMatch(detail);
      expect((await call(id, 'viewer', 'GET', '/v1/models/broken')).statusCode).toBe(404);
    }
    expect(
      (await call(id, 'member', 'POST', '/v1/models', { name: 'buyers', kind: 'classification', collection: 'people', features: ['x'], target: 'label' }))
        .statusCode,
    ).toBe(409);
    expect((await call(id, 'member', 'POST', '/v1/models/ghost/train')).statusCode).toBe(404);
    expect((await call(id, 'viewer', 'POST', '/v1/models/ghost/predict', { inputs: [{ x: 1 }] })).statusCode).toBe(404);
  });

  it('records a failed version with the reason when the data changes under it', async () => {
    const id = tenants.database;
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'shifty' });
    await call(id, 'member', 'POST', '/v1/collections/shifty/records/bulk', {
      records: Array.from({ length: 10 }, (_, i) => ({ data: { a: i, t: i % 2 ? 'p' : 'q' } })),
    });
    expect(
      (await call(id, 'member', 'POST', '/v1/models', { name: 'shifty', kind: 'classification', collection: 'shifty', features: ['a'], target: 't' }))
        .statusCode,
    ).toBe(202);
    await app.models.idle();
    // Leave one class only: the precheck refuses a new version up front.
    await t.withTenant(id, ({ db }) =>
      db
        .deleteFrom('records')
        .where('collection', '=', 'shifty')
        .where(sql<string>`data ->> 't'`, '=', 'p')
        .execute(),
    );
    const again = await call(id, 'member', 'POST', '/v1/models/shifty/train');
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toMatch(/single value/);
    const model = (await call(id, 'viewer', 'GET', '/v1/models/shifty')).json();
    expect(model.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'ready']]);
  });

  for (const a of PLACEMENTS) {
    for (const b of PLACEMENTS) {
      if (a === b) continue;
      it(`a ${a} tenant cannot read, train, predict with or list a ${b} tenant's models`, async () => {
        const A = tenants[a];
        const B = tenants[b];
        await call(B, 'member', 'POST', '/v1/models', { name: `own_${b}`, kind: 'regression', collection: 'people', features: ['x'], target: 'price' }).then(
          (r) => expect([202, 409]).toContain(r.statusCode),
        );
        await app.models.idle();
        for (const [method, url, payload] of [
          ['GET', `/v1/models/own_${b}`],
          ['POST', `/v1/models/own_${b}/train`],
          ['POST', `/v1/models/own_${b}/predict`, { inputs: [{ x: 1 }] }],
          ['POST', `/v1/models/own_${b}/recommend`, { user: 'u0' }],
        ] as const) {
          const res = await call(A, 'admin', method, url, payload);
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          expect(res.body).not.toContain(B);
        }
        const listed = (await call(A, 'viewer', 'GET', '/v1/models')).json().items.map((m: { name: string }) => m.name);
        expect(listed).not.toContain(`own_${b}`);
        // B's model kept its single version: A's train attempt made none.
        expect((await call(B, 'viewer', 'GET', `/v1/models/own_${b}`)).json().versions).toHaveLength(1);
      });
    }
  }

  it('two tenants with a model of the same name trained on different data predict differently', async () => {
    const input = { inputs: [{ x: 4, city: 'paris', vip: false }] };
    const pooled = (await call(tenants.pooled, 'viewer', 'POST', '/v1/models/buyers/predict', input)).json();
    const schema = (await call(tenants.schema, 'viewer', 'POST', '/v1/models/buyers/predict', input)).json();
    expect(pooled.predictions[0].label).toBe('buy');
    expect(schema.predictions[0].label).toBe('skip');
  });

  it('a deleted and re-created tenant never gets the old cached model', async () => {
    const id = tenantId('ml-recreate');
    await setUpTenant(id, 'pooled', false);
    await app.models.idle();
    const input = { inputs: [{ x: 4, city: 'paris', vip: false }] };
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', input)).json().predictions[0].label).toBe('buy');
    await t.tenants.delete(id);
    await setUpTenant(id, 'pooled', true);
    await app.models.idle();
    expect((await call(id, 'viewer', 'POST', '/v1/models/buyers/predict', input)).json().predictions[0].label).toBe('skip');
  });
});
