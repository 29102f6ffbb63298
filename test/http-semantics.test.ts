/**
 * Standard HTTP semantics on the data and control planes: Location on what 201/202 create (on the
 * path the client used), PATCH bodies as application/merge-patch+json, If-Match: *, and
 * If-None-Match → 304 on reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-http-semantics-tests';

describe(`HTTP semantics (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let tenant: string;
  let key: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    tenant = tenantId('http');
    const created = await send(app, 'POST', '/v1/tenants', { id: tenant }, bearer(ADMIN));
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/v1/tenants/${tenant}`);
    key = (await issueKeys(app, ADMIN, tenant, ['admin'])).admin;
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('points Location at what a 201 or 202 created, on the path the client used', async () => {
    const collection = await send(app, 'POST', '/v1/collections', { name: 'notes' }, bearer(key));
    expect(collection.headers.location).toBe('/v1/collections/notes');
    const record = await send(app, 'POST', '/v1/collections/notes/records', { data: { a: 1 } }, bearer(key));
    expect(record.statusCode).toBe(201);
    expect(record.headers.location).toBe(`/v1/collections/notes/records/${record.json().id}`);
    expect((await send(app, 'GET', record.headers.location as string, undefined, bearer(key))).json()).toMatchObject({ id: record.json().id });
    const prefixed = await send(app, 'POST', `/t/${tenant}/v1/collections/notes/records`, { data: { a: 2 } }, bearer(key));
    expect(prefixed.headers.location).toBe(`/t/${tenant}/v1/collections/notes/records/${prefixed.json().id}`);
    expect((await send(app, 'GET', prefixed.headers.location as string, undefined, bearer(key))).statusCode).toBe(200);
    const apiKey = await send(app, 'POST', '/v1/api-keys', { name: 'ci', role: 'viewer' }, bearer(key));
    expect(apiKey.headers.location).toBe(`/v1/api-keys/${apiKey.json().id}`);
    const workflow = await send(app, 'PUT', '/v1/workflows/w', { steps: [{ id: 'a', kind: 'transform', with: { expression: '1' } }] }, bearer(key));
    expect(workflow.statusCode).toBe(201);
    expect(workflow.headers.location).toBe('/v1/workflows/w');
    expect((await send(app, 'GET', workflow.headers.location as string, undefined, bearer(key))).json()).toMatchObject({ name: 'w', revision: 1 });
    // A replacement is a 200 at the URL asked: nothing new to point at.
    const replaced = await send(app, 'PUT', '/v1/workflows/w', { steps: [{ id: 'a', kind: 'transform', with: { expression: '2' } }] }, bearer(key));
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers.location).toBeUndefined();
    const prefixedWorkflow = await send(
      app,
      'PUT',
      `/t/${tenant}/v1/workflows/w2`,
      { steps: [{ id: 'a', kind: 'transform', with: { expression: '1' } }] },
      bearer(key),
    );
    expect(prefixedWorkflow.headers.location).toBe(`/t/${tenant}/v1/workflows/w2`);
    // The control plane's key for a tenant points where it is revoked.
    const controlKey = await send(app, 'POST', `/v1/tenants/${tenant}/api-keys`, { name: 'ops', role: 'viewer' }, bearer(ADMIN));
    expect(controlKey.statusCode).toBe(201);
    expect(controlKey.headers.location).toBe(`/v1/tenants/${tenant}/api-keys/${controlKey.json().id}`);
    expect((await send(app, 'DELETE', controlKey.headers.location as string, undefined, bearer(ADMIN))).statusCode).toBe(204);
    const run = await send(app, 'POST', '/v1/workflows/w/runs', { input: {} }, bearer(key));
    expect(run.statusCode).toBe(202);
    expect(run.headers.location).toBe(`/v1/runs/${run.json().id}`);
    // An error carries no Location.
    expect((await send(app, 'POST', '/v1/collections/missing/records', { data: {} }, bearer(key))).headers.location).toBeUndefined();
  });

  it('takes PATCH bodies as application/merge-patch+json, and If-Match: * for any current version', async () => {
    const id = (await send(app, 'POST', '/v1/collections/notes/records', { data: { a: 1, b: 1 } }, bearer(key))).json().id;
    const url = `/v1/collections/notes/records/${id}`;
    const merged = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...bearer(key), 'content-type': 'application/merge-patch+json', 'if-match': '*' },
      payload: JSON.stringify({ data: { b: null, c: 3 } }),
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ version: 2, data: { a: 1, c: 3 } });
    expect(merged.json().data).not.toHaveProperty('b');
    // Still strict: a merge patch's numbers and shape are checked like any JSON body.
    const bad = await app.inject({ method: 'PATCH', url, headers: { ...bearer(key), 'content-type': 'application/merge-patch+json' }, payload: '{"data": ' });
    expect(bad.statusCode).toBe(400);
    expect((await send(app, 'GET', url, undefined, bearer(key))).json().version).toBe(2);
  });

  it('answers If-None-Match naming the current version with 304 and no body, and a stale one with the record', async () => {
    const id = (await send(app, 'POST', '/v1/collections/notes/records', { data: { a: 1 } }, bearer(key))).json().id;
    const url = `/v1/collections/notes/records/${id}`;
    const first = await send(app, 'GET', url, undefined, bearer(key));
    expect(first.headers.etag).toBe('"1"');
    for (const tag of ['"1"', 'W/"1"', '"7", "1"', '*']) {
      const cached = await send(app, 'GET', url, undefined, { ...bearer(key), 'if-none-match': tag });
      expect(cached.statusCode).toBe(304);
      expect(cached.body).toBe('');
      expect(cached.headers.etag).toBe('"1"');
    }
    await send(app, 'PATCH', url, { data: { a: 2 } }, bearer(key));
    const fresh = await send(app, 'GET', url, undefined, { ...bearer(key), 'if-none-match': '"1"' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ version: 2, data: { a: 2 } });
    // Another tenant's credential still gets nothing, whatever it sends.
    const other = tenantId('http-other');
    await t.tenants.create({ id: other, isolation: 'pooled' });
    const otherKey = (await issueKeys(app, ADMIN, other, ['admin'])).admin;
    expect((await send(app, 'GET', url, undefined, { ...bearer(otherKey), 'if-none-match': '*' })).statusCode).toBe(404);
  });
});
