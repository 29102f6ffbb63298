/**
 * Noisy neighbours (issue 16), in one run against `tenantry serve` with its shipped defaults (in-process
 * workflow worker with 8 slots, pool of 10, load shedding `auto` = on with PostgreSQL, info logs to a
 * file) in a child process: a quiet tenant's point reads at a steady rate (BENCH_QUIET_RATE, default
 * 200/s, open loop: each timed from when it was due), alone and then while a neighbour runs
 *   (a) a request flood at 10× its rate limit (6,000/min → 1,000 req/s over 16 connections);
 *   (b) 50 concurrent expensive filters (a `$ilike` no index narrows) on a 1M-row collection in the
 *       shared pooled table (BENCH_ROWS), loaded in one INSERT … SELECT generate_series as the owner;
 *   (c) a workflow backlog of one-step no-op runs queued before the server starts (BENCH_BACKLOG,
 *       default 15,000: enough that the server's worker is still draining it when the last round
 *       ends; a round that finds it gone is not counted, and the run says so).
 * Goal: the quiet tenant's p99 within 1.5× of alone in each. The neighbour's load comes from a child
 * process of its own (this file, `generate`), the quiet reads from this one, so neither generator
 * slows the other; alone and during are paired per round (BENCH_ROUNDS, default 3, of BENCH_SECONDS, 5),
 * each alone measured once the database is idle again (settle). BENCH_CASES=a,b runs only those cases.
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
import http from 'node:http';
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
const QUIET_RATE = Number(process.env.BENCH_QUIET_RATE ?? 200);
const NOISY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FLOOD_LIMIT = 6000; // per minute: the flood runs at 10× it
/**
 * The neighbour's load generator's nice value (BENCH_GENERATOR_NICE, default 19; 0 = the same priority
 * as the server). On two cores autocannon sending 1,000 req/s takes ~70 % of one, and at the same
 * priority the quiet tenant's p99 measured the generator's CPU as much as the server's handling of it.
 */
const GENERATOR_NICE = Number(process.env.BENCH_GENERATOR_NICE ?? 19);
/** BENCH_CASES: which neighbours to run, of a, b, c (default all; `a,b` skips queueing the backlog). */
const CASES = new Set((process.env.BENCH_CASES ?? 'a,b,c').split(',').map((c) => c.trim()));
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

/**
 * The neighbour's load, in a child process of its own: started, and ready (its modules loaded), before
 * `run` sets it going for `duration` seconds, so its start-up is not part of a measurement.
 */
function generator(spec: Spec): Promise<{ run: (duration: number) => Promise<Load> }> {
  return new Promise((ready, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['generate', JSON.stringify(spec)], { stdio: 'inherit' });
    // Below the server's priority (GENERATOR_NICE): the neighbour's clients stand for machines of their
    // own, so on this box they take the CPU the server and PostgreSQL leave, not the server's.
    if (GENERATOR_NICE !== 0) os.setPriority(proc.pid!, GENERATOR_NICE);
    proc.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    proc.once('message', () =>
      ready({
        run: (duration) =>
          new Promise<Load>((resolve) => {
            proc.once('message', (m: Load) => resolve(m));
            proc.send({ duration });
          }),
      }),
    );
  });
}

async function generate(spec: Spec): Promise<void> {
  const pick = () => spec.paths[Math.floor(Math.random() * spec.paths.length)]!;
  process.once('message', async ({ duration }: { duration: number }) => {
    const result = await load(spec.port, () => ({ method: spec.method, path: pick(), ...(spec.body !== undefined && { body: spec.body }) }), spec.headers, {
      ...spec.shape,
      duration,
    });
    process.send!(result, () => process.exit(0));
  });
  process.send!('ready');
}

/** The quiet tenant's reads, as measured: latencies in ms (µs resolution). */
interface Quiet {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
}

/** One keep-alive agent for every quiet measurement, so a round does not pay for new connections. */
const quietAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/**
 * The quiet tenant's load, open-loop: a GET every 1/rate s on a fixed schedule, each timed from when it
 * was due, not from when it was sent. A closed-loop client (autocannon at an overall rate over 4
 * connections) waits for a slow answer before sending the next request on that connection, so a
 * stall delays requests that then are not counted as late ("coordinated omission"), and it reports
 * whole milliseconds, too coarse for a 5 ms p99. Here a stall counts for every request it delayed.
 */
