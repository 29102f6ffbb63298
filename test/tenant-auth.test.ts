import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { AddressBuckets, RateLimiter, type TenantRateLimiter } from '../src/api/rate-limit.js';
import { TenantResolver } from '../src/api/tenant-resolution.js';
import { ApiKeys } from '../src/auth/api-keys.js';
import { TenantryError } from '../src/errors.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-for-auth-tests';
const admin = { authorization: `Bearer ${ADMIN}` };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** `tnty_<16-char id>_<secret>`; the base64url secret may itself contain '_'. */
function parseKey(key: string): { id: string; secret: string } {
  const match = /^tnty_([a-z0-9]{16})_(.+)$/.exec(key);
  if (!match) throw new Error(`not an API key: ${key}`);
  return { id: match[1]!, secret: match[2]! };
}

describe(`data-plane authentication, tenant resolution and roles (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('auth-a');
  const B = tenantId('auth-b');
  const keys: Record<string, string> = {};

  async function newKey(tenant: string, role: string): Promise<{ id: string; key: string }> {
    const res = await app.inject({ method: 'POST', url: `/v1/tenants/${tenant}/api-keys`, headers: admin, payload: { name: `${role} key`, role } });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'cursor-secret', baseDomain: 'example.test' });
    const isolations: Record<string, Isolation> = { [A]: 'pooled', [B]: 'schema' };
    for (const id of [A, B]) {
      await t.tenants.create({ id, isolation: isolations[id] });
      for (const role of ['admin', 'member', 'viewer']) keys[`${id}:${role}`] = (await newKey(id, role)).key;
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('a key decides the tenant, and the key is shown once and stored hashed', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(keys[`${A}:viewer`]!) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: A, tier: 'free' });
    const key = keys[`${A}:admin`]!;
    expect(key).toMatch(/^tnty_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const { id, secret } = parseKey(key);
    const stored = await t.catalog.findApiKey(id);
    expect(stored?.secretHash).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(key) });
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(listed.json())).not.toContain(secret);
  });

  it('a cached key stops working the moment it is revoked in this process', async () => {
    const cached = new ApiKeys(t.catalog, 60_000);
    const { id, key } = await cached.create(await t.tenants.get(A), 'cached', 'viewer');
    expect(await cached.verify(key)).toMatchObject({ tenantId: A, role: 'viewer' });
    await cached.revoke(A, id);
    expect(await cached.verify(key)).toBeUndefined();
    await expect(cached.revoke(B, id)).rejects.toThrow(/no API key/);
  });

  it('refuses missing, malformed, forged and revoked credentials with 401', async () => {
    const good = keys[`${A}:member`]!;
    const { id, secret } = parseKey(good);
    const forgedSecret = `tnty_${id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const headers of [{}, bearer(''), bearer('tnty_x_y'), bearer(forgedSecret), bearer(ADMIN), { authorization: good }]) {
      const res = await app.inject({ method: 'GET', url: '/v1/tenant', headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthorized' });
    }
    const revocable = await newKey(A, 'viewer');
    expect((await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(revocable.key) })).statusCode).toBe(200);
    const revoked = await app.inject({ method: 'DELETE', url: `/v1/api-keys/${revocable.id}`, headers: bearer(keys[`${A}:admin`]!) });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(revocable.key) })).statusCode).toBe(401);
  });

  it('a tenant named by path, header or subdomain must match the credential', async () => {
    const key = bearer(keys[`${A}:viewer`]!);
    expect((await app.inject({ method: 'GET', url: `/t/${A}/v1/tenant`, headers: key })).json()).toMatchObject({ id: A });
    expect((await app.inject({ method: 'GET', url: '/v1/tenant', headers: { ...key, 'x-tenant-id': A } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/tenant', headers: { ...key, host: `${A}.example.test` } })).statusCode).toBe(200);
    for (const spoof of [
      { url: `/t/${B}/v1/tenant`, headers: key },
      { url: '/v1/tenant', headers: { ...key, 'x-tenant-id': B } },
      { url: '/v1/tenant', headers: { ...key, host: `${B}.example.test:8080` } },
      { url: `/t/${A}/v1/tenant`, headers: { ...key, 'x-tenant-id': B } },
    ]) {
      const res = await app.inject({ method: 'GET', ...spoof });
      expect(res.statusCode, JSON.stringify(spoof)).toBe(403);
      expect(res.json()).toMatchObject({ code: 'tenant_mismatch' });
      expect(res.body).not.toContain(B);
      // A response to a tenant request (API.md): the credential's own bucket, which the refusal did not spend.
      expect(res.headers['ratelimit-limit'], JSON.stringify(spoof)).toBe('600');
      expect(Number(res.headers['ratelimit-remaining'])).toBeGreaterThan(0);
      expect(res.headers['ratelimit-reset']).toBeDefined();
    }
  });

  it('enforces roles per route', async () => {
    for (const role of ['member', 'viewer']) {
      const headers = bearer(keys[`${A}:${role}`]!);
      const create = await app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'x', role: 'admin' } });
      expect(create.statusCode).toBe(403);
      expect(create.json()).toMatchObject({ code: 'forbidden' });
      expect((await app.inject({ method: 'GET', url: '/v1/api-keys', headers })).statusCode).toBe(403);
    }
    const created = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(keys[`${A}:admin`]!), payload: { name: 'ci', role: 'member' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'ci', role: 'member' });
    const bad = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(keys[`${A}:admin`]!), payload: { name: 'x', role: 'owner' } });
    expect(bad.statusCode).toBe(400);
    const massAssign = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(keys[`${A}:admin`]!),
      payload: { name: 'x', role: 'viewer', tenant_id: B },
    });
    expect(massAssign.statusCode).toBe(400);
  });

  it("tenant A cannot see, revoke or use B's keys, and the admin token is not a tenant credential", async () => {
    const bKey = await newKey(B, 'viewer');
    const aAdmin = bearer(keys[`${A}:admin`]!);
    const listA = (await app.inject({ method: 'GET', url: '/v1/api-keys?limit=500', headers: aAdmin })).json() as { items: Array<{ id: string }> };
    expect(listA.items.map((k) => k.id)).not.toContain(bKey.id);
    const revoke = await app.inject({ method: 'DELETE', url: `/v1/api-keys/${bKey.id}`, headers: aAdmin });
    expect(revoke.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(bKey.key) })).json()).toMatchObject({ id: B });
    // A tenant key on the control plane, the admin token on the data plane.
    expect((await app.inject({ method: 'GET', url: '/v1/tenants', headers: aAdmin })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/api-keys', headers: admin })).statusCode).toBe(401);
    // Cursors are bound to the tenant: A's cursor is refused on B's list.
    for (let i = 0; i < 2; i++) await newKey(A, 'viewer');
    const page = (await app.inject({ method: 'GET', url: '/v1/api-keys?limit=1', headers: aAdmin })).json() as { nextCursor: string };
    const foreign = await app.inject({
      method: 'GET',
      url: `/v1/api-keys?cursor=${encodeURIComponent(page.nextCursor)}`,
      headers: bearer(keys[`${B}:admin`]!),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it("rate-limits per tenant with RateLimit headers; one tenant's flood leaves another alone", async () => {
    const D = tenantId('auth-d');
    await t.tenants.create({ id: D });
    const limited = await app.inject({ method: 'PATCH', url: `/v1/tenants/${D}`, headers: admin, payload: { limits: { requestsPerMinute: 5 } } });
    expect(limited.statusCode).toBe(200);
    const key = bearer((await newKey(D, 'viewer')).key);
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'GET', url: '/v1/tenant', headers: key });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      remaining.push(Number(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const refused = await app.inject({ method: 'GET', url: '/v1/tenant', headers: key });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    const other = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(keys[`${A}:viewer`]!) });
    expect(other.statusCode).toBe(200);
    expect(Number(other.headers['ratelimit-limit'])).toBe(600);
  });

  it("a rate limiter without peek, or whose peek fails, leaves a refusal as it was (a library user's limiter)", async () => {
    const own = new RateLimiter();
    const limiters: TenantRateLimiter[] = [
      { take: (id, limit) => own.take(id, limit) },
      {
        take: (id, limit) => own.take(id, limit),
        peek: () => {
          throw new Error('peek broke');
        },
      },
      { take: (id, limit) => own.take(id, limit), peek: () => Promise.reject(new Error('store down')) },
    ];
    for (const rateLimiter of limiters) {
      const resolver = new TenantResolver({
        catalog: t.catalog,
        apiKeys: new ApiKeys(t.catalog),
        rateLimiter,
        addressLimits: { authFailures: new AddressBuckets(100), controlRequests: new AddressBuckets(100) },
      });
      const headers: Record<string, unknown> = {};
      const refused = await resolver
        .resolve(
          { ip: '10.0.0.1', url: '/v1/tenant', pathTenant: undefined, headers: { ...bearer(keys[`${A}:viewer`]!), 'x-tenant-id': B } },
          { header: (name: string, value: unknown) => void (headers[name.toLowerCase()] = value) },
          'viewer',
        )
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(TenantryError);
      expect(refused).toMatchObject({ code: 'tenant_mismatch' });
      expect(headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('suspended tenants get 403 tenant_suspended; deleted tenants’ keys get 401', async () => {
    const C = tenantId('auth-c');
    await t.tenants.create({ id: C });
    const key = (await newKey(C, 'admin')).key;
    await t.tenants.suspend(C);
    const suspended = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(key) });
    expect(suspended.statusCode).toBe(403);
    expect(suspended.json()).toMatchObject({ code: 'tenant_suspended' });
    // RateLimit-* on the refusal too, from a bucket it did not spend.
    expect(suspended.headers['ratelimit-limit']).toBe('600');
    expect(suspended.headers['ratelimit-remaining']).toBe('600');
    await t.tenants.resume(C);
    const resumed = await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(key) });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.headers['ratelimit-remaining']).toBe('599');
    await t.tenants.delete(C);
    expect((await app.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(key) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: `/v1/tenants/${C}/api-keys`, headers: admin, payload: { name: 'n', role: 'admin' } })).statusCode).toBe(
      404,
    );
  });
});
