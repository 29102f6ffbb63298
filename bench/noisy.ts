/**
 * Noisy neighbours (issue 16), in one run against `tenantry serve` with its shipped defaults (in-process
 * workflow worker with 8 slots, pool of 10, load shedding `auto` = on with PostgreSQL, info logs to a
 * file) in a child process: a quiet tenant's point reads at a steady rate (BENCH_QUIET_RATE, default
 * 200/s over 4 connections), alone and then while a neighbour runs
 *   (a) a request flood at 10× its rate limit (6,000/min → 1,000 req/s over 16 connections);
 *   (b) 50 concurrent expensive filters (a `$ilike` no index narrows) on a 1M-row collection in the
 *       shared pooled table (BENCH_ROWS), loaded in one INSERT … SELECT generate_series as the owner;
 *   (c) a workflow backlog of one-step no-op runs queued before the server starts (BENCH_BACKLOG,
 *       default 15,000: enough that the server's worker is still draining it when the last round
 *       ends; a round that finds it gone is not counted, and the run says so).
 * Goal: the quiet tenant's p99 within 1.5× of alone in each. The neighbour's load comes from a child
 * process of its own (this file, `generate`), the quiet reads from this one, so neither generator
 * slows the other; alone and during are paired per round (BENCH_ROUNDS, default 3, of BENCH_SECONDS, 5).
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:noisy
 *
 * The quiet tenant is on the `pro` plan and every neighbour on `free` (BENCH_QUIET_TIER=free puts the
 * quiet one on the neighbours' plan); BENCH_SHED=off runs the server without load shedding;
 * BENCH_FILTER_POOL_SHARE gives (b)'s tenant that `poolShare` instead of its plan's (free: 0.4 of 10);
 * BENCH_CASES=c (a comma list of a, b, c; default all) runs only those neighbours (without (b), the
 * million rows are not loaded).
 */
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { ApiKeys } from '../src/auth/api-keys.js';
import { Services } from '../src/services.js';
import { config, type Load, type LoadShape, load, median, seconds, startServe, withBenchDatabase } from './support.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 15_000);
const CASES = new Set((process.env.BENCH_CASES ?? 'a,b,c').split(',').map((c) => c.trim()));
const QUIET_RATE = Number(process.env.BENCH_QUIET_RATE ?? 200);
const NOISY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FLOOD_LIMIT = 6000; // per minute: the flood runs at 10× it
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the neighbour's generator process runs: requests to random paths of `paths`. */
interface Spec {
  port: number;
  method: 'GET' | 'POST';
  paths: string[];
  body?: string;
  headers: Record<string, string>;
  shape: LoadShape;
}

/** The neighbour's load, in a child process of its own. */
function generate(spec: Spec): Promise<Load> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['generate', JSON.stringify(spec)], { stdio: 'inherit' });
    proc.once('message', (m: Load) => resolve(m));
    proc.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });
}

async function generator(spec: Spec): Promise<void> {
  const pick = () => spec.paths[Math.floor(Math.random() * spec.paths.length)]!;
  const result = await load(
    spec.port,
    () => ({ method: spec.method, path: pick(), ...(spec.body !== undefined && { body: spec.body }) }),
    spec.headers,
    spec.shape,
  );
  process.send!(result, () => process.exit(0));
}

