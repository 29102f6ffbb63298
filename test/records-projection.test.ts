/**
 * Queries can return only some data fields (?fields=) and say how many records match (?count=exact,
 * or a planner estimate with ?count=estimated) — the same total on every page, and only the tenant's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-projection-tests';

describe(`record projection and counts (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    const [a, b] = [tenantId('proj-a'), tenantId('proj-b')];
    for (const id of [a, b]) await t.tenants.create({ id, isolation: 'pooled' });
    key = (await issueKeys(app, ADMIN, a, ['admin'])).admin;
    otherKey = (await issueKeys(app, ADMIN, b, ['admin'])).admin;
    for (const k of [key, otherKey]) {
      await send(app, 'POST', '/v1/collections', { name: 'people' }, bearer(k));
      const records = Array.from({ length: k === key ? 7 : 3 }, (_, i) => ({
        data: { name: `p${i}`, age: 20 + i, owner: { name: 'x', city: 'y' }, secret: 's' },
      }));
      expect((await send(app, 'POST', '/v1/collections/people/records/bulk', { records }, bearer(k))).statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('returns only the fields asked for, nested paths included', async () => {
    const res = await send(app, 'GET', '/v1/collections/people/records?fields=name,owner.city,missing&limit=2', undefined, bearer(key));
    expect(res.statusCode).toBe(200);
    for (const item of res.json().items) {
      expect(Object.keys(item.data).sort()).toEqual(['name', 'owner']);
      expect(item.data.owner).toEqual({ city: 'y' });
      expect(item).toHaveProperty('id');
      expect(item).toHaveProperty('version');
    }
    expect((await send(app, 'GET', '/v1/collections/people/records?fields=na-me', undefined, bearer(key))).statusCode).toBe(400);
    expect((await send(app, 'GET', '/v1/collections/people/records?fields=', undefined, bearer(key))).statusCode).toBe(400);
    for (const inherited of ['__proto__.polluted', 'constructor', 'owner.prototype']) {
      const res = await send(app, 'GET', `/v1/collections/people/records?fields=${inherited}`, undefined, bearer(key));
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/not data fields/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('counts the matching records exactly, the same on every page, and only its own', async () => {
    const first = await send(app, 'GET', '/v1/collections/people/records?count=exact&limit=3', undefined, bearer(key));
    expect(first.json()).toMatchObject({ total: 7 });
    expect(first.json().items).toHaveLength(3);
    const second = await send(app, 'GET', `/v1/collections/people/records?count=exact&limit=3&cursor=${first.json().nextCursor}`, undefined, bearer(key));
    expect(second.json()).toMatchObject({ total: 7 });
    const filtered = await send(
      app,
      'GET',
      `/v1/collections/people/records?count=exact&filter=${encodeURIComponent('{"age":{"$gte":24}}')}`,
      undefined,
      bearer(key),
    );
    expect(filtered.json().total).toBe(3);
    expect((await send(app, 'GET', '/v1/collections/people/records?count=exact', undefined, bearer(otherKey))).json().total).toBe(3);
    // Without ?count, no total.
    expect((await send(app, 'GET', '/v1/collections/people/records', undefined, bearer(key))).json()).not.toHaveProperty('total');
    expect((await send(app, 'GET', '/v1/collections/people/records?count=maybe', undefined, bearer(key))).statusCode).toBe(400);
  });

  it("counts a pooled tenant's records exactly even when asked for an estimate: the shared table's statistics are everyone's", async () => {
    const res = await send(app, 'GET', '/v1/collections/people/records?count=estimated', undefined, bearer(key));
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(7);
    expect((await send(app, 'GET', '/v1/collections/people/records?count=estimated', undefined, bearer(otherKey))).json().total).toBe(3);
  });

  it('estimates the count from the planner for a tenant with tables of its own', async () => {
    const id = tenantId('proj-s');
    await t.tenants.create({ id, isolation: 'schema' });
    const own = (await issueKeys(app, ADMIN, id, ['admin'])).admin;
    await send(app, 'POST', '/v1/collections', { name: 'people' }, bearer(own));
    const res = await send(app, 'GET', '/v1/collections/people/records?count=estimated', undefined, bearer(own));
    expect(res.statusCode).toBe(200);
    expect(Number.isInteger(res.json().total)).toBe(true);
    expect(res.json().total).toBeGreaterThanOrEqual(0);
  });
});
