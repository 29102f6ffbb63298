import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter, parseFilter } from '../src/records/query.js';
import { RecordsService } from '../src/records/records.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { adminQuery, adminTransaction } from '../src/storage/backends/backend.js';
import { scopeBaseKysely } from '../src/storage/kysely.js';
import { quoteIdent } from '../src/storage/names.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';

const STRATEGIES: Isolation[] = ['pooled', 'schema', 'database'];

/**
 * A collection's declared indexes are expression indexes on `data #> '{path}'`, and PostgreSQL uses
 * one for a condition only if the condition spells the very same expression. Both are compiled by
 * jsonPathSql; this checks the result where it matters: a collection made through RecordsService
 * alone (no HTTP route around it) has its indexes, and the planner takes the filters RecordsService
 * compiles (compileFilter, the WHERE of every record query) as conditions of those indexes.
 *
 * The plans are the owner's, outside the tenant's row-level security: under it the planner takes a
 * condition as an index condition only if its functions are LEAKPROOF, and jsonb's `#>` and `=` are
 * not, so inside a tenant scope the indexes serve no filter today whatever the expression.
 */
describe(`record indexes serve the filters compiled for them (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let sandbox: Sandbox;
  let records: RecordsService;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    sandbox = new Sandbox();
    records = new RecordsService(t, sandbox);
  });

  afterAll(async () => {
    await sandbox?.close();
    await env?.cleanup();
  });

  /** Run `fn` as the owner of the tenant's location, with the schema its tables live in. */
  const asOwner = async <T>(tenant: string, fn: (db: Parameters<typeof adminQuery>[0], schema: string) => Promise<T>): Promise<T> => {
    const location = await routerOf(t).open((await t.catalog.get(tenant))!);
    try {
      return await fn(location.db, quoteIdent(location.names.schema));
    } finally {
      location.release();
    }
  };

  /** The tenant's record indexes on `collection`: their names and indexed expressions. */
  const indexesOf = (tenant: string, collection: string) =>
    asOwner(tenant, async (db) => {
      const { rows } = await adminQuery<{ name: string; expr: string }>(
        db,
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid, 1, true) AS expr FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname LIKE 'rx\\_%' AND pg_get_expr(i.indpred, i.indrelid) LIKE $1 ORDER BY expr`,
        [`%'${tenant}'%'${collection}'%`],
      );
      return rows;
    });

  /** The plan of the records of `collection` that `filter` (compiled as record queries compile it) matches. */
  const planOf = (tenant: string, collection: string, filter: Record<string, unknown>) =>
    asOwner(tenant, (db, schema) =>
      adminTransaction(db, async (conn) => {
        // Not a sequential scan, which the planner may rightly prefer for a few hundred records: whether
        // the index can serve the condition is the question here, not whether it is worth it.
        await conn.query('SET LOCAL enable_seqscan = off');
        const query = sql`EXPLAIN SELECT id FROM ${sql.raw(schema)}.records
           WHERE tenant_id = ${tenant} AND collection = ${collection} AND ${compileFilter(parseFilter(filter))}`.compile(scopeBaseKysely());
        const { rows } = await conn.query<{ 'QUERY PLAN': string }>(query.sql, query.parameters);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      }),
    );

  for (const isolation of STRATEGIES) {
    it(`a ${isolation} tenant's collection made through RecordsService has its indexes, and compiled filters are their conditions`, async () => {
      const id = tenantId(`ix-${isolation}`);
      await t.tenants.create({ id, isolation });
      await records.createCollection(id, { name: 'items', indexes: ['status', 'size.n'] });
      await records.create(
        id,
        'items',
        Array.from({ length: 400 }, (_, i) => ({ status: i % 100 === 0 ? 'rare' : 'common', size: { n: i } })),
      );
      await asOwner(id, (db, schema) => adminQuery(db, `ANALYZE ${schema}.records`));

      const indexes = await indexesOf(id, 'items');
      expect(indexes.map((x) => x.expr)).toEqual([`(data #> '{size,n}'::text[])`, `(data #> '{status}'::text[])`]);
      const [size, status] = indexes.map((x) => x.name);

      for (const [filter, index, expr] of [
        [{ status: 'rare' }, status, `'{status}'`],
        [{ status: { $in: ['rare', 'none'] } }, status, `'{status}'`],
        [{ 'size.n': { $gte: 395 } }, size, `'{size,n}'`],
      ] as const) {
        const plan = await planOf(id, 'items', filter);
        expect(plan, JSON.stringify(filter)).toContain(index);
        expect(plan, JSON.stringify(filter)).toMatch(new RegExp(`Index Cond: .*\\(data #> ${expr}::text\\[\\]\\)`));
      }
      // What the queries answer is another test's subject (records-query); here, that they run.
      expect((await records.queryRecords(id, 'items', { filter: parseFilter({ status: 'rare' }), limit: 10 })).items).toHaveLength(4);

      // Indexes follow the declaration, and go with the collection.
      await records.updateCollection(id, 'items', { indexes: ['status'] });
      expect((await indexesOf(id, 'items')).map((x) => x.expr)).toEqual([`(data #> '{status}'::text[])`]);
      await records.deleteCollection(id, 'items');
      expect(await indexesOf(id, 'items')).toEqual([]);
    });
  }
});
