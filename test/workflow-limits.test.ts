import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import type { WorkflowEngine } from '../src/workflows/engine.js';
import { MAX_HANDOFFS, tenantSlotLimit } from '../src/workflows/engine.js';
import { literalValue } from '../src/workflows/steps.js';
import { needsSecondLook } from '../src/workflows/step-states.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-workflow-limits';
type Role = 'admin' | 'member' | 'viewer';

/**
 * What one tenant's workflows may take of what all tenants share: a process's worker slots, the
 * schedule ticks, definitions and schedule frequency, run history, and outbound connections.
 */
describe(`workflow limits (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let server: http.Server;
  let base: string;
  const keys: Record<string, Record<Role, string>> = {};
  /** Requests to /gate wait here until the test lets them go. */
  const gated: http.ServerResponse[] = [];
  let gateOpen = false;
  /** Every /trickle response: when it started and when its connection closed. */
  const trickles: Array<{ opened: number; closed?: number }> = [];
  const paths: string[] = [];

  const call = (tenant: string, role: Role, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, payload: payload as object, headers: { authorization: `Bearer ${keys[tenant]![role]}` } });
  const define = async (tenant: string, name: string, definition: object) => {
    const res = await call(tenant, 'admin', 'PUT', `/v1/workflows/${name}`, definition);
    expect([200, 201], res.body).toContain(res.statusCode);
  };
  const start = async (tenant: string, name: string) => {
    const res = await call(tenant, 'member', 'POST', `/v1/workflows/${name}/runs`, {});
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as { id: string };
  };
  type RunJson = {
    id: string;
    status: string;
    createdAt: string;
    finishedAt: string | null;
    steps: Array<{ id: string; status: string; attempts: number; error: string | null; output: unknown }>;
  };
  const finished = async (tenant: string, id: string, timeoutMs = 10_000): Promise<RunJson> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const run = (await call(tenant, 'viewer', 'GET', `/v1/runs/${id}`)).json() as RunJson;
      if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
      if (Date.now() > until) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const waitFor = async (what: string, fn: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
    const until = Date.now() + timeoutMs;
    while (!(await fn())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const newTenant = async (label: string, limits?: Record<string, unknown>) => {
    const id = tenantId(label);
    await t.tenants.create({ id, isolation: 'pooled' });
    if (limits) await t.tenants.update(id, { limits });
    keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    return id;
  };
  /** Run `fn` with an engine of these options, stopped afterwards whatever happens. */
  const withEngine = async (options: Parameters<TenantryApp['workflows']['startEngine']>[0], fn: (engine: WorkflowEngine) => Promise<void>) => {
    const engine = app.workflows.startEngine({ pollMs: 10, ...options });
    try {
      await fn(engine);
    } finally {
      await app.workflows.stopEngine();
    }
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      paths.push(path);
      if (path === '/gate') {
        if (gateOpen) res.end('{}');
        else gated.push(res);
        return;
      }
      if (path === '/trickle') {
        // Answers at once, then one byte every 50 ms, for ever: only the client can end it.
        const entry: { opened: number; closed?: number } = { opened: Date.now() };
        trickles.push(entry);
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('x'), 50);
        res.on('close', () => {
          clearInterval(timer);
          entry.closed = Date.now();
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = await createTestEnv({ egressAllow: ['127.0.0.1'], workerPollMs: 10 });
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  });

  afterAll(async () => {
    gateOpen = true;
    for (const res of gated.splice(0)) res.end('{}');
    await app?.close();
    await env?.cleanup();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('keeps a quarter of a process’s slots from any one tenant', () => {
    expect([1, 2, 3, 4, 5, 8, 16, 32, 64].map(tenantSlotLimit)).toEqual([1, 1, 2, 3, 4, 6, 12, 24, 48]);
  });

  it("runs another tenant's step at once while one tenant's long steps fill what it may of the slots", async () => {
    // Free plan: a cap of 8 steps, which is every slot of a default (8-slot) worker.
    const A = await newTenant('slots-a');
    const B = await newTenant('slots-b');
    await define(A, 'long', { steps: [{ id: 'call', kind: 'http.request', with: { url: `${base}/gate` }, timeoutMs: 30_000 }] });
    await define(B, 'quick', { steps: [{ id: 'x', kind: 'http.request', with: { url: `${base}/fast` } }] });
    const openGate = () => {
      gateOpen = true;
      for (const res of gated.splice(0)) res.end('{}');
    };
    await withEngine({ concurrency: 8 }, async (engine) => {
      try {
        const runsA = await Promise.all(Array.from({ length: 10 }, () => start(A, 'long')));
        await waitFor("A's steps to take their slots", () => gated.length >= 6);
        // A's steps hold their slots until the gate opens (never, within this bound): B's run needs a free
        // one, and would find none had A taken all eight.
        const begun = Date.now();
        const run = await finished(B, (await start(B, 'quick')).id, 3000);
        expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
        expect(Date.now() - begun).toBeLessThan(2000);
        // B's step leaves its slot once acked; a 7th step of A's, had one been claimed, would hold its slot for good.
        await waitFor("B's step to leave its slot", () => engine.inFlight <= 6);
        // A held what one tenant may of the 8 slots, no more, with more of its runs waiting.
        expect(gated.length).toBe(6);
        expect(engine.inFlight).toBe(6);
        // Let A's steps go: the rest of A's runs take the slots as they free up.
        openGate();
        for (const r of runsA) expect((await finished(A, r.id)).status).toBe('succeeded');
      } finally {
        openGate();
      }
    });
  });

  it("hands a chain's next step to the worker that finished its parent, a few in a row at most, so another tenant still gets the slot", async () => {
    const long = await newTenant('chain-long');
    const other = await newTenant('chain-other');
    const chain = (n: number) => ({
      steps: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, kind: 'transform', ...(i > 0 && { needs: [`s${i - 1}`] }), with: { expression: `${i}` } })),
    });
    await define(long, 'chain', chain(3 * MAX_HANDOFFS));
    await define(other, 'one', chain(1));
    // One slot: the long chain holds it; every MAX_HANDOFFS steps it goes back through the queue's fair order.
    await withEngine({ concurrency: 1 }, async (engine) => {
      const a = await start(long, 'chain');
      await waitFor('the chain to be under way', async () => (await call(long, 'viewer', 'GET', `/v1/runs/${a.id}`)).json().steps[1].status === 'succeeded');
      const b = await start(other, 'one');
      const [runA, runB] = await Promise.all([finished(long, a.id, 20_000), finished(other, b.id, 20_000)]);
      expect(runA.status).toBe('succeeded');
      expect(runB.status).toBe('succeeded');
      const at = (run: RunJson) => Date.parse(run.finishedAt!);
      expect(at(runB)).toBeLessThan(at(runA));
      // Most of the chain's steps came straight from their parents, without a claim.
      expect(engine.stats.handedOver).toBeGreaterThanOrEqual(3 * MAX_HANDOFFS - 4);
      expect(runA.steps.map((st) => st.output)).toEqual(Array.from({ length: 3 * MAX_HANDOFFS }, (_, i) => i));
    });
    // Every lease handed over was accounted for: nothing counts as running any more.
    const depth = (await app.workflows.queue.depth()).filter((d) => d.tenantId === long || d.tenantId === other);
    expect(depth.map((d) => [d.running, d.queued])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('evaluates an expression that is a JSON literal without the sandbox, and anything else with it', () => {
    for (const [text, value] of [
      ['1', 1],
      [' -2.5e3 ', -2500],
      ['"a \\"b\\" \\u00e9"', 'a "b" é'],
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      expect(literalValue(text)).toEqual(value);
    }
    for (const text of ['1 + 1', 'input', '"a" & "b"', '[1]', '{"a": 1}', '1e999', 'nulls', "'single'", '', '$now()']) {
      expect(typeof literalValue(text), text).toBe('symbol');
    }
  });

  it('moves a run on in the step’s own statement only where no sibling finishing at the same moment could be missed', () => {
    const def = (steps: Array<[string, string[]]>) => ({ steps: steps.map(([id, needs]) => ({ id, kind: 'transform' as const, needs })) });
    const chain = def([
      ['a', []],
      ['b', ['a']],
      ['c', ['b']],
    ]);
    expect(['a', 'b', 'c'].map((id) => needsSecondLook(chain, id))).toEqual([false, false, false]);
    // Fan-out and back in: the branches feed a step with two needs; the root and the join do not.
    const diamond = def([
      ['root', []],
      ['l', ['root']],
      ['r', ['root']],
      ['join', ['l', 'r']],
    ]);
    expect(['root', 'l', 'r', 'join'].map((id) => needsSecondLook(diamond, id))).toEqual([false, true, true, false]);
    // Two sinks: either may be the run's last step.
    const fork = def([
      ['root', []],
      ['x', ['root']],
      ['y', ['root']],
    ]);
    expect(['root', 'x', 'y'].map((id) => needsSecondLook(fork, id))).toEqual([false, true, true]);
  });

  it('caps workflow definitions per tenant, also against concurrent creations', async () => {
    const id = await newTenant('wf-cap', { maxWorkflows: 3 });
    const wf = { steps: [{ id: 'x', kind: 'delay', with: { ms: 1 } }] };
    await define(id, 'first', wf);
    // Five creations at once, two places left: exactly two get in.
    const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => call(id, 'admin', 'PUT', `/v1/workflows/burst_${i}`, wf)));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([201, 201, 409, 409, 409]);
    const refused = burst.find((r) => r.statusCode === 409)!;
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'limit_reached' });
    expect(refused.json().detail).toMatch(/maxWorkflows = 3/);
    expect((await call(id, 'viewer', 'GET', '/v1/workflows')).json().items).toHaveLength(3);
    // At the cap, replacing one is still fine, and dropping one makes room.
    expect((await call(id, 'admin', 'PUT', '/v1/workflows/first', wf)).statusCode).toBe(200);
    expect((await call(id, 'admin', 'PUT', '/v1/workflows/fourth', wf)).statusCode).toBe(409);
    expect((await call(id, 'admin', 'DELETE', '/v1/workflows/first')).statusCode).toBe(204);
    expect((await call(id, 'admin', 'PUT', '/v1/workflows/fourth', wf)).statusCode).toBe(201);
  });

  it('refuses schedules that fire more often than the plan allows, irregular crons included', async () => {
    const free = await newTenant('sched-free');
    const steps = [{ id: 'x', kind: 'delay', with: { ms: 1 } }];
    const put = (tenant: string, cron: string, timezone?: string) =>
      call(tenant, 'admin', 'PUT', '/v1/workflows/cron', { steps, schedule: { cron, ...(timezone && { timezone }) } });
    // The free plan: one run a minute at most.
    for (const cron of ['* * * * * *', '*/30 * * * * *', '0,10 * * * * *']) {
      const res = await put(free, cron);
      expect(res.statusCode, cron).toBe(400);
      expect(res.json().detail, cron).toMatch(/minScheduleIntervalMs = 60000/);
    }
    for (const cron of ['* * * * *', '0 0,59 * * * *', '@hourly']) expect((await put(free, cron)).statusCode, cron).toBeLessThan(300);
    expect((await call(free, 'viewer', 'GET', '/v1/workflows/cron')).json().schedule.cron).toBe('@hourly');

    // Twelve hours at most: gaps that only show where a field wraps count too.
    const slow = await newTenant('sched-slow', { minScheduleIntervalMs: 12 * 3_600_000 });
    const cases: Array<[string, string | undefined, number]> = [
      ['0 0 0,12 * * *', undefined, 201],
      ['0 0 0,11 * * *', undefined, 400], // 11 h apart every day
      ['0 0 0,22 * * *', 'Asia/Kolkata', 400], // 22:00 → 00:00, across midnight
      ['0 0 0,13 1-29/2,31 * *', undefined, 400], // the 31st 13:00 → the 1st 00:00 only, at a month's end
      ['0 0 0,12 1-29/2,31 * *', undefined, 200],
    ];
    for (const [cron, timezone, status] of cases) {
      const res = await put(slow, cron, timezone);
      expect(res.statusCode, `${cron}: ${res.body}`).toBe(status);
      if (status === 400) expect(res.json().detail).toMatch(/fires \d+ s apart .*minScheduleIntervalMs = 43200000/);
    }
    // An override down to a second allows a per-second schedule.
    const fast = await newTenant('sched-fast', { minScheduleIntervalMs: 1000 });
    expect((await put(fast, '* * * * * *')).statusCode).toBe(201);
  });

  it("serves every tenant's due schedules each tick, whatever another tenant has due", async () => {
    const noisy = await newTenant('sched-noisy');
    const quiet = await newTenant('sched-quiet');
    const steps = [{ id: 'x', kind: 'http.request' as const, with: { url: `${base}/fast` } }];
    const yearly = { cron: '0 0 1 1 *', timezone: 'UTC' };
    // Ten of the noisy tenant's schedules are due, each overdue longer than the quiet tenant's one: the
    // definitions are stored without a schedule, and the control plane's copy is written overdue by hand.
    const tenants = { noisy: await t.tenants.get(noisy), quiet: await t.tenants.get(quiet) };
    for (let i = 0; i < 10; i++) {
      await app.workflows.definitions.put(noisy, `w${i}`, { steps });
      await app.workflows.queue.setSchedule(tenants.noisy, `w${i}`, { ...yearly, nextAt: new Date(Date.now() - 3_600_000 + i * 1000) });
    }
    await app.workflows.definitions.put(quiet, 'w', { steps });
    await app.workflows.queue.setSchedule(tenants.quiet, 'w', { ...yearly, nextAt: new Date(Date.now() - 60_000) });

    const created = async (tenant: string) =>
      t.withTenant(tenant, async (s) => (await s.db.selectFrom('runs').select('created_at').execute()).map((r) => new Date(r.created_at).getTime()));
    await withEngine({ concurrency: 2, scheduleTickMs: 50 }, async () => {
      await waitFor('every schedule to fire', async () => (await created(noisy)).length === 10 && (await created(quiet)).length === 1);
    });
    const [quietAt] = await created(quiet);
    const noisyBefore = (await created(noisy)).filter((at) => at < quietAt!).length;
    // Each tenant's most overdue schedule first: only the noisy tenant's first one (or two) went before.
    expect(noisyBefore).toBeLessThanOrEqual(2);
    // Fired once, moved on to their next slot.
    const due = await app.workflows.queue.dueSchedules(50);
    expect(due.filter((d) => d.tenantId === noisy || d.tenantId === quiet)).toEqual([]);
  });

  it('deletes finished runs past the retention of their tenant, with their steps', async () => {
    const short = await newTenant('keep-1d', { runRetentionDays: 1 });
    const usual = await newTenant('keep-7d');
    const wf = { steps: [{ id: 'a', kind: 'http.request', with: { url: `${base}/fast` } }] };
    await define(short, 'w', wf);
    await define(usual, 'w', wf);
    await define(short, 'sleepy', { steps: [{ id: 'z', kind: 'delay', with: { ms: 600_000 } }] });
    const ids = { short: [] as string[], usual: [] as string[] };
    await withEngine({ concurrency: 4 }, async () => {
      for (let i = 0; i < 5; i++) ids.short.push((await start(short, 'w')).id);
      ids.usual.push((await start(usual, 'w')).id);
      for (const id of ids.short) await finished(short, id);
      await finished(usual, ids.usual[0]!);
    });
    const sleeping = (await start(short, 'sleepy')).id; // queued: not finished, however old
    // Four of the short-lived tenant's runs finished two days ago, and so did the other tenant's.
    const age = (tenant: string, runIds: string[]) =>
      t.withTenant(tenant, (s) =>
        sql`UPDATE runs SET created_at = now() - interval '3 days', finished_at = now() - interval '2 days' WHERE id IN (${sql.join(runIds)})`.execute(s.db),
      );
    await age(short, ids.short.slice(0, 4));
    await age(usual, ids.usual);
    await t.withTenant(short, (s) => sql`UPDATE runs SET created_at = now() - interval '3 days' WHERE id = ${sleeping}`.execute(s.db));

    // One batch at a time: at most that many go per statement.
    expect(await app.workflows.runs.prune(short, 3)).toBe(3);
    const left = async (tenant: string) =>
      t.withTenant(tenant, async (s) => ({
        runs: (await s.db.selectFrom('runs').select('id').execute()).map((r) => r.id).sort(),
        steps: Number(
          (
            await s.db
              .selectFrom('run_steps')
              .select(sql<number>`count(*)`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      }));
    expect((await left(short)).runs).toHaveLength(3);

    // The engine's sweep takes the rest.
    await withEngine({ concurrency: 1, retentionSweepMs: 100 }, async () => {
      await waitFor('the sweep', async () => (await left(short)).runs.length === 2);
    });
    expect(await left(short)).toEqual({ runs: [ids.short[4]!, sleeping].sort(), steps: 2 });
    expect((await call(short, 'viewer', 'GET', `/v1/runs/${ids.short[0]}`)).statusCode).toBe(404);
    // Seven days for the other tenant: its two-day-old run stays.
    expect(await left(usual)).toEqual({ runs: ids.usual, steps: 1 });
  });

  it('holds a step whose expression finds the sandbox full for its tenant, without using up an attempt', async () => {
    // More of one tenant's evaluations at once than the sandbox lets it queue (16 beyond its evaluators).
    const id = await newTenant('sandbox-full', { workflowConcurrency: 40, evaluationTimeoutMs: 10_000 });
    await define(id, 'sum', { steps: [{ id: 'x', kind: 'transform', with: { expression: '$sum([1..100000])' } }] });
    await withEngine({ concurrency: 40 }, async () => {
      const runs = await Promise.all(Array.from({ length: 40 }, () => start(id, 'sum')));
      for (const r of runs) {
        const run = await finished(id, r.id, 30_000);
        expect(run.steps[0], JSON.stringify(run.steps[0])).toMatchObject({ status: 'succeeded', attempts: 1 });
      }
    });
  });

  it('closes the connection of an http.request step when the step times out', async () => {
    const id = await newTenant('trickle');
    await define(id, 'slowloris', { steps: [{ id: 'call', kind: 'http.request', with: { url: `${base}/trickle` }, timeoutMs: 300 }] });
    await withEngine({ concurrency: 2 }, async () => {
      const run = await finished(id, (await start(id, 'slowloris')).id);
      expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(run.steps[0]!.error).toMatch(/timed out after 300 ms/);
    });
    expect(trickles).toHaveLength(1);
    await waitFor('the server to see the connection closed', () => trickles[0]!.closed !== undefined, 2000);
    expect(trickles[0]!.closed! - trickles[0]!.opened).toBeLessThan(1500);
  });

  it('refuses a Host header in http.request steps, in the definition or from an expression', async () => {
    const id = await newTenant('host-hdr');
    const literal = await call(id, 'admin', 'PUT', '/v1/workflows/spoof', {
      steps: [{ id: 'call', kind: 'http.request', with: { url: `${base}/x`, headers: { hOsT: 'metadata.internal' } } }],
    });
    expect(literal.statusCode).toBe(400);
    expect(literal.json().detail).toMatch(/steps\[0\]\.with\.headers\.hOsT: the hOsT header may not be set/);
    await define(id, 'spoof', {
      steps: [
        {
          id: 'call',
          kind: 'http.request',
          with: { url: `${base}/spoofed`, headers: { $expr: '{"HOST": "metadata.internal", "x-ok": "1"}' } },
          retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 10 } },
        },
      ],
    });
    await withEngine({ concurrency: 2 }, async () => {
      const run = await finished(id, (await start(id, 'spoof')).id);
      // Permanent: one attempt despite the retry policy, and nothing reached the server.
      expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(run.steps[0]!.error).toMatch(/with\.headers\.HOST: the HOST header may not be set/);
    });
    expect(paths).not.toContain('/spoofed');
  });
});
