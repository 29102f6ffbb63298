/**
 * The workflow engine on PostgreSQL, in one run, with two `tenantry worker` processes (the built CLI):
 *  1. no-op single-step runs: steps per second, against pg-boss 10 by itself (4 polling workers,
 *     batch 100, no tenancy, no run history) on the same server in the same run;
 *  2. 5-step chains: steps per second;
 *  3. latency from run creation to its first step starting, on an idle system (one run at a time);
 *  4. a noisy neighbour: one tenant queues 3,000 runs, nine queue 100 each; Jain's fairness index of
 *     per-tenant throughput while all ten have a backlog;
 *  5. delay accuracy: 1,000 runs of one 100 ms delay step started at once, each delay's actual wait
 *     (the step's start → its end, database clock);
 *  6. as a user meets it: `tenantry serve` with its defaults (the in-process worker, 8 slots), 400
 *     five-step chains started over HTTP across 4 tenants (16 requests at a time), steps per second.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:workflows
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { Services } from '../src/services.js';
import type { WorkflowDefinition } from '../src/workflows/definition.js';
import { config, median, withBenchDatabase } from './support.js';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const WORKERS = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 32);
const PROCESSES = Number(process.env.BENCH_WORKER_PROCESSES ?? 2);

const jain = (xs: number[]) => xs.reduce((a, b) => a + b, 0) ** 2 / (xs.length * xs.reduce((a, b) => a + b * b, 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function startWorker(mainUrl: string, concurrency: number, children: ChildProcess[]): Promise<ChildProcess> {
  // BENCH_WORKER_NODE_ARGS: node flags for the worker processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'worker'], {
    env: { ...process.env, TENANTRY_DATABASE_URL: mainUrl, TENANTRY_WORKERS: String(concurrency), TENANTRY_LOG_LEVEL: 'info', TENANTRY_WORKER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (c: Buffer) => {
        err += c.toString();
        if (err.includes('tenantry worker started')) resolve(child);
      });
    }
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

/** `tenantry serve` with its defaults on `mainUrl`; resolves its base URL once it listens. */
function startServer(mainUrl: string, adminToken: string, dataDir: string, children: ChildProcess[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, TENANTRY_DATABASE_URL: mainUrl, TENANTRY_ADMIN_TOKEN: adminToken, TENANTRY_DATA_DIR: dataDir };
  env.TENANTRY_PORT = '0';
  // Its defaults, logging included (a line per request at `info`).
  delete env.TENANTRY_LOG_LEVEL;
  delete env.TENANTRY_WORKERS;
  delete env.TENANTRY_WORKER_POLL_MS;
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      if (out.length > 100_000) return; // listening long ago: only drained from now on
      out += c.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => void (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.splice(0).map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.removeAllListeners('exit');
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

async function main(): Promise<void> {
  await withBenchDatabase('wf', async ({ mainUrl, suffix, children }) => {
    const services = await Services.open({ config: config(mainUrl), onError: () => {} });
    const { tenantry: t, workflows: runtime } = services;
    const noop = (n: number): WorkflowDefinition => ({
      steps: Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        kind: 'transform' as const,
        ...(i > 0 && { needs: [`s${i - 1}`] }),
        with: { expression: '1' },
      })),
    });
    const tenant = async (label: string, cap: number) => {
      const id = `bench-${label}-${suffix}`;
      await t.tenants.create({ id, isolation: 'pooled' });
      await t.tenants.update(id, { limits: { workflowConcurrency: cap } });
      await runtime.definitions.put(id, 'one', noop(1));
      await runtime.definitions.put(id, 'five', noop(5));
      return id;
    };
    const queue = async (id: string, workflow: string, count: number) => {
      for (let i = 0; i < count; i += 32) await Promise.all(Array.from({ length: Math.min(32, count - i) }, () => runtime.runs.start(id, workflow)));
    };
    const succeeded = (id: string) =>
      t.withTenant(id, async (s) =>
        Number(
          (
            await s.db
              .selectFrom('runs')
              .select(sql<number>`count(*)`.as('n'))
              .where('status', '=', 'succeeded')
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    const waitAll = async (ids: string[], total: number) => {
      for (;;) {
        const done = (await Promise.all(ids.map(succeeded))).reduce((a, b) => a + b, 0);
        if (done >= total) return;
        await sleep(100);
      }
    };
    /** Steps per second of `workflow`'s runs: their steps over first step start → last step end (database clock). */
    const stepRate = async (ids: string[], workflow: string) => {
      const spans = await Promise.all(
        ids.map((id) =>
          t.withTenant(id, async (s) => {
            const { rows } = await sql<{ first: Date; last: Date; n: number }>`
              SELECT min(st.started_at) AS first, max(st.finished_at) AS last, count(*)::int AS n
                FROM run_steps st JOIN runs r ON r.id = st.run_id WHERE r.workflow = ${workflow}`.execute(s.db);
            return rows[0]!;
          }),
        ),
      );
      const first = Math.min(...spans.map((x) => new Date(x.first).getTime()));
      const last = Math.max(...spans.map((x) => new Date(x.last).getTime()));
      return spans.reduce((a, x) => a + x.n, 0) / ((last - first) / 1000);
    };
    /** Transactions committed in the benchmark's database so far (every statement the engine sends is one). */
    const commits = async () => {
      await sleep(1200); // backends report their counts within a second
      const c = await t.storage.control.executeSql<{ n: string }>(`SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()`);
      return Number(c[0]!.n);
    };
    const tenants = await Promise.all(['a', 'b', 'c', 'd'].map((l) => tenant(l, 64)));
    const per = Math.ceil(RUNS / tenants.length);

    // 0. pg-boss 10 by itself: the same number of no-op jobs, 4 workers polling with batches of 100.
    const boss = new PgBoss({ connectionString: mainUrl, schema: 'pgboss_bench' });
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue('noop');
    for (let i = 0; i < RUNS; i += 1000) await boss.insert(Array.from({ length: Math.min(1000, RUNS - i) }, () => ({ name: 'noop', data: {} })));
    let bossDone = 0;
    const bossStart = performance.now();
    for (let w = 0; w < 4; w++) await boss.work('noop', { batchSize: 100, pollingIntervalSeconds: 0.5 }, async (jobs) => void (bossDone += jobs.length));
    while (bossDone < RUNS) await sleep(20);
    const bossRate = RUNS / ((performance.now() - bossStart) / 1000);
    await boss.stop({ graceful: false, wait: true });

    // 1. No-op single-step runs, queued first, then two worker processes drain them.
    for (const id of tenants) await queue(id, 'one', per);
    const oneCommits = await commits();
    await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(mainUrl, WORKERS, children)));
    await waitAll(tenants, per * tenants.length);
    const oneRate = await stepRate(tenants, 'one');
    const onePerStep = ((await commits()) - oneCommits) / (per * tenants.length);

    // 2. Five-step chains.
    const chains = Math.ceil(RUNS / 5 / tenants.length);
    await stopWorkers(children);
    for (const id of tenants) await queue(id, 'five', chains);
    const fiveCommits = await commits();
    await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(mainUrl, WORKERS, children)));
    await waitAll(tenants, (per + chains) * tenants.length);
    const fiveRate = await stepRate(tenants, 'five');
    const fivePerStep = ((await commits()) - fiveCommits) / (chains * 5 * tenants.length);

    // 3. Start latency on an idle system: one run at a time, creation → first step started (database clock).
    const idle = await tenant('idle', 8);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      ids.push((await runtime.runs.start(idle, 'one')).run.id);
      await sleep(37); // not in step with the workers' poll
    }
    await waitAll([idle], 100);
    const latencies = await t.withTenant(idle, async (s) =>
      (
        await sql<{
          ms: number;
        }>`SELECT extract(epoch FROM (st.started_at - r.created_at)) * 1000 AS ms FROM runs r JOIN run_steps st ON st.run_id = r.id`.execute(s.db)
      ).rows.map((r) => Number(r.ms)),
    );
    latencies.sort((a, b) => a - b);
    await stopWorkers(children);

    // 4. Noisy neighbour: workers with fewer slots than the ten tenants could use.
    const noisy = await tenant('noisy', 8);
    const quiet = await Promise.all(Array.from({ length: 9 }, (_, i) => tenant(`quiet${i}`, 8)));
    await queue(noisy, 'one', 3000);
    for (const id of quiet) await queue(id, 'one', 100);
    await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(mainUrl, 8, children)));
    await waitAll(quiet, 900);
    await stopWorkers(children);
    const finishes = await Promise.all(
      [noisy, ...quiet].map((id) =>
        t.withTenant(id, async (s) =>
          (await s.db.selectFrom('runs').select('finished_at').where('status', '=', 'succeeded').execute()).map((r) => new Date(r.finished_at!).getTime()),
        ),
      ),
    );
    const end = Math.min(...finishes.slice(1).map((f) => Math.max(...f)));
    const inWindow = finishes.map((f) => f.filter((ms) => ms <= end).length);

    // 5. Delay accuracy: 1,000 runs of one 100 ms delay step, started at once, all asleep together.
    const sleeper = await tenant('delay', 64);
    await runtime.definitions.put(sleeper, 'nap', { steps: [{ id: 'nap', kind: 'delay', with: { ms: 100 } }] });
    await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(mainUrl, WORKERS, children)));
    await queue(sleeper, 'nap', 1000);
    await waitAll([sleeper], 1000);
    await stopWorkers(children);
    const waits = await t.withTenant(sleeper, async (s) =>
      (await sql<{ ms: number }>`SELECT extract(epoch FROM (finished_at - started_at)) * 1000 AS ms FROM run_steps`.execute(s.db)).rows
        .map((r) => Number(r.ms))
        .sort((a, b) => a - b),
    );

    // 6. As a user meets it: `tenantry serve`, defaults, 400 five-step chains started over HTTP.
    const adminToken = randomBytes(16).toString('hex');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tenantry-bench-serve-'));
    const base = await startServer(mainUrl, adminToken, dataDir, children);
    const call = async (pathName: string, token: string, body?: unknown, method = 'POST') => {
      const res = await fetch(`${base}${pathName}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${pathName}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const userTenants = ['ua', 'ub', 'uc', 'ud'].map((l) => `bench-${l}-${suffix}`);
    const keys = new Map<string, string>();
    for (const id of userTenants) {
      await call('/v1/tenants', adminToken, { id });
      const key = String((await call(`/v1/tenants/${id}/api-keys`, adminToken, { name: 'bench', role: 'admin' })).key);
      keys.set(id, key);
      await call('/v1/workflows/five', key, noop(5), 'PUT');
    }
    const userRuns = Array.from({ length: 400 }, (_, i) => userTenants[i % 4]!);
    const userStart = performance.now();
    for (let i = 0; i < userRuns.length; i += 16) {
      await Promise.all(userRuns.slice(i, i + 16).map((id) => call('/v1/workflows/five/runs', keys.get(id)!, {})));
    }
    await waitAll(userTenants, 400);
    const userWall = (performance.now() - userStart) / 1000;
    const userRate = await stepRate(userTenants, 'five');
    await stopWorkers(children);
    await rm(dataDir, { recursive: true, force: true });

    await services.close();
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    const w = (q: number) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]!;
    console.log(`workflow engine, PostgreSQL, ${PROCESSES} worker processes × ${WORKERS} steps, ${RUNS} runs`);
    console.log(`  pg-boss 10 alone (4 workers, batch 100):  ${fmt(bossRate)} jobs/s`);
    console.log(
      `  no-op single-step runs:                   ${fmt(oneRate)} steps/s  (${(oneRate / bossRate).toFixed(2)}× pg-boss alone; goal 2,000), ${onePerStep.toFixed(2)} transactions per step`,
    );
    console.log(
      `  5-step chains:                            ${fmt(fiveRate)} steps/s  (${(fiveRate / bossRate).toFixed(2)}× pg-boss alone), ${fmt(fiveRate / 5)} chains/s, ${fivePerStep.toFixed(2)} transactions per step`,
    );
    console.log(
      `  start latency, idle (100 runs):           p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms (goal p50 < 50 ms); median ${median(latencies).toFixed(1)}`,
    );
    console.log(
      `  noisy neighbour (3,000 vs 9 × 100, 2 × 8 slots): runs per tenant while all had a backlog ${JSON.stringify(inWindow)}, Jain's index ${jain(inWindow).toFixed(3)}`,
    );
    console.log(
      `  delay accuracy (1,000 × 100 ms at once):  actual wait p50 ${w(0.5).toFixed(1)} ms, p99 ${w(0.99).toFixed(1)} ms, max ${waits.at(-1)!.toFixed(1)} ms`,
    );
    console.log(
      `  as a user meets it (serve, defaults, 400 five-step chains over HTTP, 4 tenants): ${fmt(userRate)} steps/s, all done ${userWall.toFixed(1)} s after the first request`,
    );
  });
}

await main();
