/**
 * Shared by the HTTP benchmarks: configuration, servers in child processes (bench/server-child.ts),
 * one autocannon load, medians.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../src/api/app.js';
import { defaultConfig, type TenantryConfig } from '../src/config.js';
import { withDatabase } from '../src/storage/backends/postgres.js';
import { Services } from '../src/services.js';

export const url = process.env.TENANTRY_BENCH_DATABASE_URL ?? process.env.TENANTRY_TEST_DATABASE_URL ?? process.env.TENANTRY_DATABASE_URL;
export const seconds = Number(process.env.BENCH_SECONDS ?? 5);
export const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const POOL = 16;

export function config(mainUrl: string): TenantryConfig {
  return defaultConfig({
    dataDir: path.join(os.tmpdir(), 'tenantry-bench-http'),
    clusters: [{ name: 'main', url: mainUrl }],
    poolSize: POOL,
    tenantPoolSize: POOL,
    port: 0,
    logLevel: 'silent',
    workers: 0,
  });
}

/** Child process: serve one of the two servers and report the port. */
export async function child(kind: string, mainUrl: string, tenant: string): Promise<void> {
  if (kind === 'tenantry') {
    const services = await Services.open({ config: config(mainUrl), onError: () => {} });
    const app = await buildApp({ services, adminToken: randomBytes(16).toString('hex'), cursorSecret: 'bench' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    process.send!({ port: (app.server.address() as { port: number }).port });
    return;
  }
  const pool = new pg.Pool({ connectionString: mainUrl, max: POOL });
  const app = Fastify();
  app.get<{ Params: { id: string } }>('/records/:id', async (request, reply) => {
    const { rows } = await pool.query('select id, data, version, created_at, updated_at from tenant_pool.records where tenant_id = $1 and id = $2', [
      tenant,
      request.params.id,
    ]);
    if (!rows[0]) return reply.code(404).send({});
    return rows[0];
  });
  app.post<{ Body: { data: unknown } }>('/records', async (request, reply) => {
    const { rows } = await pool.query(
      "insert into tenant_pool.records (tenant_id, collection, id, data) values ($1, 'items', $2, $3) returning id, data, version, created_at, updated_at",
      [tenant, uuidv7(), JSON.stringify(request.body.data)],
    );
    return reply.code(201).send(rows[0]);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ port: (app.server.address() as { port: number }).port });
}

export function start(kind: string, mainUrl: string, tenant: string): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it is stopped (node --cpu-prof).
    const profile = process.env.BENCH_CPU_PROF;
    const execArgv = profile ? ['--cpu-prof', '--cpu-prof-dir', profile, '--cpu-prof-name', `${kind}-${Date.now()}.cpuprofile`] : [];
    const proc = fork(fileURLToPath(new URL('./server-child.js', import.meta.url)), [kind, mainUrl, tenant], { stdio: 'inherit', execArgv });
    proc.once('message', (m: { port: number }) => resolve({ proc, port: m.port }));
    proc.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/**
 * Tenantry as a user meets it: `tenantry serve` (what `npm start` runs) in a child process with only
 * the database, a port, an admin token and a data directory set — every other setting at its default
 * (in-process workflow worker, pool sizes, info-level request logs, written here to a file as a
 * service manager would). Resolves once it answers /healthz.
 */
export async function startServe(
  mainUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ proc: ChildProcess; port: number; adminToken: string }> {
  const adminToken = randomBytes(24).toString('hex');
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const log = openSync(path.join(dataDir, 'serve.log'), 'a');
  const proc = fork(fileURLToPath(new URL('../src/cli/main.js', import.meta.url)), ['serve'], {
    stdio: ['ignore', log, log, 'ipc'],
    execArgv: process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF, '--cpu-prof-name', `serve-${Date.now()}.cpuprofile`]
      : [],
    env: {
      PATH: process.env.PATH,
      TENANTRY_DATABASE_URL: mainUrl,
      TENANTRY_PORT: String(port),
      TENANTRY_DATA_DIR: dataDir,
      TENANTRY_ADMIN_TOKEN: adminToken,
      ...env,
    },
  });
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`tenantry serve exited with ${proc.exitCode}; see ${path.join(dataDir, 'serve.log')}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { proc, port, adminToken };
    if (i > 600) throw new Error('tenantry serve did not answer /healthz within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Load {
  rps: number;
  /** Requests answered during the load. */
  requests: number;
  /**
   * CPU milliseconds per 1,000 requests, when the load was given processes to watch (loadWithCpu):
   * the server process, and the PostgreSQL backends of the benchmark's database.
   */
  cpu?: { server: number; database: number };
  p50: number;
  p99: number;
  errors: number;
  /** Responses by status class, e.g. { '2xx': 100, '4xx': 3 }. */
  statuses: Record<string, number>;
  /** Responses by status code, e.g. { '200': 100, '429': 3 }. */
  codes: Record<string, number>;
}

/** How a load is run: connections (BENCH_CONNECTIONS), for `duration` seconds (BENCH_SECONDS), at most `overallRate` requests/s, or `amount` requests in all. */
export interface LoadShape {
  connections?: number;
  duration?: number;
  overallRate?: number;
  amount?: number;
}

export async function load(
  port: number,
  request: () => { method: 'GET' | 'POST'; path: string; body?: string },
  headers: Record<string, string>,
  shape: LoadShape = {},
): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: shape.connections ?? connections,
    ...(shape.amount !== undefined ? { amount: shape.amount } : { duration: shape.duration ?? seconds }),
    ...(shape.overallRate !== undefined && { overallRate: shape.overallRate }),
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
  const statuses = { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] };
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]));
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    statuses,
    codes,
  };
}

/** CPU time used so far by the processes `pids`, in milliseconds (Linux /proc; a process gone counts 0). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone, or not Linux
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** The kernel's clock ticks per second (USER_HZ): 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;

/**
 * `load`, and the CPU time it cost: of the server process `serverPid`, and of the PostgreSQL backends
 * serving the database `admin` is connected to (found in pg_stat_activity before and after; both
 * servers' pools stay connected, and the one not under load uses none). Throughput on a shared
 * 2-core machine drifts with whatever else runs; CPU per request does much less, and on a machine
 * the server and PostgreSQL saturate it is what throughput is the inverse of.
 */
export async function loadWithCpu(admin: pg.Client, serverPid: number, run: () => Promise<Load>): Promise<Load> {
  const backends = async () =>
    (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map(
      (r) => r.pid,
    );
  const before = new Map((await backends()).map((pid) => [pid, cpuMs([pid])]));
  const server0 = cpuMs([serverPid]);
  const result = await run();
  const server1 = cpuMs([serverPid]);
  // Backends that appeared during the load count from zero (they started during it); one that ended
  // during it is missed (the pools keep theirs open).
  let database = 0;
  for (const pid of await backends()) database += cpuMs([pid]) - (before.get(pid) ?? 0);
  const per = (ms: number) => (ms / Math.max(1, result.requests)) * 1000;
  return { ...result, cpu: { server: per(server1 - server0), database: per(database) } };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Throughput of one measurement and the CPU time per operation it cost, in microseconds. */
export interface CpuRun {
  ops: number;
  /** This process (the caller, the library, its codec and driver), user + system. */
  client: number;
  /** The PostgreSQL backends serving the benchmark's database (Linux /proc; 0 elsewhere). */
  database: number;
}

/**
 * Measures `throughput` together with its CPU cost per operation: this process's (process.cpuUsage)
 * and that of the PostgreSQL client backends connected to the database at `databaseUrl`
 * (pg_stat_activity before and after, /proc/<pid>/stat; the server must be on this machine). Autovacuum
 * workers are left out: one that wakes after the writes of one side would be charged to the other. On a shared machine
 * throughput drifts with whatever else runs; CPU per operation much less.
 */
export interface CpuMeter {
  measure: (op: () => Promise<unknown>, concurrency: number, seconds: number) => Promise<CpuRun>;
  close: () => Promise<void>;
}

/** Without `databaseUrl` (embedded PGlite: the database runs in this process) only the client's. */
export async function cpuMeter(databaseUrl?: string): Promise<CpuMeter> {
  const admin = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : undefined;
  await admin?.connect();
  const backends = async () =>
    admin
      ? (
          await admin.query<{ pid: number }>(
            "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
          )
        ).rows.map((r) => r.pid)
      : [];
  return {
    async measure(op, concurrency, secs) {
      const before = new Map((await backends()).map((pid) => [pid, cpuMs([pid])]));
      const client0 = process.cpuUsage();
      let count = 0;
      const until = Date.now() + secs * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < until) {
            await op();
            count++;
          }
        }),
      );
      const client = process.cpuUsage(client0);
      let database = 0;
      for (const pid of await backends()) database += cpuMs([pid]) - (before.get(pid) ?? 0);
      const n = Math.max(1, count);
      return { ops: count / secs, client: (client.user + client.system) / n, database: (database * 1000) / n };
    },
    close: async () => {
      await admin?.end();
    },
  };
}

/** Operations per second of `op`, run by `concurrency` callers without pause for `seconds`. */
export async function throughput(op: () => Promise<unknown>, concurrency: number, seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        await op();
        count++;
      }
    }),
  );
  return count / seconds;
}

/**
 * `rounds` rounds, each measuring the throughput of `baseline` then of `candidate` back to back
 * (after one warm-up of each): the medians of both, the median of the per-round ratios
 * candidate/baseline, and every round's pair for other ratios.
 */
export async function pairedRounds(
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
  options: { concurrency: number; seconds: number; rounds: number },
): Promise<{ base: number; cand: number; ratio: number; perRound: Array<{ base: number; cand: number }> }> {
  const measure = (op: () => Promise<unknown>) => throughput(op, options.concurrency, options.seconds);
  await measure(baseline);
  await measure(candidate);
  const perRound: Array<{ base: number; cand: number }> = [];
  for (let r = 0; r < options.rounds; r++) {
    const base = await measure(baseline);
    const cand = await measure(candidate);
    perRound.push({ base, cand });
  }
  return {
    base: median(perRound.map((r) => r.base)),
    cand: median(perRound.map((r) => r.cand)),
    ratio: median(perRound.map((r) => r.cand / r.base)),
    perRound,
  };
}

/** One side of a paired or interleaved measurement: the operation, and what switches to it (run before each measurement of this side, e.g. switch something off). */
export interface Side {
  op: () => Promise<unknown>;
  before?: () => Promise<void> | void;
}

/**
 * One operation at a time, the two sides alternating operation by operation (`before` switches to a
 * side, then its operation is timed), `n` each after a warm-up: what a drift of the shared VM does to
 * one side it does to the other an operation later, which round-sized pairings cannot cancel. Latency
 * in µs per side: the median, and the mean of all but the slowest 1 % (an operation that met a major
 * GC or a descheduling); and candidate ÷ baseline of each.
 */
export async function interleaved(n: number, baseline: Side, candidate: Side) {
  const times = { base: [] as number[], cand: [] as number[] };
  const one = async (side: Side, into: number[]) => {
    await side.before?.();
    const started = process.hrtime.bigint();
    await side.op();
    into.push(Number(process.hrtime.bigint() - started) / 1000);
  };
  for (let i = 0; i < Math.min(2000, n); i++) await one(i % 2 ? candidate : baseline, []);
  for (let i = 0; i < n; i++) {
    // A B B A: neither side always follows the other.
    if (i % 2 === 0) {
      await one(baseline, times.base);
      await one(candidate, times.cand);
    } else {
      await one(candidate, times.cand);
      await one(baseline, times.base);
    }
  }
  const summary = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const kept = sorted.slice(0, Math.floor(sorted.length * 0.99));
    return { median: sorted[Math.floor(sorted.length / 2)]!, mean: kept.reduce((a, b) => a + b, 0) / kept.length };
  };
  const base = summary(times.base);
  const cand = summary(times.cand);
  return { base, cand, medianRatio: cand.median / base.median, meanRatio: cand.mean / base.mean };
}

/**
 * Run a benchmark in a database of its own on the server at TENANTRY_BENCH_DATABASE_URL: created
 * first, dropped at the end with every child server in `children` killed, whatever happened.
 */
export async function withBenchDatabase(
  label: string,
  fn: (bench: { mainUrl: string; suffix: string; children: ChildProcess[] }) => Promise<void>,
): Promise<void> {
  if (!url) {
    console.error('set TENANTRY_BENCH_DATABASE_URL=postgres://… (a server the benchmark may create a database on)');
    process.exit(2);
  }
  const suffix = randomBytes(3).toString('hex');
  const database = `tenantry_bench_${label}_${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const children: ChildProcess[] = [];
  try {
    await fn({ mainUrl: withDatabase(url, database), suffix, children });
  } catch (error) {
    // Said first: dropping the database below ends connections a failed run may still hold, and a
    // client without an error handler would take the process down, hiding this error.
    console.error(error);
    throw error;
  } finally {
    for (const c of children) c.kill();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}
