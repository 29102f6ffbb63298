/**
 * Point read by primary key through withTenant, for each isolation strategy, against a bare `pg` query
 * `WHERE tenant_id = $1 AND id = $2` on the same table of the same server, in the same run.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench
 *
 * Options (environment): BENCH_SECONDS (per measurement, default 1.5), BENCH_ROUNDS (default 7),
 * BENCH_CONCURRENCY (callers, default 16), BENCH_ROWS (records per tenant, default 2000),
 * BENCH_STRATEGIES (default pooled,schema,database; the reference rows need pooled).
 *
 * Each round measures the baseline and the candidate back to back, and the ratio reported is the median
 * of the per-round ratios: on a shared 2-core VM throughput drifts by ±20% over a minute, and pairing
 * the two measurements keeps that drift out of the ratio.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { withDatabase } from '../src/storage/backends/postgres.js';
import { SCOPE_PRELUDE_SQL } from '../src/storage/kysely.js';
import { quoteIdent } from '../src/storage/names.js';
import type { Isolation } from '../src/storage/placement.js';
import { Tenantry } from '../src/tenantry.js';
import { config, pairedRounds } from './support.js';
import { routerOf } from '../src/storage/internals.js';

const url = process.env.TENANTRY_BENCH_DATABASE_URL ?? process.env.TENANTRY_TEST_DATABASE_URL ?? process.env.TENANTRY_DATABASE_URL;
if (!url) {
  console.error('set TENANTRY_BENCH_DATABASE_URL=postgres://… (a server the benchmark may create databases on)');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const poolShare = Number(process.env.BENCH_POOL_SHARE ?? 1);
const rowsPerTenant = Number(process.env.BENCH_ROWS ?? 2000);
const STRATEGIES = (process.env.BENCH_STRATEGIES ?? 'pooled,schema,database').split(',') as Isolation[];

/** Median over rounds of candidate/baseline, each round measuring both back to back. */
const paired = (baseline: () => Promise<unknown>, candidate: () => Promise<unknown>) => pairedRounds(baseline, candidate, { concurrency, seconds, rounds });

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