async function main(): Promise<void> {
  await withBenchDatabase('noisy', async ({ mainUrl, suffix, children }) => {
    // No worker in this process (the benchmark configuration): runs queued here wait for the server's.
    const services = await Services.open({ config: config(mainUrl), onError: () => {} });
    const t = services.tenantry;
    const keys = new ApiKeys(t.catalog);
    const tenant = async (label: string, tier: 'free' | 'pro', requestsPerMinute: number) => {
      const id = `noisy-${label}-${suffix}`;
      await t.tenants.create({ id, tier, isolation: 'pooled' });
      await t.tenants.update(id, { limits: { requestsPerMinute } });
      return { id, auth: { authorization: `Bearer ${(await keys.create(await t.tenants.get(id), 'bench', 'admin')).key}` } };
    };
    const quietTier = process.env.BENCH_QUIET_TIER === 'free' ? 'free' : 'pro';
    const quiet = await tenant('quiet', quietTier, 100_000_000);
    const flooder = await tenant('flood', 'free', FLOOD_LIMIT);
    const filterer = await tenant('filter', 'free', 100_000_000);
    const filterShare = process.env.BENCH_FILTER_POOL_SHARE;
    if (filterShare) await t.tenants.update(filterer.id, { limits: { requestsPerMinute: 100_000_000, poolShare: Number(filterShare) } });
    const queuer = await tenant('backlog', 'free', 100_000_000);
    const seed = (id: string, collection: string, n: number) =>
      t.withTenant(id, async ({ db }) => {
        await db.insertInto('collections').values({ name: collection }).execute();
        const rows = Array.from({ length: n }, (_, i) => ({ collection, id: uuidv7(), data: JSON.stringify({ title: `record ${i}`, n: i }) }));
        if (n > 0) await db.insertInto('records').values(rows).execute();
        return rows.map((r) => r.id);
      });
    const quietIds = await seed(quiet.id, 'items', 2000);
    const floodIds = await seed(flooder.id, 'items', 100);
    await seed(filterer.id, 'big', 0);
    // (c)'s backlog, queued before the server (and its worker) starts, so it is all there when measured.
    let mark = performance.now();
    await services.workflows.definitions.put(queuer.id, 'one', { steps: [{ id: 's0', kind: 'transform', with: { expression: '1' } }] });
    for (let i = 0; CASES.has('c') && i < BACKLOG; i += 32) {
      await Promise.all(Array.from({ length: Math.min(32, BACKLOG - i) }, () => services.workflows.runs.start(queuer.id, 'one')));
    }
    if (CASES.has('c')) console.log(`queued ${BACKLOG.toLocaleString('en')} one-step runs in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
    await services.close();

    // The neighbour's 1M rows: one statement, as the tables' owner, straight into the shared pooled table.
    const admin = new pg.Client({ connectionString: mainUrl });
    admin.on('error', () => {}); // the database is dropped with FORCE at the end, even after a failure
    await admin.connect();
    mark = performance.now();
    if (CASES.has('b')) {
      await admin.query('BEGIN');
      await admin.query("SELECT set_config('tenantry.tenant_id', $1, true)", [filterer.id]);
      await admin.query(
        `INSERT INTO tenant_pool.records (tenant_id, collection, id, data)
         SELECT $1, 'big', gen_random_uuid(), jsonb_build_object('title', 'record ' || g, 'n', g, 'group', g % 100, 'note', md5(g::text))
           FROM generate_series(1, $2::int) g`,
        [filterer.id, ROWS],
      );
      await admin.query('COMMIT');
      await admin.query('ANALYZE tenant_pool.records');
      console.log(`loaded ${ROWS.toLocaleString('en')} rows into the pooled table in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
    }

    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tenantry-bench-noisy-'));
    const server = await startServe(mainUrl, dataDir, process.env.BENCH_SHED ? { TENANTRY_LOAD_SHEDDING: process.env.BENCH_SHED } : {});
    children.push(server.proc);
    const { port } = server;
    const base = `http://127.0.0.1:${port}`;
    const shedTotals = async () => {
      const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${server.adminToken}` } })).text();
      const shed: Record<string, number> = {};
      for (const m of text.matchAll(/^tenantry_shed_requests_total\{tier="(\w+)"\} (\d+)/gm)) shed[m[1]!] = Number(m[2]);
      return shed;
    };
    /** The server's load-shedding pressure (its /metrics gauges) every 250 ms until `until` settles: the highest seen. */
    const watchPressure = async <T>(until: Promise<T>): Promise<[T, string]> => {
      let top = { pressure: 0, delay: 0, waiting: 0 };
      let done = false;
      const watching = (async () => {
        while (!done) {
          const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${server.adminToken}` } })).text();
          const read = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
          const now = {
            pressure: read(/^tenantry_load_pressure ([\d.e+-]+)/m),
            delay: read(/^tenantry_load_signal\{signal="event_loop_delay_ms"\} ([\d.e+-]+)/m),
            waiting: read(/^tenantry_load_signal\{signal="db_waiting"\} ([\d.e+-]+)/m),
          };
          if (now.pressure >= top.pressure) top = now;
          await sleep(250);
        }
      })();
      const result = await until;
      done = true;
      await watching;
      return [result, `highest pressure ${top.pressure.toFixed(2)} (event-loop delay ${top.delay.toFixed(0)} ms, ${top.waiting} waiting)`];
    };
    const backlogLeft = async () =>
      Number(
        (await admin.query<{ n: string }>("SELECT count(*) AS n FROM tenant_pool.runs WHERE tenant_id = $1 AND status IN ('queued', 'running')", [queuer.id]))
          .rows[0]!.n,
      );

    const quietRead = (duration = seconds) =>
      load(port, () => ({ method: 'GET', path: `/v1/collections/items/records/${quietIds[Math.floor(Math.random() * quietIds.length)]}` }), quiet.auth, {
        connections: 4,
        overallRate: QUIET_RATE,
        duration,
      });
    const filter = encodeURIComponent(JSON.stringify({ title: { $ilike: '%no such title%' } }));
    const neighbours: Record<string, { label: string; spec: Spec }> = {
      flood: {
        label: `(a) flood at 10x its limit (${FLOOD_LIMIT}/min → ${FLOOD_LIMIT / 6} req/s)`,
        spec: {
          port,
          method: 'GET',
          paths: floodIds.map((id) => `/v1/collections/items/records/${id}`),
          headers: flooder.auth,
          shape: { connections: 16, overallRate: FLOOD_LIMIT / 6 },
        },
      },
      filters: {
        label: `(b) 50 concurrent filters, ${(ROWS / 1e6).toLocaleString('en')}M-row pooled collection${filterShare ? ` (poolShare ${filterShare})` : ''}`,
        spec: { port, method: 'GET', paths: [`/v1/collections/big/records?limit=20&filter=${filter}`], headers: filterer.auth, shape: { connections: 50 } },
      },
    };

    console.log(
      `Noisy neighbour: \`tenantry serve\` with its defaults (load shedding ${process.env.BENCH_SHED ?? 'auto'}), ${os.cpus().length} cores; quiet tenant (${quietTier}) ` +
        `point reads at ${QUIET_RATE}/s over 4 connections, ${NOISY_ROUNDS} rounds of ${seconds} s (medians)`,
    );
    const report = (label: string, alone: Load[], during: Load[], noisy: string) => {
      const m = (xs: Load[], f: (x: Load) => number) => median(xs.map(f));
      const ratio = m(during, (x) => x.p99) / m(alone, (x) => x.p99);
      const errors = (xs: Load[]) => xs.reduce((n, x) => n + x.errors, 0);
      const p99 = (xs: Load[]) => `${m(xs, (x) => x.p99).toFixed(1)} ms`.padStart(10);
      const verdict = ratio <= 1.5 ? 'met ' : 'MISS';
      const pairs = alone.map((a, i) => `${a.p99}/${during[i]!.p99}`).join(', ');
      console.log(
        `${label.padEnd(50)} ${p99(alone)} ${p99(during)}  ${ratio.toFixed(2).padStart(5)}x ${verdict}  ` +
          `(rounds, ms: ${pairs}) p50 ${m(alone, (x) => x.p50)} → ${m(during, (x) => x.p50)} ms, quiet non-2xx ${errors(alone)} + ${errors(during)}; ${noisy}`,
      );
    };
    console.log(`${'neighbour'.padEnd(50)} ${'p99 alone'.padStart(10)} ${'p99 during'.padStart(10)}  ratio`);

    // (c) first, while the worker drains the backlog queued before the server started; then, once it is
    // gone, the quiet tenant alone (not paired round by round like (a) and (b): the backlog is there once).
    if (CASES.has('c')) {
      await quietRead(3); // warm-up (the server has just started)
      const alone: Load[] = [];
      const during: Load[] = [];
      const drained: string[] = [];
      const pressures: string[] = [];
      for (let r = 0; r < NOISY_ROUNDS; r++) {
        const before = await backlogLeft();
        if (before === 0) {
          console.log(`(c): the backlog was gone before round ${r + 1}; ${r} round(s) measured against it (raise BENCH_BACKLOG)`);
          break;
        }
        const since = performance.now();
        const [q, pressure] = await watchPressure(quietRead());
        during.push(q);
        pressures.push(pressure);
        const after = await backlogLeft();
        drained.push(`${before} → ${after} (${((before - after) / ((performance.now() - since) / 1000)).toFixed(0)} runs/s)`);
        if (after === 0) console.log('(c): the backlog ran out during the measurement; raise BENCH_BACKLOG');
      }
      mark = performance.now();
      for (let i = 0; i < 3000 && (await backlogLeft()) > 0; i++) await sleep(100);
      drained.push(`the rest drained in ${((performance.now() - mark) / 1000).toFixed(0)} s`);
      // As many rounds alone as were measured against the backlog (paired by position in the report).
      for (let r = 0; r < during.length; r++) alone.push(await quietRead());
      if (during.length > 0)
        report(
          `(c) ${BACKLOG.toLocaleString('en')}-run workflow backlog`,
          alone,
          during,
          `runs queued or running ${drained.join(', ')}; ${pressures.join(', ')}`,
        );
    }

    for (const [name, { label, spec }] of Object.entries(neighbours)) {
      if (!CASES.has(name === 'flood' ? 'a' : 'b')) continue;
      const alone: Load[] = [];
      const during: Load[] = [];
      const noisy: Load[] = [];
      const pressures: string[] = [];
      const shed0 = await shedTotals();
      if (name === 'filters') {
        // One filter alone first: what each of the 50 costs.
        const since = performance.now();
        const one = await fetch(`${base}${spec.paths[0]}`, { headers: spec.headers });
        const body = (await one.json()) as { code?: string };
        console.log(`    one filter alone: ${one.status}${body.code ? ` ${body.code}` : ''} in ${(performance.now() - since).toFixed(0)} ms`);
      }
      for (let r = 0; r < NOISY_ROUNDS; r++) {
        alone.push(await quietRead());
        // The flood starts with its tenant's bucket empty (a bucket holds a minute's requests), so it
        // runs at 10x the limit throughout rather than spending the burst first.
        if (name === 'flood') {
          const drain = () => load(port, () => ({ method: 'GET', path: spec.paths[0]! }), spec.headers, { connections: 16, amount: 1000 });
          while (((await drain()).statuses['4xx'] ?? 0) < 900);
        }
        const [[q, n], pressure] = await watchPressure(Promise.all([quietRead(), generate(spec)]));
        during.push(q);
        noisy.push(n);
        pressures.push(pressure);
      }
      const shed1 = await shedTotals();
      const codes: Record<string, number> = {};
      for (const x of noisy) for (const [code, n] of Object.entries(x.codes)) codes[code] = (codes[code] ?? 0) + n;
      report(
        label,
        alone,
        during,
        `neighbour ${median(noisy.map((x) => x.rps)).toFixed(0)} req/s (p50 ${median(noisy.map((x) => x.p50))} ms), statuses ${JSON.stringify(codes)}, ` +
          `shed ${(shed1.free ?? 0) - (shed0.free ?? 0)}; ${pressures.join(', ')}`,
      );
    }
    const shed = await shedTotals();
    console.log(`\nshed by the server in all (tenantry_shed_requests_total): ${JSON.stringify(shed)}`);
    await admin.end();
  });
}

if (process.argv[2] === 'generate') await generator(JSON.parse(process.argv[3]!) as Spec);
else await main();
