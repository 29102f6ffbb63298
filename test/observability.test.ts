/**
 * Request ids, request log lines, redaction and /metrics, through the app (inject), on both backends.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, requestId, type TenantryApp } from '../src/api/app.js';
import { RefusalLog } from '../src/api/refusal-log.js';
import { loadConfig } from '../src/config.js';
import { createLogger, redactSecrets } from '../src/logging.js';
import { TopTenants } from '../src/metrics.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';
import { parseMetrics, samples, total } from './support/prometheus.js';

const ADMIN = 'admin-token-for-observability';
const SCHEMA = { type: 'object', properties: { title: { type: 'string' } } };

describe(`logs, request ids and metrics (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const lines: Array<Record<string, unknown>> = [];
  // Five tenants, two listed: the top-N bound is what keeps tenant ids out of the metrics.
  const tenants = [tenantId('obs-a'), tenantId('obs-b'), tenantId('obs-c'), tenantId('obs-d'), tenantId('obs-e')];
  const keys: Record<string, { admin: string }> = {};

  beforeAll(async () => {
    env = await createTestEnv({ metricsTopTenants: 2 });
    t = await env.open();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'cursor-secret', loggerInstance: createLogger({ level: 'info', stream }) });
    for (const id of tenants) {
      await t.tenants.create({ id });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin']);
      expect((await send(app, 'POST', '/v1/collections', { name: 'notes', schema: SCHEMA }, bearer(keys[id]!.admin))).statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('honours a plausible X-Request-Id, else a traceparent trace id, else makes a UUID; echoes it and puts it in problems', async () => {
    const given = await send(app, 'GET', '/healthz', undefined, { 'x-request-id': 'req-123.abc' });
    expect(given.headers['x-request-id']).toBe('req-123.abc');
    const traced = await send(app, 'GET', '/healthz', undefined, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    expect(traced.headers['x-request-id']).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    // Too long, control characters, a malformed or all-zero traceparent: not honoured.
    for (const headers of <Array<Record<string, string>>>[
      { 'x-request-id': 'x'.repeat(129) },
      { 'x-request-id': 'two words' },
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01' },
      { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
    ]) {
      const res = await send(app, 'GET', '/healthz', undefined, headers);
      expect(res.headers['x-request-id'], JSON.stringify(headers)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    // Unique across processes: random, not a counter.
    const a = requestId({});
    const b = requestId({});
    expect(a).not.toBe(b);
    const problem = await send(app, 'GET', '/v1/tenant', undefined, { 'x-request-id': 'problem-1' });
    expect(problem.statusCode).toBe(401);
    expect(problem.json()).toMatchObject({ requestId: 'problem-1' });
    expect(problem.headers['x-request-id']).toBe('problem-1');
  });

  it('writes one line per request with its id, tenant, key id, route pattern and status, and no credential', async () => {
    const [id] = tenants;
    const key = keys[id!]!.admin;
    const res = await send(app, 'POST', '/v1/collections/notes/records', { data: { title: 'hello' } }, { ...bearer(key), 'x-request-id': 'line-1' });
    expect(res.statusCode).toBe(201);
    const line = lines.find((l) => l.reqId === 'line-1' && l.msg === 'request completed');
    expect(line).toMatchObject({
      reqId: 'line-1',
      tenant: id,
      keyId: key.split('_')[1],
      method: 'POST',
      route: '/v1/collections/:name/records',
      status: 201,
    });
    expect(typeof line!.durationMs).toBe('number');
    // A refusal carries the tenant too (it is known from the credential), and its request id.
    const refused = await send(app, 'GET', '/v1/tenant', undefined, { ...bearer(key), 'x-tenant-id': 'someone-else', 'x-request-id': 'line-2' });
    expect(refused.statusCode).toBe(403);
    expect(lines.find((l) => l.reqId === 'line-2' && l.msg === 'request completed')).toMatchObject({ tenant: id, status: 403 });
    const secret = key.split('_').slice(2).join('_');
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(JSON.stringify(lines)).not.toContain(ADMIN);
  });

  it('redacts credentials by path, and passwords and tokens in URLs wherever a line carries them', () => {
    const out: string[] = [];
    const log = createLogger({ level: 'info', stream: { write: (s: string) => void out.push(s) } });
    log.info(
      {
        req: { method: 'GET', url: '/x?token=abc123&page=2' },
        headers: { authorization: 'Bearer tnty_x_y' },
        config: { password: 'hunter2', adminToken: 'tok-1' },
      },
      'connecting to postgres://app:s3cret@db.example:5432/main with Bearer eyJhbGciOi.payload.sig',
    );
    const line = out.join('');
    for (const secret of ['abc123', 'tnty_x_y', 'hunter2', 'tok-1', 's3cret', 'eyJhbGciOi']) expect(line).not.toContain(secret);
    expect(line).toContain('postgres://app:[Redacted]@db.example:5432/main');
    expect(line).toContain('page=2');
    expect(redactSecrets('redis://:pw@127.0.0.1:6379/0')).toBe('redis://:[Redacted]@127.0.0.1:6379/0');
  });

  it('serves /metrics without a token (the tenant-naming series to the admin token only), and its counters match the requests made', async () => {
    const wrong = await send(app, 'GET', '/metrics', undefined, bearer('not-the-admin-token-at-all'));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    const before = parseMetrics((await send(app, 'GET', '/metrics', undefined, bearer(ADMIN))).body);
    const route = '/v1/collections/:name/records';
    const counted = (families: ReturnType<typeof parseMetrics>) =>
      total(families, 'tenantry_http_requests_total', { route, method: 'GET', status: '200', tier: 'free' });
    // 7, 5, 3, 2, 1 requests: the two busiest are listed, the others not at all.
    const made = [7, 5, 3, 2, 1];
    for (const [i, id] of tenants.entries()) {
      for (let n = 0; n < made[i]!; n++)
        expect((await send(app, 'GET', '/v1/collections/notes/records', undefined, bearer(keys[id]!.admin))).statusCode).toBe(200);
    }
    const scraped = await send(app, 'GET', '/metrics', undefined, bearer(ADMIN));
    expect(scraped.statusCode).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const after = parseMetrics(scraped.body);
    expect(counted(after) - counted(before)).toBe(18);
    // The parser folds a labelled histogram's series into one (it follows prom2json): its count line, read as text.
    const histogramCount = new RegExp(`^tenantry_http_request_duration_seconds_count\\{method="GET",route="${route}",status="200",tier="free"\\} (\\d+)$`, 'm');
    expect(Number(histogramCount.exec(scraped.body)?.[1])).toBe(counted(after));
    const listed = samples(after, 'tenantry_tenant_requests_total').map((s) => s.labels!.tenant);
    expect(listed).toEqual([tenants[0], tenants[1]]);
    // No other tenant id, record, key id or URL appears anywhere in the exposition.
    for (const id of tenants.slice(2)) expect(scraped.body).not.toContain(id);
    for (const id of tenants) expect(scraped.body).not.toContain(keys[id]!.admin.split('_')[1]);
    expect(scraped.body).not.toContain('hello');
    expect(scraped.body).not.toContain('/v1/collections/notes');
    // The state gauges are there: pools of the main cluster, queue depth per tier, scopes timed.
    expect(samples(after, 'tenantry_db_pool_connections', { cluster: 'main' }).length).toBeGreaterThan(0);
    expect(samples(after, 'tenantry_db_connections', { state: 'limit' }).map((s) => Number(s.value))).toEqual([t.config.maxConnections]);
    const open = Number(samples(after, 'tenantry_db_connections', { state: 'open' })[0]!.value);
    expect(open).toBeLessThanOrEqual(t.config.maxConnections);
    if (backend === 'pglite') expect(open).toBe(0); // no server connections embedded
    expect(samples(after, 'tenantry_scans', { state: 'limit' }).map((s) => Number(s.value))).toEqual([t.config.maxConcurrentScans]);
    expect(samples(after, 'tenantry_scans', { state: 'running' }).map((s) => Number(s.value))).toEqual([0]);
    expect(samples(after, 'tenantry_workflow_queue_depth', { tier: 'free', state: 'queued' })).toHaveLength(1);
    expect(Number(/^tenantry_scope_duration_seconds_count\{outcome="ok"\} (\d+)$/m.exec(scraped.body)?.[1])).toBeGreaterThan(0);
    expect(samples(after, 'tenantry_trainings_running')).toHaveLength(1);
    // Without a token (API.md: an operations endpoint): the same counters, but no series naming tenants.
    const asked = performance.now();
    const anon = await send(app, 'GET', '/metrics');
    expect(anon.statusCode).toBe(200);
    expect(anon.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const anonymous = parseMetrics(anon.body);
    expect(counted(anonymous)).toBe(counted(after));
    expect(samples(anonymous, 'tenantry_db_pool_connections', { cluster: 'main' }).length).toBeGreaterThan(0);
    expect(anon.body).not.toContain('tenantry_tenant_requests_total');
    for (const id of tenants) expect(anon.body).not.toContain(id);
    // Anonymous scrapes within a second of one share its text (the gauges read the database); the
    // admin's is its own.
    expect((await send(app, 'GET', '/v1/collections/notes/records', undefined, bearer(keys[tenants[0]!]!.admin))).statusCode).toBe(200);
    const again = await send(app, 'GET', '/metrics');
    const admin = parseMetrics((await send(app, 'GET', '/metrics', undefined, bearer(ADMIN))).body);
    expect(counted(admin)).toBe(counted(after) + 1);
    if (performance.now() - asked < 900) expect(again.body).toBe(anon.body);
  });

  it('puts /metrics behind the admin token with TENANTRY_METRICS_AUTH=admin', async () => {
    expect(loadConfig({ TENANTRY_METRICS_AUTH: 'admin' }).metricsAuth).toBe('admin');
    expect(loadConfig({}).metricsAuth).toBe('none');
    expect(() => loadConfig({ TENANTRY_METRICS_AUTH: 'token' })).toThrow(/TENANTRY_METRICS_AUTH/);
    const guarded = await buildApp({
      tenantry: t,
      adminToken: ADMIN,
      adminTokenPrevious: 'the-admin-token-before-rotation',
      cursorSecret: 'cursor-secret',
      metricsAuth: 'admin',
      addressLimits: { authFailuresPerMinute: 2 },
    });
    try {
      const refused = await send(guarded, 'GET', '/metrics');
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer');
      expect(refused.json()).toMatchObject({ code: 'unauthorized' });
      const [id] = tenants;
      expect((await send(guarded, 'GET', '/v1/tenant', undefined, bearer(keys[id!]!.admin))).statusCode).toBe(200);
      for (const token of [ADMIN, 'the-admin-token-before-rotation']) {
        const scraped = await send(guarded, 'GET', '/metrics', undefined, bearer(token));
        expect(scraped.statusCode).toBe(200);
        expect(scraped.body).toContain('tenantry_http_requests_total');
        expect(scraped.body).toContain(`tenantry_tenant_requests_total{tenant="${id}"} 1`);
      }
      // Guessing the token spends the address's failed-authentication budget, as on the control plane.
      const guesses = [];
      for (let n = 0; n < 3; n++) guesses.push((await send(guarded, 'GET', '/metrics', undefined, bearer(`guess-${n}-of-the-admin-token`))).statusCode);
      expect(guesses).toEqual([401, 401, 429]);
      expect((await send(guarded, 'GET', '/metrics', undefined, bearer(ADMIN))).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('counts rate-limit refusals by tier', async () => {
    const id = tenants[4]!;
    const res = await send(app, 'PATCH', `/v1/tenants/${id}`, { limits: { requestsPerMinute: 2 } }, bearer(ADMIN));
    expect(res.statusCode).toBe(200);
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) {
      statuses.push((await send(app, 'GET', '/v1/tenant', undefined, { ...bearer(keys[id]!.admin), 'x-request-id': `flood-${n}` })).statusCode);
    }
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(2);
    const families = parseMetrics((await send(app, 'GET', '/metrics', undefined, bearer(ADMIN))).body);
    expect(total(families, 'tenantry_rate_limited_total', { tier: 'free' })).toBe(refused);
    // Logged: every request answered, but of the refusals only the first of the minute (RefusalLog).
    const logged = lines.filter((l) => String(l.reqId).startsWith('flood-') && l.msg === 'request completed');
    expect(logged.filter((l) => l.status === 200)).toHaveLength(statuses.length - refused);
    expect(logged.filter((l) => l.status === 429)).toMatchObject([{ tenant: id, level: 30 }]);
  });

  it('sums up the refusals it did not log, once per window and key, in bounded memory', () => {
    const reports: Array<[string, number]> = [];
    const log = new RefusalLog((key, unlogged) => reports.push([key, unlogged]), 60_000);
    try {
      expect([log.first('a'), log.first('a'), log.first('a'), log.first('b')]).toEqual([true, false, false, true]);
      log.flush();
      expect(reports).toEqual([['a', 2]]);
      // A new window logs each key's first refusal again.
      expect(log.first('a')).toBe(true);
      // Past 10,000 keys ('a' and 9,999 addresses) a window counts new ones together and logs none in full.
      for (let i = 0; i < 9_999; i++) log.first(`address 10.0.${i >> 8}.${i & 255}`);
      expect(log.first('one-too-many')).toBe(false);
      expect(log.first('another')).toBe(false);
    } finally {
      log.close();
    }
    expect(reports.at(-1)).toEqual(['(others)', 2]);
  });

  it('keeps the busiest tenants in bounded memory', () => {
    const top = new TopTenants(10);
    for (let i = 0; i < 1000; i++) top.add(`noise-${i}`);
    for (let i = 0; i < 300; i++) top.add('heavy');
    for (let i = 0; i < 200; i++) top.add('second');
    expect(top.top(2).map(([id]) => id)).toEqual(['heavy', 'second']);
  });
});
