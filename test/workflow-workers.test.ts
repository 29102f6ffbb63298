import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Tenantry } from '../src/tenantry.js';
import { RecordsService } from '../src/records/records.js';
import type { WorkflowDefinition } from '../src/workflows/definition.js';
import { WorkflowRuntime } from '../src/workflows/runtime.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import type { ModelsService } from '../src/ml/models.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { startWorker, type WorkerProcess } from './support/workers.js';

/**
 * The engine under load and failure: fairness between a noisy tenant and nine quiet ones (both
 * backends; on PostgreSQL with two worker processes), and on PostgreSQL worker processes killed with
 * SIGKILL mid-flight, two workers sharing per-tenant caps, and one schedule fired by two workers.
 * Nothing here depends on timing: fairness is measured as each tenant's share of the runs finished
 * in one window, and the failure cases check outcomes, so the file runs beside the others.
 */

const jain = (xs: number[]) => xs.reduce((a, b) => a + b, 0) ** 2 / (xs.length * xs.reduce((a, b) => a + b * b, 0));

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe(`workflow engine under load (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let sandbox: Sandbox;
  let runtime: WorkflowRuntime;
  const workers: WorkerProcess[] = [];

  const define = (tenant: string, name: string, definition: WorkflowDefinition) => runtime.definitions.put(tenant, name, definition);
  const statusCounts = (tenant: string) =>
    t.withTenant(tenant, async (s) => {
      const rows = await s.db
        .selectFrom('runs')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
    });
  const startRuns = async (tenant: string, workflow: string, count: number, input: (i: number) => unknown = () => null) => {
    for (let i = 0; i < count; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, j) => runtime.runs.start(tenant, workflow, { input: input(i + j) })));
    }
  };
  const spawnWorkers = async (n: number, extra: Record<string, string> = {}) => {
    const started = Array.from({ length: n }, () =>
      startWorker(env.config, {
        TENANTRY_WORKERS: '4',
        TENANTRY_WORKER_LEASE_MS: '1500',
        TENANTRY_WORKER_POLL_MS: '20',
        TENANTRY_EGRESS_ALLOW: '127.0.0.1',
        ...extra,
      }),
    );
    workers.push(...started);
    await Promise.all(started.map((w) => w.ready));
    return started;
  };

  beforeAll(async () => {
    env = await createTestEnv({ workerLeaseMs: 1500, workerPollMs: 20 });
    t = await env.open();
    sandbox = new Sandbox();
    runtime = new WorkflowRuntime(t, new RecordsService(t, sandbox), undefined as unknown as ModelsService, sandbox);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await runtime?.stopEngine();
    await sandbox?.close();
    await env?.cleanup();
  });

  it("keeps a noisy tenant's 2,000 runs from starving nine tenants with 50 each (Jain's index >= 0.9)", async () => {
    const noisy = tenantId('noisy');
    const quiet = Array.from({ length: 9 }, (_, i) => tenantId(`quiet${i}`));
    const noop: WorkflowDefinition = { steps: [{ id: 'noop', kind: 'transform', with: { expression: '1' } }] };
    for (const id of [noisy, ...quiet]) {
      await t.tenants.create({ id, isolation: 'pooled' });
      await define(id, 'noop', noop);
    }
    // The noisy backlog is over four times all the others together.
    await startRuns(noisy, 'noop', 2000);
    for (const id of quiet) await startRuns(id, 'noop', 50);

    if (backend === 'postgres') await spawnWorkers(2);
    else runtime.startEngine({ concurrency: 8, pollMs: 20 });
    const quietDone = await until(
      'the nine quiet tenants to finish',
      async () => {
        const counts = await Promise.all(quiet.map((id) => statusCounts(id)));
        return counts.every((c) => c.succeeded === 50) && counts;
      },
      300_000,
      50,
    );
    expect(quietDone).toHaveLength(9);
    const noisyCounts = await statusCounts(noisy);
    // The nine finished while most of the backlog was still waiting.
    expect(noisyCounts.succeeded ?? 0).toBeLessThan(1000);

    // Throughput per tenant over the window in which all ten had a backlog: from the first finished
    // run to the first quiet tenant's last run.
    const finishes = await Promise.all(
      [noisy, ...quiet].map((id) =>
        t.withTenant(id, async (s) =>
          (await s.db.selectFrom('runs').select('finished_at').where('status', '=', 'succeeded').execute()).map((r) => new Date(r.finished_at!).getTime()),
        ),
      ),
    );
    const start = Math.min(...finishes.flat());
    const end = Math.min(...finishes.slice(1).map((f) => Math.max(...f)));
    const inWindow = finishes.map((f) => f.filter((ms) => ms <= end).length);
    const index = jain(inWindow);
    console.log(`fairness (${backend}): runs per tenant in the ${end - start} ms window ${JSON.stringify(inWindow)}, Jain's index ${index.toFixed(3)}`);
    expect(index).toBeGreaterThanOrEqual(0.9);

    if (backend === 'postgres') await Promise.all(workers.splice(0).map((w) => w.stop()));
    else await runtime.stopEngine();
  }, 600_000);

  if (backend === 'postgres') {
    it('survives worker processes killed with SIGKILL mid-flight: every run ends, each write happens once', async () => {
      const tenant = tenantId('crash');
      await t.tenants.create({ id: tenant, isolation: 'pooled' });
      await new RecordsService(t, sandbox).createCollection(tenant, { name: 'effects' });
      await define(tenant, 'effectful', {
        steps: [
          { id: 'write', kind: 'records.write', with: { collection: 'effects', records: { $expr: '[{"run": input.n}]' } } },
          { id: 'pause', kind: 'delay', needs: ['write'], with: { ms: 30 } },
          {
            id: 'again',
            kind: 'records.write',
            needs: ['pause'],
            with: { collection: 'effects', key: 'key', records: { $expr: '[{"key": "k" & input.n, "run": input.n}]' } },
          },
        ],
      });
      await startRuns(tenant, 'effectful', 200, (n) => ({ n }));
      const succeeded = async () => (await statusCounts(tenant)).succeeded ?? 0;
      for (let round = 0; round < 4; round++) {
        const done = await succeeded();
        const [w] = await spawnWorkers(1, { TENANTRY_WORKERS: '8' });
        // Killed as soon as it has finished a few runs, with its next steps under way.
        await until('the worker to finish runs', async () => (await succeeded()) >= Math.min(200, done + 5), 60_000, 20);
        await w!.kill();
        if (round === 0) {
          // Nothing else runs steps yet: the leases it held died with it, unreleased.
          expect((await runtime.queue.depth()).find((d) => d.tenantId === tenant)?.running).toBeGreaterThan(0);
        }
      }
      const before = await statusCounts(tenant);
      expect(before.succeeded ?? 0).toBeLessThan(200); // the kills did interrupt work
      await spawnWorkers(1, { TENANTRY_WORKERS: '8' });
      await until('every run to end', async () => (await statusCounts(tenant)).succeeded === 200, 60_000).catch(async (error) => {
        const stuck = await t.withTenant(tenant, (s) =>
          s.db
            .selectFrom('run_steps')
            .select(['step_id', 'status', 'attempts', 'error', 'claim'])
            .where('status', 'not in', ['succeeded', 'pending'])
            .limit(10)
            .execute(),
        );
        throw new Error(
          `${error.message}: runs ${JSON.stringify(await statusCounts(tenant))}, steps ${JSON.stringify(stuck)}, queue ${JSON.stringify(await runtime.queue.depth())}\n${workers
            .map((w) => w.log())
            .join('\n')
            .slice(-3000)}`,
        );
      });
      const effects = await t.withTenant(tenant, (s) =>
        s.db
          .selectFrom('records')
          .select([sql<number>`(data->>'run')::int`.as('run'), sql<string | null>`data->>'key'`.as('key')])
          .execute(),
      );
      const plain = effects.filter((e) => e.key === null).map((e) => e.run);
      const keyed = effects.filter((e) => e.key !== null).map((e) => e.run);
      expect(plain.length).toBe(200);
      expect(new Set(plain).size).toBe(200);
      expect(keyed.length).toBe(200);
      expect(new Set(keyed).size).toBe(200);
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    }, 300_000);

    it('two worker processes never run one step twice at once and never exceed a tenant cap', async () => {
      // A local endpoint records when each call starts and ends; each call takes 40 ms.
      const calls: Array<{ tenant: string; step: string; start: number; end: number }> = [];
      const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const start = performance.now();
          setTimeout(() => {
            const { tenant, step } = JSON.parse(body);
            calls.push({ tenant, step, start, end: performance.now() });
            res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          }, 40);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      try {
        const tenants = [tenantId('cap-a'), tenantId('cap-b')];
        const caps = [2, 3];
        for (const [i, id] of tenants.entries()) {
          await t.tenants.create({ id, isolation: 'pooled' });
          await t.catalog.update(id, { limits: { workflowConcurrency: caps[i] } });
          await define(id, 'call', {
            steps: ['a', 'b'].map((s) => ({
              id: s,
              kind: 'http.request' as const,
              with: { url, method: 'POST', body: { $expr: `{"tenant": "${id}", "step": $string(input.n) & "/${s}"}` } },
            })),
          });
          await startRuns(id, 'call', 60, (n) => ({ n }));
        }
        await spawnWorkers(2, { TENANTRY_WORKERS: '6' });
        await until('all calls', async () => calls.length >= 240, 120_000);
        for (const [i, id] of tenants.entries()) {
          const mine = calls.filter((c) => c.tenant === id);
          const events = mine
            .flatMap((c) => [
              { at: c.start, d: 1 },
              { at: c.end, d: -1 },
            ])
            .sort((x, y) => x.at - y.at || x.d - y.d);
          let now = 0;
          let peak = 0;
          for (const e of events) peak = Math.max(peak, (now += e.d));
          expect(peak, `tenant cap ${caps[i]}`).toBeLessThanOrEqual(caps[i]!);
          expect(peak).toBeGreaterThanOrEqual(2); // the cap, not a lack of work, was the limit
          // Each step ran exactly once: no attempt ran twice, at once or otherwise.
          expect(new Set(mine.map((c) => c.step)).size).toBe(mine.length);
          // The endpoint records a call before it answers: the last runs may still be finishing.
          await until(`${id}'s runs to finish`, async () => (await statusCounts(id)).succeeded === 60, 60_000);
        }
      } finally {
        await Promise.all(workers.splice(0).map((w) => w.stop()));
        await new Promise((r) => server.close(r));
      }
    }, 300_000);

    it('fires a schedule once per slot with two worker processes', async () => {
      const tenant = tenantId('cron');
      await t.tenants.create({ id: tenant, isolation: 'pooled' });
      await t.tenants.update(tenant, { limits: { minScheduleIntervalMs: 1000 } }); // the free plan allows one a minute
      await spawnWorkers(2);
      const steps: WorkflowDefinition['steps'] = [{ id: 'x', kind: 'transform', with: { expression: '1' } }];
      const slots = async () =>
        (await t.withTenant(tenant, (s) => s.db.selectFrom('runs').select('idempotency_key').execute()))
          .map((r) => Date.parse(r.idempotency_key!.replace(/^schedule:/, '')))
          .sort((a, b) => a - b);
      const defined = Date.now();
      await define(tenant, 'tick', { steps, schedule: { cron: '* * * * * *' } });
      await until('four slots to fire', async () => (await slots()).length >= 4, 30_000, 50);
      await define(tenant, 'tick', { steps });
      const removed = Date.now();
      // SIGTERM: each worker stops claiming, lets its steps finish, closes its pools and exits cleanly.
      expect(await Promise.all(workers.splice(0).map((w) => w.stop()))).toEqual([0, 0]);
      const times = await slots();
      // One run per second-slot (the slot is its idempotency key), between the definition and the removal...
      expect(times[0]!).toBeGreaterThan(defined);
      expect(times.at(-1)!).toBeLessThanOrEqual(removed);
      // ...and none missing in between.
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(1000);
    }, 60_000);
  }
});
