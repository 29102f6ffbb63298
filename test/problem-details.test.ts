/**
 * Errors say what to fix: a 400 lists every problem it found as {pointer, message} (unknown properties
 * named, allowed values listed once), every problem carries `instance` and the request id, and
 * X-Request-Id is honoured and echoed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-problem-details';

describe(`problem details (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let tenant: string;
  let key: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    tenant = tenantId('problems');
    await t.tenants.create({ id: tenant, isolation: 'pooled' });
    key = (await issueKeys(app, ADMIN, tenant, ['admin'])).admin;
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('lists every problem of a body, naming unknown properties and listing allowed values once', async () => {
    const res = await send(app, 'POST', '/v1/api-keys', { role: 'owner', colour: 'blue' }, bearer(key));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/colour', message: "unknown property 'colour'" },
        { pointer: '/name', message: 'is required' },
        { pointer: '/role', message: 'must be one of "admin", "member", "viewer"' },
      ]),
    );
    expect(body.errors).toHaveLength(3);
    expect(body.detail).toContain("unknown property 'colour'");
    expect(body.instance).toBe('/v1/api-keys');
    expect(body.requestId).toBe(res.headers['x-request-id']);
    // Nothing was created.
    expect((await send(app, 'GET', '/v1/api-keys', undefined, bearer(key))).json().items).toHaveLength(1);
  });

  it('stays bounded and quick on a body of thousands of unknown properties', async () => {
    const body: Record<string, unknown> = { name: 'k', role: 'viewer' };
    for (let i = 0; i < 20_000; i++) body[`p${i}`] = i;
    const started = Date.now();
    const res = await send(app, 'POST', '/v1/api-keys', body, bearer(key));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toHaveLength(20);
    expect(res.json().errors[0]).toEqual({ pointer: '/p0', message: "unknown property 'p0'" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('points into the query string by name', async () => {
    await send(app, 'POST', '/v1/collections', { name: 'things' }, bearer(key));
    const res = await send(app, 'GET', '/v1/collections/things/records?select=id&limit=0', undefined, bearer(key));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([{ pointer: '/query/select', message: "unknown property 'select'" }, expect.objectContaining({ pointer: '/query/limit' })]),
    );
  });

  it('lists the problem a service finds too: a bad filter or sort points at its query parameter', async () => {
    await send(app, 'POST', '/v1/collections', { name: 'listed' }, bearer(key));
    const filter = await send(app, 'GET', `/v1/collections/listed/records?filter=${encodeURIComponent('{"a":{"$regex":"x"}}')}`, undefined, bearer(key));
    expect(filter.statusCode).toBe(400);
    expect(filter.json().errors).toEqual([{ pointer: '/query/filter', message: expect.stringMatching(/unknown operator '\$regex'/) }]);
    const sort = await send(app, 'GET', '/v1/collections/listed/records?sort=nope', undefined, bearer(key));
    expect(sort.json().errors).toEqual([{ pointer: '/query/sort', message: expect.stringMatching(/cannot sort by 'nope'/) }]);
    // A problem the service finds about the body as a whole still comes as a list of one.
    const tenant = await send(app, 'POST', '/v1/collections', { name: 'Bad Name!' }, bearer(key));
    expect(tenant.statusCode).toBe(400);
    expect(tenant.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]));
  });

  it('honours X-Request-Id (a plausible one), echoes it, and puts it in problems; makes one otherwise', async () => {
    const traced = await send(app, 'GET', '/v1/collections/missing', undefined, { ...bearer(key), 'x-request-id': 'trace-abc-123' });
    expect(traced.statusCode).toBe(404);
    expect(traced.headers['x-request-id']).toBe('trace-abc-123');
    expect(traced.json()).toMatchObject({ requestId: 'trace-abc-123', instance: '/v1/collections/missing' });
    const ok = await send(app, 'GET', '/v1/tenant', undefined, { ...bearer(key), 'x-request-id': 'ok-1' });
    expect(ok.headers['x-request-id']).toBe('ok-1');
    const made = await send(app, 'GET', '/v1/tenant', undefined, { ...bearer(key), 'x-request-id': 'has spaces and\ttabs' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const elsewhere = await send(app, 'GET', '/t/another-tenant/nowhere');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('another-tenant');
    const unrouted = await send(app, 'GET', '/nowhere');
    expect(unrouted.json()).toMatchObject({ code: 'not_found', instance: '/nowhere', requestId: unrouted.headers['x-request-id'] });
  });

  it("never echoes another tenant's id from the path in a problem", async () => {
    const res = await send(app, 'GET', '/t/someone-else/v1/collections', undefined, bearer(key));
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('someone-else');
    expect(res.json().instance).toBe('/t/{tenant}/v1/collections');
  });
});
