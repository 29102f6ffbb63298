import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { LoadShedder, type PressureSignals } from '../src/api/load-shedding.js';
import { Services } from '../src/services.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, callerAs, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-load-shedding';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 16 (c): under overload the lowest plan's non-critical requests are shed first (503
 * `overloaded`, Retry-After, nothing done), while health checks, the control plane, writes and paid
 * plans are served; a higher plan sheds only at a higher pressure, enterprise never.
 */
describe(`load shedding by plan (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let services: Services;
  let app: TenantryApp;
  // The pressure is set by the test: 1 = the event-loop threshold (200 ms) or the waiting one (50).
  let signals: PressureSignals = { eventLoopDelayMs: 0, dbWaiting: 0 };
  const shedder = new LoadShedder({ signals: () => signals, sampleMs: 60_000 });
  const pressure = (eventLoopDelayMs: number, dbWaiting = 0) => {
    signals = { eventLoopDelayMs, dbWaiting };
    return shedder.sample();
  };
  const FREE = tenantId('shed-free');
  const QUIET = tenantId('shed-quiet');
  const PRO = tenantId('shed-pro');
  const ENT = tenantId('shed-ent');
  const keys: Record<string, Record<'admin', string>> = {};
  const call = callerAs(() => app, keys);
  const read = (id: string) => call(id, 'admin', 'GET', '/v1/collections/notes/records?limit=5');

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    services = Services.over(t);
    app = await buildApp({ services, adminToken: ADMIN, cursorSecret: 'c', loadShedding: shedder });
    await Promise.all(
      (
        [
          [FREE, 'free'],
          [QUIET, 'free'],
          [PRO, 'pro'],
          [ENT, 'enterprise'],
        ] as const
      ).map(async ([id, tier]) => {
        // Pooled, whatever the plan: the quickest to provision; shedding goes by plan, not placement.
        await t.tenants.create({ id, tier, isolation: 'pooled' });
        keys[id] = await issueKeys(app, ADMIN, id, ['admin']);
        expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'notes' })).statusCode).toBe(201);
        if (id === FREE || id === PRO) {
          expect((await call(id, 'admin', 'PUT', '/v1/workflows/nightly', { steps: [{ id: 'wait', kind: 'delay', with: { ms: 10 } }] })).statusCode).toBe(201);
        }
      }),
    );
    // The quiet free tenant's contract keeps it served under any pressure (a per-tenant override).
    await t.tenants.update(QUIET, { limits: { shedAt: 0 } });
  });

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await env?.cleanup();
  });

  it('sheds the free plan at pressure 1 with 503 overloaded, Retry-After and problem+json; paid plans, writes and health pass', async () => {
    expect(pressure(0)).toBe(0);
    expect((await read(FREE)).statusCode).toBe(200);

    expect(pressure(300)).toBe(1.5); // 300 ms of event-loop delay against 200 ms
    const shed = await read(FREE);
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(shed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The tenant's bucket as it stands (that a shed request does not spend it: below).
    expect(shed.headers['ratelimit-limit']).toBe('600');
    expect(shed.json()).toMatchObject({ type: 'urn:tenantry:error:overloaded', code: 'overloaded', status: 503, title: 'Overloaded' });
    expect(shed.json().detail).toMatch(/free plan/);
    // The /t/{tenant} copy of the route is shed the same way.
    expect((await call(FREE, 'admin', 'GET', `/t/${FREE}/v1/collections/notes/records`)).statusCode).toBe(503);

    // Another free tenant whose limits say never, a paid plan and enterprise: served at the same moment.
    expect((await read(QUIET)).statusCode).toBe(200);
    expect((await read(PRO)).statusCode).toBe(200);
    expect((await read(ENT)).statusCode).toBe(200);
    // Writes are kept, even the free plan's; so are health checks, metrics and the control plane.
    expect((await call(FREE, 'admin', 'POST', '/v1/collections/notes/records', { data: { kept: true } })).statusCode).toBe(201);
    expect((await send(app, 'GET', '/healthz')).statusCode).toBe(200);
    expect((await send(app, 'GET', '/readyz')).statusCode).toBe(200);
    expect((await send(app, 'GET', `/v1/tenants/${FREE}`, undefined, bearer(ADMIN))).statusCode).toBe(200);
    const metrics = await send(app, 'GET', '/metrics', undefined, bearer(ADMIN));
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/tenantry_shed_requests_total\{tier="free"\} 2/);
    expect(metrics.body).toMatch(/tenantry_load_pressure 1\.5/);
    expect(metrics.body).toMatch(/tenantry_load_signal\{signal="event_loop_delay_ms"\} 300/);
  });

  it('a shed workflow start or training changes nothing', async () => {
    pressure(300);
    const start = await call(FREE, 'admin', 'POST', '/v1/workflows/nightly/runs', {});
    expect(start.statusCode).toBe(503);
    expect(start.json().code).toBe('overloaded');
    const train = await call(FREE, 'admin', 'POST', '/v1/models/churn/train', {});
    expect(train.json().code).toBe('overloaded'); // shed before the model is even looked up
    // Cancelling (it lowers the load) is kept: a 404 for an unknown run, not a 503.
    expect((await call(FREE, 'admin', 'POST', '/v1/runs/00000000-0000-4000-8000-000000000000/cancel', {})).statusCode).toBe(404);
    // A paid plan starts its run meanwhile.
    expect((await call(PRO, 'admin', 'POST', '/v1/workflows/nightly/runs', {})).statusCode).toBe(202);

    pressure(0);
    const runs = await call(FREE, 'admin', 'GET', '/v1/workflows/nightly/runs');
    expect(runs.statusCode).toBe(200);
    expect(runs.json().items).toEqual([]);
    expect((await call(PRO, 'admin', 'GET', '/v1/workflows/nightly/runs')).json().items).toHaveLength(1);
  });

  it('a higher plan sheds only at a higher pressure; enterprise and health never', async () => {
    // 125 requests waiting for a database connection against 50: pressure 2.5.
    expect(pressure(0, 125)).toBe(2.5);
    expect((await read(PRO)).statusCode).toBe(503);
    expect((await read(FREE)).statusCode).toBe(503);
    expect((await read(ENT)).statusCode).toBe(200);
    expect((await read(QUIET)).statusCode).toBe(200);
    expect((await send(app, 'GET', '/healthz')).statusCode).toBe(200);
    expect(pressure(0, 90)).toBe(1.8);
    expect((await read(PRO)).statusCode).toBe(200);
    expect((await read(FREE)).statusCode).toBe(503);
    // The pressure gone, everyone is served again.
    pressure(0, 0);
    expect((await read(FREE)).statusCode).toBe(200);
    // Shedding comes after authentication: a bad credential is still a 401, not a 503.
    pressure(300);
    expect((await send(app, 'GET', '/v1/collections/notes/records', undefined, bearer('tnty_nope'))).statusCode).toBe(401);
    pressure(0);
  });

  it("a shed request spends none of its tenant's rate limit: shedding comes before the bucket is taken", async () => {
    const LIMITED = tenantId('shed-limited');
    await t.tenants.create({ id: LIMITED, tier: 'free', isolation: 'pooled' });
    await t.tenants.update(LIMITED, { limits: { requestsPerMinute: 3 } });
    keys[LIMITED] = await issueKeys(app, ADMIN, LIMITED, ['admin']);
    pressure(300);
    for (let i = 0; i < 5; i++) {
      const shed = await call(LIMITED, 'admin', 'GET', '/v1/tenant');
      expect(shed.statusCode).toBe(503);
      expect(shed.json().code).toBe('overloaded');
      expect(shed.headers['ratelimit-remaining']).toBe('3'); // the bucket as it stands, not taken from
    }
    pressure(0);
    // The minute's three requests are all still there: served, then the limit holds.
    const served = [];
    for (let i = 0; i < 3; i++) served.push(await call(LIMITED, 'admin', 'GET', '/v1/tenant'));
    expect(served.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(served.map((r) => r.headers['ratelimit-remaining'])).toEqual(['2', '1', '0']);
    const refused = await call(LIMITED, 'admin', 'GET', '/v1/tenant');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
  });

  it('a single stall of the loop sheds nothing: the delay must last two windows', async () => {
    const real = new LoadShedder({ eventLoopDelayMs: 50, sampleMs: 100 }).start();
    try {
      await sleep(250);
      const end = performance.now() + 600; // one 600 ms stall, as one slow synchronous request would cause
      while (performance.now() < end);
      let highest = 0;
      for (let i = 0; i < 6; i++) {
        await sleep(100);
        highest = Math.max(highest, real.pressure);
      }
      expect(highest).toBeLessThan(1);
    } finally {
      real.stop();
    }
  });

  it('measures the real event-loop delay: a saturated loop sheds the free plan, and recovers', async () => {
    const real = new LoadShedder({ eventLoopDelayMs: 50, sampleMs: 100 });
    const measured = await buildApp({ services, adminToken: ADMIN, cursorSecret: 'c', loadShedding: real });
    try {
      await measured.ready(); // the shedder measures from here
      expect(
        (await send(measured, 'GET', '/v1/collections/notes/records', undefined, bearer(keys[FREE]!.admin))).statusCode,
        JSON.stringify(real.signals),
      ).toBe(200);
      // Saturate the loop: 150 ms of synchronous work per turn, as a flood of CPU-heavy requests would.
      let saturating = true;
      const burn = () => {
        const end = performance.now() + 150;
        while (performance.now() < end);
        if (saturating) setImmediate(burn);
      };
      setImmediate(burn);
      for (let i = 0; i < 50 && real.pressure < 1; i++) await sleep(20);
      const shed = await send(measured, 'GET', '/v1/collections/notes/records', undefined, bearer(keys[FREE]!.admin));
      const enterprise = await send(measured, 'GET', '/v1/collections/notes/records', undefined, bearer(keys[ENT]!.admin));
      saturating = false;
      expect(real.signals.eventLoopDelayMs).toBeGreaterThan(50);
      expect(shed.statusCode).toBe(503);
      expect(enterprise.statusCode).toBe(200);
      for (let i = 0; i < 100 && real.pressure >= 1; i++) await sleep(20);
      expect(real.pressure).toBeLessThan(1);
      expect((await send(measured, 'GET', '/v1/collections/notes/records', undefined, bearer(keys[FREE]!.admin))).statusCode).toBe(200);
    } finally {
      await measured.close();
    }
  });
});
