/**
 * A fleet of tenants on one PostgreSQL server (issue 13's benchmarks), in one run and one database:
 *
 * 1. Provisioning: BENCH_FLEET_POOLED `pooled` tenants (default 10,000) and BENCH_FLEET_SCHEMAS
 *    `schema` tenants (default 1,000) through the lifecycle, as `POST /v1/tenants` does; time, rate,
 *    and the server's memory (proportional set size of its processes, when it runs on this machine)
 *    and database size before and after.
 * 2. A pooled tenant's point read through `withTenant` with 10 tenants and again with the whole fleet,
 *    each paired with a bare `pg` read of the same row measured alternately (drift cancels out): the
 *    goal is that the scoped/bare ratio with the fleet stays within 1.2x of the ratio with 10 tenants.
 * 3. Fan-out migration: one more tenant migration (a column and an index on `records`) applied with
 *    `tenantry migrate`'s default concurrency to the pool and every schema tenant; goal under 60 s for
 *    1,000 schemas. Baseline in the same run: the same statements applied by a bare `pg` loop, one
 *    schema after another on one connection, with no bookkeeping.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:fleet
 */
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import { POOL_SCHEMA, quoteIdent } from '../src/storage/names.js';
import { TENANT_MIGRATIONS, type Migration } from '../src/storage/migrations/tenant-migrations.js';
import { Tenantry } from '../src/tenantry.js';
import { config, median, url, withBenchDatabase } from './support.js';

const POOLED = Number(process.env.BENCH_FLEET_POOLED ?? 10_000);
const SCHEMAS = Number(process.env.BENCH_FLEET_SCHEMAS ?? 1_000);
const READ_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 4;

const EXTRA: Migration = {
  version: TENANT_MIGRATIONS.length + 1,
  name: 'bench-note',
  sql: 'ALTER TABLE records ADD COLUMN bench_note text;\nCREATE INDEX records_bench_note ON records (tenant_id, bench_note);',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Proportional set size of the server's processes (MB), when they run on this machine and can be read. */
function serverMemoryMb(): number | undefined {
  let kb = 0;
  let found = false;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (pss) {
        kb += Number(pss[1]);
        found = true;
      }
    } catch {
      // a process that ended meanwhile, or one we may not read
    }
  }
  return found ? kb / 1024 : undefined;
}

async function databaseSizeMb(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: string }>('select pg_database_size(current_database()) as n');
  return Number(rows[0]!.n) / 1024 / 1024;
}

/** Run `fn` for 0..n-1, `width` at a time, printing progress now and then. */
async function fanOut(n: number, width: number, label: string, fn: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) {
        await fn(i);
        if (++done % Math.max(1, Math.floor(n / 5)) === 0) process.stderr.write(`  ${label}: ${done}/${n} (${seconds(performance.now() - started)})\n`);
      }
    }),
  );
  return performance.now() - started;
}

/** Scoped point read vs a bare read of the same row, alternately by CONCURRENCY callers: median latencies and their ratio. */
async function pointRead(t: Tenantry, bare: pg.Pool, tenant: string, id: string): Promise<{ scoped: number; bare: number; ratio: number }> {
  const run = async (ms: number) => {
    const scoped: number[] = [];
    const refs: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          let start = performance.now();
          await bare.query(`select id, data from ${POOL_SCHEMA}.records where tenant_id = $1 and id = $2`, [tenant, id]);
          refs.push(performance.now() - start);
          start = performance.now();
          await t.withTenant(tenant, ({ db }) => db.selectFrom('records').select(['id', 'data']).where('id', '=', id).executeTakeFirst());
          scoped.push(performance.now() - start);
        }
      }),
    );
    return { scoped: median(scoped), bare: median(refs) };
  };
  await run(500);
  const m = await run(READ_SECONDS * 1000);
  return { ...m, ratio: m.scoped / m.bare };
}

const schemaRoles: string[] = [];

