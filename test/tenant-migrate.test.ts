import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { sql } from 'kysely';
import { adminQuery, type DatabaseBackend } from '../src/storage/backends/backend.js';
import { tenantRlsSql, TENANT_ID_COLUMN } from '../src/storage/ddl.js';
import { TENANT_MIGRATIONS, type Migration } from '../src/storage/migrations/tenant-migrations.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, serverUrl, tenantId, type TestEnv } from './support/harness.js';
import { POOL_SCHEMA, quoteIdent } from '../src/storage/names.js';
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

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/src/cli/main.js');

/**
 * Undo tenant migration 6 at a location (its index back as migration 4 made it, its record gone), so
 * that `tenantry migrate` has it to apply again. Migration 6 is not idempotent (CREATE INDEX, DROP
 * INDEX): applying it twice at one location fails, so "applied exactly once" is checked by the runs.
 */
function undoMigration6(schema: string): string {
  const s = quoteIdent(schema);
  return `DROP INDEX ${s}.runs_by_workflow;
CREATE INDEX runs_workflow_created ON ${s}.runs (tenant_id, workflow, id DESC);
DELETE FROM ${s}._migrations WHERE version = 6;`;
}

// A fan-out migration killed outright (SIGKILL) mid-way, then run again by two processes at once.
// Several processes on one database: PostgreSQL only (an embedded data directory is one process's).
if (backend === 'postgres') {
  describe('a fan-out migration killed with SIGKILL resumes, applying each migration exactly once', () => {
    const SCHEMAS = 12;
    let env: TestEnv;
    let t: Tenantry;
    const schemas: string[] = [];

    beforeAll(async () => {
      env = await createTestEnv();
      t = await env.open();
      for (let i = 0; i < SCHEMAS; i++) {
        const id = tenantId(`ks${i}`);
        await t.tenants.create({ id, isolation: 'schema' });
        schemas.push(routerOf(t).names.schemaTenant(id).schema);
      }
      await t.tenants.create({ id: tenantId('kp'), isolation: 'pooled' });
      const main = routerOf(t).controlCluster.main;
      for (const schema of [POOL_SCHEMA, ...schemas]) await adminQuery(main, `do $$ begin ${undoMigration6(schema).replaceAll('\n', ' ')} end $$`);
    }, 120_000);

    afterAll(async () => {
      await env?.cleanup();
    }, 120_000);

    function migrate(...args: string[]) {
      const child = spawn(process.execPath, [CLI, 'migrate', '--json', ...args], {
        env: { ...process.env, TENANTRY_DATABASE_URL: env.config.clusters[0]!.url!, TENANTRY_DATA_DIR: env.config.dataDir, TENANTRY_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
      );
      return { child, exited };
    }

    /** For each location: how many times version 6 is recorded, and whether the new index exists. */
    async function state(): Promise<Array<{ schema: string; recorded: number; indexed: boolean }>> {
      const main = routerOf(t).controlCluster.main;
      const out = [];
      for (const schema of [POOL_SCHEMA, ...schemas]) {
        const s = quoteIdent(schema);
        const { rows } = await adminQuery<{ recorded: number; indexed: boolean }>(
          main,
          `select (select count(*)::int from ${s}._migrations where version = 6) as recorded,
                  exists (select 1 from pg_indexes where schemaname = $1 and indexname = 'runs_by_workflow') as indexed`,
          [schema],
        );
        out.push({ schema, ...rows[0]! });
      }
      return out;
    }

    it('is killed while blocked at one location, leaves each location whole, and two runs at once finish the rest', async () => {
      // Hold the advisory lock a migrator takes for one schema, so the run stops there for sure.
      const blocker = new pg.Client({ connectionString: env.config.clusters[0]!.url! });
      await blocker.connect();
      const blocked = schemas[SCHEMAS / 2]!;
      await blocker.query('select pg_advisory_lock(hashtext($1))', [`tenantry:migrate:${blocked}`]);
      const observer = new pg.Client({ connectionString: serverUrl() });
      await observer.connect();
      try {
        const first = migrate('--concurrency', '1');
        // Wait until the run is waiting on that lock, then kill it outright.
        for (let i = 0; ; i++) {
          const { rows } = await observer.query<{ n: number }>(
            `select count(*)::int as n from pg_locks l join pg_stat_activity a using (pid)
              where l.locktype = 'advisory' and not l.granted and a.datname = $1`,
            [new URL(env.config.clusters[0]!.url!).pathname.slice(1)],
          );
          if (rows[0]!.n > 0) break;
          if (i > 600)
            throw new Error(`the migration never reached the blocked location:\n${await Promise.race([first.exited.then((e) => e.stderr), 'still running'])}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        first.child.kill('SIGKILL');
        expect((await first.exited).signal).toBe('SIGKILL');
      } finally {
        await blocker.end();
        await observer.end();
      }

      const mid = await state();
      // Whole migrations only: recorded exactly when the index is there, never twice.
      for (const s of mid) expect(s.recorded === 1, s.schema).toBe(s.indexed);
      for (const s of mid) expect(s.recorded).toBeLessThanOrEqual(1);
      expect(mid.find((s) => s.schema === blocked)).toMatchObject({ recorded: 0, indexed: false });
      const doneBefore = mid.filter((s) => s.recorded === 1).length;
      expect(doneBefore).toBeGreaterThan(0);
      expect(doneBefore).toBeLessThan(mid.length);

      // Two runners at once: the per-location lock lets exactly one apply each migration.
      const [a, b] = await Promise.all([migrate('--concurrency', '3').exited, migrate('--concurrency', '3').exited]);
      for (const run of [a, b]) expect(run.code, run.stderr).toBe(0);
      const reports = [a, b].map((run) => JSON.parse(run.stdout) as { failed: unknown[]; results: Array<{ key: string; versions: number[] }> });
      for (const r of reports) expect(r.failed).toEqual([]);
      // Across both runs, each location that was behind got version 6 once, and only once.
      const applied = reports.flatMap((r) => r.results.filter((x) => x.versions.includes(6)).map((x) => x.key));
      expect(applied).toHaveLength(mid.length - doneBefore);
      expect(new Set(applied).size).toBe(applied.length);
      for (const s of await state()) expect(s, s.schema).toMatchObject({ recorded: 1, indexed: true });
    }, 120_000);
  });
}
