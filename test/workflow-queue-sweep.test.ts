import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenantry } from '../src/tenantry.js';
import { WorkQueue } from '../src/workflows/queue.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

/**
 * Idle tenants leave the queue's claim scan (WorkQueue.sweepIdle) and come back with their next
 * enqueue; on PostgreSQL, enqueues racing sweeps lose nothing (a sweep deleting a tenant's row would
 * take an item queued meanwhile with it: ON DELETE CASCADE). Queue-level, no worker: fast.
 */
describe(`the workflow queue sweeps idle tenants out of its claim scan (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let queue: WorkQueue;
  const rows = async () => (await queue.depth()).map((d) => d.tenantId);

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    queue = new WorkQueue(t.storage.control);
  });

  afterAll(async () => {
    await t?.close();
    await env?.cleanup();
  });

  it("removes an idle tenant's row, keeps a busy one's, and puts it back on the next enqueue", async () => {
    const idle = (await t.tenants.create({ id: tenantId('sweep-idle'), isolation: 'pooled' })).id;
    const busy = (await t.tenants.create({ id: tenantId('sweep-busy'), isolation: 'pooled' })).id;
    const [run1, run2, run3] = [randomUUID(), randomUUID(), randomUUID()];
    await queue.enqueue(idle, run1, ['s']);
    await queue.enqueue(busy, run2, ['s']);
    await queue.enqueue(busy, run3, ['s'], new Date(Date.now() + 3_600_000)); // queued, not due: still work

    // While it has an item, queued or claimed, a tenant keeps its row.
    expect(await queue.sweepIdle()).toEqual([]);
    const claimed = await queue.claim(10, 60_000, 'w');
    expect(claimed.map((i) => i.tenantId).sort()).toEqual([idle, busy].sort());
    expect(await queue.sweepIdle()).toEqual([]);

    for (const item of claimed) await queue.ack(item);
    expect(await queue.sweepIdle()).toEqual([idle]);
    expect(await rows()).toEqual([busy]);
    expect(await queue.depth()).toEqual([{ tenantId: busy, queued: 1, running: 0 }]);
    // Its run history is still looked after (retention) although it left the queue.
    expect(await queue.tenantsWithRuns()).toEqual(expect.arrayContaining([idle, busy]));

    // Its next step brings the row back, and the step is claimed as before.
    const run4 = randomUUID();
    await queue.enqueue(idle, run4, ['s']);
    expect((await rows()).sort()).toEqual([idle, busy].sort());
    const again = await queue.claim(10, 60_000, 'w');
    expect(again.map((i) => [i.tenantId, i.runId])).toEqual([[idle, run4]]);
    await queue.ack(again[0]!);
    expect(await queue.sweepIdle()).toEqual([idle]);
  });

  if (backend === 'postgres') {
    it("queues an item whose tenant's row a sweep deletes under it (the foreign-key check fails; the enqueue tries again)", async () => {
      const { schema } = t.storage.control;
      const id = (await t.tenants.create({ id: tenantId('sweep-retry'), isolation: 'pooled' })).id;
      const first = randomUUID();
      await queue.enqueue(id, first, ['s']);
      await queue.dropRun(id, first); // idle: the row is there, no items
      // A sweep between its two statements: it holds the idle row locked, and deletes it once the
      // enqueue below has found the row there and waits on the lock in its foreign-key check.
      const sweeper = new pg.Client({ connectionString: t.config.clusters[0]!.url });
      await sweeper.connect();
      try {
        await sweeper.query('BEGIN');
        await sweeper.query(`SELECT 1 FROM ${schema}.queue_tenants WHERE tenant_id = $1 FOR UPDATE`, [id]);
        const run = randomUUID();
        const enqueued = queue.enqueue(id, run, ['s']).then(
          () => 'queued',
          (error: unknown) => error,
        );
        // (Asked on a connection of its own: pg_stat_activity stays as first read within a transaction.)
        const waiting = async () =>
          (
            await t.storage.control.executeSql(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%queue_tenants%work_items%' AND pid <> $1`,
              [(await sweeper.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid],
            )
          ).length;
        for (let i = 0; i < 500 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 10));
        expect(await waiting()).toBe(1);
        await sweeper.query(`DELETE FROM ${schema}.queue_tenants WHERE tenant_id = $1`, [id]);
        await sweeper.query('COMMIT');
        expect(await enqueued).toBe('queued');
        const items = await t.storage.control.executeSql<{ run_id: string }>(`SELECT run_id::text FROM ${schema}.work_items WHERE tenant_id = $1`, [id]);
        expect(items.map((r) => r.run_id)).toEqual([run]);
        expect((await queue.depth()).find((d) => d.tenantId === id)).toEqual({ tenantId: id, queued: 1, running: 0 });
      } finally {
        await sweeper.query('ROLLBACK').catch(() => {});
        await sweeper.end();
      }
    });

    it('loses no item to sweeps racing enqueues (PostgreSQL: concurrent connections)', async () => {
      // Tenants standing for many (catalog rows: the queue reads nothing else of a tenant), each going
      // idle and getting its next item over and over while sweeps run back to back.
      const { schema } = t.storage.control;
      const real = (await t.tenants.create({ id: tenantId('sweep-race'), isolation: 'pooled' })).id;
      const ids = (
        await t.storage.control.executeSql<{ id: string }>(
          `INSERT INTO ${schema}.tenants (id, name, tier, isolation, cluster, status)
           SELECT r.id || '-' || g, r.name, r.tier, r.isolation, r.cluster, r.status FROM ${schema}.tenants r, generate_series(1, 40) g WHERE r.id = $1
           RETURNING id`,
          [real],
        )
      ).map((r) => r.id);
      const itemOf = async (id: string, run: string) =>
        (await t.storage.control.executeSql(`SELECT 1 FROM ${schema}.work_items WHERE tenant_id = $1 AND run_id = $2::uuid`, [id, run])).length;
      let racing = true;
      let swept = 0;
      const sweeps = Array.from({ length: 3 }, async () => {
        while (racing) {
          const gone = await queue.sweepIdle();
          swept += gone.length;
        }
      });
      const lost: string[] = [];
      try {
        await Promise.all(
          ids.map(async (id) => {
            for (let i = 0; i < 12; i++) {
              const run = randomUUID();
              await queue.enqueue(id, run, ['s']);
              if ((await itemOf(id, run)) !== 1) lost.push(`${id}: ${run}`);
              await queue.dropRun(id, run); // idle again
            }
          }),
        );
      } finally {
        racing = false;
        await Promise.all(sweeps);
      }
      expect(lost).toEqual([]);
      // The race was run: sweeps took the tenants' rows while enqueues came.
      expect(swept).toBeGreaterThan(ids.length);
    });
  }
});
