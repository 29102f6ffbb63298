import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { InteractiveLoad } from '../src/api/interactive-load.js';
import type { ModelsService } from '../src/ml/models.js';
import { RecordsService } from '../src/records/records.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { Services } from '../src/services.js';
import type { Tenantry } from '../src/tenantry.js';
import { yieldSlots } from '../src/workflows/engine.js';
import { WorkQueue } from '../src/workflows/queue.js';
import { WorkflowRuntime } from '../src/workflows/runtime.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

/**
 * Issue 16: the claim takes whole tenants in turn (few tenants per claim, so few bookkeeping
 * statements per step), and an in-process worker yields to the HTTP requests its server is serving —
 * fewer steps at once while any is in flight, all its slots again once they are answered — losing no
 * step and leaving no tenant out. Outcomes only, no timing.
 */
describe(`workflow claims and an in-process worker yielding to requests (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let sandbox: Sandbox;
  let runtime: WorkflowRuntime;

  beforeAll(async () => {
    env = await createTestEnv({ workerPollMs: 20 });
    t = await env.open();
    sandbox = new Sandbox();
    runtime = new WorkflowRuntime(t, new RecordsService(t, sandbox), undefined as unknown as ModelsService, sandbox);
  });

  afterAll(async () => {
    await runtime?.stopEngine();
    await sandbox?.close();
    await env?.cleanup();
  });

  it('a claim takes whole tenants, least recently served first, and the tenants it left out come first in the next', async () => {
    const queue = new WorkQueue(t.storage.control);
    const tenants = await Promise.all(
      ['claim-a', 'claim-b', 'claim-c'].map(async (l) => (await t.tenants.create({ id: tenantId(l), isolation: 'pooled' })).id),
    );
    const runsOf = new Map<string, string>();
    for (const tenant of tenants) {
      for (let i = 0; i < 12; i++) {
        const run = randomUUID();
        runsOf.set(run, tenant);
        await queue.enqueue(tenant, run, ['s']);
      }
    }
    const count = (items: Array<{ tenantId: string }>) => {
      const n: Record<string, number> = {};
      for (const i of items) n[i.tenantId] = (n[i.tenantId] ?? 0) + 1;
      return n;
    };
    const claim = () => queue.claim(8, 60_000, 'w', { held: {}, perTenant: 6 });
    const seen = new Set<string>();
    const take = (items: Awaited<ReturnType<typeof claim>>) => {
      for (const item of items) {
        expect(runsOf.get(item.runId)).toBe(item.tenantId); // each tenant's own items
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      return count(items);
    };
    // 8 slots, at most 6 per tenant: one tenant's 6 and 2 of the next (interleaved, it was 3 + 3 + 2).
    const held = [...(await claim())];
    const first = take(held);
    expect(Object.values(first).sort()).toEqual([2, 6]);
    const part = Object.keys(first).find((id) => first[id] === 2)!;
    const left = tenants.find((id) => !(id in first))!;
    // The tenant left out is first now, and the one cut short goes back ahead of the one served whole:
    // behind it, it would be cut short every time round.
    const second = await claim();
    held.push(...second);
    expect(take(second)).toEqual({ [left]: 6, [part]: 2 });
    // Acked, the rest come out too, each item once.
    for (let i = 0; i < 10 && seen.size < 36; i++) {
      const items = await claim();
      take(items);
      for (const item of items) await queue.ack(item);
      if (items.length === 0) {
        // The first two claims' items are still leased: let them go.
        const depth = await queue.depth();
        expect(depth.filter((d) => tenants.includes(d.tenantId)).reduce((n, d) => n + d.queued, 0)).toBe(0);
        break;
      }
    }
    expect(seen.size).toBe(36);
    for (const item of held) await queue.ack(item);
  });

  it('yields to interactive work: a quarter of its slots while requests wait, every slot again after; no step lost, every tenant served', async () => {
    const tenants = await Promise.all(['yield-a', 'yield-b'].map(async (l) => (await t.tenants.create({ id: tenantId(l), isolation: 'pooled' })).id));
    for (const id of tenants) {
      await runtime.definitions.put(id, 'one', { steps: [{ id: 's0', kind: 'transform', with: { expression: '1' } }] });
      await runtime.definitions.put(id, 'three', {
        steps: [
          { id: 's0', kind: 'transform', with: { expression: '1' } },
          { id: 's1', kind: 'transform', needs: ['s0'], with: { expression: '2' } },
          { id: 's2', kind: 'transform', needs: ['s1'], with: { expression: '3' } },
        ],
      });
    }
    let waiting = 1;
    let running = 0;
    let most = 0;
    const concurrency = 8;
    const start = async (workflow: string, perTenant: number) => {
      // A few at a time: a free tenant's pool share is a few connections, and its waiters give up (429) on a busy machine.
      for (const id of tenants) {
        for (let i = 0; i < perTenant; i += 3) await Promise.all(Array.from({ length: Math.min(3, perTenant - i) }, () => runtime.runs.start(id, workflow)));
      }
    };
    const succeeded = async (id: string) =>
      t.withTenant(id, async ({ db }) => {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM runs WHERE status = 'succeeded'`.execute(db);
        return rows[0]!.n;
      });
    const allDone = async (total: number) => {
      for (let i = 0; i < 2400; i++) {
        const done = await Promise.all(tenants.map(succeeded));
        if (done.every((n) => n === total)) return done;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('runs did not finish');
    };

    // A backlog queued first, then the worker starts while requests wait: it runs a quarter of its
    // slots — its first claim would otherwise take all 8 — and the backlog still moves to the end
    // (chains too: no handoff past those slots).
    await start('one', 20);
    await start('three', 5);
    runtime.startEngine({
      concurrency,
      interactive: () => waiting,
      stepStarted: () => void (most = Math.max(most, ++running)),
      stepTime: () => void running--,
    });
    expect(await allDone(25)).toEqual([25, 25]);
    expect(yieldSlots(concurrency)).toBe(2);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(yieldSlots(concurrency));

    // The requests answered halfway through the next backlog: it takes all its slots again.
    most = 0;
    await start('one', 60);
    waiting = 0;
    expect(await allDone(85)).toEqual([85, 85]);
    expect(most).toBeGreaterThan(yieldSlots(concurrency));

    // Every step ran once: one succeeded step per one-step run, three per chain, none left queued.
    for (const id of tenants) {
      const steps = await t.withTenant(id, async ({ db }) => {
        const { rows } = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM run_steps GROUP BY status`.execute(db);
        return Object.fromEntries(rows.map((r) => [r.status, r.n]));
      });
      expect(steps).toEqual({ succeeded: 80 + 5 * 3 });
    }
    await runtime.stopEngine();
  });

  it('counts the requests being served, for at most its window, and the last answered one for a moment after', () => {
    const load = new InteractiveLoad(1000, 100);
    const a = load.begin(0);
    const b = load.begin(10);
    expect(load.waiting(20)).toBe(2);
    b(25);
    b(26); // twice: counted once
    expect(load.waiting(30)).toBe(2); // a, and b answered 5 ms ago
    expect(load.waiting(125)).toBe(1); // a only: b's moment has passed
    // A request lasting longer than the window stops counting (a long download must not hold the worker back).
    expect(load.waiting(1001)).toBe(0);
    a(1001.5); // its end, after it expired, changes nothing
    expect(load.waiting(1002)).toBe(0);
    const c = load.begin(2000);
    expect(load.waiting(2001)).toBe(1);
    c(2002);
    expect(load.waiting(2050)).toBe(1); // steady traffic keeps the worker yielding between requests
    expect(load.waiting(2102)).toBe(0);
    // Many requests: the passed ones are dropped as it goes.
    for (let i = 0; i < 5000; i++) load.begin(3000 + i / 10)(3000 + i / 10);
    expect(load.waiting(3600)).toBe(0);
  });

  it('the app counts a request while it is served, and not once it is answered (a real socket)', async () => {
    const services = Services.over(t);
    const app: TenantryApp = await buildApp({ services, adminToken: 'a'.repeat(32), cursorSecret: 'c' });
    let during = -1;
    app.get('/test-interactive', async () => {
      during = app.interactive.waiting();
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/test-interactive`);
      expect(res.status).toBe(200);
      await res.text();
      expect(during).toBe(1);
      for (let i = 0; i < 100 && app.interactive.waiting() > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(app.interactive.waiting()).toBe(0);
    } finally {
      await app.close();
      await services.close(); // not the tenantry it was given: only what it started (its sandbox)
    }
  });
});
