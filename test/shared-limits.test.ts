import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { TenantryError } from '../src/errors.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import type { TenantScope } from '../src/storage/scope.js';
import { PLAN_LIMITS } from '../src/tenancy/plans.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';
import { callerAs } from './support/http.js';

const ADMIN = 'admin-token-limits-tests';
type Role = 'admin' | 'member' | 'viewer';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What all tenants share — the pooled table's indexes, pool connections, database time, the embedded
 * database's one thread — is bounded per tenant by its plan (red-team findings: an index bomb made every
 * pooled tenant's queries fail; twelve slow filters took every connection; a 6.5 s query on PGlite
 * blocked /healthz for 6 s).
 */
describe(`shared resources are bounded per tenant (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('lim-a');
  const B = tenantId('lim-b');
  const C = tenantId('lim-c');
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);

  beforeAll(async () => {
    env = await createTestEnv({ poolMaxIndexes: 3 });
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const [id, isolation] of [
      [A, 'pooled'],
      [B, 'schema'],
      [C, 'pooled'],
    ] as const) {
      await t.tenants.create({ id, isolation });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('collections (403 quota_exceeded) and indexes (409 limit_reached) per tenant are capped by plan', async () => {
    await t.tenants.update(C, { limits: { maxCollections: 2, maxIndexes: 1 } });
    expect((await call(C, 'admin', 'POST', '/v1/collections', { name: 'one' })).statusCode).toBe(201);
    expect((await call(C, 'admin', 'POST', '/v1/collections', { name: 'two', indexes: ['a'] })).statusCode).toBe(201);
    const third = await call(C, 'admin', 'POST', '/v1/collections', { name: 'three' });
    expect(third.statusCode).toBe(403);
    expect(third.json()).toMatchObject({ code: 'quota_exceeded' });
    expect(third.json().detail).toContain('maxCollections = 2');
    const moreIndexes = await call(C, 'admin', 'PATCH', '/v1/collections/one', { indexes: ['b'] });
    expect(moreIndexes.statusCode).toBe(409);
    expect(moreIndexes.json().detail).toContain('maxIndexes = 1');
    // Concurrent creates cannot race past the cap either.
    await t.tenants.update(C, { limits: { maxCollections: 4 } });
    const burst = await Promise.all(['p', 'q', 'r', 's', 'u'].map((name) => call(C, 'admin', 'POST', '/v1/collections', { name })));
    expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(burst.filter((r) => r.statusCode === 403)).toHaveLength(3);
  });

  it('the shared pool holds a bounded number of indexes; schema tenants index their own tables', async () => {
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'idx', indexes: ['a', 'b'] })).statusCode).toBe(201);
    // C's earlier index plus A's two fill the pool's three.
    const refused = await call(A, 'admin', 'POST', '/v1/collections', { name: 'idx2', indexes: ['c'] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/shared pool holds 3 of its 3 record indexes/);
    // Changing a collection's own indexes within what it holds is fine.
    expect((await call(A, 'admin', 'PATCH', '/v1/collections/idx', { indexes: ['b', 'c'] })).statusCode).toBe(200);
    expect((await call(B, 'admin', 'POST', '/v1/collections', { name: 'many', indexes: ['a', 'b', 'c', 'd'] })).statusCode).toBe(201);
  });

  it("index changes racing each other end as the collection declares, without errors; a deleted pooled tenant's indexes leave the pool", async () => {
    const physical = async (schema: string) =>
      (
        await adminQuery<{ n: number }>(
          routerOf(t).controlCluster.main,
          `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'i' and c.relname like 'rx\\_%'`,
          [schema],
        )
      ).rows[0]!.n;
    await t.tenants.update(B, { limits: { maxIndexes: 100 } }); // the plan's own limit is not what this is about
    for (const name of ['race1', 'race2']) expect((await call(B, 'admin', 'POST', '/v1/collections', { name })).statusCode).toBe(201);
    const changes = await Promise.all(
      ['race1', 'race2'].flatMap((name) => [
        call(B, 'admin', 'PATCH', `/v1/collections/${name}`, { indexes: ['a', 'b', 'c'] }),
        call(B, 'admin', 'PATCH', `/v1/collections/${name}`, { indexes: [] }),
        call(B, 'admin', 'PATCH', `/v1/collections/${name}`, { indexes: ['d'] }),
      ]),
    );
    expect(changes.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    const declared = await Promise.all(
      ['race1', 'race2'].map(async (name) => (await call(B, 'viewer', 'GET', `/v1/collections/${name}`)).json().indexes.length),
    );
    const schema = `t_${B}`;
    const before = await physical(schema);
    // Every index of B's schema is a declared one (the other collections' included).
    const all = (await call(B, 'viewer', 'GET', '/v1/collections')).json().items as Array<{ indexes: string[] }>;
    expect(before).toBe(all.reduce((n, c) => n + c.indexes.length, 0));
    expect(declared.every((n) => n <= 3)).toBe(true);
    // C (pooled) held one of the pool's three indexes: deleting C frees it for A.
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'idx3', indexes: ['z'] })).statusCode).toBe(409);
    await t.tenants.delete(C);
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'idx3', indexes: ['z'] })).statusCode).toBe(201);
    expect(await physical('tenant_pool')).toBe(3);
  });

  it('a tenant storing more record data than its plan allows cannot add more (403), until it deletes some', async () => {
    const id = tenantId('lim-store');
    await t.tenants.create({ id });
    keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'blobs' })).statusCode).toBe(201);
    await t.tenants.update(id, { limits: { storageBytes: 20_000 } });
    // Random text: stored sizes are after compression, which a repeated letter would defeat.
    const blob = randomBytes(3_000).toString('hex');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(id, 'member', 'POST', '/v1/collections/blobs/records', { data: { blob: `${i}${blob}` } });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    // Measured again after a delete: four blobs (~24 kB) are over 20 kB.
    expect((await call(id, 'member', 'DELETE', `/v1/collections/blobs/records/${ids.pop()}`)).statusCode).toBe(204);
    const more = await call(id, 'member', 'POST', '/v1/collections/blobs/records', { data: { blob } });
    expect(more.statusCode, more.body).toBe(201);
    const refused = await call(id, 'member', 'POST', '/v1/collections/blobs/records', { data: { blob } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/past its plan's limit \(storageBytes = 20000\)/);
    expect((await call(id, 'member', 'DELETE', `/v1/collections/blobs/records/${ids.pop()}`)).statusCode).toBe(204);
    expect((await call(id, 'member', 'POST', '/v1/collections/blobs/records', { data: { blob: 'small' } })).statusCode).toBe(201);
  });

  it('a filter no index narrows is priced before it runs: conditions × data past the plan is a 400', async () => {
    await t.tenants.update(B, { limits: { queryCost: 2_000_000, maxIndexes: 100 } });
    expect((await call(B, 'admin', 'POST', '/v1/collections', { name: 'docs', indexes: [] })).statusCode).toBe(201);
    const text = 'lorem ipsum '.repeat(80);
    for (let i = 0; i < 4; i++) {
      const records = Array.from({ length: 250 }, (_, j) => ({ data: { n: i * 250 + j, kind: j % 2 ? 'odd' : 'even', text } }));
      expect((await call(B, 'member', 'POST', '/v1/collections/docs/records/bulk', { records })).statusCode).toBe(201);
    }
    // ~1 MB of records: one condition is fine, twenty are not.
    expect((await call(B, 'viewer', 'GET', `/v1/collections/docs/records?filter=${encodeURIComponent('{"kind":"odd"}')}`)).statusCode).toBe(200);
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, { $contains: 'x' }]));
    const res = await call(B, 'viewer', 'GET', `/v1/collections/docs/records?filter=${encodeURIComponent(JSON.stringify(many))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'query_too_expensive' });
    expect(res.json().detail).toMatch(/20 conditions would each be checked against ~1\.\d MB of records \(1000 records\)/);
    // The same conditions behind an indexed equality are served by the index.
    expect((await call(B, 'admin', 'PATCH', '/v1/collections/docs', { indexes: ['n'] })).statusCode).toBe(200);
    const narrowed = await call(B, 'viewer', 'GET', `/v1/collections/docs/records?filter=${encodeURIComponent(JSON.stringify({ n: 7, ...many }))}`);
    expect(narrowed.statusCode).toBe(200);
    // An index on a field half the records share narrows little: priced by the records it matches.
    expect((await call(B, 'admin', 'PATCH', '/v1/collections/docs', { indexes: ['n', 'kind'] })).statusCode).toBe(200);
    const wide = await call(B, 'viewer', 'GET', `/v1/collections/docs/records?filter=${encodeURIComponent(JSON.stringify({ kind: 'odd', ...many }))}`);
    expect(wide.statusCode).toBe(400);
    expect(wide.json().detail).toMatch(/21 conditions would each be checked against ~0\.\d MB of records \(\d+ records\)/);
  });

  // PostgreSQL cancels statements past statement_timeout; PGlite has no timers, and relies on the cost bound above.
  if (backend === 'postgres') {
    it("a statement past the plan's statement timeout is cancelled: a 400, and the connection is reused", async () => {
      await t.tenants.update(A, { limits: { statementTimeoutMs: 200 } });
      const started = Date.now();
      const error = await t.withTenant(A, ({ db }) => sql`select pg_sleep(3)`.execute(db)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TenantryError);
      expect(error).toMatchObject({ code: 'query_timeout', status: 400 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await t.withTenant(A, ({ db }) => db.selectFrom('collections').select('name').execute())).toBeInstanceOf(Array);
      await t.tenants.update(A, { limits: {} });
    });
  }

  it("a tenant holds at most its share of a pool; past it, it waits, then 429 — never another tenant's connections", async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const read = (s: TenantScope) => s.db.selectFrom('collections').select('name').execute();
    // The free plan's share of the test pools (8 connections; PGlite's one session).
    const share = backend === 'postgres' ? Math.floor(8 * PLAN_LIMITS.free.poolShare) : 1;
    const order: string[] = [];
    const holders = Array.from({ length: share }, (_, i) =>
      t.withTenant(A, async (s) => {
        await read(s);
        await gate;
        order.push(`A${i}`);
      }),
    );
    await sleep(50);
    const queued = Array.from({ length: backend === 'postgres' ? 1 : 3 }, (_, i) =>
      t.withTenant(A, read).then(
        () => order.push(`A-queued${i}`),
        (e: unknown) => e,
      ),
    );
    await sleep(50);
    const other = t.withTenant(B, read).then(() => order.push('B'));
    if (backend === 'postgres') {
      // B has connections of its own to use: it does not wait for A at all.
      await other;
      expect(order).toEqual(['B']);
      // A's extra scope waited for its share, then gave up.
      const error = await queued[0];
      expect(error).toBeInstanceOf(TenantryError);
      expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
      open();
      await Promise.all(holders);
    } else {
      // One session for all: B waits for A's scope in hand, but not behind all of A's queued ones
      // (which wait for A's own share, not in the session's line).
      open();
      await Promise.all([...holders, other, ...queued]);
      expect(order.indexOf('B')).toBeLessThan(order.indexOf('A-queued2'));
      expect(order.indexOf('B')).toBeLessThan(order.indexOf('A-queued1'));
    }
  });
});
