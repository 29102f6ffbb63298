import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { TenantryError } from '../src/errors.js';
import { SCAN_MIN_ROWS } from '../src/records/scans.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { SCAN_QUEUE_PER_SLOT, ScanSlots } from '../src/storage/scan-slots.js';
import { routerOf } from '../src/storage/internals.js';
import { TenantScopes, type TenantScope, type WithTenantOptions } from '../src/storage/scope.js';
import { PLAN_LIMITS, planLimits } from '../src/tenancy/plans.js';
import type { Tenantry } from '../src/tenantry.js';
import { callerAs, callerWithToken } from './support/http.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-scans-tests';
type Role = 'admin' | 'viewer';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wait (polling, at most 10 s) until `ready()` holds: the state of the lines, not the time it took. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ready(); i++) await sleep(5);
}

/** A filter no index narrows that matches no record: it reads the whole collection. */
const NO_MATCH = encodeURIComponent(JSON.stringify({ $or: Array.from({ length: 8 }, (_, i) => ({ title: { $ilike: `%no such title ${i}%` } })) }));

/**
 * Scans — record queries no index narrows, over collections of SCAN_MIN_ROWS records or more — run at
 * most the tenant's plan's `concurrentScans` at once, the rest waiting in the tenant's own line with
 * no connection (issue 16, noisy neighbour (b)); all tenants' together at most the process's cap per
 * cluster; without parallel workers. Indexed queries and point reads never wait for them.
 */
