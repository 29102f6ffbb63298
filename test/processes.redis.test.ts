/**
 * Tenantry as an operator runs it: built `tenantry serve` and `tenantry worker` processes, stopped with
 * SIGTERM. On both backends: SIGTERM during 50 in-flight requests (all answered 2xx, then connections
 * refused, exit 0) and /metrics read by a Prometheus parser. On PostgreSQL with Redis: two API
 * processes and a worker as one system, one API restarted mid-load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, createTestEnv, tenantId, uniq, type TestEnv } from './support/harness.js';
import { parseMetrics, total } from './support/prometheus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const ADMIN = 'admin-token-for-process-tests';
const REDIS = process.env.TENANTRY_TEST_REDIS_URL!;
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TENANTRY_|PORT$|HOST$)/.test(name)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Proc {
  child: ChildProcess;
  lines: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** The first log line matching, once written. */
  waitFor(match: (line: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
}

const children = new Set<ChildProcess>();

function start(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...CLEAN_ENV, TENANTRY_LOG_LEVEL: 'info', TENANTRY_ADMIN_TOKEN: ADMIN, TENANTRY_CURSOR_SECRET: 'cursor-secret-shared', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    lines: () => lines,
    exited,
    waitFor(match, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such line within ${ms} ms:\n${JSON.stringify(lines)}\n${stderr}`)), ms);
        const check = () => {
          const found = lines.find(match);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        waiters.push(check);
        check();
        void exited.then((code) => reject(new Error(`exited (${code}):\n${JSON.stringify(lines)}\n${stderr}`)));
      });
    },
  };
}

/** `tenantry serve` on the backend under test; resolves with its API and metrics URLs once serving. */
async function serve(env: Record<string, string>): Promise<{ proc: Proc; url: string; metricsUrl: string }> {
  const proc = start(['serve'], { TENANTRY_PORT: '0', TENANTRY_METRICS_PORT: '0', ...env });
  await proc.waitFor((l) => String(l.msg).startsWith('tenantry serving'));
  const listening = proc.lines().filter((l) => String(l.msg).startsWith('Server listening at'));
  const url = String(listening.find((l) => !l.listener)!.msg).replace('Server listening at ', '');
  const metricsUrl = String(listening.find((l) => l.listener === 'ops')!.msg).replace('Server listening at ', '');
  return { proc, url, metricsUrl };
}

async function exitCode(proc: Proc, ms = 20_000): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([proc.exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)))]);
  clearTimeout(timer);
  return result;
}

async function json<T = Record<string, unknown>>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, headers: res.headers };
}

interface RecordPage {
  items: Array<{ data: { token: string } }>;
  nextCursor: string | null;
}

const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

/** A tenant with an admin key and a collection `notes`, through the API at `url`. */
async function tenantWithKey(url: string, id: string, tier = 'pro'): Promise<string> {
  expect((await json(`${url}/v1/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ id, tier }) })).status).toBe(201);
  const key = await json(`${url}/v1/tenants/${id}/api-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'load', role: 'admin' }) });
  expect(key.status).toBe(201);
  const headers = { authorization: `Bearer ${key.body.key as string}`, 'content-type': 'application/json' };
  expect((await json(`${url}/v1/collections`, { method: 'POST', headers, body: JSON.stringify({ name: 'notes' }) })).status).toBe(201);
  return key.body.key as string;
}

/**
 * A POST on a connection of its own (node:http, no agent): `written` once the request has gone out
 * whole, `answered` with the status, when, and the body (status 0 and the error when the connection failed).
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): { written: Promise<void>; answered: Promise<{ status: number; at: number; body: string }> } {
  const payload = JSON.stringify(body);
  let written!: () => void;
  const writtenPromise = new Promise<void>((resolve) => (written = resolve));
  const answered = new Promise<{ status: number; at: number; body: string }>((resolve) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => void (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, at: performance.now(), body: text }));
    });
    req.on('finish', () => written());
    req.on('error', (error) => {
      written();
      resolve({ status: 0, at: performance.now(), body: error.message });
    });
    req.end(payload);
  });
  return { written: writtenPromise, answered };
}

/** Whether a new TCP connection to `url` is refused (not accepted, not left hanging). */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 2000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code === 'ECONNREFUSED');
    });
  });
}

describe(`tenantry processes under SIGTERM (${backend})`, () => {
  let env: TestEnv;
  let scratch: string;
  const storage = (): Record<string, string> => ({
    TENANTRY_DATA_DIR: path.join(scratch, `data-${uniq()}`),
    ...(env.config.clusters[0]!.url && { TENANTRY_DATABASE_URL: env.config.clusters[0]!.url }),
  });

  beforeAll(async () => {
    env = await createTestEnv();
    scratch = await fs.mkdtemp(path.join(env.config.dataDir, 'proc-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await env?.cleanup();
  });

  it('answers 50 in-flight requests 2xx after SIGTERM, fails readiness at once, then refuses connections and exits 0; /metrics counts what was made', async () => {
    const { proc, url, metricsUrl } = await serve({ ...storage(), TENANTRY_WORKERS: '0', TENANTRY_SHUTDOWN_DELAY_MS: '400' });
    const id = tenantId('drain');
    const key = await tenantWithKey(url, id);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    for (let i = 0; i < 10; i++) expect((await json(`${url}/v1/tenant`, { headers })).status).toBe(200);
    // Neither port needs a token; the internal one also lists the busiest tenants, the public one does not.
    const open = await fetch(`${url}/metrics`);
    expect(open.status).toBe(200);
    expect(await open.text()).not.toContain(id);
    const internal = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(internal).toContain(`tenantry_tenant_requests_total{tenant="${id}"}`);
    const families = parseMetrics(internal);
    expect(total(families, 'tenantry_http_requests_total', { route: '/v1/tenant', method: 'GET', status: '200', tier: 'pro' })).toBe(10);
    expect(total(families, 'tenantry_http_requests_total', { route: '/v1/collections', method: 'POST', status: '201' })).toBe(1);
    expect(total(families, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    // 50 requests, each on a connection of its own, all written out before the signal.
    const inFlight = Array.from({ length: 50 }, (_, i) => post(`${url}/v1/collections/notes/records`, headers, { data: { n: i } }));
    await Promise.all(inFlight.map((r) => r.written));
    const signalled = performance.now();
    proc.child.kill('SIGTERM');
    // Readiness fails at once, while requests are still served for the delay.
    await proc.waitFor((l) => String(l.msg).startsWith('shutting down'));
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    expect((await fetch(`${metricsUrl}/readyz`)).status).toBe(503);
    const answered = await Promise.all(inFlight.map((r) => r.answered));
    expect(answered.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body}`)).toEqual([]);
    expect(answered.some((a) => a.at > signalled)).toBe(true);
    expect(await exitCode(proc)).toBe(0);
    expect(await refused(url)).toBe(true);
    expect(proc.lines().some((l) => l.msg === 'shut down cleanly')).toBe(true);
  });

  if (backend === 'postgres') {
    it('runs as one system: two APIs and a worker share PostgreSQL and Redis; an API restarted mid-load loses no acknowledged write, answers no 5xx, every run completes, the rate limit holds across both', async () => {
      const shared = { ...storage(), TENANTRY_REDIS_URL: REDIS, TENANTRY_WORKERS: '0', TENANTRY_SHUTDOWN_DELAY_MS: '300', TENANTRY_CATALOG_CACHE_MS: '0' };
      const worker = start(['worker'], { ...shared, TENANTRY_WORKERS: '4', TENANTRY_WORKER_PORT: '0' });
      const [a, b] = await Promise.all([serve(shared), serve(shared)]);
      const started = await worker.waitFor((l) => l.msg === 'tenantry worker started');
      const workerUrl = `http://127.0.0.1:${(started.health as { port: number }).port}`;
      expect((await fetch(`${workerUrl}/readyz`)).status).toBe(200);

      const tenants = [tenantId('sys-a'), tenantId('sys-b')];
      const keys: Record<string, string> = {};
      for (const [i, id] of tenants.entries()) {
        keys[id] = await tenantWithKey(i ? b.url : a.url, id);
        const workflow = {
          steps: [
            { id: 'wait', kind: 'delay', with: { ms: 20 } },
            { id: 'sum', kind: 'transform', needs: ['wait'], with: { expression: '1 + 1' } },
          ],
        };
        const put = await json(`${b.url}/v1/workflows/flow`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${keys[id]}`, 'content-type': 'application/json' },
          body: JSON.stringify(workflow),
        });
        expect(put.status).toBe(201);
      }

      // The client: requests spread over the APIs it knows; a connection refused or closed is retried on
      // another (records may then be written twice, never lost; runs carry an Idempotency-Key).
      const targets = [a.url, b.url];
      const fiveHundreds: string[] = [];
      const acknowledged: Record<string, string[]> = Object.fromEntries(tenants.map((id) => [id, []]));
      const runs: Array<{ tenant: string; id: string }> = [];
      let turn = 0;
      const request = async (tenant: string, pathname: string, body: unknown, extra: Record<string, string> = {}) => {
        for (let attempt = 0; attempt < 20; attempt++) {
          const target = targets[turn++ % targets.length]!;
          try {
            const res = await json(`${target}${pathname}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${keys[tenant]}`, 'content-type': 'application/json', ...extra },
              body: JSON.stringify(body),
            });
            if (res.status >= 500) fiveHundreds.push(`${res.status} ${pathname}: ${JSON.stringify(res.body)}`);
            return res;
          } catch {
            await sleep(20); // refused or closed: try another API
          }
        }
        throw new Error(`no API answered ${pathname}`);
      };
      let stopLoad = false;
      const load = async (lane: number) => {
        for (let n = 0; !stopLoad; n++) {
          const tenant = tenants[(lane + n) % tenants.length]!;
          const token = `lane${lane}-${n}`;
          const written = await request(tenant, '/v1/collections/notes/records', { data: { token } });
          if (written.status === 201) acknowledged[tenant]!.push(token);
          if (n % 3 === 0) {
            const run = await request(tenant, '/v1/workflows/flow/runs', { input: { token } }, { 'idempotency-key': token });
            if (run.status === 202) runs.push({ tenant, id: run.body.id as string });
          }
        }
      };
      const lanes = Array.from({ length: 6 }, (_, lane) => load(lane));

      // Mid-load: SIGTERM one API, and start it again.
      await sleep(800);
      a.proc.child.kill('SIGTERM');
      expect(await exitCode(a.proc)).toBe(0);
      const again = await serve(shared);
      targets[0] = again.url;
      await sleep(800);
      stopLoad = true;
      await Promise.all(lanes);

      expect(fiveHundreds).toEqual([]);
      expect(runs.length).toBeGreaterThan(5);
      // Every acknowledged record is there (read through the other API).
      for (const id of tenants) {
        const seen = new Set<string>();
        let cursor: string | null = null;
        do {
          const page: { body: RecordPage } = await json<RecordPage>(
            `${b.url}/v1/collections/notes/records?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { headers: { authorization: `Bearer ${keys[id]}` } },
          );
          for (const item of page.body.items) seen.add(item.data.token);
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(acknowledged[id]!.filter((token) => !seen.has(token))).toEqual([]);
      }
      // Every run completes, run by the worker process.
      const deadline = Date.now() + 15_000;
      for (const run of runs) {
        let status = '';
        while (Date.now() < deadline) {
          status = (await json(`${b.url}/v1/runs/${run.id}`, { headers: { authorization: `Bearer ${keys[run.tenant]}` } })).body.status as string;
          if (status === 'succeeded' || status === 'failed') break;
          await sleep(50);
        }
        expect(status, run.id).toBe('succeeded');
      }
      const workerMetrics = parseMetrics(await (await fetch(`${workerUrl}/metrics`)).text());
      expect(workerMetrics.some((f) => f.name === 'tenantry_workflow_step_duration_seconds')).toBe(true);
      expect(
        /^tenantry_workflow_step_duration_seconds_count\{tier="pro",outcome="processed"\} (\d+)$/m.test(await (await fetch(`${workerUrl}/metrics`)).text()),
      ).toBe(true);

      // One tenant's limit across both APIs together: 10 a minute, 16 requests alternating.
      const limited = tenantId('sys-limit');
      const limitedKey = await tenantWithKey(b.url, limited, 'free');
      expect(
        (await json(`${b.url}/v1/tenants/${limited}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ limits: { requestsPerMinute: 10 } }) })).status,
      ).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) {
        statuses.push((await fetch(`${[again.url, b.url][i % 2]}/v1/tenant`, { headers: { authorization: `Bearer ${limitedKey}` } })).status);
      }
      const allowed = statuses.filter((s) => s === 200).length;
      expect(allowed).toBeGreaterThanOrEqual(10);
      expect(allowed).toBeLessThanOrEqual(11);
      expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);

      for (const p of [again.proc, b.proc, worker]) p.child.kill('SIGTERM');
      expect(await Promise.all([again.proc, b.proc, worker].map((p) => exitCode(p)))).toEqual([0, 0, 0]);
    });
  }
});
