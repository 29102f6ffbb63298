/**
 * Per-tenant rate limits shared through a real Redis (TENANTRY_TEST_REDIS_URL): two app instances take
 * from one bucket; with Redis unreachable, requests fail open (this process's own bucket decides) or
 * closed (503) as configured, and never wait longer than the command timeout.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { RedisRateLimiter } from '../src/api/redis-rate-limit.js';
import type { RedisFailMode } from '../src/config.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, uniq, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';
import { parseMetrics, total } from './support/prometheus.js';

const ADMIN = 'admin-token-for-shared-limits';
const REDIS = process.env.TENANTRY_TEST_REDIS_URL!;

/** A TCP server that talks enough Redis to look ready, then never answers a script: a hung Redis. */
async function hungRedis(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      const text = chunk.toString();
      if (/EVAL/i.test(text)) return; // silence
      if (/INFO/i.test(text)) socket.write('$11\r\nloading:0\r\n\r\n');
      else socket.write('+OK\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe(`per-tenant rate limits in Redis (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const apps: TenantryApp[] = [];
  const A = tenantId('rl-a');
  const B = tenantId('rl-b');
  let keyA = '';
  let keyB = '';
  // Keys of this file only, so the two backends' runs never share buckets.
  const keyPrefix = `tenantry-test:${uniq()}:`;

  const app = async (rateLimits: { redisUrl: string; fail?: RedisFailMode; timeoutMs?: number }) => {
    const built = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'cursor-secret', rateLimits: { keyPrefix, ...rateLimits } });
    await built.ready();
    apps.push(built);
    return built;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    for (const id of [A, B]) {
      await t.tenants.create({ id });
      await t.tenants.update(id, { limits: { requestsPerMinute: 20 } });
    }
    const setup = await app({ redisUrl: REDIS });
    keyA = (await issueKeys(setup, ADMIN, A, ['viewer'])).viewer;
    keyB = (await issueKeys(setup, ADMIN, B, ['viewer'])).viewer;
  });

  afterAll(async () => {
    for (const a of apps) await a.close();
    await env?.cleanup();
  });

  it("holds a tenant's limit across two app instances together, and only that tenant's", async () => {
    const one = await app({ redisUrl: REDIS });
    const two = await app({ redisUrl: REDIS });
    const statuses: number[] = [];
    const remaining: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await send(i % 2 ? two : one, 'GET', '/v1/tenant', undefined, bearer(keyA));
      statuses.push(res.statusCode);
      if (res.statusCode === 200) remaining.push(Number(res.headers['ratelimit-remaining']));
    }
    const allowed = statuses.filter((s) => s === 200).length;
    // 20 in the bucket, refilled at 20 a minute: one more at most while the 30 requests run.
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThanOrEqual(21);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // One bucket: the remaining count falls by one per request, whichever instance answered.
    expect(remaining.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    const refused = await send(one, 'GET', '/v1/tenant', undefined, bearer(keyA));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // B's bucket is its own.
    expect((await send(two, 'GET', '/v1/tenant', undefined, bearer(keyB))).statusCode).toBe(200);
    // A refusal before the limit (another tenant named) shows the shared bucket without taking from it.
    const mismatched = await send(two, 'GET', '/v1/tenant', undefined, { ...bearer(keyB), 'x-tenant-id': A });
    expect(mismatched.statusCode).toBe(403);
    expect(mismatched.headers['ratelimit-limit']).toBe('20');
    expect(mismatched.headers['ratelimit-remaining']).toBe('19');
    expect((await send(one, 'GET', '/v1/tenant', undefined, bearer(keyB))).headers['ratelimit-remaining']).toBe('18');
  });

  it('with Redis refusing connections or hung, decides within the timeout: open with its own bucket, closed by refusing', async () => {
    const hung = await hungRedis();
    try {
      for (const url of [`redis://127.0.0.1:${await closedPort()}`, hung.url]) {
        const errors: string[] = [];
        const open = new RedisRateLimiter({ url, fail: 'open', timeoutMs: 100, keyPrefix, onStoreError: (_e, outcome) => errors.push(outcome) });
        const closed = new RedisRateLimiter({ url, fail: 'closed', timeoutMs: 100, keyPrefix, onStoreError: (_e, outcome) => errors.push(outcome) });
        try {
          await Promise.all([open.ready(300), closed.ready(300)]);
          const started = performance.now();
          // Open: the process's own bucket of the tenant's limit decides, so the limit still holds here.
          const decisions = [];
          for (let i = 0; i < 4; i++) decisions.push(await open.take(A, 3));
          expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
          await expect(closed.take(A, 3)).rejects.toMatchObject({ code: 'busy' });
          expect(performance.now() - started, url).toBeLessThan(1000);
          expect(errors).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'refused']);
        } finally {
          await Promise.all([open.close(), closed.close()]);
        }
      }
    } finally {
      await hung.close();
    }
  });

  it('answers a refusal for want of Redis as a 503 problem with Retry-After, and counts store errors', async () => {
    const redisUrl = `redis://127.0.0.1:${await closedPort()}`;
    const open = await app({ redisUrl, fail: 'open', timeoutMs: 100 });
    const closed = await app({ redisUrl, fail: 'closed', timeoutMs: 100 });
    const allowed = await send(open, 'GET', '/v1/tenant', undefined, bearer(keyB));
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['ratelimit-limit']).toBe('20');
    const refused = await send(closed, 'GET', '/v1/tenant', undefined, bearer(keyB));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'busy', status: 503 });
    expect(refused.headers['retry-after']).toBe('1');
    // Each app here has services (and metrics) of its own.
    const scrape = async (a: TenantryApp) => parseMetrics((await send(a, 'GET', '/metrics', undefined, bearer(ADMIN))).body);
    expect(total(await scrape(closed), 'tenantry_rate_limit_store_errors_total', { outcome: 'refused' })).toBe(1);
    expect(total(await scrape(open), 'tenantry_rate_limit_store_errors_total', { outcome: 'allowed' })).toBe(1);
  });
});
