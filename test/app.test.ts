import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'test-admin-token-0123456789';
const auth = { authorization: `Bearer ${ADMIN}` };

describe(`HTTP: operations endpoints and the control plane (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'cursor-secret-for-tests' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('serves /healthz and /readyz, and fails readiness while draining', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    app.draining = true;
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    app.draining = false;
  });

  it('refuses the control plane without the admin token, as problem+json', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: ADMIN }, { authorization: `Basic ${ADMIN}` }]) {
      const res = await app.inject({ method: 'GET', url: '/v1/tenants', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthorized', type: 'urn:tenantry:error:unauthorized' });
    }
    const created = await app.inject({ method: 'POST', url: '/v1/tenants', payload: { id: tenantId('nope') } });
    expect(created.statusCode).toBe(401);
    expect(await t.catalog.list()).toEqual([]);
  });

  it('creates, reads, updates, suspends and resumes tenants', async () => {
    const id = tenantId('http');
    const created = await app.inject({ method: 'POST', url: '/v1/tenants', headers: auth, payload: { id, name: 'Acme', tier: 'pro' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id, name: 'Acme', tier: 'pro', isolation: 'schema', cluster: 'main', status: 'active', settings: {}, limits: {} });
    expect(new Date(created.json().createdAt).toString()).not.toBe('Invalid Date');

    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/tenants/${id}`,
      headers: auth,
      payload: { name: 'Acme Inc', settings: { theme: 'dark' }, limits: { requestsPerMinute: 600 } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Acme Inc', settings: { theme: 'dark' }, limits: { requestsPerMinute: 600 }, isolation: 'schema' });

    expect((await app.inject({ method: 'POST', url: `/v1/tenants/${id}/suspend`, headers: auth })).json()).toMatchObject({ status: 'suspended' });
    expect((await app.inject({ method: 'GET', url: `/v1/tenants/${id}`, headers: auth })).json()).toMatchObject({ status: 'suspended' });
    expect((await app.inject({ method: 'POST', url: `/v1/tenants/${id}/resume`, headers: auth })).json()).toMatchObject({ status: 'active' });
  });

  it('answers bad input with a clear 4xx and changes nothing', async () => {
    const before = await t.catalog.list();
    const existing = before[0]!.id;
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ id: 'Bad' }, 400, 'invalid_tenant_id'],
      [{ id: tenantId('x'), tier: 'gold' }, 400, 'unknown_tier'],
      [{ id: tenantId('x'), isolation: 'shared' }, 400, 'unknown_isolation'],
      [{ id: tenantId('x'), cluster: 'mars' }, 400, 'unknown_cluster'],
      [{ id: tenantId('x'), status: 'active' }, 400, 'validation_failed'],
      [{ id: tenantId('x'), tenant_id: 'other' }, 400, 'validation_failed'],
      [{ name: 'no id' }, 400, 'validation_failed'],
      [{ id: existing }, 409, 'tenant_exists'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await app.inject({ method: 'POST', url: '/v1/tenants', headers: auth, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status, code });
      expect(res.json().detail).not.toMatch(/select|insert|constraint|stack/i);
    }
    const notJson = await app.inject({ method: 'POST', url: '/v1/tenants', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"id":' });
    expect(notJson.statusCode).toBe(400);
    const huge = await app.inject({ method: 'POST', url: '/v1/tenants', headers: auth, payload: { id: tenantId('big'), name: 'x'.repeat(1024 * 1024 + 10) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'payload_too_large' });
    expect((await app.inject({ method: 'GET', url: '/v1/tenants/no-such-tenant', headers: auth })).json()).toMatchObject({
      status: 404,
      code: 'tenant_not_found',
    });
    expect((await app.inject({ method: 'PATCH', url: `/v1/tenants/${existing}`, headers: auth, payload: { tier: 'gold' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PATCH', url: `/v1/tenants/${existing}`, headers: auth, payload: { isolation: 'database' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PATCH', url: `/v1/tenants/${existing}`, headers: auth, payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth })).json()).toMatchObject({ status: 404, code: 'not_found' });
    expect(await t.catalog.list()).toEqual(before);
  });

  it('pages through tenants with signed cursors and refuses tampered ones', async () => {
    for (let i = 0; i < 4; i++) await t.tenants.create({ id: tenantId(`page${i}`) });
    const all = (await t.catalog.list()).map((x) => x.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/tenants?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await app.inject({ method: 'GET', url, headers: auth });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ id: string }>; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((x) => x.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);

    const first = (await app.inject({ method: 'GET', url: '/v1/tenants?limit=1', headers: auth })).json() as { nextCursor: string };
    const [body, mac] = first.nextCursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ after: '' })).toString('base64url')}.${mac}`;
    for (const bad of [forged, `${body}.AAAA`, 'garbage', `${body}.${mac}.x`]) {
      const res = await app.inject({ method: 'GET', url: `/v1/tenants?cursor=${encodeURIComponent(bad)}`, headers: auth });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_cursor' });
    }
    expect((await app.inject({ method: 'GET', url: '/v1/tenants?limit=501', headers: auth })).statusCode).toBe(400);
  });

  it('publishes a valid OpenAPI document listing every route, rendered at /docs', async () => {
    const doc = (await app.inject('/openapi.json')).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const validation = await new Validator().validate(structuredClone(doc));
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.body).toContain('swagger-ui');
    expect((await app.inject('/docs/json')).json()).toEqual(doc);
    // Every operation: a unique operationId, and the credential it takes (admin token or tenant credential).
    const info = (doc as unknown as { info: { title: string; description: string } }).info;
    expect(info.title).toBe('Tenantry API');
    expect(info.description).toMatch(/platform admin token/);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { operationId?: string; security?: Array<Record<string, unknown>> }>)
        .filter(([key]) => key !== 'servers')
        .map(([method, op]) => ({ path, method, op })),
    );
    const ids = operations.map((o) => o.op.operationId);
    expect(
      ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)),
      JSON.stringify(ids),
    ).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/v1/collections/{name}/records/{id}']!.get).toMatchObject({ operationId: 'getCollectionsByNameRecordsById' });
    for (const { path, op } of operations) {
      expect(Object.keys(op.security?.[0] ?? {}), path).toEqual([/^\/v1\/(tenants|operations|platform)/.test(path) ? 'adminToken' : 'tenantCredential']);
    }
    const dataPlane = [
      '/v1/api-keys',
      '/v1/api-keys/{id}',
      '/v1/api-keys/{id}/rotate',
      '/v1/audit',
      '/v1/audit/verify',
      '/v1/collections',
      '/v1/collections/{name}',
      '/v1/collections/{name}/records',
      '/v1/collections/{name}/records/bulk',
      '/v1/collections/{name}/records/{id}',
      '/v1/models',
      '/v1/models/{name}',
      '/v1/models/{name}/predict',
      '/v1/models/{name}/recommend',
      '/v1/models/{name}/train',
      '/v1/runs/{id}',
      '/v1/runs/{id}/cancel',
      '/v1/tenant',
      '/v1/tenant/settings',
      '/v1/usage',
      '/v1/workflows',
      '/v1/workflows/{name}',
      '/v1/workflows/{name}/runs',
    ];
    // The /t/{tenant} copies are served (test/tenant-prefix.test.ts) but documented once, as a second server.
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        ...dataPlane,
        '/v1/operations',
        '/v1/operations/{id}',
        '/v1/platform/audit',
        '/v1/platform/audit/verify',
        '/v1/platform/summary',
        '/v1/tenants',
        '/v1/tenants/{id}',
        '/v1/tenants/{id}/api-keys',
        '/v1/tenants/{id}/api-keys/{keyId}',
        '/v1/tenants/{id}/audit',
        '/v1/tenants/{id}/audit/verify',
        '/v1/tenants/{id}/export',
        '/v1/tenants/{id}/import',
        '/v1/tenants/{id}/keys/rotate',
        '/v1/tenants/{id}/models',
        '/v1/tenants/{id}/models/{name}',
        '/v1/tenants/{id}/move',
        '/v1/tenants/{id}/resume',
        '/v1/tenants/{id}/runs/{runId}',
        '/v1/tenants/{id}/suspend',
        '/v1/tenants/{id}/usage',
        '/v1/tenants/{id}/workflows',
        '/v1/tenants/{id}/workflows/{name}/runs',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/v1/api-keys']!).sort()).toEqual(['get', 'post', 'servers']);
    expect(Object.keys(doc.paths['/v1/collections/{name}/records/{id}']!).sort()).toEqual(['delete', 'get', 'patch', 'put', 'servers']);
    expect(Object.keys(doc.paths['/v1/tenants']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/tenants/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
  });

  it('names its schemas, documents every error as a problem and the /t/{tenant} prefix once', async () => {
    type Response = { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> };
    type Operation = { description?: string; responses: Record<string, Response> };
    type PathItem = Record<string, Operation> & { servers?: Array<{ url: string; variables?: Record<string, unknown> }> };
    const doc = app.swagger() as unknown as {
      servers: unknown[];
      paths: Record<string, PathItem>;
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; pattern?: string }> }>; headers: Record<string, unknown> };
    };
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/def-\d/);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Tenant', 'ApiKey', 'Collection', 'Record', 'RecordPage', 'Model', 'ModelVersion', 'Prediction', 'Workflow', 'Run']),
    );
    // Every $ref points at something the document has.
    for (const [, kind, name] of text.matchAll(/"\$ref":"#\/components\/(schemas|headers)\/([^"]+)"/g)) {
      expect(doc.components[kind as 'schemas' | 'headers'], `${kind}/${name}`).toHaveProperty([name!]);
    }
    expect(doc.components.schemas.Tenant!.properties!.tier!.enum).toEqual(['free', 'pro', 'enterprise']);
    expect(doc.components.schemas.Tenant!.properties!.id!.pattern).toBe('^[a-z][a-z0-9-]{2,39}$');
    expect(doc.components.schemas.ApiKey!.properties!.role!.enum).toEqual(['admin', 'member', 'viewer']);
    expect(doc.servers.length).toBeGreaterThan(0);

    for (const [path, item] of Object.entries(doc.paths)) {
      const { servers, ...operations } = item;
      // The data plane's second way in, once per path.
      if (/^\/v1\/(tenants|operations|platform)/.test(path)) expect(servers, path).toBeUndefined();
      else
        expect(
          servers?.map((s) => s.url),
          path,
        ).toEqual(['/', '/t/{tenant}']);
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.description, where).toBeTruthy();
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.headers, `${where} ${status}`).toHaveProperty(['X-Request-Id']);
          if (Number(status) < 400) continue;
          expect(response.content, `${where} ${status}`).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
          if (status === '429') expect(response.headers, where).toHaveProperty(['Retry-After']);
        }
        expect(Object.keys(operation.responses), where).toEqual(
          expect.arrayContaining(/^\/v1\/(tenants|operations|platform)/.test(path) ? ['401', '429'] : ['401', '403', '429', '503']),
        );
      }
    }
    const createRecord = doc.paths['/v1/collections/{name}/records']!.post!;
    expect(Object.keys(createRecord.responses['201']!.headers!).sort()).toEqual(
      ['ETag', 'Location', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id'].sort(),
    );
    expect(createRecord.responses['201']!.content!['application/json']).toMatchObject({
      schema: { $ref: '#/components/schemas/Record' },
      example: { version: 1 },
    });

    const page = await app.inject('/docs/');
    expect(page.body).toContain('<title>Tenantry API</title>');
    const initializer = await app.inject('/docs/static/swagger-initializer.js');
    expect(initializer.body).toContain('"layout":"BaseLayout"');
  });
});
