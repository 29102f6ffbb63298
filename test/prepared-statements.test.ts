/**
 * A tenant scope's repeated statements are prepared on their connection (src/storage/prepared.ts): on
 * PostgreSQL each is parsed and planned once per connection instead of at every call. One connection
 * then serves the same prepared statement to every tenant that shares it — pooled tenants and schema
 * tenants, whose role and search_path differ — so these tests run everything through one connection
 * and check that each tenant still reads only its own rows; that a connection keeps a bounded number
 * of statements; and that a statement whose columns a migration changed is prepared again rather
 * than failing for ever. On PGlite nothing is prepared and the same assertions hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { adminQuery } from '../src/storage/backends/backend.js';
import { AUTO_PREPARED_PER_CONNECTION } from '../src/storage/backends/postgres.js';
import { routerOf } from '../src/storage/internals.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

describe(`prepared statements in tenant scopes (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const records = new Map<string, string>();

  /** Statements prepared on the scope's connection under statementName's names. */
  const autoPrepared = (id: string) =>
    t.withTenant(id, async ({ db }) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name like 'tenantry\\_auto\\_%'`.execute(db);
      return rows[0]!.n;
    });

  beforeAll(async () => {
    // One application connection to the main database: every scope below shares it.
    env = await createTestEnv({ poolSize: 1 });
    t = await env.open();
    for (const [label, isolation] of [
      ['prep-p1', 'pooled'],
      ['prep-p2', 'pooled'],
      ['prep-s1', 'schema'],
      ['prep-s2', 'schema'],
    ] as const) {
      const id = tenantId(label);
      await t.tenants.create({ id, isolation });
      const record = uuidv7();
      await t.withTenant(id, async ({ db }) => {
        await db.insertInto('collections').values({ name: 'items' }).execute();
        await db
          .insertInto('records')
          .values({ collection: 'items', id: record, data: JSON.stringify({ owner: id }) })
          .execute();
      });
      records.set(id, record);
    }
  });
  afterAll(async () => env?.cleanup());

  it('one connection serves the same prepared statements to pooled and schema tenants, each reading only its own rows', async () => {
    const tenants = [...records.keys()];
    // More rounds than PostgreSQL's five custom plans before it may switch to a generic one.
    for (let round = 0; round < 8; round++) {
      for (const id of tenants) {
        const rows = await t.withTenant(id, ({ db }) => db.selectFrom('records').select(['id', 'data']).where('collection', '=', 'items').execute());
        expect(rows.map((row) => (row.data as { owner: string }).owner)).toEqual([id]);
        for (const [other, record] of records) {
          // The same statement with another tenant's record id finds nothing; with its own, the record.
          const found = await t.withTenant(id, ({ db }) => db.selectFrom('records').select(['id']).where('id', '=', record).execute());
          expect(found.length, `${id} reading ${other}'s record`).toBe(other === id ? 1 : 0);
        }
        // A write through a prepared statement lands in the scope's tenant only.
        await t.withTenant(id, ({ db }) =>
          db
            .updateTable('records')
            .set({ version: round + 2 })
            .where('collection', '=', 'items')
            .execute(),
        );
      }
    }
    for (const [id, record] of records) {
      const row = await t.withTenant(id, ({ db }) => db.selectFrom('records').select(['id', 'version']).executeTakeFirstOrThrow());
      expect(row).toEqual({ id: record, version: 9 });
    }
    if (backend === 'postgres') expect(await autoPrepared(tenants[0]!)).toBeGreaterThan(0);
  });

  it(`keeps at most ${AUTO_PREPARED_PER_CONNECTION} of them on a connection, and runs an evicted one again`, async () => {
    const id = [...records.keys()][0]!;
    const distinct = AUTO_PREPARED_PER_CONNECTION + 50;
    const run = (i: number) =>
      t.withTenant(id, async ({ db }) => {
        const { rows } = await sql<{ v: number }>`select ${sql.lit(i)}::int as v`.execute(db);
        return rows[0]!.v;
      });
    for (let i = 0; i < distinct; i++) {
      expect(await run(i)).toBe(i);
      expect(await run(i)).toBe(i); // the second use is prepared
    }
    if (backend === 'postgres') {
      const kept = await autoPrepared(id);
      expect(kept).toBeLessThanOrEqual(AUTO_PREPARED_PER_CONNECTION);
      expect(kept).toBeGreaterThan(AUTO_PREPARED_PER_CONNECTION / 2);
    }
    // The first ones were closed on the server: used again, they are prepared again and answer.
    for (let i = 0; i < 5; i++) expect(await run(i)).toBe(i);
  });

  it('a statement prepared before a migration changed its columns is prepared again, and the scope that met it runs again', async () => {
    const id = [...records.keys()].find((tenant) => tenant.includes('prep-s1'))!;
    const read = () => t.withTenant(id, ({ db }) => db.selectFrom('records').select(['id', 'version']).where('collection', '=', 'items').execute());
    for (let i = 0; i < 3; i++) expect(await read()).toHaveLength(1);
    const router = routerOf(t);
    const schema = router.names.schemaTenant(id).schema;
    await adminQuery(router.controlCluster.main, `ALTER TABLE "${schema}".records ALTER COLUMN version TYPE bigint`);
    // On PostgreSQL the first use after the change meets "cached plan must not change result type": the
    // statement is prepared afresh and the scope, refused before it did anything, runs again.
    for (let i = 0; i < 4; i++) expect(await read()).toHaveLength(1);
  });
});
