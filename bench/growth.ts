/**
 * How a pooled tenant's point reads and filtered queries cost as data grows (issue 19): its own
 * records (1,000 → 100,000 → 1,000,000) and the tenants sharing its pool (10 → 1,000 → 10,000),
 * each step measured right after loading and again after ANALYZE, as ratios against the axis's first
 * step measured in the same run.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:growth
 *
 * Options (environment): BENCH_GROWTH_MAX (most records a step may hold, default 1,000,000; 100000
 * leaves out the 1M-record and 10,000-tenant steps), BENCH_GROWTH_LOAD (`fresh`, the default: each
 * step loaded into a database of its own, so "after load" is never analyzed, as an embedded PGlite
 * always is; `incremental`: one database per axis grown step by step, so "after load" has the
 * statistics of the step before — the bulk insert of issue 19), BENCH_SECONDS (per measurement,
 * default 5), BENCH_CONCURRENCY (callers, default 4).
 *
 * Reads go through RecordsService, as a request's would: the tenant's scope (fence, RLS), the
 * statement, the codec. Other tenants are rows under their own ids (collections, records, fence
 * entries), loaded server-side with generate_series, not tenants provisioned through the catalog.
 * Autovacuum is turned off on the pooled tables, so "after load" means statistics from before it.
 *
 * A shared 2-core VM drifts by ±20 % over the minutes between two steps. So each measurement is paired:
 * every caller alternates the same read on a reference tenant (1,000 records in a pool of 10 that never
 * changes, a database of its own) with the measured one, and the `paired` ratio is the ratio of their
 * p50s, relative to the axis's first step — drift cancels out of it. The goal is judged on it; the plain
 * ratios of p50 and p99 are printed beside it.
 */
import os from 'node:os';
import pg from 'pg';
import { parseFilter } from '../src/records/query.js';
import { Services } from '../src/services.js';
import { routerOf } from '../src/storage/internals.js';
import { FENCE_SCHEMA, POOL_SCHEMA, quoteIdent } from '../src/storage/names.js';
import { config, url, withBenchDatabase } from './support.js';

const max = Number(process.env.BENCH_GROWTH_MAX ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const loading = process.env.BENCH_GROWTH_LOAD === 'incremental' ? 'incremental' : 'fresh';
/** Records of the tenant measured on the tenants axis (and of the reference tenant), and of each other tenant. */
const OWN_RECORDS = 1_000;
const NEIGHBOUR_RECORDS = 100;
/** Point reads within this factor of the first step: the goal. */
const GOAL = 1.2;

const P = quoteIdent(POOL_SCHEMA);
const FILTER = parseFilter({ status: 'rare' });

interface Latency {
  p50: number;
  p99: number;
}

interface Paired extends Latency {
  /** This read's p50 / the reference's p50, measured interleaved with it. */
  vsReference: number;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * `op` and `reference` run alternately, operation by operation, by `concurrency` callers for `seconds`
 * (after a short warm-up): both see the same moment of the machine, so drift cancels out of their ratio.
 */
async function paired(reference: () => Promise<unknown>, op: () => Promise<unknown>): Promise<Paired> {
  const run = async (ms: number) => {
    const refs: number[] = [];
    const ops: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          let start = performance.now();
          await reference();
          refs.push(performance.now() - start);
          start = performance.now();
          await op();
          ops.push(performance.now() - start);
        }
      }),
    );
    return { refs: refs.sort((a, b) => a - b), ops: ops.sort((a, b) => a - b) };
  };
  await run(500);
  const { refs, ops } = await run(seconds * 1000);
  return { p50: percentile(ops, 0.5), p99: percentile(ops, 0.99), vsReference: percentile(ops, 0.5) / percentile(refs, 0.5) };
}

/** Time-ordered ids, as uuidv7 gives the application's records: milliseconds (plus `n`), then random. */
const timeOrderedId = (n: string) =>
  `(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint + ${n}), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid`;

/** The measured tenant's records, `count` more of them (1 in 20 `status: "rare"`). */
const ownRecords = (count: number) => async (db: pg.Client, tenant: string) => {
  await db.query(
    `INSERT INTO ${P}.records (tenant_id, collection, id, data, created_at)
     SELECT $1, 'items', ${timeOrderedId('i')}, jsonb_build_object('n', i, 'status', CASE WHEN i % 20 = 0 THEN 'rare' ELSE 'common' END, 'label', repeat('x', 40)),
            clock_timestamp() + make_interval(secs => i / 1000.0)
       FROM generate_series(1, $2::int) i`,
    [tenant, count],
  );
};

