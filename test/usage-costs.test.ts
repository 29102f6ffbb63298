/**
 * Per-tenant cost attribution (src/usage/costs.ts): a tenant's database seconds, CPU seconds and
 * workflow step-seconds grow with its own work and not with another tenant's; each tenant sees only
 * its own, the platform each; the figures are written on a graceful shutdown and two processes'
 * figures add up.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { Tenantry } from '../src/tenantry.js';
import { CostAttribution } from '../src/usage/costs.js';
import { Meter } from '../src/usage/meter.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, callerAs, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-usage-cost-tests';
type Role = 'admin' | 'member' | 'viewer';
type Totals = { apiRequests: number; databaseSeconds: number; cpuSeconds: number; workflowStepSeconds: number };

describe(`cost attribution (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);
  const A = tenantId('cost-a');
  const B = tenantId('cost-b');
  const month = new Date().toISOString().slice(0, 7);

  const open = async () => {
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  };
  /** The tenant's month as the platform sees it (this process's figures flushed first). */
  const figures = async (id: string): Promise<Totals> => {
    const res = await send(app, 'GET', `/v1/tenants/${id}/usage?month=${month}`, undefined, bearer(ADMIN));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().totals;
  };
  const grew = (after: Totals, before: Totals) => ({
    databaseSeconds: after.databaseSeconds - before.databaseSeconds,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    workflowStepSeconds: after.workflowStepSeconds - before.workflowStepSeconds,
  });
  /** A statement of the tenant's that keeps the database busy for `seconds`. */
  const sleepIn = (tenantry: Tenantry, id: string, seconds: number) =>
    tenantry.withTenant(id, async (scope) => void (await sql`select pg_sleep(${seconds})`.execute(scope.db)));

  beforeAll(async () => {
    env = await createTestEnv();
    await open();
    for (const id of [A, B]) {
      await t.tenants.create({ id, isolation: 'pooled' });
      await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, evaluationTimeoutMs: 30_000 } });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    }
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it("the process's CPU goes to the tenants with work running, by time; a tenant waiting for PostgreSQL gets none of it", () => {
    const charged: Record<string, number> = {};
    const costs = new CostAttribution((tenantId, metric, n) => {
      if (metric === 'cpuSeconds') charged[tenantId] = (charged[tenantId] ?? 0) + n;
    });
    /** Use `ms` of CPU (not wall time: the machine may be shared). */
    const spin = (ms: number) => {
      const start = process.cpuUsage();
      for (;;) {
        const used = process.cpuUsage(start);
        if (used.user + used.system >= ms * 1000) return;
      }
    };
    try {
      costs.settleNow(); // what the process used before is not theirs
      const [x, y, z] = ['x', 'y', 'z'].map((id) => costs.begin(id)) as [
        ReturnType<CostAttribution['begin']>,
        ReturnType<CostAttribution['begin']>,
        ReturnType<CostAttribution['begin']>,
      ];
      const waiting = costs.clock('z', 'postgres');
      const sent = waiting.sent();
      // q's request is queued for a connection (its pool share, the budget): it waits, and runs nothing.
      const q = costs.begin('q');
      const stopQueueing = costs.clock('q', 'postgres').queued!();
      spin(150);
      costs.settleNow();
      waiting.answered(sent);
      stopQueueing();
      q.end();
      expect(charged.q ?? 0).toBeLessThan(charged.x! / 100);
      // x and y ran side by side: half each; z waited for the server throughout: nothing.
      expect(charged.x).toBeGreaterThan(0.05);
      expect(charged.y! / charged.x!).toBeGreaterThan(0.8);
      expect(charged.y! / charged.x!).toBeLessThan(1.25);
      // (the microseconds between its start and its statement's were running)
      expect(charged.z ?? 0).toBeLessThan(charged.x! / 100);
      y.end();
      z.end();
      const before = charged.x!;
      spin(100);
      costs.settleNow();
      // x alone: all of it.
      expect(charged.x! - before).toBeGreaterThan(0.05);
      expect(charged.y! + (charged.z ?? 0)).toBeLessThan(before * 1.25);
      x.end();
    } finally {
      costs.close();
    }
  });

  it("a tenant's database and CPU time grow with its own requests, not another's; each sees only its own", async () => {
    const [a0, b0] = [await figures(A), await figures(B)];
    // A: a thousand records of a kilobyte, written and read back in full pages (parsing, validation,
    // the record codec and serialisation are this process's CPU), and a statement that keeps the
    // database busy for 0.3 s.
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'docs' })).statusCode).toBe(201);
    const records = Array.from({ length: 500 }, (_, i) => ({ data: { i, text: 'x'.repeat(1000), tags: Array.from({ length: 20 }, (_, j) => `t${j}`) } }));
    for (let n = 0; n < 2; n++) expect((await call(A, 'member', 'POST', '/v1/collections/docs/records/bulk', { records })).statusCode).toBe(201);
    for (let n = 0; n < 10; n++) {
      const page = await call(A, 'viewer', 'GET', '/v1/collections/docs/records?limit=500');
      expect(page.statusCode).toBe(200);
    }
    await sleepIn(t, A, 0.3);
    // B: a few cheap requests.
    for (let n = 0; n < 5; n++) expect((await call(B, 'viewer', 'GET', '/v1/tenant')).statusCode).toBe(200);
    const [a1, b1] = [await figures(A), await figures(B)];
    const [a, b] = [grew(a1, a0), grew(b1, b0)];
    if (process.env.COSTS_DEBUG) console.log({ a, b });
    expect(a.databaseSeconds).toBeGreaterThanOrEqual(0.3);
    expect(b.databaseSeconds).toBeLessThan(a.databaseSeconds / 5);
    expect(a.cpuSeconds).toBeGreaterThan(0.05);
    expect(b.cpuSeconds).toBeLessThan(a.cpuSeconds / 5);

    // Each tenant reads only its own figures; the platform reads each.
    const own = (await call(B, 'admin', 'GET', `/v1/usage?month=${month}`)).json();
    expect(own.tenant).toBe(B);
    expect(own.totals.databaseSeconds).toBeLessThan(a1.databaseSeconds / 5);
    expect(own.hours.every((h: { tenantId: string }) => h.tenantId === B)).toBe(true);
    expect(own.hours.some((h: { metric: string }) => h.metric === 'cpuSeconds')).toBe(true);
    expect((await send(app, 'GET', `/t/${A}/v1/usage`, undefined, bearer(keys[B]!.admin))).statusCode).toBe(403);
    const mine = (await call(A, 'admin', 'GET', `/v1/usage?month=${month}`)).json();
    expect(mine.totals.databaseSeconds).toBeGreaterThanOrEqual(a1.databaseSeconds);

    // The process's totals, without tenant labels.
    const scraped = (await send(app, 'GET', '/metrics', undefined, bearer(ADMIN))).body;
    expect(scraped).toMatch(/tenantry_attributed_cpu_seconds_total\{to="tenant"\} [0-9.e-]+/);
    expect(Number(/tenantry_tenant_database_seconds_total ([0-9.e-]+)/.exec(scraped)?.[1])).toBeGreaterThanOrEqual(0.3);
    expect(scraped).not.toMatch(new RegExp(`database_seconds[^\\n]*${A}`));
  });

  it("workflow steps: step-seconds, and the CPU of an evaluation measured in its process, are the step's tenant's", async () => {
    const [a0, b0] = [await figures(A), await figures(B)];
    const childCpu = t.meter.costs.totals.childCpuSeconds;
    app.workflows.startEngine({ concurrency: 2, pollMs: 10 });
    try {
      const steps = [
        { id: 'nap', kind: 'delay', with: { ms: 200 } },
        // Some 0.1–0.3 s of CPU in a sandbox process.
        { id: 'count', kind: 'transform', needs: ['nap'], with: { expression: '$count([1..200000].($ * 2))' } },
      ];
      expect((await call(A, 'admin', 'PUT', '/v1/workflows/busy', { steps })).statusCode).toBe(201);
      const run = (await call(A, 'member', 'POST', '/v1/workflows/busy/runs', {})).json();
      let status = run.status;
      for (let i = 0; i < 600 && status !== 'succeeded' && status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        status = (await call(A, 'viewer', 'GET', `/v1/runs/${run.id}`)).json().status;
      }
      expect(status).toBe('succeeded');
    } finally {
      await app.workflows.stopEngine();
    }
    const [a, b] = [grew(await figures(A), a0), grew(await figures(B), b0)];
    expect(a.workflowStepSeconds).toBeGreaterThanOrEqual(0.2);
    expect(b.workflowStepSeconds).toBe(0);
    // The evaluation's own CPU, as its process measured it, is part of A's.
    const evaluated = t.meter.costs.totals.childCpuSeconds - childCpu;
    expect(evaluated).toBeGreaterThan(0.05);
    expect(a.cpuSeconds).toBeGreaterThanOrEqual(evaluated);
    expect(b.cpuSeconds).toBeLessThan(a.cpuSeconds / 5);
    expect(a.databaseSeconds).toBeGreaterThan(0);
    if (process.env.COSTS_DEBUG) console.log({ a, b, evaluated });
  });

  it('figures measured before a graceful shutdown are written by it', async () => {
    const before = await figures(A);
    await sleepIn(t, A, 0.2);
    await app.close();
    await t.close();
    await open();
    expect((await figures(A)).databaseSeconds - before.databaseSeconds).toBeGreaterThanOrEqual(0.2);
  });

  it("two processes' figures add up", async () => {
    const before = await figures(A);
    if (backend === 'pglite') {
      // One process owns an embedded data directory: a second meter over the same catalog stands in.
      const meter = new Meter(t.storage.control);
      meter.add(A, 'databaseSeconds', 0.25);
      meter.add(A, 'cpuSeconds', 0.5);
      await Promise.all([meter.close(), sleepIn(t, A, 0.2)]);
      const after = grew(await figures(A), before);
      // (sums of floats: a difference of 0.5 may come out as 0.49999999999999994)
      expect(after.databaseSeconds).toBeGreaterThanOrEqual(0.45 - 1e-9);
      expect(after.cpuSeconds).toBeGreaterThanOrEqual(0.5 - 1e-9);
      return;
    }
    const second = await Tenantry.open({ config: env.config, onError: () => {} });
    try {
      await Promise.all([sleepIn(t, A, 0.2), sleepIn(second, A, 0.25)]);
    } finally {
      // The other process writes its figures when it closes (gracefully); this one when asked.
      await second.close();
    }
    expect(grew(await figures(A), before).databaseSeconds).toBeGreaterThanOrEqual(0.45 - 1e-9);
  });
});
