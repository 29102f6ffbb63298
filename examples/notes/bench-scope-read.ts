/**
 * Not part of the example: a benchmark of it (bench/scope-read.ts does the same for Tenantry's own table).
 *
 * The scope overhead for an application's own table (examples/notes, created by app migrations): a
 * point read of a note by primary key through withTenant, for each isolation strategy, against a bare
 * `pg` query `WHERE tenant_id = $1 AND id = $2` on the same table of the same server — paired rounds,
 * median ratio.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:app
 *
 * Options (environment): BENCH_SECONDS (default 1.5), BENCH_ROUNDS (default 7), BENCH_CONCURRENCY
 * (default 16), BENCH_ROWS (notes per tenant, default 2000).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openNotes } from './app.js';
import { withDatabase } from '../../src/storage/backends/postgres.js';
import { quoteIdent } from '../../src/storage/names.js';
import type { Isolation } from '../../src/storage/placement.js';
import { routerOf } from '../../src/storage/internals.js';
import { config, pairedRounds } from '../../bench/support.js';

const url = process.env.TENANTRY_BENCH_DATABASE_URL ?? process.env.TENANTRY_TEST_DATABASE_URL ?? process.env.TENANTRY_DATABASE_URL;
if (!url) {
  console.error('set TENANTRY_BENCH_DATABASE_URL=postgres://… (a server the benchmark may create databases on)');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const rowsPerTenant = Number(process.env.BENCH_ROWS ?? 2000);
const STRATEGIES: Isolation[] = ['pooled', 'schema', 'database'];

const out = (line: string) => void process.stdout.write(`${line}\n`);
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const paired = (baseline: () => Promise<unknown>, candidate: () => Promise<unknown>) => pairedRounds(baseline, candidate, { concurrency, seconds, rounds });

const suffix = randomBytes(3).toString('hex');
const database = `tenantry_bench_${suffix}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
const mainUrl = withDatabase(url, database);
const t = await openNotes({
  config: { ...config(mainUrl), dataDir: path.join(os.tmpdir(), `tenantry-bench-${suffix}`), poolSize: concurrency, tenantPoolSize: concurrency },
});
const bare: pg.Pool[] = [];
try {
  out(
    `PostgreSQL point read of an app table (notes), ${concurrency} concurrent callers, ${rounds} paired rounds of ${seconds}s (medians), ${os.cpus().length} cores`,
  );
  out('strategy   bare pg ops/s   withTenant ops/s   ratio');
  for (const isolation of STRATEGIES) {
    const id = `bench-${isolation}-${suffix}`;
    const owners = isolation === 'pooled' ? [id, ...Array.from({ length: 4 }, (_, i) => `bench-n${i}-${suffix}`)] : [id];
    const ids: string[] = [];
    for (const owner of owners) {
      await t.tenants.create({ id: owner, isolation });
      await t.withTenant(owner, async ({ db }) => {
        const notebook = await db.insertInto('notebooks').values({ name: 'bench' }).returning('id').executeTakeFirstOrThrow();
        for (let start = 0; start < rowsPerTenant; start += 500) {
          const batch = Array.from({ length: Math.min(500, rowsPerTenant - start) }, (_, i) => ({
            notebook_id: notebook.id,
            title: `note ${start + i}`,
            body: 'x'.repeat(40),
          }));
          const rows = await db.insertInto('notes').values(batch).returning('id').execute();
          if (owner === id) ids.push(...rows.map((r) => r.id));
        }
      });
    }
    const { names: of } = routerOf(t);
    const names = isolation === 'pooled' ? of.pooled() : isolation === 'schema' ? of.schemaTenant(id) : of.databaseTenant(id);
    const pool = new pg.Pool({ connectionString: names.database ? withDatabase(url, names.database) : mainUrl, max: concurrency });
    bare.push(pool);
    await pool.query('ANALYZE');
    const table = `${quoteIdent(names.schema)}.notes`;
    const bareRead = () => pool.query(`select id, title, body from ${table} where tenant_id = $1 and id = $2`, [id, pick(ids)]);
    const scopedRead = () =>
      t.withTenant(id, ({ db }) => db.selectFrom('notes').select(['id', 'title', 'body']).where('id', '=', pick(ids)).executeTakeFirstOrThrow());
    const { base, cand, ratio } = await paired(bareRead, scopedRead);
    out(`${isolation.padEnd(10)} ${base.toFixed(0).padStart(13)}   ${cand.toFixed(0).padStart(16)}   ${ratio.toFixed(2)}x`);
  }
} finally {
  await Promise.all(bare.map((p) => p.end()));
  for (const tenant of await t.catalog.list()) await t.tenants.delete(tenant.id).catch(() => {});
  await t.close();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  await admin.end();
}