await withBenchDatabase('fleet', async ({ mainUrl, suffix }) => {
  const t = await Tenantry.open({ config: { ...config(mainUrl), maxOpenDatabases: 8 }, onError: () => {} });
  const admin = new pg.Client({ connectionString: mainUrl });
  await admin.connect();
  const bare = new pg.Pool({ connectionString: mainUrl, max: CONCURRENCY });
  try {
    // 1. Ten pooled tenants, one of them with records; its point read.
    const reader = `read-${suffix}`;
    for (let i = 0; i < 10; i++) await t.tenants.create({ id: i === 0 ? reader : `p${i}-${suffix}`, isolation: 'pooled' });
    await admin.query(`INSERT INTO ${POOL_SCHEMA}.collections (tenant_id, name) VALUES ($1, 'items')`, [reader]);
    await admin.query(
      `INSERT INTO ${POOL_SCHEMA}.records (tenant_id, collection, id, data) SELECT $1, 'items', gen_random_uuid(), jsonb_build_object('n', g) FROM generate_series(1, 1000) g`,
      [reader],
    );
    await admin.query(`ANALYZE ${POOL_SCHEMA}.records`);
    const { rows } = await admin.query<{ id: string }>(`select id from ${POOL_SCHEMA}.records where tenant_id = $1 limit 1 offset 500`, [reader]);
    const rowId = rows[0]!.id;
    const few = await pointRead(t, bare, reader, rowId);

    // 2. The fleet.
    const memBefore = serverMemoryMb();
    const sizeBefore = await databaseSizeMb(admin);
    console.log(`provisioning ${POOLED.toLocaleString('en')} pooled and ${SCHEMAS.toLocaleString('en')} schema tenants…`);
    const pooledMs = await fanOut(POOLED, 8, 'pooled', (i) => t.tenants.create({ id: `fp${i}-${suffix}`, isolation: 'pooled' }).then(() => {}));
    const schemaMs = await fanOut(SCHEMAS, CONCURRENCY, 'schema', async (i) => {
      const id = `fs${i}-${suffix}`;
      schemaRoles.push(routerOf(t).names.schemaTenant(id).role);
      await t.tenants.create({ id, isolation: 'schema' });
    });
    const memAfter = serverMemoryMb();
    const sizeAfter = await databaseSizeMb(admin);
    await admin.query(`ANALYZE`);
    const many = await pointRead(t, bare, reader, rowId);

    // 3. Fan-out migration: Tenantry's, then the bare loop's.
    const next = await Tenantry.open({ config: { ...config(mainUrl), maxOpenDatabases: 8 }, migrations: [...TENANT_MIGRATIONS, EXTRA], onError: () => {} });
    let report;
    const migrateStarted = performance.now();
    try {
      report = await next.migrate({
        onProgress: ({ done, total }) => {
          if (done % Math.max(1, Math.floor(total / 5)) === 0)
            process.stderr.write(`  migrate: ${done}/${total} (${seconds(performance.now() - migrateStarted)})\n`);
        },
      });
    } finally {
      await next.close();
    }
    const migrateMs = performance.now() - migrateStarted;
    if (report.failed.length > 0) throw new Error(`migration failed at ${report.failed.length} locations: ${report.failed[0]!.error}`);
    const schemas = [POOL_SCHEMA, ...Array.from({ length: SCHEMAS }, (_, i) => routerOf(t).names.schemaTenant(`fs${i}-${suffix}`).schema)];
    const bareStarted = performance.now();
    for (const schema of schemas) {
      const s = quoteIdent(schema);
      await admin.query(`ALTER TABLE ${s}.records ADD COLUMN bench_base text`);
      await admin.query(`CREATE INDEX records_bench_base ON ${s}.records (tenant_id, bench_base)`);
    }
    const bareMigrateMs = performance.now() - bareStarted;
    const applied = await adminQuery<{ n: number }>(
      routerOf(t).controlCluster.main,
      `select count(*)::int as n from pg_indexes where indexname = 'records_bench_note'`,
    );

    const mb = (x: number | undefined) => (x === undefined ? 'n/a (server not on this machine)' : `${x.toFixed(0)} MB`);
    console.log('');
    console.log(
      `provisioning, ${POOLED.toLocaleString('en')} pooled tenants (8 at a time): ${seconds(pooledMs)}, ${((POOLED / pooledMs) * 1000).toFixed(0)} tenants/s`,
    );
    console.log(
      `provisioning, ${SCHEMAS.toLocaleString('en')} schema tenants (${CONCURRENCY} at a time): ${seconds(schemaMs)}, ${((SCHEMAS / schemaMs) * 1000).toFixed(1)} tenants/s`,
    );
    console.log(
      `server memory (PSS of postgres processes): ${mb(memBefore)} before, ${mb(memAfter)} after; database size ${sizeBefore.toFixed(0)} MB → ${sizeAfter.toFixed(0)} MB`,
    );
    console.log(
      `pooled point read, 10 tenants: ${few.scoped.toFixed(2)} ms (bare ${few.bare.toFixed(2)} ms, ${few.ratio.toFixed(2)}x); ` +
        `${(POOLED + SCHEMAS + 10).toLocaleString('en')} tenants: ${many.scoped.toFixed(2)} ms (bare ${many.bare.toFixed(2)} ms, ${many.ratio.toFixed(2)}x); ` +
        `growth ${(many.ratio / few.ratio).toFixed(2)}x (goal <= 1.2x)`,
    );
    console.log(
      `fan-out migration (column + index) to ${report.total.toLocaleString('en')} locations, concurrency 4: ${seconds(migrateMs)} (goal < 60 s); ` +
        `bare pg loop, same statements: ${seconds(bareMigrateMs)}; ratio ${(migrateMs / bareMigrateMs).toFixed(2)}x; index present at ${applied.rows[0]!.n} locations`,
    );
  } finally {
    await bare.end();
    schemaRoles.push(routerOf(t).names.appRole);
    await t.close();
    await admin.end();
  }
});

// Roles are server-wide: the schema tenants' (and the deployment's) go once the database holding
// their grants has been dropped.
const server = new pg.Client({ connectionString: url });
await server.connect();
for (const role of schemaRoles) await server.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).catch(() => {});
await server.end();
