import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { sql } from 'kysely';
import { adminQuery, type DatabaseBackend } from '../src/storage/backends/backend.js';
import { tenantRlsSql, TENANT_ID_COLUMN } from '../src/storage/ddl.js';
import { TENANT_MIGRATIONS, type Migration } from '../src/storage/migrations/tenant-migrations.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';
import { STRATEGIES } from './support/placements.js';

const NOTES: Migration = {
  version: TENANT_MIGRATIONS.length + 1,
  name: 'notes',
  sql: `CREATE TABLE notes (${TENANT_ID_COLUMN}, id uuid NOT NULL, body text NOT NULL, PRIMARY KEY (tenant_id, id));
${tenantRlsSql('notes')};`,
};
const WITH_NOTES = [...TENANT_MIGRATIONS, NOTES];

// Embedded tenant databases are whole PGlite instances (seconds to create), so fewer of them there.
const MIX: Record<Isolation, number> = backend === 'pglite' ? { pooled: 22, schema: 24, database: 4 } : { pooled: 17, schema: 17, database: 16 };

async function tablesNamed(db: DatabaseBackend, table: string): Promise<string[]> {
  const { rows } = await adminQuery<{ schema: string }>(db, 'select schemaname as schema from pg_tables where tablename = $1 order by 1', [table]);
  return rows.map((r) => r.schema);
}

describe(`tenant migrations fan out, report failures and resume (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const ids: Record<Isolation, string[]> = { pooled: [], schema: [], database: [] };
  let victim: string;

  beforeAll(async () => {
    env = await createTestEnv({ maxOpenDatabases: 2 });
    t = await env.open();
    for (const isolation of STRATEGIES) {
      for (let i = 0; i < MIX[isolation]; i++) {
        const id = tenantId(`m${isolation[0]}${i}`);
        await t.tenants.create({ id, isolation });
        ids[isolation].push(id);
      }
    }
    victim = ids.schema[3]!;
    // Sabotage one tenant: a table already sitting where migration 2 wants to create one.
    await adminQuery(routerOf(t).controlCluster.main, `create table "${routerOf(t).names.schemaTenant(victim).schema}".notes (x int)`);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('a dry run lists every pending location and changes nothing', async () => {
    const next = await env.open({ migrations: WITH_NOTES });
    {
      const report = await next.migrate({ dryRun: true });
      // One pool per cluster, one location per schema or database tenant.
      expect(report.total).toBe(1 + MIX.schema + MIX.database);
      expect(report.failed).toEqual([]);
      expect(report.results.every((r) => r.versions.join() === String(NOTES.version))).toBe(true);
      expect(report.results.find((r) => r.key === 'main/pooled')!.tenants.sort()).toEqual([...ids.pooled].sort());
      expect(await tablesNamed(routerOf(next).controlCluster.main, 'notes')).toEqual([routerOf(t).names.schemaTenant(victim).schema]);
    }
  });

  it('migrates everyone else past a failing tenant, reports it, and a re-run after the fix completes', async () => {
    const next = await env.open({ migrations: WITH_NOTES });
    {
      let maxOpen = 0;
      const progress: number[] = [];
      const report = await next.migrate({
        concurrency: 4,
        onProgress: ({ done }) => {
          progress.push(done);
          maxOpen = Math.max(maxOpen, routerOf(next).openDatabaseCount);
        },
      });
      expect(progress).toEqual(Array.from({ length: report.total }, (_, i) => i + 1));
      expect(maxOpen).toBeLessThanOrEqual(2);
      expect(report.failed.map((f) => f.tenants)).toEqual([[victim]]);
      expect(report.failed[0]!.error).toMatch(/already exists/);
      expect(report.results.filter((r) => !r.error).every((r) => r.versions.join() === String(NOTES.version))).toBe(true);

      // Migrated tenants can use the new table, still isolated.
      const [p1, p2] = ids.pooled;
      for (const id of [p1!, ids.schema[0]!, ids.database[0]!]) {
        await next.withTenant(id, ({ db }) => sql`insert into notes (id, body) values (${uuidv7()}, ${id})`.execute(db));
      }
      const seen = await next.withTenant(p2!, ({ db }) => sql<{ body: string }>`select body from notes`.execute(db));
      expect(seen.rows).toEqual([]);

      // The failed tenant is still at the previous version and still works.
      const schemas = await tablesNamed(routerOf(next).controlCluster.main, 'notes');
      expect(schemas).toContain(routerOf(t).names.schemaTenant(victim).schema);
      expect(await next.withTenant(victim, ({ db }) => db.selectFrom('records').selectAll().execute())).toEqual([]);

      // Fix and run again: only the failed location has work left.
      await adminQuery(routerOf(next).controlCluster.main, `drop table "${routerOf(t).names.schemaTenant(victim).schema}".notes`);
      const rerun = await next.migrate({ concurrency: 4 });
      expect(rerun.failed).toEqual([]);
      expect(rerun.results.filter((r) => r.versions.length > 0).map((r) => r.tenants)).toEqual([[victim]]);
      const again = await next.migrate();
      expect(again.results.every((r) => r.versions.length === 0 && !r.error)).toBe(true);

      // A tenant created now starts at the latest version.
      const fresh = tenantId('fresh');
      await next.tenants.create({ id: fresh, isolation: 'schema' });
      await next.withTenant(fresh, ({ db }) => sql`insert into notes (id, body) values (${uuidv7()}, 'hi')`.execute(db));
    }
  });
});
