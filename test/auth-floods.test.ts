import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { ADDRESS_LIMIT_DEFAULTS } from '../src/api/plugins/address-limits.js';
import { AddressBuckets, addressKey } from '../src/api/rate-limit.js';
import { ApiKeys } from '../src/auth/api-keys.js';
import type { ApiKeyRecord, Catalog } from '../src/tenancy/catalog.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-for-flood-tests';
const admin = { authorization: `Bearer ${ADMIN}` };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A well-formed key nobody issued: `tnty_<16 hex>_<43 base64url>`. */
const randomKey = () => `tnty_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;

describe(`failed authentications are limited per address (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('flood-a');
  const B = tenantId('flood-b');
  let keyA: string;
  let keyB: string;
  const BUDGET = ADDRESS_LIMIT_DEFAULTS.authFailuresPerMinute;

  beforeAll(async () => {
    // Key rows cached as a server caches them (TENANTRY_CATALOG_CACHE_MS), so known keys are known.
    env = await createTestEnv({ catalogCacheMs: 60_000 });
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'flood-cursor-secret' });
    await t.tenants.create({ id: A });
    await t.tenants.create({ id: B, isolation: 'schema' });
    keyA = (await issueKeys(app, ADMIN, A, ['viewer'])).viewer;
    keyB = (await issueKeys(app, ADMIN, B, ['viewer'])).viewer;
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.close();
    await env?.cleanup();
  });

  const get = (headers: Record<string, string>, remoteAddress?: string) => app.inject({ method: 'GET', url: '/v1/tenant', headers, remoteAddress });

  it('past its budget an address gets 429 before any catalog query; a tenant on another address keeps working', async () => {
    // Date stands still (the buckets' clock), so no token comes back while the test runs.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const lookups = vi.spyOn(t.catalog, 'findApiKey');
    const tenants = vi.spyOn(t.catalog, 'get');
    try {
      const flooder = '10.0.0.9';
      for (let i = 0; i < BUDGET; i++) {
        const res = await get(bearer(randomKey()), flooder);
        expect(res.statusCode).toBe(401);
      }
      expect(lookups).toHaveBeenCalledTimes(BUDGET);
      const queriesBefore = lookups.mock.calls.length + tenants.mock.calls.length;
      for (let i = 0; i < 50; i++) {
        const res = await get(bearer(randomKey()), flooder);
        expect(res.statusCode).toBe(429);
        expect(res.json()).toMatchObject({ code: 'rate_limited', status: 429 });
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      // Not one lookup for the refused requests, and the flooding address gets no further with a valid key.
      expect((await get(bearer(keyA), flooder)).statusCode).toBe(429);
      expect(lookups.mock.calls.length + tenants.mock.calls.length).toBe(queriesBefore);

      // Tenants on other addresses are untouched, whether the same tenant or another.
      expect((await get(bearer(keyA), '10.0.0.10')).json()).toMatchObject({ id: A });
      expect((await get(bearer(keyB))).json()).toMatchObject({ id: B });

      // The budget refills at its rate: 100 per minute, so after 6 s ten more tries.
      vi.setSystemTime(Date.now() + 6_000);
      expect((await get(bearer(keyA), flooder)).json()).toMatchObject({ id: A });
      for (let i = 0; i < 10; i++) expect((await get(bearer(randomKey()), flooder)).statusCode).toBe(401);
      expect((await get(bearer(randomKey()), flooder)).statusCode).toBe(429);
    } finally {
      lookups.mockRestore();
      tenants.mockRestore();
      vi.useRealTimers();
    }
  });

  it('counts IPv6 clients per /64 and IPv4-mapped addresses as IPv4', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      for (let i = 0; i < BUDGET; i++) expect((await get({}, `2001:db8:1:2::${(i + 1).toString(16)}`)).statusCode).toBe(401);
      // Probed with keys nobody issued: an unknown credential from a flooded address gets 429, elsewhere 401.
      expect((await get(bearer(randomKey()), '2001:db8:1:2:ffff::1')).statusCode).toBe(429);
      expect((await get(bearer(randomKey()), '2001:db8:1:3::1')).statusCode).toBe(401);
      for (let i = 0; i < BUDGET; i++) expect((await get({}, '::ffff:10.0.0.77')).statusCode).toBe(401);
      expect((await get(bearer(randomKey()), '10.0.0.77')).statusCode).toBe(429);
    } finally {
      vi.useRealTimers();
    }
  });

  it('looks a repeated unknown key up once, and a key created in this process works at once', async () => {
    const lookups = vi.spyOn(t.catalog, 'findApiKey');
    try {
      const bogus = randomKey();
      for (let i = 0; i < 20; i++) expect((await get(bearer(bogus), '10.0.1.1')).statusCode).toBe(401);
      expect(lookups).toHaveBeenCalledTimes(1);
      const adminKey = (await issueKeys(app, ADMIN, A, ['admin'])).admin;
      const created = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(adminKey), payload: { name: 'fresh', role: 'viewer' } });
      expect(created.statusCode).toBe(201);
      expect((await get(bearer(created.json().key), '10.0.1.2')).json()).toMatchObject({ id: A });
    } finally {
      lookups.mockRestore();
    }
  });

  it('evicts instead of clearing: past 100,000 unknown keys a valid key is still served from the cache', async () => {
    const record: ApiKeyRecord = {
      id: 'abcdef0123456789',
      tenantId: A,
      tenantGeneration: 1,
      name: 'k',
      role: 'viewer',
      secretHash: '',
      createdAt: new Date(),
      revokedAt: null,
      expiresAt: null,
      lastUsedAt: null,
      replacedBy: null,
    };
    let queries = 0;
    const catalog = {
      async findApiKey(id: string) {
        queries++;
        return id === record.id ? record : undefined;
      },
    } as unknown as Catalog;
    const keys = new ApiKeys(catalog, 60_000);
    const valid = `tnty_${record.id}_${'A'.repeat(43)}`;
    await keys.verify(valid);
    expect(queries).toBe(1);
    for (let i = 0; i < 100_050; i++) await keys.verify(randomKey());
    const before = queries;
    await keys.verify(valid);
    expect(queries).toBe(before);
    // And the misses are bounded too: the oldest are evicted, not kept.
    const small = new ApiKeys(catalog, 60_000, { max: 10 });
    const first = randomKey();
    await small.verify(first);
    for (let i = 0; i < 10; i++) await small.verify(randomKey());
    const q = queries;
    await small.verify(first);
    expect(queries).toBe(q + 1);
  });

  it('the control plane shares the budget: wrong admin tokens past it get 429 (the right one is still served); other addresses are unaffected', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const guesser = '10.0.2.1';
      for (let i = 0; i < BUDGET; i++) {
        const res = await app.inject({ method: 'GET', url: '/v1/tenants', headers: bearer(randomBytes(24).toString('base64url')), remoteAddress: guesser });
        expect(res.statusCode).toBe(401);
      }
      const refused = await app.inject({ method: 'GET', url: '/v1/tenants', headers: bearer('yet-another-guess-at-it'), remoteAddress: guesser });
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Comparing the admin token costs no query: the right one is served.
      expect((await app.inject({ method: 'GET', url: '/v1/tenants', headers: admin, remoteAddress: guesser })).statusCode).toBe(200);
      // One budget for both planes.
      expect((await get(bearer(randomKey()), guesser)).statusCode).toBe(429);
      expect((await app.inject({ method: 'GET', url: '/v1/tenants', headers: admin, remoteAddress: '10.0.2.2' })).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('limits control-plane requests per address, admin token or not', async () => {
    const limited = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c', addressLimits: { controlRequestsPerMinute: 20 } });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      for (let i = 0; i < 20; i++) {
        expect((await limited.inject({ method: 'GET', url: `/v1/tenants/${A}`, headers: admin, remoteAddress: '10.0.3.1' })).statusCode).toBe(200);
      }
      const refused = await limited.inject({ method: 'GET', url: `/v1/tenants/${A}`, headers: admin, remoteAddress: '10.0.3.1' });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await limited.inject({ method: 'GET', url: `/v1/tenants/${A}`, headers: admin, remoteAddress: '10.0.3.2' })).statusCode).toBe(200);
      // The data plane is limited per tenant instead.
      expect((await limited.inject({ method: 'GET', url: '/v1/tenant', headers: bearer(keyA), remoteAddress: '10.0.3.1' })).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
      await limited.close();
    }
  });
  it('an address past its budget still serves keys already known valid and the admin token, with no lookup', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const shared = '10.9.9.9'; // a NAT: a guesser and honest tenants behind one address
      expect((await get(bearer(keyA), shared)).statusCode).toBe(200); // known from here on
      for (let i = 0; i < BUDGET; i++) await get(bearer(randomKey()), shared);
      expect((await get(bearer(randomKey()), shared)).statusCode).toBe(429);
      const lookups = vi.spyOn(t.catalog, 'findApiKey');
      expect((await get(bearer(keyA), shared)).statusCode).toBe(200);
      expect(lookups).not.toHaveBeenCalled();
      lookups.mockRestore();
      const control = await app.inject({ method: 'GET', url: '/v1/tenants?limit=1', headers: admin, remoteAddress: shared });
      expect(control.statusCode).toBe(200);
      const wrong = await app.inject({ method: 'GET', url: '/v1/tenants?limit=1', headers: bearer('not-the-admin-token'), remoteAddress: shared });
      expect(wrong.statusCode).toBe(429);
    } finally {
      vi.useRealTimers();
    }
  });

  it('behind a trusted proxy each client address has its own budget', async () => {
    const proxied = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'flood-cursor-secret', trustProxy: ['127.0.0.1'] });
    try {
      const via = (key: string, client: string) =>
        proxied.inject({ method: 'GET', url: '/v1/tenant', headers: { ...bearer(key), 'x-forwarded-for': client }, remoteAddress: '127.0.0.1' });
      // The whole budget of one client is spent (none of it refused), then it is refused: the bucket
      // refills a little while a loaded machine runs the loop, so the refusal may come a few tries late.
      for (let i = 0; i < BUDGET; i++) expect((await via(randomKey(), '203.0.113.7')).statusCode).toBe(401);
      let refused = false;
      for (let i = 0; i < BUDGET && !refused; i++) refused = (await via(randomKey(), '203.0.113.7')).statusCode === 429;
      expect(refused).toBe(true);
      // Another client behind the same proxy, with a key this app has never seen: looked up and served.
      expect((await via(keyB, '203.0.113.8')).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('per-address token buckets', () => {
  it('peek does not spend, take does; buckets refill at perMinute/60 per second', () => {
    let now = 1_000_000;
    const buckets = new AddressBuckets(3, { now: () => now });
    expect(buckets.peek('10.0.0.1')).toMatchObject({ allowed: true, remaining: 3 });
    expect(buckets.peek('10.0.0.1')).toMatchObject({ allowed: true, remaining: 3 });
    for (let i = 0; i < 3; i++) expect(buckets.take('10.0.0.1').allowed).toBe(true);
    expect(buckets.peek('10.0.0.1')).toMatchObject({ allowed: false, remaining: 0, retryAfter: 20 });
    expect(buckets.take('10.0.0.1').allowed).toBe(false);
    expect(buckets.peek('10.0.0.2').allowed).toBe(true);
    now += 20_000;
    expect(buckets.peek('10.0.0.1')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('tracks at most `max` addresses, dropping the least recently seen', () => {
    const now = 1_000_000;
    const buckets = new AddressBuckets(1, { max: 100, now: () => now });
    for (let i = 0; i < 1000; i++) buckets.take(`10.1.${i >> 8}.${i & 255}`);
    expect(buckets.size).toBe(100);
    expect(buckets.peek('10.1.3.231').allowed).toBe(false); // the most recent is still counted
  });

  it('keys IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64 whatever the spelling', () => {
    expect(addressKey('10.0.0.9')).toBe('10.0.0.9');
    expect(addressKey('::ffff:10.0.0.9')).toBe('10.0.0.9');
    expect(addressKey('::FFFF:10.0.0.9')).toBe('10.0.0.9');
    const net = '2001:db8:0:1::/64';
    for (const a of ['2001:db8:0:1::1', '2001:0DB8:0000:0001:ffff:ffff:ffff:ffff', '2001:db8::1:0:0:0:7', '2001:db8:0:1:1::1%eth0']) {
      expect(addressKey(a), a).toBe(net);
    }
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('1:2:3:4:5::192.0.2.1')).toBe('1:2:3:4::/64');
  });
});
