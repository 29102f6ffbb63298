import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, type DatabaseBackend } from '../src/storage/backends/backend.js';
import { CATALOG_SCHEMA, POOL_SCHEMA } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';

/** Tables, columns, keys, indexes and policies of one schema, as stable text. */
async function describeSchema(db: DatabaseBackend, schema: string): Promise<string> {
  const columns = await adminQuery<{ line: string }>(
    db,
    `select c.table_name || '.' || c.column_name || ' ' || c.data_type || case when c.is_nullable = 'NO' then ' not null' else '' end
            || coalesce(' default ' || c.column_default, '') as line
       from information_schema.columns c where c.table_schema = $1 order by c.table_name, c.ordinal_position`,
    [schema],
  );
  const indexes = await adminQuery<{ line: string }>(
    db,
    `select replace(indexdef, $1 || '.', '') as line from pg_indexes where schemaname = $1 order by tablename, indexname`,
    [schema],
  );
  const policies = await adminQuery<{ line: string }>(
    db,
    `select tablename || ' policy ' || policyname || ' ' || cmd || ' using ' || coalesce(qual, '') || ' check ' || coalesce(with_check, '') as line
       from pg_policies where schemaname = $1 order by tablename, policyname`,
    [schema],
  );
  return (
    ['-- columns', ...columns.rows, '-- indexes', ...indexes.rows, '-- policies', ...policies.rows]
      .map((r) => (typeof r === 'string' ? r : r.line))
      .join('\n') + '\n'
  );
}

/**
 * The schema the migrations produce, compared with the dump checked in under test/schema/: a change to
 * a migration shows up in review as a change to that file, and drift between backends fails here.
 * After an intended change, regenerate with `npx vitest run test/schema-drift.test.ts -u` and commit.
 */
describe(`migrated schemas match the checked-in dump (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    await t.tenants.create({ id: tenantId('drift'), isolation: 'pooled' });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('tenant tables', async () => {
    await expect(await describeSchema(routerOf(t).controlCluster.main, POOL_SCHEMA)).toMatchFileSnapshot('./schema/tenant-tables.txt');
  });

  it('catalog tables', async () => {
    await expect(await describeSchema(routerOf(t).controlCluster.main, CATALOG_SCHEMA)).toMatchFileSnapshot('./schema/catalog-tables.txt');
  });
});
