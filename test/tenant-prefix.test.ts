/**
 * Every data-plane operation answers the same under /t/{tenant}/v1/… as under /v1/… (the tenant named
 * in the path, agreeing with the credential). The operations come from Fastify's route table (the
 * OpenAPI document lists each once, the prefix as a second server), so a route added later is covered
 * without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';
import { routeTable } from './support/routes.js';

const ADMIN = 'admin-token-prefix-tests';
const BODY_METHODS = new Set(['post', 'put', 'patch']);

describe(`the /t/{tenant} prefix (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let tenant: string;
  let key: string;
  let recordId: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    tenant = tenantId('prefix');
    await t.tenants.create({ id: tenant, isolation: 'pooled' });
    key = (await issueKeys(app, ADMIN, tenant, ['admin'])).admin;
    expect((await send(app, 'POST', '/v1/collections', { name: 'items' }, bearer(key))).statusCode).toBe(201);
    const created = await send(app, 'POST', '/v1/collections/items/records', { data: { n: 1 } }, bearer(key));
    expect(created.statusCode).toBe(201);
    recordId = created.json().id;
    const workflow = { steps: [{ id: 'a', kind: 'transform', with: { expression: '1' } }] };
    expect((await send(app, 'PUT', '/v1/workflows/wf', workflow, bearer(key))).statusCode).toBeLessThan(300);
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  /** A concrete path for an operation: real resources for reads, missing ones for writes (nothing changes). */
  function concrete(path: string, method: string): string {
    const write = method !== 'get';
    return path
      .replace('/collections/{name}', `/collections/${write ? 'missing' : 'items'}`)
      .replace('/records/{id}', `/records/${write ? '00000000-0000-7000-8000-000000000000' : recordId}`)
      .replace('/workflows/{name}', `/workflows/${write ? 'missing' : 'wf'}`)
      .replace(/\{[a-z]+\}/g, 'missing');
  }

  it('answers every operation with a path parameter of its own the same way with and without the prefix', async () => {
    const table = routeTable(app).filter((r) => r.method !== 'HEAD');
    const served = new Set(table.map((r) => `${r.method} ${r.path}`));
    // Every prefixed route, as the /v1 route it copies (`{name}` for `:name`, as concrete() takes it).
    const operations = table
      .filter((r) => r.path.startsWith('/t/:tenant/v1/'))
      .map((r) => ({ path: r.path.slice('/t/:tenant'.length).replace(/:(\w+)/g, '{$1}'), method: r.method.toLowerCase() }));
    expect(operations.filter((o) => o.path.includes('{')).length).toBeGreaterThanOrEqual(22);
    // …and every data-plane route has its copy (the control plane, /v1/tenants…, has none).
    const dataPlane = table.filter((r) => r.path.startsWith('/v1/') && !/^\/v1\/(tenants|operations|platform)/.test(r.path));
    expect(dataPlane.filter((r) => !served.has(`${r.method} /t/:tenant${r.path}`))).toEqual([]);
    expect(operations.length).toBe(dataPlane.length);
    expect(operations.some((o) => o.path.startsWith('/v1/tenants/'))).toBe(false);

    const differences: string[] = [];
    for (const { path, method } of operations) {
      const url = concrete(path, method);
      // A body the strict schemas refuse, for operations that take one: nothing is written.
      const body = BODY_METHODS.has(method) ? { notAProperty: true } : undefined;
      const plain = await send(app, method.toUpperCase(), url, body, bearer(key));
      const prefixed = await send(app, method.toUpperCase(), `/t/${tenant}${url}`, body, bearer(key));
      const view = (r: typeof plain) => ({
        status: r.statusCode,
        code: r.statusCode >= 400 ? r.json().code : undefined,
        detail: r.statusCode >= 400 ? r.json().detail : undefined,
      });
      if (JSON.stringify(view(plain)) !== JSON.stringify(view(prefixed))) {
        differences.push(`${method.toUpperCase()} ${url}: ${JSON.stringify(view(plain))} vs prefixed ${JSON.stringify(view(prefixed))}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('serves a record, a collection and a workflow under the prefix, and refuses another tenant named there', async () => {
    const record = await send(app, 'GET', `/t/${tenant}/v1/collections/items/records/${recordId}`, undefined, bearer(key));
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({ id: recordId, data: { n: 1 } });
    expect((await send(app, 'GET', `/t/${tenant}/v1/collections/items`, undefined, bearer(key))).json()).toMatchObject({ name: 'items' });
    expect((await send(app, 'GET', `/t/${tenant}/v1/workflows/wf`, undefined, bearer(key))).statusCode).toBe(200);
    const patched = await send(app, 'PATCH', `/t/${tenant}/v1/collections/items/records/${recordId}`, { data: { n: 2 } }, bearer(key));
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ data: { n: 2 } });
    const elsewhere = await send(app, 'GET', `/t/someone-else/v1/collections/items/records/${recordId}`, undefined, bearer(key));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('tenant_mismatch');
  });
});
