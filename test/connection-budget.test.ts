import fs from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantryError } from '../src/errors.js';
import { ConnectionBudget } from '../src/storage/connection-budget.js';
import { routerOf } from '../src/storage/internals.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, serverUrl, tenantId, type TestEnv } from './support/harness.js';
import { seedRecords, visibleRecords } from './support/seed.js';

describe('the connection budget (unit)', () => {
  it('hands places out FIFO, asks for room when full, and refuses with 503 busy after the wait', async () => {
    const budget = new ConnectionBudget(2, 100);
    let asked = 0;
    budget.onPressure(async () => (asked++, false));
    const a = await budget.acquire();
    const b = await budget.acquire();
    expect(budget.held).toBe(2);
    const order: string[] = [];
    const c = budget.acquire().then((release) => (order.push('c'), release));
    const d = budget.acquire().then((release) => (order.push('d'), release));
    await new Promise((r) => setTimeout(r, 10));
    expect(budget.waiting).toBe(2);
    expect(asked).toBeGreaterThan(0);
    a();
    a(); // a second release of one place gives nothing back twice
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(budget.held).toBe(2);
    const error = await d.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantryError);
    expect((error as TenantryError).code).toBe('busy');
    expect(budget.waiting).toBe(0);
    b();
    releaseC();
    expect(budget.held).toBe(0);
  });
});

/** Local ports of this machine's established TCP connections (Linux: /proc/net/tcp and tcp6; state 01). */
async function establishedLocalPorts(): Promise<Set<number>> {
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '01' && local) ports.add(parseInt(local.split(':')[1]!, 16));
    }
  }
  return ports;
}

// PGlite holds no server connections: the budget is PostgreSQL's.
if (backend === 'postgres') {
  describe('the connection budget on PostgreSQL', () => {
    const MAX = 12;
    // The figure is 200 (TENANTRY_TEST_BUDGET_TENANTS=200, about a minute: each tenant is a
    // CREATE DATABASE, its migrations and a DROP). CI runs 40, over three times MAX: the loop cannot
    // get through without the budget closing idle connections, which the test checks it did.
    const TENANTS = Number(process.env.TENANTRY_TEST_BUDGET_TENANTS ?? 40);
    let env: TestEnv;
    let t: Tenantry;
    const ids: string[] = [];
    let admin: pg.Client;

    beforeAll(async () => {
      // Far more tenant databases may be open than connections allowed: the budget, not the count of
      // open databases, is what holds the connections down.
      env = await createTestEnv({ maxConnections: MAX, maxOpenDatabases: TENANTS, poolSize: 4 });
      t = await env.open();
      for (let i = 0; i < TENANTS; i++) ids.push(tenantId(`cb${i}`));
      // Provisioned a few at a time, as a platform would.
      for (let i = 0; i < ids.length; i += 10) {
        await Promise.all(ids.slice(i, i + 10).map((id) => t.tenants.create({ id, isolation: 'database' })));
      }
      admin = new pg.Client({ connectionString: serverUrl() });
      await admin.connect();
    }, 180_000);

    afterAll(async () => {
      await admin?.end();
      await env?.cleanup();
    }, 180_000);

    /**
     * Sessions the server has open on this environment's databases (its main one and every tenant's),
     * leaving out those whose client socket is already closed on this machine: a backend lingers in
     * pg_stat_activity for a moment after its client has gone, while the budget has the place back.
     */
    async function serverConnections(): Promise<number> {
      const names = routerOf(t).names;
      const databases = [new URL(env.config.clusters[0]!.url!).pathname.slice(1), ...ids.map((id) => names.databaseTenant(id).database)];
      const { rows } = await admin.query<{ port: number }>('select client_port as port from pg_stat_activity where datname = any($1)', [databases]);
      const open = await establishedLocalPorts();
      return rows.filter((r) => open.has(r.port)).length;
    }

    it(`${TENANTS} database tenants touched in a loop never hold more than ${MAX} server connections`, async () => {
      // Asked whenever a connection has to wait for a place in the budget (it closes nothing: the pools
      // close their idle connections). The count shows the loop ran into the budget.
      let pressure = 0;
      const stopCounting = routerOf(t).budget!.onPressure(async () => (pressure++, false));
      let most = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          most = Math.max(most, await serverConnections());
          await new Promise((r) => setTimeout(r, 15));
        }
      })();
      try {
        // Two rounds over every tenant, eight at a time: each write and read opens the tenant's database.
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < ids.length; i += 8) {
            await Promise.all(
              ids.slice(i, i + 8).map(async (id) => {
                await seedRecords(t, id, 1);
                expect(await visibleRecords(t, id)).toHaveLength(round + 1);
              }),
            );
          }
        }
      } finally {
        sampling = false;
        await sampler;
        stopCounting();
      }
      expect(pressure, 'connections waited for a place in the budget').toBeGreaterThan(0);
      expect(most).toBeGreaterThan(0);
      expect(most, `at most ${MAX} connections, the server saw ${most}`).toBeLessThanOrEqual(MAX);
      expect(routerOf(t).budget!.held).toBeLessThanOrEqual(MAX);
      // Each tenant still sees only its own records after its database was closed and opened again.
      const sample = await visibleRecords(t, ids[0]!);
      expect(sample.every((r) => r.tenant_id === ids[0])).toBe(true);
    }, 120_000);
  });
}