/** Other tenants `from`..`to` in the pool: a collection, `records` records and a fence entry each. */
const neighbours = (from: number, to: number, records: number) => async (db: pg.Client, tenant: string) => {
  const ids = `SELECT $1 || '-n' || g AS id FROM generate_series($2::int, $3::int) g`;
  const params = [tenant, from, to];
  await db.query(`INSERT INTO ${P}.collections (tenant_id, name) SELECT id, 'items' FROM (${ids}) t`, params);
  await db.query(
    `INSERT INTO ${P}.records (tenant_id, collection, id, data)
     SELECT t.id, 'items', ${timeOrderedId('i')}, jsonb_build_object('n', i, 'status', CASE WHEN i % 20 = 0 THEN 'rare' ELSE 'common' END, 'label', repeat('x', 40))
       FROM (${ids}) t, generate_series(1, ${Number(records)}) i`,
    params,
  );
  await db.query(`INSERT INTO ${quoteIdent(FENCE_SCHEMA)}.fences (tenant_id, generation) SELECT id, 1 FROM (${ids}) t`, params);
};

/** The two reads measured, on one tenant: a point read of a random one of `ids`, and the filtered query. */
interface Reads {
  point: () => Promise<unknown>;
  filtered: () => Promise<unknown>;
}

/**
 * A pooled tenant with a collection `items` in a database of its own, for `fn`; the database, and the
 * deployment's application role (which belongs to the server), are gone afterwards.
 */
interface PoolContext {
  owner: pg.Client;
  tenant: string;
  /** The reads, on ids sampled from the tenant's records as they are now. */
  reads: () => Promise<Reads>;
}

async function pool(label: string, fn: (ctx: PoolContext) => Promise<void>) {
  let appRole = '';
  await withBenchDatabase(`growth_${label}`, async ({ mainUrl, suffix }) => {
    const services = await Services.open({ config: config(mainUrl) });
    appRole = routerOf(services.tenantry).names.appRole;
    const owner = new pg.Client({ connectionString: mainUrl });
    await owner.connect();
    try {
      const tenant = `growth-${label}-${suffix}`;
      await services.tenantry.tenants.create({ id: tenant, isolation: 'pooled' });
      await services.records.createCollection(tenant, { name: 'items' });
      for (const table of ['collections', 'records']) await owner.query(`ALTER TABLE ${P}.${table} SET (autovacuum_enabled = off)`);
      const reads = async (): Promise<Reads> => {
        const { rows } = await owner.query<{ id: string }>(
          `SELECT id::text FROM ${P}.records WHERE tenant_id = $1 AND collection = 'items' ORDER BY random() LIMIT 5000`,
          [tenant],
        );
        const ids = rows.map((r) => r.id);
        return {
          point: () => services.records.getRecord(tenant, 'items', ids[Math.floor(Math.random() * ids.length)]!),
          filtered: () => services.records.queryRecords(tenant, 'items', { filter: FILTER, limit: 20 }),
        };
      };
      await fn({ owner, tenant, reads });
    } finally {
      await owner.end();
      await services.close();
    }
  });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(appRole)}`).catch(() => {});
  await admin.end();
}

interface Row {
  axis: string;
  step: string;
  analyzed: boolean;
  state: string;
  point: Paired;
  filtered: Paired;
}

/** What a step's pool holds: the measured tenant's records, and other tenants with so many records each. */
interface Content {
  own: number;
  neighbours: number;
  perNeighbour: number;
}

/** Load what `want` holds beyond `have` (nothing: an empty pool). */
async function fill(db: pg.Client, tenant: string, have: Content | undefined, want: Content): Promise<void> {
  await ownRecords(want.own - (have?.own ?? 0))(db, tenant);
  if (want.neighbours > (have?.neighbours ?? 0)) await neighbours((have?.neighbours ?? 0) + 1, want.neighbours, want.perNeighbour)(db, tenant);
}

/**
 * One axis. `fresh`: each step loaded into a database of its own, measured never analyzed and after
 * ANALYZE. `incremental`: one database grown step by step, each measured right after its load (on the
 * statistics of the step before) and after ANALYZE.
 */
async function axis(label: string, steps: Array<{ name: string; content: Content }>, reference: Reads, rows: Row[]): Promise<void> {
  const step = async (ctx: PoolContext, i: number, have: Content | undefined) => {
    const { name, content } = steps[i]!;
    const started = performance.now();
    await fill(ctx.owner, ctx.tenant, have, content);
    const measured = await ctx.reads();
    const { rows: count } = await ctx.owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${P}.records`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`  ${label}: ${name} loaded in ${seconds} s (${Number(count[0]!.n).toLocaleString('en')} records in the pool)`);
    const measure = async (analyzed: boolean, state: string) =>
      rows.push({
        axis: label,
        step: name,
        analyzed,
        state,
        point: await paired(reference.point, measured.point),
        filtered: await paired(reference.filtered, measured.filtered),
      });
    await measure(false, have ? `after load, statistics of ${steps[i - 1]!.name}` : 'after load, never analyzed');
    await ctx.owner.query(`ANALYZE ${P}.records; ANALYZE ${P}.collections`);
    await measure(true, 'after ANALYZE');
  };
  if (loading === 'incremental') {
    await pool(label, async (ctx) => {
      for (let i = 0; i < steps.length; i++) await step(ctx, i, steps[i - 1]?.content);
    });
  } else {
    for (let i = 0; i < steps.length; i++) await pool(`${label}${i}`, (ctx) => step(ctx, i, undefined));
  }
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1)).padStart(6);
const times = (x: number) => `${x.toFixed(2)}x`.padStart(6);

