import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE_PRELUDE_SQL } from '../src/storage/kysely.js';
import { POOL_SCHEMA } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { seedRecords, visibleRecords } from './support/seed.js';
import { routerOf } from '../src/storage/internals.js';

/** What an application connection taken from the pool outside any scope can see. */
async function unscopedView(t: Tenantry): Promise<{ role: string; tenant: string | null; rows: number }> {
  const lease = await routerOf(t).controlCluster.main.acquireApp();
  try {
    const result = await lease.conn.query<{ role: string; tenant: string | null; rows: number }>(
      `select current_user as role, nullif(current_setting('tenantry.tenant_id', true), '') as tenant,
              (select count(*)::int from ${POOL_SCHEMA}.records) as rows`,
    );
    return result.rows[0]!;
  } finally {
    lease.release();
  }
}

describe(`connections carry no tenant outside a scope (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const a = tenantId('hyg-a');
  const b = tenantId('hyg-b');

  beforeAll(async () => {
    env = await createTestEnv({ poolSize: 2 });
    t = await env.open();
    await t.tenants.create({ id: a, isolation: 'pooled' });
    await t.tenants.create({ id: b, isolation: 'pooled' });
    await seedRecords(t, a);
    await seedRecords(t, b);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('a connection used by scopes and returned to the pool sees no tenant rows', async () => {
    // Use every pooled connection in scopes first (read-only scopes return their connection early).
    await Promise.all(Array.from({ length: 8 }, (_, i) => visibleRecords(t, i % 2 ? a : b)));
    for (let i = 0; i < 4; i++) {
      expect(await unscopedView(t)).toEqual({ role: routerOf(t).names.appRole, tenant: null, rows: 0 });
    }
  });

  it('an error in the middle of a scope rolls back and leaves the next borrower clean', async () => {
    const id = uuidv7();
    await expect(
      t.withTenant(a, async ({ db }) => {
        await db.insertInto('records').values({ collection: 'items', id, data: '{}' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      t.withTenant(a, async ({ db }) => {
        await db.insertInto('records').values({ collection: 'items', id: uuidv7(), data: '{}' }).execute();
        await sql`select 1/0`.execute(db);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await unscopedView(t)).toEqual({ role: routerOf(t).names.appRole, tenant: null, rows: 0 });
    expect(await visibleRecords(t, a)).toHaveLength(3);
    const stray = await t.withTenant(a, ({ db }) => db.selectFrom('records').select('id').where('id', '=', id).execute());
    expect(stray).toEqual([]);
  });

  it('many concurrent scopes of different tenants on a small pool each see only their own tenant', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const who = i % 3 === 0 ? a : b;
        const rows = await visibleRecords(t, who);
        return { who, owners: new Set(rows.map((r) => r.tenant_id)), count: rows.length };
      }),
    );
    for (const r of results) {
      expect([...r.owners]).toEqual([r.who]);
      expect(r.count).toBe(3);
    }
  });

  it('a scope that writes waits for its commit; the write is visible to the next scope', async () => {
    const id = uuidv7();
    await t.withTenant(b, ({ db }) => db.insertInto('records').values({ collection: 'items', id, data: '{"x":1}' }).execute());
    const row = await t.withTenant(b, ({ db }) => db.selectFrom('records').select('data').where('id', '=', id).executeTakeFirst());
    expect(row?.data).toEqual({ x: 1 });
  });

  it('a set-up batched with a read lasts exactly as long as that read', async () => {
    const { generation } = await t.tenants.get(a);
    const lease = await routerOf(t).controlCluster.main.acquireApp();
    try {
      const inside = await lease.conn.batch<{ tenant: string }>([
        { sql: SCOPE_PRELUDE_SQL, params: [routerOf(t).names.appRole, '"tenant_pool"', a, generation, '5000', 0, '{}'] },
        { sql: "select current_setting('tenantry.tenant_id', true) as tenant, (select count(*)::int from records) as rows" },
      ]);
      expect(inside.rows[0]).toEqual({ tenant: a, rows: 3 });
      const after = await lease.conn.query<{ tenant: string | null }>("select nullif(current_setting('tenantry.tenant_id', true), '') as tenant");
      expect(after.rows[0]!.tenant).toBeNull();
    } finally {
      lease.release();
    }
  });

  it('a read that fails together with its set-up leaves every connection usable', async () => {
    // Plain reads travel with the (prepared) set-up in one batch; make that batch fail on each connection.
    for (let i = 0; i < 4; i++) {
      await expect(
        t.withTenant(a, ({ db }) =>
          db
            .selectFrom('records')
            .select(sql<number>`1 / (version - version)`.as('x'))
            .execute(),
        ),
      ).rejects.toThrow(/division by zero/);
    }
    const again = await Promise.all(Array.from({ length: 6 }, () => visibleRecords(t, a)));
    expect(again.every((rows) => rows.length === 3 && rows.every((r) => r.tenant_id === a))).toBe(true);
    expect(await unscopedView(t)).toEqual({ role: routerOf(t).names.appRole, tenant: null, rows: 0 });
  });

  // Embedded, there is no server to end a connection.
  if (backend === 'postgres') {
    it('a connection the server ends between two statements of a scope fails that scope only; the process and the next scope are fine', async () => {
      const admin = routerOf(t).controlCluster.main;
      const error = await t
        .withTenant(a, async ({ db }) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
          const lease = await admin.acquireAdmin();
          try {
            await lease.conn.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
          } finally {
            lease.release();
          }
          // The termination arrives while this scope runs no statement: pg emits 'error' on the client.
          await new Promise((r) => setTimeout(r, 200));
          await db.selectFrom('records').select('id').execute();
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((await visibleRecords(t, a)).length).toBeGreaterThan(0);
      expect(await unscopedView(t)).toMatchObject({ tenant: null, rows: 0 });
    });
  }

  it('a scope handle cannot be used after its scope ended', async () => {
    let leaked: Parameters<Parameters<Tenantry['withTenant']>[1]>[0]['db'] | undefined;
    await t.withTenant(a, async ({ db }) => {
      leaked = db;
      await db.selectFrom('records').select('id').limit(1).execute();
    });
    await expect(leaked!.selectFrom('records').selectAll().execute()).rejects.toThrow(/scope has ended/);
  });

  it('a single-statement scope commits its write with the statement, allows no second one, and leaves no tenant behind', async () => {
    const id = uuidv7();
    const single = { singleStatement: true };
    await t.withTenant(a, ({ db }) => db.insertInto('records').values({ collection: 'items', id, data: '{"n":1}' }).execute(), single);
    // Committed: another scope sees it; the connection went back clean.
    expect((await visibleRecords(t, a)).some((r) => r.id === id)).toBe(true);
    expect(await unscopedView(t)).toEqual({ role: routerOf(t).names.appRole, tenant: null, rows: 0 });
    // A failing single statement leaves nothing (its implicit transaction rolls back).
    await expect(
      t.withTenant(a, ({ db }) => db.insertInto('records').values({ collection: 'no_such_collection', id: uuidv7(), data: '{}' }).execute(), single),
    ).rejects.toThrow(/foreign key/);
    // Two statements: the second is refused (a programming error); the first was already committed
    // with its own round trip, which is what a single-statement scope means.
    const other = uuidv7();
    await expect(
      t.withTenant(
        a,
        async ({ db }) => {
          await db.insertInto('records').values({ collection: 'items', id: other, data: '{}' }).execute();
          await db.selectFrom('records').select('id').execute();
        },
        single,
      ),
    ).rejects.toThrow(/single statement/);
    expect((await visibleRecords(t, a)).some((r) => r.id === other)).toBe(true);
    expect((await visibleRecords(t, b)).some((r) => r.id === id || r.id === other)).toBe(false);
    for (let i = 0; i < 4; i++) expect(await unscopedView(t)).toEqual({ role: routerOf(t).names.appRole, tenant: null, rows: 0 });
  });
});