describe(`scans of unindexed record queries are budgeted per tenant (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('scan-a');
  const B = tenantId('scan-b');
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);
  const control = callerWithToken(() => app);
  /** Whether each scope opened (for these tenants) was a scan scope, in the order they opened. */
  const opened: Array<{ tenant: string; scan: boolean }> = [];
  const ids: Record<string, string> = {};
  const atScanStart = { running: 0, waiting: 0 };

  beforeAll(async () => {
    // A process-wide cap above what these tests run at once: the per-tenant budget is what they test
    // (the cap has a test of its own, with a scope machinery of its own).
    env = await createTestEnv({ maxConcurrentScans: 8 });
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    t.scopes.use((scope: TenantScope, options: WithTenantOptions) => {
      if (scope.tenantId === A || scope.tenantId === B) opened.push({ tenant: scope.tenantId, scan: options.scan === true });
      // As each scan starts: how many hold places, and how many wait (a counter read where it matters,
      // on PGlite too, whose queries leave no timer a chance to sample while they run).
      if (options.scan) {
        const now = t.scopes.scanStats();
        atScanStart.running = Math.max(atScanStart.running, now.running);
        atScanStart.waiting = Math.max(atScanStart.waiting, now.waiting);
      }
    });
    for (const id of [A, B]) {
      await t.tenants.create({ id, isolation: 'pooled' });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'viewer']);
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'big', indexes: ['group'] })).statusCode).toBe(201);
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'small' })).statusCode).toBe(201);
      // Loaded in one statement through the tenant's own scope (the API's bulk create takes 1,000 at a time).
      await t.withTenant(id, ({ db }) =>
        sql`INSERT INTO records (collection, id, data)
            SELECT 'big', gen_random_uuid(), jsonb_build_object('title', 'record ' || g, 'group', g % 100, 'n', g)
              FROM generate_series(1, ${SCAN_MIN_ROWS + 2000}::int) g`.execute(db),
      );
      const one = await call(id, 'admin', 'POST', '/v1/collections/small/records', { data: { title: 'one' } });
      ids[id] = one.json().id;
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  /** The scopes `fn` opens for `tenant`: whether each was a scan scope. */
  const scopesOf = async (tenant: string, fn: () => Promise<unknown>) => {
    const from = opened.length;
    await fn();
    return opened
      .slice(from)
      .filter((o) => o.tenant === tenant)
      .map((o) => o.scan);
  };

  it('a query no index narrows over a large collection runs as a scan; indexed lists, point reads and small collections do not', async () => {
    const get = (url: string) => async () => {
      const res = await call(A, 'viewer', 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
    };
    const filter = (f: unknown) => encodeURIComponent(JSON.stringify(f));
    // Indexed: an equality or number range on the declared field narrows it, whatever else the filter says.
    expect(await scopesOf(A, get(`/v1/collections/big/records?filter=${filter({ group: 7 })}`))).toEqual([false]);
    expect(await scopesOf(A, get(`/v1/collections/big/records?filter=${filter({ group: { $gte: 98 }, title: { $ilike: '%9%' } })}`))).toEqual([false]);
    // The page's own order, no filter: records_collection_created gives it.
    expect(await scopesOf(A, get('/v1/collections/big/records?limit=5'))).toEqual([false]);
    expect(await scopesOf(A, get('/v1/collections/big/records?limit=5&sort=-createdAt'))).toEqual([false]);
    expect(await scopesOf(A, get(`/v1/collections/small/records/${ids[A]}`))).toEqual([false]);
    // A small collection is read whole in no time: not a scan.
    expect(await scopesOf(A, get(`/v1/collections/small/records?filter=${NO_MATCH}`))).toEqual([false]);
    // Scans: B's first, found in the scope (which measures the collection, then gives way to a scan
    // scope); then known from what the process has cached of the collection: straight to a scan scope.
    const getB = (url: string) => async () => expect((await call(B, 'viewer', 'GET', url)).statusCode).toBe(200);
    expect(await scopesOf(B, getB(`/v1/collections/big/records?filter=${filter({ title: { $ilike: '%7%' } })}`))).toEqual([false, true]);
    expect(await scopesOf(B, getB(`/v1/collections/big/records?filter=${NO_MATCH}`))).toEqual([true]);
    // A's collection was measured (for pricing its filters) by the indexed queries above.
    expect(await scopesOf(A, get(`/v1/collections/big/records?filter=${NO_MATCH}`))).toEqual([true]);
    expect(await scopesOf(A, get('/v1/collections/big/records?limit=5&sort=-group'))).toEqual([true]);
    expect(await scopesOf(A, get('/v1/collections/big/records?limit=5&sort=updatedAt'))).toEqual([true]);
    expect(await scopesOf(A, get('/v1/collections/big/records?limit=5&count=exact'))).toEqual([true]);
    // The page is the same as it would be without the budget.
    const page = await call(A, 'viewer', 'GET', `/v1/collections/big/records?limit=20&filter=${filter({ title: { $ilike: 'record 1134_' } })}`);
    expect(
      page
        .json()
        .items.map((r: { data: { n: number } }) => r.data.n)
        .sort(),
    ).toEqual(Array.from({ length: 10 }, (_, i) => 11340 + i));
  });

  it('N concurrent scans of a tenant never run more than its concurrentScans at once; the rest wait and then run', async () => {
    const budget = PLAN_LIMITS.free.concurrentScans;
    let peakDatabase = 0;
    let parallelWorkers = 0;
    let done = false;
    const admin = routerOf(t).controlCluster.main;
    // Measured two ways: the process's scan places as each scan starts (atScanStart, both backends),
    // and on PostgreSQL the backends pg_stat_activity shows running a scan's statement meanwhile.
    const watch = (async () => {
      while (!done && backend === 'postgres') {
        const { rows } = await adminQuery<{ scans: number; workers: number }>(
          admin,
          `select count(*) filter (where backend_type = 'client backend')::int as scans,
                  count(*) filter (where backend_type = 'parallel worker')::int as workers
             from pg_stat_activity
            where datname = current_database() and state = 'active' and pid <> pg_backend_pid() and query like '%ILIKE%'`,
        );
        peakDatabase = Math.max(peakDatabase, rows[0]!.scans);
        parallelWorkers = Math.max(parallelWorkers, rows[0]!.workers);
      }
    })();
    atScanStart.running = atScanStart.waiting = 0;
    const responses = await Promise.all(Array.from({ length: 6 }, () => call(A, 'viewer', 'GET', `/v1/collections/big/records?filter=${NO_MATCH}`)));
    done = true;
    await watch;
    expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    expect(atScanStart.running).toBe(budget);
    expect(atScanStart.waiting).toBeGreaterThan(0);
    if (backend === 'postgres') {
      expect(peakDatabase).toBeGreaterThanOrEqual(1);
      expect(peakDatabase).toBeLessThanOrEqual(budget);
      expect(parallelWorkers).toBe(0);
    }
  });

  it("a tenant's limits override its plan's concurrentScans; a bad value is a 400 and changes nothing", async () => {
    for (const bad of [0, 1.5, -1, '2', 1_001]) {
      const res = await control(ADMIN, 'PATCH', `/v1/tenants/${B}`, { limits: { concurrentScans: bad } });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
      expect(res.json().detail).toMatch(/limits\.concurrentScans must be an integer from 1 to 1000/);
    }
    expect((await t.tenants.get(B))!.limits).toEqual({});
    const ok = await control(ADMIN, 'PATCH', `/v1/tenants/${B}`, { limits: { concurrentScans: 3 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().limits).toEqual({ concurrentScans: 3 });
    expect(planLimits((await t.tenants.get(B))!).concurrentScans).toBe(3);
    try {
      if (backend === 'postgres') {
        // Three of B's scans hold places at once; a fourth waits for one of them.
        let open!: () => void;
        const gate = new Promise<void>((r) => (open = r));
        const held = Array.from({ length: 3 }, () => t.withTenant(B, () => gate, { scan: true }));
        try {
          await until(() => t.scopes.scanStats().running === 3);
          const fourth = t.withTenant(B, async () => 'fourth', { scan: true });
          await until(() => t.scopes.scanStats().waiting === 1);
          expect(t.scopes.scanStats()).toMatchObject({ running: 3, waiting: 1 });
          open();
          expect(await fourth).toBe('fourth');
        } finally {
          open();
          await Promise.all(held);
        }
      }
    } finally {
      await t.tenants.update(B, { limits: {} });
    }
  });

  // A scope held open below holds PGlite's one session, which every other scope (and the catalog)
  // waits for: the lines themselves are shown on both backends with ScanSlots further down.
  if (backend === 'postgres') {
    it("one tenant's queued scans hold up neither another tenant's scans nor point reads", async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const order: string[] = [];
      // A's one scan place, held (with a connection) until the gate opens.
      const holder = t.withTenant(
        A,
        async (s) => {
          await s.db.selectFrom('collections').select('name').execute();
          await gate;
          order.push('A holder');
        },
        { scan: true },
      );
      try {
        await until(() => t.scopes.scanStats().running === 1);
        const queued = Array.from({ length: 3 }, (_, i) =>
          call(A, 'viewer', 'GET', `/v1/collections/big/records?filter=${NO_MATCH}`).then((res) => order.push(`A queued ${i}: ${res.statusCode}`)),
        );
        await until(() => t.scopes.scanStats().waiting === 3);
        expect(t.scopes.scanStats()).toMatchObject({ running: 1, waiting: 3 });
        // B's scan and both tenants' point reads are answered while A's scans still wait for A's place.
        await Promise.all([
          call(B, 'viewer', 'GET', `/v1/collections/big/records?filter=${NO_MATCH}`).then((res) => order.push(`B scan: ${res.statusCode}`)),
          call(B, 'viewer', 'GET', `/v1/collections/small/records/${ids[B]}`).then((res) => order.push(`B read: ${res.statusCode}`)),
          call(A, 'viewer', 'GET', `/v1/collections/small/records/${ids[A]}`).then((res) => order.push(`A read: ${res.statusCode}`)),
        ]);
        expect([...order].sort()).toEqual(['A read: 200', 'B read: 200', 'B scan: 200']);
        expect(t.scopes.scanStats()).toMatchObject({ running: 1, waiting: 3 });
        open();
        await Promise.all([holder, ...queued]);
        expect(order.slice(3).sort()).toEqual(['A holder', 'A queued 0: 200', 'A queued 1: 200', 'A queued 2: 200']);
      } finally {
        open();
        await holder;
      }
    });

    it("past the tenant's wait a queued scan is refused 429 problem+json with Retry-After", async () => {
      // Known to be a scan (cached), so the request goes straight to A's line.
      expect((await call(A, 'viewer', 'GET', `/v1/collections/big/records?filter=${NO_MATCH}`)).statusCode).toBe(200);
      await t.tenants.update(A, { limits: { statementTimeoutMs: 1000 } });
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const holder = t.withTenant(A, () => gate, { scan: true });
      try {
        await until(() => t.scopes.scanStats().running === 1);
        const res = await call(A, 'viewer', 'GET', `/v1/collections/big/records?filter=${NO_MATCH}`);
        expect(res.statusCode).toBe(429);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'rate_limited' });
        expect(res.json().detail).toMatch(/concurrentScans/);
        // When the scan holding A's place will have ended at the latest: its statement timeout.
        expect(Number(res.headers['retry-after'])).toBe(1);
      } finally {
        open();
        await holder;
        await t.tenants.update(A, { limits: {} });
      }
    });

    it('a scan scope plans and launches no parallel workers; other scopes keep the server default', async () => {
      const setting = (options?: WithTenantOptions) =>
        t.withTenant(
          A,
          async ({ db }) =>
            (
              await sql<{
                gather: string;
                workers: string;
              }>`select current_setting('max_parallel_workers_per_gather') as gather, current_setting('max_parallel_workers') as workers`.execute(db)
            ).rows[0],
          options,
        );
      expect(await setting({ scan: true })).toEqual({ gather: '0', workers: '0' });
      const plain = await setting();
      const { rows } = await adminQuery<{ gather: string }>(
        routerOf(t).controlCluster.main,
        `select current_setting('max_parallel_workers_per_gather') as gather`,
      );
      expect(plain!.gather).toBe(rows[0]!.gather);
    });

    it("the process's cap on scans per cluster: past it a scan waits for another tenant's, then 503 busy with Retry-After", async () => {
      // A scope machinery of its own with a cap of one, over the same storage and catalog.
      const scopes = new TenantScopes(routerOf(t), t.catalog, { maxConcurrentScans: 1 });
      await t.tenants.update(B, { limits: { statementTimeoutMs: 300 } });
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const holder = scopes.withTenant(A, () => gate, { scan: true });
      try {
        await until(() => scopes.scanStats().running === 1);
        const refused = await scopes.withTenant(B, async () => 'ran', { scan: true }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(TenantryError);
        expect(refused).toMatchObject({ code: 'busy', status: 503 });
        expect((refused as TenantryError).message).toMatch(/TENANTRY_MAX_CONCURRENT_SCANS/);
        expect((refused as TenantryError).retryAfter).toBeGreaterThanOrEqual(1);
        // B's plain reads never wait for scans.
        expect(await scopes.withTenant(B, async ({ db }) => (await db.selectFrom('collections').select('name').execute()).length)).toBeGreaterThan(0);
        await t.tenants.update(B, { limits: {} });
        // Waiting within its time, B's scan runs once A's is done.
        const waiting = scopes.withTenant(B, async () => 'ran', { scan: true });
        await until(() => scopes.scanStats().waiting === 1);
        open();
        expect(await waiting).toBe('ran');
        expect(scopes.scanStats()).toEqual({ running: 0, waiting: 0, max: 1 });
      } finally {
        open();
        await holder;
        await t.tenants.update(B, { limits: {} });
      }
    });
  }

  describe('the lines (ScanSlots)', () => {
    /** A scan that holds its places until `end()`; `state` says where it is. */
    const scan = (slots: ScanSlots, tenant: string, limit = 1, timeoutMs = 5_000, cluster = 'main') => {
      const s = { state: 'waiting' as 'waiting' | 'running' | 'refused' | 'ended', error: undefined as unknown, end: () => {} };
      const got = slots.acquire(cluster, tenant, limit, timeoutMs).then(
        (release) => {
          s.state = 'running';
          s.end = () => {
            s.state = 'ended';
            release();
          };
        },
        (error: unknown) => {
          s.state = 'refused';
          s.error = error;
        },
      );
      return Object.assign(s, { got });
    };
    const tick = () => sleep(0);

    it("a tenant runs at most its budget; the rest wait in its own line, in order; another tenant's scans pass them", async () => {
      const slots = new ScanSlots(8);
      const a = Array.from({ length: 5 }, () => scan(slots, 'a', 2));
      await tick();
      expect(a.map((s) => s.state)).toEqual(['running', 'running', 'waiting', 'waiting', 'waiting']);
      const b = scan(slots, 'b', 1);
      await tick();
      expect(b.state).toBe('running');
      expect(slots.stats()).toEqual({ running: 3, waiting: 3 });
      a[1]!.end();
      await tick();
      expect(a.map((s) => s.state)).toEqual(['running', 'ended', 'running', 'waiting', 'waiting']);
      for (const s of [a[0], a[2], a[3], a[4], b]) {
        s!.end();
        await tick();
      }
      expect(a.map((s) => s.state)).toEqual(Array(5).fill('ended'));
      expect(slots.stats()).toEqual({ running: 0, waiting: 0 });
    });

    it('past its wait a scan is refused 429 with Retry-After; past its line at once', async () => {
      const slots = new ScanSlots(8);
      const first = scan(slots, 'a', 1, 200);
      await tick();
      const late = scan(slots, 'a', 1, 200);
      await late.got;
      expect(late.state).toBe('refused');
      expect(late.error).toMatchObject({ code: 'rate_limited', status: 429 });
      expect((late.error as TenantryError).retryAfter).toBeGreaterThanOrEqual(1);
      const line = Array.from({ length: SCAN_QUEUE_PER_SLOT }, () => scan(slots, 'a', 1, 5_000));
      await tick();
      expect(slots.stats()).toEqual({ running: 1, waiting: SCAN_QUEUE_PER_SLOT });
      const over = scan(slots, 'a', 1, 5_000);
      await over.got;
      expect(over.state).toBe('refused');
      expect((over.error as Error).message).toMatch(/1 queries no index narrows at once \(concurrentScans\) and 64 more wait/);
      first.end();
      for (const s of line) {
        await s.got;
        expect(s.state).toBe('running');
        s.end();
      }
      expect(slots.stats()).toEqual({ running: 0, waiting: 0 });
    });

    it("the cluster's cap holds across tenants: past it a scan waits for another's, then 503 busy; other clusters are not held up", async () => {
      const slots = new ScanSlots(2);
      const a = [scan(slots, 'a', 4), scan(slots, 'a', 4)];
      const b = scan(slots, 'b', 1, 200);
      const elsewhere = scan(slots, 'c', 1, 200, 'cell2');
      await tick();
      expect([...a.map((s) => s.state), b.state, elsewhere.state]).toEqual(['running', 'running', 'waiting', 'running']);
      await b.got;
      expect(b.error).toMatchObject({ code: 'busy', status: 503 });
      // Refused, b gave its tenant's place back: its next scan waits in the cluster's line, and runs.
      const again = scan(slots, 'b', 1, 5_000);
      await tick();
      expect(again.state).toBe('waiting');
      a[0]!.end();
      await again.got;
      expect(again.state).toBe('running');
      for (const s of [a[1], again, elsewhere]) s!.end();
      expect(slots.stats()).toEqual({ running: 0, waiting: 0 });
    });
  });
});