async function main(): Promise<void> {
  const rows: Row[] = [];
  await pool('reference', async ({ owner, tenant, reads }) => {
    await fill(owner, tenant, undefined, { own: OWN_RECORDS, neighbours: 9, perNeighbour: OWN_RECORDS });
    await owner.query(`ANALYZE ${P}.records; ANALYZE ${P}.collections`);
    const reference = await reads();

    const recordSteps = [1_000, 100_000, 1_000_000].filter((n) => n <= max);
    // Nine other tenants with 1,000 records each share the pool throughout.
    const records = recordSteps.map((n) => ({ name: `${n.toLocaleString('en')} records`, content: { own: n, neighbours: 9, perNeighbour: 1_000 } }));
    await axis('records', records, reference, rows);
    // The measured tenant is one of the n.
    const tenantSteps = [10, 1_000, 10_000].filter((n) => n * NEIGHBOUR_RECORDS <= max);
    const tenants = tenantSteps.map((n) => ({
      name: `${n.toLocaleString('en')} tenants`,
      content: { own: OWN_RECORDS, neighbours: n - 1, perNeighbour: NEIGHBOUR_RECORDS },
    }));
    await axis('tenants', tenants, reference, rows);
  });

  console.log(
    `\nPooled tenant, RecordsService through its scope, PostgreSQL; ${concurrency} concurrent callers alternating with the reference, ${seconds} s per measurement, ${os.cpus().length} cores.`,
  );
  console.log('Point read: getRecord by a random id. Filtered: queryRecords {"status":"rare"} (1 record in 20), limit 20, default sort.');
  console.log(
    `Ratios against the axis's first step in the same state: of p50 and of p99 as measured, and "paired" (of p50, drift-corrected by the reference tenant). Goal: point reads within ${GOAL}x.\n`,
  );
  console.log(`${'step'.padEnd(18)} ${'state'.padEnd(39)}  point p50    p99  ×p50  ×p99 paired | filtered p50    p99  ×p50  ×p99 paired`);
  const missed: string[] = [];
  for (const r of rows) {
    const base = rows.find((b) => b.axis === r.axis && b.analyzed === r.analyzed)!;
    const line = (x: Paired, b: Paired) => `${ms(x.p50)} ${ms(x.p99)} ${times(x.p50 / b.p50)}${times(x.p99 / b.p99)} ${times(x.vsReference / b.vsReference)}`;
    console.log(`${r.step.padEnd(18)} ${r.state.padEnd(39)} ${line(r.point, base.point)} |      ${line(r.filtered, base.filtered)}`);
    const growth = r.point.vsReference / base.point.vsReference;
    if (growth > GOAL) missed.push(`${r.step}, ${r.state}: ${growth.toFixed(2)}x`);
  }
  console.log(
    missed.length === 0 ? `\npoint reads flat (paired p50 within ${GOAL}x of the first step): met` : `\npoint reads flat: MISSED — ${missed.join('; ')}`,
  );
}

await main();
