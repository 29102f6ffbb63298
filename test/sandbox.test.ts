import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { Sandbox, SandboxError } from '../src/sandbox/sandbox.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';

const ADMIN = 'admin-token-sandbox-tests';
type Role = 'admin' | 'member' | 'viewer';

/** Milliseconds `fn` takes. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Tenant-supplied expressions run where they can be stopped (red-team finding: a recursive JSONata
 * transform hung every process that ran it, SIGTERM included, and `[1..1e7].[1..1e7]` crashed it out
 * of memory — again after every restart, since the step was claimed again).
 */
describe(`JSONata runs bounded, off the event loop (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('sbx-a');
  const B = tenantId('sbx-b');
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);

  const runTransform = async (tenant: string, name: string, expression: string) => {
    expect((await call(tenant, 'admin', 'PUT', `/v1/workflows/${name}`, { steps: [{ id: 'x', kind: 'transform', with: { expression } }] })).statusCode).toBe(
      201,
    );
    const res = await call(tenant, 'member', 'POST', `/v1/workflows/${name}/runs`, {});
    expect(res.statusCode, res.body).toBe(202);
    return res.json().id as string;
  };
  const finished = async (tenant: string, id: string) => {
    for (const end = Date.now() + 30_000; Date.now() < end;) {
      const run = (await call(tenant, 'viewer', 'GET', `/v1/runs/${id}`)).json();
      if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`run ${id} did not finish`);
  };

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const id of [A, B]) {
      await t.tenants.create({ id });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    }
    app.workflows.startEngine({ concurrency: 4, pollMs: 10 });
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('a transform that recurses forever fails at the plan limit while the process keeps answering', async () => {
    await t.tenants.update(A, { limits: { evaluationTimeoutMs: 1_500 } });
    const id = await runTransform(A, 'forever', '($f := function($n){ $f($n+1) }; $f(0))');
    // While it runs: /healthz and tenant B's reads answer at once.
    const slowest = { health: 0, other: 0 };
    const started = Date.now();
    while (Date.now() - started < 1_000) {
      slowest.health = Math.max(slowest.health, await timed(() => app.inject({ method: 'GET', url: '/healthz' })));
      slowest.other = Math.max(slowest.other, await timed(() => call(B, 'viewer', 'GET', '/v1/tenant')));
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(slowest.health).toBeLessThan(250);
    expect(slowest.other).toBeLessThan(250);
    const run = await finished(A, id);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatch(/ran longer than 1500 ms/);
    // Failed for good, not retried: one attempt.
    expect(run.steps[0].attempts).toBe(1);
  });

  it('a transform that exhausts memory fails its step; the process and the next run are fine', async () => {
    await t.tenants.update(A, { limits: { evaluationTimeoutMs: 20_000 } });
    const id = await runTransform(A, 'hungry', '$count([1..10000000].[1..10000000])');
    const run = await finished(A, id);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatch(/used more than the \d+ MB of memory/);
    const next = await finished(A, await runTransform(A, 'fine', '1 + 1'));
    expect(next.status).toBe('succeeded');
    expect(next.steps[0].output).toBe(2);
  });

  it('a result larger than a step output may be is refused', async () => {
    const run = await finished(A, await runTransform(A, 'huge', '$pad("", 300000, "x")'));
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toMatch(/bytes of JSON; the limit is 262144/);
  });

  it("one tenant's slow expressions never hold every evaluator: another tenant's is served at once", async () => {
    const sandbox = new Sandbox({ workers: 2 });
    try {
      // Both evaluators started (a process takes a moment to start), then the noisy tenant's backlog.
      await Promise.all(['w1', 'w2'].map((w) => sandbox.evaluate(w, '1', '{}', 10_000)));
      const spin = '$count([1..4000000])'; // a few hundred ms of work each
      const noisyStart = performance.now();
      const noisy = Promise.all(Array.from({ length: 6 }, () => sandbox.evaluate('noisy', spin, '{}', 20_000)));
      await new Promise((r) => setTimeout(r, 50));
      const quiet = await timed(async () => expect(await sandbox.evaluate('quiet', '$sum([1,2,3])', '{}', 10_000)).toBe(6));
      expect(await noisy).toEqual(Array(6).fill(4000000));
      const noisyTotal = performance.now() - noisyStart;
      // The quiet tenant did not wait for the noisy backlog (which ran one at a time on the other evaluator).
      expect(quiet).toBeLessThan(noisyTotal / 3);
      await expect(sandbox.evaluate('quiet', '(', '{}', 1_000)).rejects.toBeInstanceOf(SandboxError);
    } finally {
      await sandbox.close();
    }
  });
});
