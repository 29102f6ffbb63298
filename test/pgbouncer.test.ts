/**
 * Tenant scopes through PgBouncer in transaction pooling mode: each transaction may land on another
 * server connection, so nothing a scope relies on may outlive its transaction (set_config(..., true)
 * settings, the role) — and no named statement may be assumed to exist on the next one. On PostgreSQL
 * the clusters are reached through the PgBouncer of .ci/pgbouncer-start (TENANTRY_TEST_PGBOUNCER_URL);
 * embedded, the same interleaving runs on PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../src/config.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { visibleRecords } from './support/seed.js';

const bouncer = process.env.TENANTRY_TEST_PGBOUNCER_URL;
if (backend === 'postgres' && !bouncer && process.env.TENANTRY_TEST_REQUIRE_POSTGRES) {
  throw new Error('TENANTRY_TEST_PGBOUNCER_URL is not set (.ci/run starts PgBouncer with .ci/pgbouncer-start)');
}
const through = backend === 'postgres' ? (bouncer ? 'through PgBouncer, transaction pooling' : 'directly: TENANTRY_TEST_PGBOUNCER_URL unset') : 'embedded';

/** `url` (a cluster of the test server) reached through PgBouncer instead, without named statements. */
function viaBouncer(url: string): string {
  const to = new URL(bouncer!);
  const u = new URL(url);
  u.host = to.host;
  u.searchParams.set('pgbouncer', 'transaction');
  return u.toString();
}

describe('?pgbouncer= on a cluster URL', () => {
  it('takes transaction or session, and refuses anything else when the configuration loads', () => {
    const url = 'postgres://u:p@127.0.0.1:6432/db';
    for (const mode of ['transaction', 'session']) expect(loadConfig({ TENANTRY_DATABASE_URL: `${url}?pgbouncer=${mode}` }).clusters[0]!.url).toContain(mode);
    expect(() => loadConfig({ TENANTRY_DATABASE_URL: `${url}?pgbouncer=statement` })).toThrow(
      "cluster 'main': ?pgbouncer= takes 'transaction' or 'session', not 'statement' (statement pooling cannot carry transactions)",
    );
    expect(() => loadConfig({ TENANTRY_CLUSTERS: `cell2=${url}?pgbouncer=yes` })).toThrow(
      "cluster 'cell2': ?pgbouncer= takes 'transaction' or 'session', not 'yes'",
    );
  });
});

describe(`tenant scopes ${through} (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const pair = { pooled: [tenantId('pgb-pool-a'), tenantId('pgb-pool-b')], schema: [tenantId('pgb-sch-a'), tenantId('pgb-sch-b')] };

  beforeAll(async () => {
    env = await createTestEnv();
    const clusters = backend === 'postgres' && bouncer ? env.config.clusters.map((c) => ({ ...c, url: viaBouncer(c.url!) })) : env.config.clusters;
    t = await env.open({ config: { clusters } });
    for (const [isolation, ids] of Object.entries(pair)) {
      for (const id of ids) {
        await t.tenants.create({ id, isolation });
        await t.withTenant(id, ({ db }) => db.insertInto('collections').values({ name: 'items' }).execute());
      }
    }
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  for (const [isolation, [A, B]] of Object.entries(pair)) {
    it(`two ${isolation} tenants writing and reading at once never see each other's rows`, async () => {
      const written = new Map<string, string[]>([
        [A!, []],
        [B!, []],
      ]);
      // Rounds of interleaved scopes (more at once than the pool has connections): each writes a row
      // and reads back everything it can see, which must be its own rows only.
      for (let round = 0; round < 6; round++) {
        await Promise.all(
          Array.from({ length: 16 }, async (_, i) => {
            const id = i % 2 === 0 ? A! : B!;
            const rowId = uuidv7();
            const seen = await t.withTenant(id, async ({ db }) => {
              await db
                .insertInto('records')
                .values({ collection: 'items', id: rowId, data: JSON.stringify({ owner: id }) })
                .execute();
              return db.selectFrom('records').select(['tenant_id', 'id']).execute();
            });
            written.get(id)!.push(rowId);
            expect(new Set(seen.map((r) => r.tenant_id))).toEqual(new Set([id]));
            expect(seen.map((r) => r.id)).toContain(rowId);
          }),
        );
      }
      for (const id of [A!, B!]) {
        const rows = await visibleRecords(t, id);
        expect(rows.map((r) => r.id).sort()).toEqual(written.get(id)!.sort());
        expect(rows.every((r) => r.tenant_id === id)).toBe(true);
      }
    });
  }
});