async function main(): Promise<void> {
  const suffix = randomBytes(3).toString('hex');
  const database = `tenantry_bench_${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
  const mainUrl = withDatabase(url!, database);
  const t = await Tenantry.open({
    config: { ...config(mainUrl), dataDir: path.join(os.tmpdir(), `tenantry-bench-${suffix}`), poolSize: concurrency, tenantPoolSize: concurrency },
  });
  const bare: pg.Pool[] = [];
  try {
    const tenants = {} as Record<Isolation, { id: string; ids: string[]; table: string; pool: pg.Pool }>;
    for (const isolation of STRATEGIES) {
      const id = `bench-${isolation}-${suffix}`;
      await t.tenants.create({ id, isolation });
      // The whole pool, as the bare baseline has (BENCH_POOL_SHARE): a plan's share (free 0.4 of it)
      // caps how many of one tenant's scopes run at once, a fairness policy rather than the scope's cost.
      await t.tenants.update(id, { limits: { poolShare: poolShare } });
      // Neighbours in the pool, so the pooled table holds other tenants' rows too.
      if (isolation === 'pooled') for (let i = 0; i < 4; i++) await t.tenants.create({ id: `bench-n${i}-${suffix}`, isolation });
      const ids: string[] = [];
      const owners = isolation === 'pooled' ? [id, ...Array.from({ length: 4 }, (_, i) => `bench-n${i}-${suffix}`)] : [id];
      for (const owner of owners) {
        await t.withTenant(owner, async ({ db }) => {
          await db.insertInto('collections').values({ name: 'items' }).execute();
          for (let start = 0; start < rowsPerTenant; start += 500) {
            const batch = Array.from({ length: Math.min(500, rowsPerTenant - start) }, (_, i) => ({
              collection: 'items',
              id: uuidv7(),
              data: JSON.stringify({ n: start + i, owner, label: 'x'.repeat(40) }),
            }));
            await db.insertInto('records').values(batch).execute();
            if (owner === id) ids.push(...batch.map((r) => r.id));
          }
        });
      }
      const { names: of } = routerOf(t);
      const names = isolation === 'pooled' ? of.pooled() : isolation === 'schema' ? of.schemaTenant(id) : of.databaseTenant(id);
      const pool = new pg.Pool({ connectionString: names.database ? withDatabase(url!, names.database) : mainUrl, max: concurrency });
      bare.push(pool);
      tenants[isolation] = { id, ids, table: `${quoteIdent(names.schema)}.records`, pool };
    }
    await admin.query(`ANALYZE`);

    console.log(
      `PostgreSQL point read, ${concurrency} concurrent callers, ${rounds} paired rounds of ${seconds}s (medians), ${os.cpus().length} cores; the tenant's pool share ${poolShare} (BENCH_POOL_SHARE)`,
    );
    console.log('strategy   bare pg ops/s   withTenant ops/s   ratio   goal');
    for (const isolation of STRATEGIES) {
      const { id, ids, table, pool } = tenants[isolation];
      const bareRead = () => pool.query(`select id, data from ${table} where tenant_id = $1 and id = $2`, [id, pick(ids)]);
      const scopedRead = () =>
        t.withTenant(id, ({ db }) => db.selectFrom('records').select(['id', 'data']).where('id', '=', pick(ids)).executeTakeFirstOrThrow());
      const { base: b, cand: s, ratio } = await paired(bareRead, scopedRead);
      const goal = isolation === 'pooled' ? 0.85 : 0.8;
      console.log(
        `${isolation.padEnd(10)} ${b.toFixed(0).padStart(13)}   ${s.toFixed(0).padStart(16)}   ${ratio.toFixed(2)}x   >= ${goal}x ${ratio >= goal ? 'met' : 'MISSED'}`,
      );
    }

    // Where the cost lies, on the pooled table: the scoping done by hand with pg, in four round trips
    // (BEGIN; set_config; SELECT; COMMIT) and in one (set-up and read in one batch, as withTenant sends it).
    if (!tenants.pooled) return;
    const { id, ids, table, pool } = tenants.pooled;
    const fourTrips = async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`select set_config('tenantry.tenant_id', $1, true)`, [id]);
        await client.query(`select id, data from ${table} where tenant_id = $1 and id = $2`, [id, pick(ids)]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const main = routerOf(t).controlCluster.main;
    const { generation } = await t.tenants.get(id);
    const oneTrip = async () => {
      const lease = await main.acquireApp();
      try {
        await lease.conn.batch([
          { sql: SCOPE_PRELUDE_SQL, params: [routerOf(t).names.appRole, '"tenant_pool"', id, generation, '5000', 0, '{}'], name: 'tenantry_scope_prelude' },
          { sql: 'select id, data from records where id = $1', params: [pick(ids)] },
        ]);
      } finally {
        lease.release();
      }
    };
    const bareAgain = () => pool.query(`select id, data from ${table} where tenant_id = $1 and id = $2`, [id, pick(ids)]);
    const four = await paired(bareAgain, fourTrips);
    const one = await paired(bareAgain, oneTrip);
    console.log(
      `reference (pooled table, pg by hand): 4 round trips ${four.ratio.toFixed(2)}x, set-up + read in 1 round trip ${one.ratio.toFixed(2)}x of bare`,
    );

    // Scope hooks: what an attached statement (an audit row, a usage counter) costs a one-statement
    // write, which carries it in its own round trip.
    const row = (n: number) => ({ collection: 'items', id: uuidv7(), data: JSON.stringify({ n, label: 'x'.repeat(40) }) });
    const write = () => t.withTenant(id, ({ db }) => db.insertInto('records').values(row(1)).execute(), { singleStatement: true });
    const writeAttached = () =>
      t.withTenant(
        id,
        (scope) => {
          scope.attach(scope.db.insertInto('records').values(row(2)));
          return scope.db.insertInto('records').values(row(1)).execute();
        },
        { singleStatement: true },
      );
    const hooked = await paired(write, writeAttached);
    console.log(
      `scope hooks (pooled): one-statement write ${hooked.base.toFixed(0)} ops/s; with one attached row ${hooked.cand.toFixed(0)} ops/s (${hooked.ratio.toFixed(2)}x)`,
    );
  } finally {
    await Promise.all(bare.map((p) => p.end()));
    for (const tenant of await t.catalog.list()) await t.tenants.delete(tenant.id).catch(() => {});
    await t.close();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
