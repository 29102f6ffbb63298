/**
 * The tenant's own view of itself (API.md, data plane): GET /v1/tenant with its usage, and PATCH
 * /v1/tenant/settings — a JSON merge patch by the tenant's admin, which cannot move the tenant's data
 * (settings.region is the platform's), cannot reach another tenant, and loses nothing to a concurrent
 * patch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, callerAs, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-tenant-settings-tests';
type Role = 'admin' | 'member' | 'viewer';

describe(`tenant settings and own view (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);
  const A = tenantId('set-a');
  const B = tenantId('set-b');
  const settingsOf = async (id: string) => (await t.tenants.get(id)).settings;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const id of [A, B]) {
      await t.tenants.create({ id, isolation: 'pooled', settings: { theme: 'dark', features: { beta: false, export: true } } });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    }
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('GET /v1/tenant shows its usage: this month, its totals, and what it holds now', async () => {
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'notes' })).statusCode).toBe(201);
    for (let i = 0; i < 3; i++) expect((await call(A, 'member', 'POST', '/v1/collections/notes/records', { data: { i } })).statusCode).toBe(201);
    const res = await call(A, 'viewer', 'GET', '/v1/tenant');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: A, tier: 'free', settings: { theme: 'dark' }, limits: {} });
    expect(body.usage.month).toBe(new Date().toISOString().slice(0, 7));
    expect(body.usage.current).toMatchObject({ records: 3, collections: 1, models: 0 });
    // The four requests above and this one's predecessors count (unflushed counts included): no write needed.
    expect(body.usage.totals.apiRequests).toBeGreaterThanOrEqual(4);
    // B's own figures: none of A's.
    const other = (await call(B, 'viewer', 'GET', '/v1/tenant')).json();
    expect(other.usage.current).toMatchObject({ records: 0, collections: 0 });
    expect(other.usage.totals.apiRequests).toBeLessThan(body.usage.totals.apiRequests);
  });

  it('a merge patch sets, merges and removes keys; the answer and GET /v1/tenant show the result', async () => {
    const res = await call(A, 'admin', 'PATCH', '/v1/tenant/settings', { features: { beta: true }, branding: { color: '#0a5' }, theme: null });
    expect(res.statusCode, res.body).toBe(200);
    const expected = { features: { beta: true, export: true }, branding: { color: '#0a5' } };
    expect(res.json().settings).toEqual(expected);
    expect(res.json().usage.month).toMatch(/^\d{4}-\d{2}$/);
    expect((await call(A, 'viewer', 'GET', '/v1/tenant')).json().settings).toEqual(expected);
    expect(await settingsOf(A)).toEqual(expected);
    // application/merge-patch+json is the patch's own media type.
    const typed = await send(app, 'PATCH', '/v1/tenant/settings', JSON.stringify({ branding: null }), {
      ...bearer(keys[A]!.admin),
      'content-type': 'application/merge-patch+json',
    });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(await settingsOf(A)).toEqual({ features: { beta: true, export: true } });
    // Another tenant's settings are untouched, and the /t/{tenant} form with B's key cannot reach A.
    expect(await settingsOf(B)).toEqual({ theme: 'dark', features: { beta: false, export: true } });
    const across = await send(app, 'PATCH', `/t/${A}/v1/tenant/settings`, { theme: 'stolen' }, bearer(keys[B]!.admin));
    expect(across.statusCode).toBe(403);
    expect(await settingsOf(A)).toEqual({ features: { beta: true, export: true } });
  });

  it('only an admin may patch; bad bodies and region changes are refused as problems and change nothing', async () => {
    const before = await settingsOf(B);
    for (const role of ['member', 'viewer'] as const) {
      const res = await call(B, role, 'PATCH', '/v1/tenant/settings', { theme: 'light' });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const body of ['[1,2]', '"text"', '{"theme":', 'null']) {
      const res = await send(app, 'PATCH', '/v1/tenant/settings', body, { ...bearer(keys[B]!.admin), 'content-type': 'application/json' });
      expect(res.statusCode, body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Placement is the platform's: a tenant cannot set, change or remove settings.region itself.
    for (const region of ['eu', '', { name: 'eu' }]) {
      const res = await call(B, 'admin', 'PATCH', '/v1/tenant/settings', { region, theme: 'light' });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
      expect(res.json().detail).toContain('region');
    }
    // Bounded: the catalog row is not a tenant's storage.
    const big = await call(B, 'admin', 'PATCH', '/v1/tenant/settings', { blob: 'x'.repeat(70_000) });
    expect(big.statusCode).toBe(400);
    expect(await settingsOf(B)).toEqual(before);
    // Removing a region that is not there changes nothing it may not change: allowed.
    expect((await call(B, 'admin', 'PATCH', '/v1/tenant/settings', { region: null })).statusCode).toBe(200);
    expect(await settingsOf(B)).toEqual(before);
  });

  it('concurrent patches of different keys all apply: none is lost to another', async () => {
    const patches = Array.from({ length: 12 }, (_, i) => ({ [`k${i}`]: i }));
    const results = await Promise.all(patches.map((patch) => call(A, 'admin', 'PATCH', '/v1/tenant/settings', patch)));
    expect(results.map((r) => r.statusCode)).toEqual(patches.map(() => 200));
    const settings = await settingsOf(A);
    for (let i = 0; i < 12; i++) expect(settings[`k${i}`]).toBe(i);
    expect(settings.features).toEqual({ beta: true, export: true });
  });
});
