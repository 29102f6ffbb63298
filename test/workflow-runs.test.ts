import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { TenantInfo, WithTenantOptions } from '../src/storage/scope.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-run-tests';
type Role = 'admin' | 'member' | 'viewer';

/**
 * Runs end to end through the API with the engine running in-process: DAG semantics, retries,
 * timeouts, cancel, idempotency, schedules, suspended tenants and isolation between two tenants.
 */
describe(`workflow runs (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let server: http.Server;
  let base: string;
  /** Calls the local test server received: path → count. */
  const hits = new Map<string, number>();
  const A = tenantId('run-a');
  const B = tenantId('run-b');
  const keys: Record<string, Record<Role, string>> = {};

  const call = (tenant: string, role: Role, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: method as 'GET', url, payload: payload as object, headers: { authorization: `Bearer ${keys[tenant]![role]}`, ...headers } });

  const define = async (tenant: string, name: string, definition: object) => {
    const res = await call(tenant, 'admin', 'PUT', `/v1/workflows/${name}`, definition);
    expect([200, 201], res.body).toContain(res.statusCode);
  };

  const start = async (tenant: string, name: string, input?: unknown, headers?: Record<string, string>) => {
    const res = await call(tenant, 'member', 'POST', `/v1/workflows/${name}/runs`, input === undefined ? {} : { input }, headers);
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as { id: string; status: string };
  };

  type RunJson = { id: string; status: string; steps: Array<{ id: string; status: string; attempts: number; output: unknown; error: string | null }> };
  const finished = async (tenant: string, id: string, timeoutMs = 20_000): Promise<RunJson> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const run = (await call(tenant, 'viewer', 'GET', `/v1/runs/${id}`)).json() as RunJson;
      if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
      if (Date.now() > until) throw new Error(`run ${id} still ${run.status}: ${JSON.stringify(run.steps)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const step = (run: RunJson, id: string) => run.steps.find((s) => s.id === id)!;
  const waitFor = async (what: string, fn: () => Promise<boolean>, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await fn())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (url.pathname.startsWith('/flaky/')) {
          // Fails until the nth call (n from ?ok=), then answers.
          const ok = Number(url.searchParams.get('ok'));
          if (hits.get(url.pathname)! < ok) return res.writeHead(503).end('busy');
        }
        if (url.pathname === '/fail') return res.writeHead(500).end('broken');
        if (url.pathname === '/hang') return; // never answers
        if (url.pathname === '/huge') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(2 * 1024 * 1024));
        if (url.pathname === '/slow') {
          setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"slow":true}'), 1500);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body ? JSON.parse(body) : null, path: url.pathname }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    env = await createTestEnv({ egressAllow: ['127.0.0.1'], workerLeaseMs: 5000, workerPollMs: 10 });
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    await t.tenants.create({ id: A, isolation: 'pooled' });
    await t.tenants.create({ id: B, isolation: backend === 'postgres' ? 'schema' : 'pooled' });
    for (const id of [A, B]) {
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'orders' })).statusCode).toBe(201);
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'totals', indexes: ['day'] })).statusCode).toBe(201);
    }
    const orders = (tenant: string, amounts: number[]) =>
      call(tenant, 'member', 'POST', '/v1/collections/orders/records/bulk', {
        records: amounts.map((amount, i) => ({ data: { amount, status: i % 2 ? 'closed' : 'open', owner: tenant } })),
      });
    expect((await orders(A, [10, 1, 20, 2, 30])).statusCode).toBe(201); // open: 10 + 20 + 30
    expect((await orders(B, [1000, 1, 2000])).statusCode).toBe(201);
    app.workflows.startEngine({ concurrency: 8, pollMs: 10, scheduleTickMs: 100 });
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
    await new Promise((r) => server?.close(r));
  });

  it('runs a diamond: outputs flow along needs, records are written, the run succeeds', async () => {
    await define(A, 'diamond', {
      steps: [
        { id: 'load', kind: 'records.query', with: { collection: 'orders', filter: { status: 'open' }, limit: 100 } },
        { id: 'total', kind: 'transform', needs: ['load'], with: { expression: '$sum(steps.load.items.data.amount)' } },
        { id: 'count', kind: 'transform', needs: ['load'], with: { expression: '$count(steps.load.items)' } },
        {
          id: 'save',
          kind: 'records.write',
          needs: ['total', 'count'],
          with: { collection: 'totals', key: 'day', records: { $expr: '[{"day": input.day, "total": steps.total, "count": steps.count}]' } },
        },
      ],
    });
    const run = await finished(A, (await start(A, 'diamond', { day: '2026-11-27' })).id);
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
    expect(step(run, 'total').output).toBe(60);
    expect(step(run, 'count').output).toBe(3);
    expect(step(run, 'save').output).toEqual({ written: 1 });
    expect(run.steps.every((s) => s.attempts === 1)).toBe(true);
    // Same key again: the record is replaced, not duplicated.
    expect((await finished(A, (await start(A, 'diamond', { day: '2026-11-27' })).id)).status).toBe('succeeded');
    const totals = (await call(A, 'viewer', 'GET', '/v1/collections/totals/records')).json().items;
    expect(totals).toHaveLength(1);
    expect(totals[0]).toMatchObject({ version: 2, data: { day: '2026-11-27', total: 60, count: 3 } });
  });

  it('fans out and back in', async () => {
    const width = 6;
    await define(A, 'fan', {
      steps: [
        { id: 'root', kind: 'transform', with: { expression: 'input.base' } },
        ...Array.from({ length: width }, (_, i) => ({ id: `f${i}`, kind: 'transform', needs: ['root'], with: { expression: `steps.root * ${i + 1}` } })),
        {
          id: 'join',
          kind: 'transform',
          needs: Array.from({ length: width }, (_, i) => `f${i}`),
          with: { expression: `$sum([${Array.from({ length: width }, (_, i) => `steps.f${i}`).join(', ')}])` },
        },
      ],
    });
    const runs = await Promise.all(Array.from({ length: 5 }, (_, i) => start(A, 'fan', { base: i + 1 })));
    for (const [i, r] of runs.entries()) {
      const run = await finished(A, r.id);
      expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
      expect(step(run, 'join').output).toBe((i + 1) * ((width * (width + 1)) / 2));
    }
  });

  it('retries with backoff, then fails the step, skips its dependents and fails the run; other branches finish', async () => {
    await define(A, 'flaky', {
      steps: [
        { id: 'recovers', kind: 'http.request', with: { url: `${base}/flaky/r1?ok=3` }, retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 20 } } },
        { id: 'breaks', kind: 'http.request', with: { url: `${base}/fail` }, retry: { attempts: 2, backoff: { type: 'exponential', delayMs: 20 } } },
        { id: 'after_break', kind: 'transform', needs: ['breaks'], with: { expression: '1' } },
        { id: 'after_after', kind: 'transform', needs: ['after_break', 'recovers'], with: { expression: '2' } },
        { id: 'after_recover', kind: 'transform', needs: ['recovers'], with: { expression: 'steps.recovers.body.path' } },
      ],
    });
    const run = await finished(A, (await start(A, 'flaky')).id);
    expect(run.status).toBe('failed');
    expect(step(run, 'recovers')).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(step(run, 'after_recover')).toMatchObject({ status: 'succeeded', output: '/flaky/r1' });
    expect(step(run, 'breaks')).toMatchObject({ status: 'failed', attempts: 2 });
    expect(step(run, 'breaks').error).toMatch(/answered 500/);
    expect(step(run, 'after_break').status).toBe('skipped');
    expect(step(run, 'after_after').status).toBe('skipped');
    expect(hits.get('/fail')).toBe(2);
  });

  it('fails a step at once for errors no retry fixes, and times out a step that hangs', async () => {
    // A port nothing listens on: the connection is refused.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const twice = { attempts: 2, backoff: { type: 'fixed', delayMs: 10 } };
    await define(A, 'doomed', {
      steps: [
        { id: 'bad_expr', kind: 'transform', with: { expression: '$error("no such thing")' }, retry: { attempts: 5 } },
        { id: 'hang', kind: 'http.request', with: { url: `${base}/hang` }, timeoutMs: 300, retry: twice },
        { id: 'ssrf', kind: 'http.request', with: { url: 'http://169.254.169.254/latest/meta-data/' }, retry: { attempts: 4 } },
        { id: 'refused', kind: 'http.request', with: { url: `http://127.0.0.1:${closedPort}/` }, retry: { attempts: 3 } },
        // Too large this time is worth another attempt (EgressError.retryable).
        { id: 'huge', kind: 'http.request', with: { url: `${base}/huge` }, retry: twice },
      ],
    });
    const run = await finished(A, (await start(A, 'doomed')).id);
    expect(run.status).toBe('failed');
    expect(step(run, 'bad_expr')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(step(run, 'bad_expr').error).toMatch(/no such thing/);
    expect(step(run, 'hang')).toMatchObject({ status: 'failed', attempts: 2 });
    expect(step(run, 'hang').error).toMatch(/timed out after 300 ms/);
    expect(step(run, 'ssrf')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(step(run, 'ssrf').error).toMatch(/refused/);
    expect(step(run, 'refused')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(step(run, 'refused').error).toMatch(/ECONNREFUSED/);
    expect(step(run, 'huge')).toMatchObject({ status: 'failed', attempts: 2 });
    expect(step(run, 'huge').error).toMatch(/larger than 1048576 bytes/);
  });

  it('waits durably in delay steps and cancels a run mid-way', async () => {
    await define(A, 'slow', {
      steps: [
        { id: 'short', kind: 'delay', with: { ms: 50 } },
        { id: 'long', kind: 'delay', needs: ['short'], with: { ms: 600_000 } },
        { id: 'never', kind: 'transform', needs: ['long'], with: { expression: '1' } },
      ],
    });
    const { id } = await start(A, 'slow');
    const until = Date.now() + 10_000;
    let run: RunJson;
    do {
      run = (await call(A, 'viewer', 'GET', `/v1/runs/${id}`)).json();
      await new Promise((r) => setTimeout(r, 20));
    } while (step(run, 'short').status !== 'succeeded' && Date.now() < until);
    expect(step(run, 'short').output).toEqual({ waitedMs: 50 });
    // B cannot cancel (or see) A's run.
    expect((await call(B, 'member', 'POST', `/v1/runs/${id}/cancel`)).statusCode).toBe(404);
    expect((await call(A, 'viewer', 'POST', `/v1/runs/${id}/cancel`)).statusCode).toBe(403);
    const cancelled = await call(A, 'member', 'POST', `/v1/runs/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(cancelled.json().steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'cancelled', 'cancelled']);
    const again = await call(A, 'member', 'POST', `/v1/runs/${id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    // The sleeping step's queue item went with the run.
    expect((await app.workflows.queue.depth()).find((d) => d.tenantId === A)).toMatchObject({ queued: 0 });
  });

  it('answers a repeated Idempotency-Key with the same run, and lists runs newest first', async () => {
    await define(A, 'once', { steps: [{ id: 'x', kind: 'transform', with: { expression: 'input.n * 2' } }] });
    const first = await call(A, 'member', 'POST', '/v1/workflows/once/runs', { input: { n: 1 } }, { 'idempotency-key': 'order-42' });
    const second = await call(A, 'member', 'POST', '/v1/workflows/once/runs', { input: { n: 1 } }, { 'idempotency-key': 'order-42' });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    // The same key with another input is a mistake, not a replay: 422, and no second run.
    const reused = await call(A, 'member', 'POST', '/v1/workflows/once/runs', { input: { n: 99 } }, { 'idempotency-key': 'order-42' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(reused.json().detail).toContain(first.json().id);
    // Many requests with one key at once still make one run.
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => call(A, 'member', 'POST', '/v1/workflows/once/runs', { input: { n: 3 } }, { 'idempotency-key': 'burst' })),
    );
    expect(new Set(burst.map((r) => r.json().id)).size).toBe(1);
    // No body at all: input null.
    const bare = await call(A, 'member', 'POST', '/v1/workflows/once/runs');
    expect(bare.statusCode, bare.body).toBe(202);
    expect(bare.json().input).toBeNull();
    const bareRun = await finished(A, bare.json().id);
    expect(bareRun.status).toBe('succeeded');
    expect(step(bareRun, 'x').output).toBeNull(); // input.n of null input is undefined in JSONata
    const other = await start(A, 'once', { n: 5 });
    expect(step(await finished(A, other.id), 'x').output).toBe(10);
    const page1 = (await call(A, 'viewer', 'GET', '/v1/workflows/once/runs?limit=2')).json();
    expect(page1.items.map((r: { id: string }) => r.id)).toEqual([other.id, bare.json().id]);
    const page2 = (await call(A, 'viewer', 'GET', `/v1/workflows/once/runs?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json();
    expect(page2.items.map((r: { id: string }) => r.id)).toEqual([burst[0]!.json().id, first.json().id]);
    expect(page2.nextCursor).toBeNull();
    // A cursor of A's list means nothing to B.
    expect((await call(B, 'viewer', 'GET', `/v1/workflows/once/runs?cursor=${encodeURIComponent(page1.nextCursor)}`)).statusCode).toBe(400);
  });

  it('refuses bad requests with problem+json and starts nothing', async () => {
    const before = (await call(A, 'viewer', 'GET', '/v1/workflows/once/runs?limit=500')).json().items.length;
    const cases: Array<[string, string, unknown, Record<string, string>, number, RegExp]> = [
      ['POST', '/v1/workflows/ghost/runs', {}, {}, 404, /no workflow 'ghost'/],
      ['POST', '/v1/workflows/once/runs', { input: 1, extra: 2 }, {}, 400, /unknown property 'extra'/],
      ['POST', '/v1/workflows/once/runs', {}, { 'idempotency-key': 'bad key with spaces' }, 400, /Idempotency-Key/],
      ['POST', '/v1/workflows/once/runs', { input: { big: 'x'.repeat(300_000) } }, {}, 400, /input is \d+ bytes/],
      ['GET', '/v1/runs/not-a-uuid', undefined, {}, 404, /no run/],
      ['GET', '/v1/runs/00000000-0000-7000-8000-000000000000', undefined, {}, 404, /no run/],
      ['POST', '/v1/runs/00000000-0000-7000-8000-000000000000/cancel', undefined, {}, 404, /no run/],
    ];
    for (const [method, url, body, headers, status, detail] of cases) {
      const res = await call(A, 'member', method, url, body, headers);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().detail).toMatch(detail);
    }
    expect((await call(A, 'viewer', 'POST', '/v1/workflows/once/runs', {})).statusCode).toBe(403);
    expect((await call(A, 'viewer', 'GET', '/v1/workflows/once/runs?limit=500')).json().items.length).toBe(before);
  });

  it("commits step bookkeeping asynchronously only where the tenant's tables share the queue's WAL", async () => {
    await define(A, 'wal', { steps: [{ id: 'x', kind: 'transform', with: { expression: '1' } }] });
    const spy = vi.spyOn(t, 'withTenant');
    let asked: Array<NonNullable<WithTenantOptions['asyncCommit']>>;
    try {
      expect((await finished(A, (await start(A, 'wal')).id)).status).toBe('succeeded');
      asked = spy.mock.calls.filter(([ref]) => ref === A).flatMap(([, , options]) => (options?.asyncCommit ? [options.asyncCommit] : []));
    } finally {
      spy.mockRestore();
    }
    // begin, and succeed-and-advance (one statement), each asked, with the runtime's rule.
    expect(asked.length).toBeGreaterThanOrEqual(2);
    const tenantA = await t.tenants.get(A);
    const cluster = t.storage.defaultCluster;
    const at = (isolation: TenantInfo['isolation'], on = cluster): TenantInfo => ({ ...tenantA, isolation, cluster: on });
    for (const asyncCommit of asked) {
      expect(asyncCommit(tenantA)).toBe(true); // pooled, on the control cluster: the queue's own database
      expect(asyncCommit(at('schema'))).toBe(true);
      // Every database of a PostgreSQL server writes its one WAL; an embedded database tenant is a PGlite instance of its own.
      expect(asyncCommit(at('database'))).toBe(backend === 'postgres');
      expect(asyncCommit(at('pooled', 'elsewhere'))).toBe(false);
    }
  });

  it('keeps tenants apart: B cannot start, read or list A runs, and a step sees only its own tenant', async () => {
    const spy = { steps: [{ id: 'look', kind: 'records.query', with: { collection: 'orders', limit: 1000 } }] };
    await define(A, 'spy', spy);
    await define(B, 'spy', spy);
    const a = await start(A, 'spy');
    const b = await start(B, 'spy');
    const runA = await finished(A, a.id);
    const runB = await finished(B, b.id);
    const owners = (run: RunJson) => new Set((step(run, 'look').output as { items: Array<{ data: { owner: string } }> }).items.map((r) => r.data.owner));
    expect(owners(runA)).toEqual(new Set([A]));
    expect(owners(runB)).toEqual(new Set([B]));
    expect((await call(B, 'viewer', 'GET', `/v1/runs/${a.id}`)).statusCode).toBe(404);
    expect((await call(B, 'member', 'POST', '/v1/workflows/diamond/runs', {})).statusCode).toBe(404);
    expect((await call(B, 'viewer', 'GET', '/v1/workflows/diamond/runs')).json().items).toEqual([]);
    const listB = (await call(B, 'viewer', 'GET', '/v1/workflows/spy/runs')).json().items.map((r: { id: string }) => r.id);
    expect(listB).toEqual([b.id]);
    // The same path under /t/{tenant} with B's key names A: refused.
    expect((await call(B, 'viewer', 'GET', `/t/${A}/v1/runs/${a.id}`)).statusCode).toBe(403);
  });

  it('holds a suspended tenant steps until it is resumed', async () => {
    await define(B, 'held', {
      steps: [
        { id: 'first', kind: 'transform', with: { expression: '41' } },
        { id: 'x', kind: 'transform', needs: ['first'], with: { expression: 'steps.first + 1' } },
      ],
    });
    const chain = ['w1', 'w2', 'w3'].map((id, i) => ({ id, kind: 'transform', ...(i > 0 && { needs: [`w${i}`] }), with: { expression: '1' } }));
    await define(A, 'witness', { steps: chain });
    // No engine while B's run is queued and B suspended: its first step is due before any claim is made.
    await app.workflows.stopEngine();
    const { id } = await start(B, 'held');
    await t.tenants.suspend(B);
    expect((await call(B, 'member', 'POST', '/v1/workflows/held/runs', {})).statusCode).toBe(403);
    app.workflows.startEngine({ concurrency: 8, pollMs: 10, scheduleTickMs: 100 });
    // A run of an active tenant, queued after B's step fell due, goes through three claims one after
    // the other; the first of them would have taken B's step too, were a suspended tenant's work claimable.
    expect((await finished(A, (await start(A, 'witness')).id)).status).toBe('succeeded');
    const during = await t.withTenant(
      B,
      async (s) => ({
        run: (await s.db.selectFrom('runs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
        steps: Object.fromEntries(
          (await s.db.selectFrom('run_steps').select(['step_id', 'status']).where('run_id', '=', id).execute()).map((r) => [r.step_id, r.status]),
        ),
      }),
      { allowSuspended: true },
    );
    expect(during).toEqual({ run: 'queued', steps: { first: 'queued', x: 'pending' } });
    await t.tenants.resume(B);
    expect(step(await finished(B, id), 'x').output).toBe(42);
  });

  it('refuses outbound calls to loopback, link-local and private addresses, by address or by name', async () => {
    const port = new URL(base).port;
    const targets = {
      loopback: `http://127.0.0.2:${port}/x`, // loopback, but not the allowlisted 127.0.0.1
      metadata: 'http://169.254.169.254/latest/meta-data/',
      private: 'http://10.0.0.1/',
      by_name: `http://localhost:${port}/x`, // resolves to loopback; the allowlist names 127.0.0.1 only
    };
    await define(A, 'ssrf', {
      steps: [
        ...Object.entries(targets).map(([id, url]) => ({ id, kind: 'http.request' as const, with: { url }, retry: { attempts: 3 } })),
        { id: 'allowed', kind: 'http.request', with: { url: `${base}/fine`, method: 'POST', body: { from: { $expr: 'input.who' } } } },
      ],
    });
    const before = hits.get('/x') ?? 0;
    const run = await finished(A, (await start(A, 'ssrf', { who: 'step' })).id);
    for (const id of Object.keys(targets)) {
      expect(step(run, id), id).toMatchObject({ status: 'failed', attempts: 1 });
      expect(step(run, id).error, id).toMatch(/refused/);
    }
    expect(step(run, 'allowed')).toMatchObject({ status: 'succeeded', output: { status: 200, body: { echo: { from: 'step' }, path: '/fine' } } });
    expect(hits.get('/x') ?? 0).toBe(before); // nothing reached the local server through a refused step
  });

  it('trains a model and predicts with it from steps, on the tenant data only', async () => {
    const people = Array.from({ length: 120 }, (_, i) => ({ data: { x: i % 10, label: i % 10 >= 5 ? 'yes' : 'no' } }));
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'people' })).statusCode).toBe(201);
    expect((await call(A, 'member', 'POST', '/v1/collections/people/records/bulk', { records: people })).statusCode).toBe(201);
    const model = await call(A, 'member', 'POST', '/v1/models', {
      name: 'buyers',
      kind: 'classification',
      collection: 'people',
      features: ['x'],
      target: 'label',
    });
    expect(model.statusCode, model.body).toBe(202);
    await app.models.idle();
    await define(A, 'ml', {
      steps: [
        { id: 'train', kind: 'ml.train', with: { model: 'buyers' } },
        { id: 'predict', kind: 'ml.predict', needs: ['train'], with: { model: 'buyers', inputs: { $expr: '[{"x": 1}, {"x": 9}]' } } },
        { id: 'labels', kind: 'transform', needs: ['predict'], with: { expression: 'steps.predict.predictions.label' } },
      ],
    });
    const run = await finished(A, (await start(A, 'ml')).id, 60_000);
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
    expect(step(run, 'train').output).toMatchObject({ model: 'buyers', version: 2 });
    expect(step(run, 'labels').output).toEqual(['no', 'yes']);
    // B has no such model: the same workflow fails there without touching A's.
    await define(B, 'ml', { steps: [{ id: 'predict', kind: 'ml.predict', with: { model: 'buyers', inputs: [{ x: 1 }] } }] });
    const runB = await finished(B, (await start(B, 'ml')).id);
    expect(step(runB, 'predict')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('on stop, hands a step that outlives the drain back to the queue, and another worker finishes it', async () => {
    await app.workflows.stopEngine();
    const engine = app.workflows.startEngine({ concurrency: 2, pollMs: 10, drainMs: 100 });
    await define(A, 'slowcall', { steps: [{ id: 'call', kind: 'http.request', with: { url: `${base}/slow` } }] });
    const { id } = await start(A, 'slowcall');
    const until = Date.now() + 5000;
    while (engine.inFlight === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(engine.inFlight).toBe(1);
    await app.workflows.stopEngine();
    // Released at once (not after the lease): a new worker takes it and the run succeeds.
    expect((await app.workflows.queue.depth()).find((d) => d.tenantId === A)).toMatchObject({ running: 0, queued: 1 });
    app.workflows.startEngine({ concurrency: 8, pollMs: 10, scheduleTickMs: 100 });
    const run = await finished(A, id);
    expect(run.status).toBe('succeeded');
    expect(step(run, 'call').attempts).toBe(2);
  });

  it('fires a schedule once per slot, and stops when the schedule is removed', async () => {
    await t.tenants.update(A, { limits: { minScheduleIntervalMs: 1000 } }); // the free plan allows one a minute
    const steps = [{ id: 'x', kind: 'transform' as const, with: { expression: '1' } }];
    const everySecond = { cron: '* * * * * *' };
    const fired = (workflow: string) =>
      t.withTenant(A, async (s) =>
        (await s.db.selectFrom('runs').select(['idempotency_key', 'trigger', 'created_at']).where('workflow', '=', workflow).execute()).map((r) => ({
          slot: Date.parse(r.idempotency_key!.replace(/^schedule:/, '')),
          trigger: r.trigger,
          createdAt: new Date(r.created_at).getTime(),
        })),
      );
    const defined = Date.now();
    await define(A, 'ticker', { steps, schedule: everySecond });
    await waitFor('the schedule to fire three times', async () => (await fired('ticker')).length >= 3);
    await define(A, 'ticker', { steps }); // replaced without a schedule: the schedule goes
    const removed = Date.now();
    // A second schedule, stored through the service as a library caller would, whose slots all come
    // after the removal: once it has fired twice, the schedule loop has passed a slot since the removal.
    await app.workflows.definitions.put(A, 'ticker2', { steps, schedule: everySecond });
    await waitFor('the second schedule to fire twice', async () => (await fired('ticker2')).length >= 2);
    await app.workflows.definitions.delete(A, 'ticker2');

    const ticker = await fired('ticker');
    expect(ticker.every((r) => r.trigger === 'schedule')).toBe(true);
    // One run per slot (its idempotency key): whole seconds after the definition, none after the removal.
    for (const { slot } of ticker) {
      expect(slot % 1000).toBe(0);
      expect(slot).toBeGreaterThan(defined);
      expect(slot).toBeLessThanOrEqual(removed);
    }
    // Ticks run one at a time: a ticker run still being started at the removal was made before the
    // second schedule's first, and had the ticker kept firing, its next slots would come after it.
    const since = Math.min(...(await fired('ticker2')).map((r) => r.createdAt));
    expect(Math.max(...ticker.map((r) => r.createdAt))).toBeLessThanOrEqual(since);
  });
});
