import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../src/storage/names.js';
import { routerOf } from '../src/storage/internals.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { STRATEGIES } from './support/placements.js';
import { seedRecords, visibleRecords } from './support/seed.js';

/** Run `statement` inside `attacker`'s scope; resolve the rows it returned, or 'error' if it was refused. */
async function attempt(t: Tenantry, attacker: string, statement: ReturnType<typeof sql>): Promise<unknown[] | 'error'> {
  try {
    return await t.withTenant(attacker, async ({ db }) => (await statement.execute(db)).rows as unknown[]);
  } catch {
    return 'error';
  }
}

function tableOf(t: Tenantry, isolation: Isolation, id: string): string {
  const { names: of } = routerOf(t);
  const names = isolation === 'pooled' ? of.pooled() : isolation === 'schema' ? of.schemaTenant(id) : of.databaseTenant(id);
  return `${quoteIdent(names.schema)}.records`;
}

describe(`tenant isolation across strategy pairs (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  // Two tenants per strategy: [0] plays A, [1] plays B, so same-strategy pairs are covered too.
  const tenants = {} as Record<Isolation, [string, string]>;
  const records = new Map<string, string[]>();

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    for (const isolation of STRATEGIES) {
      tenants[isolation] = [tenantId(`${isolation.slice(0, 3)}-a`), tenantId(`${isolation.slice(0, 3)}-b`)];
      for (const id of tenants[isolation]) {
        await t.tenants.create({ id, isolation });
        records.set(id, await seedRecords(t, id));
      }
    }
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  for (const a of STRATEGIES) {
    for (const b of STRATEGIES) {
      it(`${a} tenant A cannot read, update or delete ${b} tenant B's rows`, async () => {
        const A = tenants[a][0];
        const B = tenants[b][1];
        const bIds = records.get(B)!;
        const before = await visibleRecords(t, B);
        expect(before).toHaveLength(3);

        // A's own scope sees exactly A's rows.
        const own = await visibleRecords(t, A);
        expect(own.map((r) => r.tenant_id)).toEqual([A, A, A]);

        // Filtering on B's tenant id or B's record ids finds nothing.
        const byTenant = await t.withTenant(A, ({ db }) => db.selectFrom('records').selectAll().where('tenant_id', '=', B).execute());
        expect(byTenant).toEqual([]);
        const byId = await t.withTenant(A, ({ db }) => db.selectFrom('records').selectAll().where('id', 'in', bIds).execute());
        expect(byId).toEqual([]);

        // Writes aimed at B's rows change nothing.
        const updated = await t.withTenant(A, ({ db }) =>
          db
            .updateTable('records')
            .set({ data: JSON.stringify({ owner: A }) })
            .where('id', 'in', bIds)
            .executeTakeFirst(),
        );
        expect(Number(updated.numUpdatedRows)).toBe(0);
        const deleted = await t.withTenant(A, ({ db }) => db.deleteFrom('records').where('tenant_id', '=', B).executeTakeFirst());
        expect(Number(deleted.numDeletedRows)).toBe(0);

        // Inserting a row that claims to be B's is refused by the policy's WITH CHECK.
        await expect(
          t.withTenant(A, ({ db }) =>
            db
              .insertInto('records')
              .values({ tenant_id: B, collection: 'items', id: crypto.randomUUID(), data: '{}' } as never)
              .execute(),
          ),
        ).rejects.toThrow();

        // Raw SQL naming B's table (its schema, or the pool), with and without B's id.
        const bTable = sql.raw(tableOf(t, b, B));
        for (const statement of [
          sql`select * from ${bTable}`,
          sql`select * from ${bTable} where tenant_id = ${B}`,
          sql`update ${bTable} set version = version + 1 where tenant_id = ${B} returning id`,
          sql`delete from ${bTable} where tenant_id = ${B} returning id`,
        ]) {
          const outcome = await attempt(t, A, statement);
          // Refused, or only ever A's own rows (two database tenants both call their table tenant_data.records).
          if (outcome !== 'error') {
            for (const row of outcome as Array<{ id: string; tenant_id?: string }>) {
              expect(bIds).not.toContain(row.id);
              if (row.tenant_id !== undefined) expect(row.tenant_id).toBe(A);
            }
          }
        }

        if (a === 'schema' && b === 'pooled') {
          const outcome = await attempt(t, A, sql`select * from ${sql.raw(tableOf(t, 'pooled', B))}`);
          expect(outcome).toBe('error'); // a schema tenant's role has no access to the pool at all
        }

        expect(await visibleRecords(t, B)).toEqual(before);
      });
    }
  }
});