async function quietLoad(port: number, path: () => string, headers: Record<string, string>, rate: number, durationS: number): Promise<Quiet> {
  const latencies: number[] = [];
  let errors = 0;
  const interval = 1000 / rate;
  const start = performance.now() + 5;
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < Math.round(rate * durationS); i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    inflight.push(
      new Promise<void>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, path: path(), method: 'GET', headers, agent: quietAgent }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end();
      }),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN) * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), max: at(1), requests: latencies.length, errors };
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
    if (CASES.has('c')) {
      await services.workflows.definitions.put(queuer.id, 'one', { steps: [{ id: 's0', kind: 'transform', with: { expression: '1' } }] });
      for (let i = 0; i < BACKLOG; i += 32) {
        await Promise.all(Array.from({ length: Math.min(32, BACKLOG - i) }, () => services.workflows.runs.start(queuer.id, 'one')));
      }
      console.log(`queued ${BACKLOG.toLocaleString('en')} one-step runs in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
    }
    await services.close();

    // The neighbour's 1M rows: one statement, as the tables' owner, straight into the shared pooled table.
    const admin = new pg.Client({ connectionString: mainUrl });
    admin.on('error', () => {}); // the database is dropped with FORCE at the end, even after a failure
    await admin.connect();
    mark = performance.now();
    const rows = CASES.has('b') ? ROWS : 0;
    await admin.query('BEGIN');
    await admin.query("SELECT set_config('tenantry.tenant_id', $1, true)", [filterer.id]);
    await admin.query(
      `INSERT INTO tenant_pool.records (tenant_id, collection, id, data)
       SELECT $1, 'big', gen_random_uuid(), jsonb_build_object('title', 'record ' || g, 'n', g, 'group', g % 100, 'note', md5(g::text))
         FROM generate_series(1, $2::int) g`,
      [filterer.id, rows],
    );
    await admin.query('COMMIT');
    // A quiet database before anything is measured: the load's dead tuples, visibility map and
    // statistics done now (VACUUM ANALYZE) rather than by an autovacuum during a round, and its dirty
    // pages written (CHECKPOINT) rather than by a checkpoint during one.
    await admin.query('VACUUM (ANALYZE) tenant_pool.records');
    await admin.query('CHECKPOINT');
    console.log(
      `loaded ${rows.toLocaleString('en')} rows into the pooled table, vacuumed and checkpointed, in ${((performance.now() - mark) / 1000).toFixed(1)} s`,
    );

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
      quietLoad(port, () => `/v1/collections/items/records/${quietIds[Math.floor(Math.random() * quietIds.length)]}`, quiet.auth, QUIET_RATE, duration);
    /**
     * Wait until the server and the database are idle again before the quiet tenant is measured alone: a
     * neighbour's requests outlive its generator (a filter runs on to its statement timeout, its
     * waiters to their pool-share timeout), and an autovacuum may have started after its writes.
     */
    const settle = async () => {
      await sleep(1000);
      for (let i = 0; i < 300; i++) {
        const { rows: busy } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
              AND (backend_type <> 'client backend' OR now() - query_start > interval '200 ms')`,
        );
        if (busy[0]!.n === 0) return;
        await sleep(200);
      }
      console.log('    (the database did not go idle within a minute)');
    };
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
        `point reads at ${QUIET_RATE}/s (open loop), ${NOISY_ROUNDS} rounds of ${seconds} s (medians); neighbours' load generator at nice ${GENERATOR_NICE}`,
    );
    const report = (label: string, alone: Quiet[], during: Quiet[], noisy: string) => {
      const m = (xs: Quiet[], f: (x: Quiet) => number) => median(xs.map(f));
      const ratio = m(during, (x) => x.p99) / m(alone, (x) => x.p99);
      // The median of the rounds' own ratios too: each round's alone is measured right before its during.
      const paired = median(alone.map((a, i) => during[i]!.p99 / a.p99));
      const errors = (xs: Quiet[]) => xs.reduce((n, x) => n + x.errors, 0);
      const p99 = (xs: Quiet[]) => `${m(xs, (x) => x.p99).toFixed(1)} ms`.padStart(10);
      const verdict = ratio <= 1.5 ? 'met ' : 'MISS';
      const pairs = alone.map((a, i) => `${a.p99}/${during[i]!.p99}`).join(', ');
      console.log(
        `${label.padEnd(50)} ${p99(alone)} ${p99(during)}  ${ratio.toFixed(2).padStart(5)}x ${verdict}  ` +
          `(median of round ratios ${paired.toFixed(2)}x; rounds, ms: ${pairs}) p50 ${m(alone, (x) => x.p50)} → ${m(during, (x) => x.p50)} ms, ` +
          `max ${m(alone, (x) => x.max)} → ${m(during, (x) => x.max)} ms, ${m(alone, (x) => x.requests)} reads a round, quiet non-2xx ${errors(alone)} + ${errors(during)}; ${noisy}`,
      );
    };
    console.log(`${'neighbour'.padEnd(50)} ${'p99 alone'.padStart(10)} ${'p99 during'.padStart(10)}  ratio`);

    // (c) first, while the worker drains the backlog queued before the server started; then, once it is
    // gone, the quiet tenant alone (not paired round by round like (a) and (b): the backlog is there once).
    await quietRead(3); // warm-up (the server has just started)
    if (CASES.has('c')) {
      const alone: Quiet[] = [];
      const during: Quiet[] = [];
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
      const alone: Quiet[] = [];
      const during: Quiet[] = [];
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
        const t0 = performance.now();
        await settle();
        const t1 = performance.now();
        // Watched as the neighbour's rounds are (a /metrics scrape every 250 ms), so both sides carry the same probe.
        alone.push((await watchPressure(quietRead()))[0]);
        const t2 = performance.now();
        // The flood starts with its tenant's bucket empty (a bucket holds a minute's requests), so it
        // runs at 10x the limit throughout rather than spending the burst first.
        // Emptied through GET /v1/tenant, which reads nothing from the database, in batches of more than
        // the bucket says is left (it refills meanwhile), until a batch ends in refusals. (Waiting for a
        // share of 429s instead never ended on a server slower than ~1,000 req/s: the bucket refills
        // at 100/s.)
        if (name === 'flood') {
          for (let i = 0; i < 20; i++) {
            const probe = await fetch(`${base}/v1/tenant`, { headers: spec.headers });
            await probe.arrayBuffer();
            const left = Number(probe.headers.get('ratelimit-remaining') ?? 0);
            const batch = await load(port, () => ({ method: 'GET', path: '/v1/tenant' }), spec.headers, { connections: 16, amount: left + 200 });
            if ((batch.codes['429'] ?? 0) > 0) break;
          }
        }
        // The neighbour's process is started (and has loaded its modules) before the clock runs; its load
        // begins half a second before the quiet reads and ends half a second after them.
        const neighbour = await generator(spec);
        const t3 = performance.now();
        const [[q, n], pressure] = await watchPressure(Promise.all([sleep(500).then(() => quietRead()), neighbour.run(seconds + 1)]));
        during.push(q);
        noisy.push(n);
        pressures.push(pressure);
        const secs = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
        console.error(
          `    ${name} round ${r + 1}: settled in ${secs(t0, t1)} s, alone p99 ${alone.at(-1)!.p99} ms, ` +
            `neighbour ready in ${secs(t2, t3)} s, during p99 ${q.p99} ms (load average ${os.loadavg()[0]!.toFixed(1)})`,
        );
      }
      const shed1 = await shedTotals();
      const rate = median(noisy.map((x) => x.rps));
      if (spec.shape.overallRate !== undefined && rate < 0.9 * spec.shape.overallRate)
        console.log(`    (the neighbour sent ${rate.toFixed(0)} req/s, short of its ${spec.shape.overallRate}: the figure understates the flood)`);
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
    quietAgent.destroy();
  });
}

if (process.argv[2] === 'generate') await generate(JSON.parse(process.argv[3]!) as Spec);
else await main();
