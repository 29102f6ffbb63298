/**
 * CORS, off by default: with TENANTRY_CORS_ORIGINS set, a listed origin's preflight is answered and its
 * requests carry Access-Control-Allow-Origin (with the headers a client needs exposed); another
 * origin gets none. Without it, no CORS headers at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-cors-tests-1234';
const ORIGIN = 'https://app.example.com';

describe(`CORS (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let open: TenantryApp;
  let closed: TenantryApp;
  let key: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    open = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c', corsOrigins: [ORIGIN] });
    closed = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    const tenant = tenantId('cors');
    await t.tenants.create({ id: tenant, isolation: 'pooled' });
    key = (await issueKeys(open, ADMIN, tenant, ['admin'])).admin;
  });
  afterAll(async () => {
    await open?.close();
    await closed?.close();
    await env?.cleanup();
  });

  it('answers a listed origin’s preflight and exposes what clients read', async () => {
    const preflight = await open.inject({
      method: 'OPTIONS',
      url: '/v1/collections',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('PATCH');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    const get = await send(open, 'GET', '/v1/tenant', undefined, { ...bearer(key), origin: ORIGIN });
    expect(get.statusCode).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(get.headers['access-control-expose-headers'])).toContain('etag');
    // An error answered to the origin is readable by it too.
    const missing = await send(open, 'GET', '/v1/collections/none', undefined, { ...bearer(key), origin: ORIGIN });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('gives another origin nothing, and nothing at all when CORS is not configured', async () => {
    const other = await send(open, 'GET', '/v1/tenant', undefined, { ...bearer(key), origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const off = await send(closed, 'GET', '/v1/tenant', undefined, { ...bearer(key), origin: ORIGIN });
    expect(off.statusCode).toBe(200);
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reads TENANTRY_CORS_ORIGINS, refusing what is not an origin', () => {
    expect(loadConfig({ TENANTRY_CORS_ORIGINS: `${ORIGIN}, http://localhost:5173/` }).corsOrigins).toEqual([ORIGIN, 'http://localhost:5173']);
    expect(loadConfig({ TENANTRY_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(() => loadConfig({ TENANTRY_CORS_ORIGINS: 'https://app.example.com/path' })).toThrow(/not an origin/);
    expect(() => loadConfig({ TENANTRY_CORS_ORIGINS: 'app.example.com' })).toThrow(/not an origin/);
  });
});
