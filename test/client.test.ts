import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import * as source from '../src/client/index.js';
import { createClient, isProblem, TenantryApiError, unwrap, type CollectionRecord, type Problem, type Run, type TenantryClient } from '../src/client/index.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-client-tests';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the caller knows its orders to be; the client types `data` as Record<string, unknown>. */
type Order = { item: string; total: number; status: 'open' | 'closed' };
const isOrder = (data: unknown): data is Order => {
  const d = data as Partial<Order> | null;
  return typeof d?.item === 'string' && typeof d.total === 'number' && (d.status === 'open' || d.status === 'closed');
};

const ORDER_SCHEMA = {
  type: 'object',
  properties: { item: { type: 'string' }, total: { type: 'number' }, status: { enum: ['open', 'closed'] } },
  required: ['item', 'total', 'status'],
};

/** Poll `read` until `done` holds for its result (runs and model training finish in the background). */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The typed client (src/client, `tenantry/client`) against the real server on a real socket: every call
 * here goes through it, from creating the tenant to waiting for a workflow run.
 */
describe(`typed client against the server (${backend})`, () => {
  let env: TestEnv;
  let app: TenantryApp;
  let baseUrl: string;
  let admin: TenantryClient;
  const A = tenantId('client-a');
  const B = tenantId('client-b');
  const keys: Record<string, string> = {};
  /** A data-plane client per tenant, each with its own tenant's key. */
  const as: Record<string, TenantryClient> = {};

  beforeAll(async () => {
    env = await createTestEnv({ workerPollMs: 10 });
    app = await buildApp({ tenantry: await env.open(), adminToken: ADMIN, cursorSecret: 'cursor-secret-client-tests' });
    app.workflows.startEngine({ concurrency: 4, pollMs: 10, scheduleTickMs: 1000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    admin = createClient({ baseUrl, token: ADMIN });
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('creates tenants and API keys through the control plane with the admin token', async () => {
    for (const id of [A, B]) {
      const tenant = await unwrap(admin.POST('/v1/tenants', { body: { id, name: `Tenant ${id}`, isolation: 'pooled' } }));
      expect(tenant).toMatchObject({ id, name: `Tenant ${id}`, isolation: 'pooled', status: 'active' });
      const created = await unwrap(admin.POST('/v1/tenants/{id}/api-keys', { params: { path: { id } }, body: { name: 'client test', role: 'admin' } }));
      expect(created.key).toMatch(/^tnty_/);
      keys[id] = created.key;
      as[id] = createClient({ baseUrl, token: created.key, tenant: id });
      expect(await unwrap(as[id].GET('/v1/tenant'))).toMatchObject({ id, tier: 'free' });
    }
  });

  it('creates a collection with a JSON Schema, and records that the schema checks', async () => {
    const client = as[A]!;
    const collection = await unwrap(client.POST('/v1/collections', { body: { name: 'orders', schema: ORDER_SCHEMA, indexes: ['total'] } }));
    expect(collection).toMatchObject({ name: 'orders', schema: ORDER_SCHEMA, indexes: ['total'] });

    const one = await unwrap(
      client.POST('/v1/collections/{name}/records', { params: { path: { name: 'orders' } }, body: { data: { item: 'book', total: 12, status: 'open' } } }),
    );
    expect(one).toMatchObject({ data: { item: 'book', total: 12, status: 'open' }, version: 1 });
    const bulk = await unwrap(
      client.POST('/v1/collections/{name}/records/bulk', {
        params: { path: { name: 'orders' } },
        body: { records: Array.from({ length: 12 }, (_, i) => ({ data: { item: `item-${i}`, total: i, status: i % 3 === 0 ? 'closed' : 'open' } })) },
      }),
    );
    expect(bulk.items).toHaveLength(12);

    // The schema refuses a record: the error is typed as problem details, and carries them at run time.
    const refused = await client.POST('/v1/collections/{name}/records', { params: { path: { name: 'orders' } }, body: { data: { item: 3, total: 'x' } } });
    expect(refused.data).toBeUndefined();
    expect(refused.response.status).toBe(400);
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem: Problem | undefined = refused.error;
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem?.detail).toMatch(/status/);
  });

  it('queries with a filter and follows the cursor across pages, narrowing data', async () => {
    const client = as[A]!;
    const seen: CollectionRecord[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await unwrap(
        client.GET('/v1/collections/{name}/records', {
          params: { path: { name: 'orders' }, query: { filter: JSON.stringify({ total: { $gte: 4 } }), sort: '-total', limit: 4, count: 'exact', cursor } },
        }),
      );
      expect(page.total).toBe(9);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    // `data` is Record<string, unknown>: the caller narrows it to what it knows the collection holds.
    const totals = seen.map((record) => (isOrder(record.data) ? record.data.total : NaN));
    expect(totals).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4]);
    expect(new Set(seen.map((record) => record.id)).size).toBe(9);
  });

  it('trains a model and predicts with it', async () => {
    const client = as[A]!;
    await unwrap(client.POST('/v1/collections', { body: { name: 'points' } }));
    await unwrap(
      client.POST('/v1/collections/{name}/records/bulk', {
        params: { path: { name: 'points' } },
        body: { records: Array.from({ length: 40 }, (_, i) => ({ data: { x: i / 4, y: 2 * (i / 4) + 1 } })) },
      }),
    );
    const defined = await unwrap(
      client.POST('/v1/models', { body: { name: 'line', kind: 'regression', collection: 'points', features: ['x'], target: 'y', options: { l2: 1e-6 } } }),
    );
    expect(defined).toMatchObject({ name: 'line', kind: 'regression' });
    const model = await until(
      'the model to train',
      () => unwrap(client.GET('/v1/models/{name}', { params: { path: { name: 'line' } } })),
      (m) => m.status === 'ready' || m.status === 'failed',
    );
    expect(model.status, JSON.stringify(model.versions)).toBe('ready');
    const predicted = await unwrap(client.POST('/v1/models/{name}/predict', { params: { path: { name: 'line' } }, body: { inputs: [{ x: 10 }, { x: -1 }] } }));
    expect(predicted.version).toBe(1);
    const values = predicted.predictions.map((p) => ('value' in p ? p.value : NaN));
    expect(values[0]).toBeCloseTo(21, 2);
    expect(values[1]).toBeCloseTo(-1, 2);
  });

  it('puts a workflow, starts a run and waits for it to finish', async () => {
    const client = as[A]!;
    const workflow = await unwrap(
      client.PUT('/v1/workflows/{name}', {
        params: { path: { name: 'open_total' } },
        body: {
          steps: [
            { id: 'open', kind: 'records.query', with: { collection: 'orders', filter: { status: 'open' }, limit: 100 } },
            { id: 'total', kind: 'transform', needs: ['open'], with: { expression: '$sum(steps.open.items.data.total)' } },
            { id: 'report', kind: 'transform', needs: ['total'], with: { expression: '{"for": input.who, "total": steps.total}' } },
          ],
        },
      }),
    );
    expect(workflow).toMatchObject({ name: 'open_total', revision: 1 });
    const started = await unwrap(client.POST('/v1/workflows/{name}/runs', { params: { path: { name: 'open_total' } }, body: { input: { who: 'client' } } }));
    const run: Run = await until(
      'the run to finish',
      () => unwrap(client.GET('/v1/runs/{id}', { params: { path: { id: started.id } } })),
      (r) => !['queued', 'running'].includes(r.status),
    );
    expect(run.status, JSON.stringify(run.steps)).toBe('succeeded');
    // Open orders: the book (12) and items 1, 2, 4, 5, 7, 8, 10, 11.
    expect(run.steps.find((step) => step.id === 'report')?.output).toEqual({ for: 'client', total: 60 });
  });

  it('reports errors as typed problem details, or throws TenantryApiError through unwrap', async () => {
    const client = as[A]!;
    const missing = { params: { path: { name: 'orders', id: '01900000-0000-7000-8000-000000000000' } } };
    const res = await client.GET('/v1/collections/{name}/records/{id}', missing);
    expect(res.response.status).toBe(404);
    expect(isProblem(res.error)).toBe(true);
    expect(res.error).toMatchObject({ status: 404, code: 'not_found', type: 'urn:tenantry:error:not_found' });

    const thrown = await unwrap(client.GET('/v1/collections/{name}/records/{id}', missing)).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TenantryApiError);
    expect(thrown).toMatchObject({ status: 404, code: 'not_found', problem: { status: 404, code: 'not_found' } });
    expect((thrown as Error).message).toMatch(/^404 not_found: /);

    const badFilter = await unwrap(
      client.GET('/v1/collections/{name}/records', { params: { path: { name: 'orders' }, query: { filter: JSON.stringify({ total: { $near: 1 } }) } } }),
    ).catch((error: unknown) => error);
    expect(badFilter).toMatchObject({ status: 400, code: 'validation_failed', problem: { detail: expect.stringContaining('$near') } });

    // The types refuse an unknown property; forced past them, the server refuses it too and names it.
    const unknownProperty = await client.POST('/v1/collections', { body: { name: 'extra', colour: 'red' } as never });
    expect(unknownProperty.error).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ pointer: '/colour' }] });
  });

  it('keeps tenants apart: a second tenant sees none of the first one’s records through its own client', async () => {
    const client = as[B]!;
    const noOrders = await client.GET('/v1/collections/{name}/records', { params: { path: { name: 'orders' } } });
    expect(noOrders.error).toMatchObject({ status: 404, code: 'not_found' });

    await unwrap(client.POST('/v1/collections', { body: { name: 'orders' } }));
    await unwrap(
      client.POST('/v1/collections/{name}/records', { params: { path: { name: 'orders' } }, body: { data: { item: 'b-only', total: 1, status: 'open' } } }),
    );
    const page = await unwrap(client.GET('/v1/collections/{name}/records', { params: { path: { name: 'orders' }, query: { filter: '{}' } } }));
    expect(page.items.map((record) => record.data.item)).toEqual(['b-only']);

    // A's records, by id, through B's client: not found.
    const aPage = await unwrap(as[A]!.GET('/v1/collections/{name}/records', { params: { path: { name: 'orders' }, query: { limit: 1 } } }));
    const aRecord = aPage.items[0]!;
    const probe = await client.GET('/v1/collections/{name}/records/{id}', { params: { path: { name: 'orders', id: aRecord.id } } });
    expect(probe.error).toMatchObject({ status: 404, code: 'not_found' });

    // A client told it is for B but holding A's key is refused, not served A's data.
    const mixedUp = createClient({ baseUrl, token: keys[A]!, tenant: B });
    const refused = await mixedUp.GET('/v1/collections/{name}/records', { params: { path: { name: 'orders' } } });
    expect(refused.error).toMatchObject({ status: 403, code: 'tenant_mismatch' });
  });

  it('is importable as tenantry/client (package exports), and the shipped module imports only openapi-fetch', async () => {
    // Resolved through package.json "exports" to dist/ (npm test builds first).
    const built = path.join(root, 'dist/src/client/index.js');
    expect(existsSync(built), 'dist/ is missing: run npm run build').toBe(true);
    const shipped = await import('tenantry/client');
    expect(Object.keys(shipped).sort(), 'dist/ is older than src/client: run npm run build').toEqual(Object.keys(source).sort());
    const viaPackage = shipped.createClient({ baseUrl, token: async () => keys[A]! });
    expect(await shipped.unwrap(viaPackage.GET('/v1/tenant'))).toMatchObject({ id: A });

    const imported = [...readFileSync(built, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map(
      (m) => m[1] ?? m[2],
    );
    expect(imported).toEqual(['openapi-fetch']);
  });
});
