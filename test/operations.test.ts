/**
 * Control-plane operations (issue: tenant lifecycle at scale): deletion is a durable operation —
 * 202 with the operation, credentials refused at once, storage dropped, the catalog row removed
 * last — visible at /v1/operations, idempotent, and resumed by another process when its own died.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { finishedOperation } from './support/http.js';
import { issueKeys } from './support/keys.js';
import { STRATEGIES } from './support/placements.js';

const ADMIN = 'admin-token-operations-tests';

describe(`operations (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;

  const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN}` }, ...(payload !== undefined && { payload: payload as object }) });
  const asKey = (key: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined && { payload: payload as object }) });
  const control = (text: string, params: unknown[] = []) => adminQuery(routerOf(t).controlCluster.main, text, params);

  /** A tenant with a collection and one record, and an admin key for it. */
  async function populated(label: string, isolation: Isolation): Promise<{ id: string; key: string }> {
    const id = tenantId(label);
    await t.tenants.create({ id, isolation });
    const { admin: key } = await issueKeys(app, ADMIN, id, ['admin']);
    expect((await asKey(key, 'POST', '/v1/collections', { name: 'notes' })).statusCode).toBe(201);
    expect((await asKey(key, 'POST', '/v1/collections/notes/records', { data: { text: `${id} was here` } })).statusCode).toBe(201);
    return { id, key };
  }

  const finished = (id: string) => finishedOperation(app, ADMIN, id, 15);

  beforeAll(async () => {
    env = await createTestEnv({ operationLeaseMs: 10_000 });
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it.each(STRATEGIES)('deletes a %s tenant as an operation: 202, credentials refused at once, storage gone, the id reusable', async (isolation) => {
    t.operations.start();
    const bystander = await populated(`opby-${isolation.slice(0, 2)}`, isolation);
    const { id, key } = await populated(`opdel-${isolation.slice(0, 2)}`, isolation);
    const res = await admin('DELETE', `/v1/tenants/${id}`);
    expect(res.statusCode, res.body).toBe(202);
    const op = res.json();
    expect(op).toMatchObject({ kind: 'delete', tenantId: id, id: expect.any(String) });
    expect(res.headers.location).toBe(`/v1/operations/${op.id}`);
    // Refused at once, whether or not the operation has got far yet.
    expect((await asKey(key, 'GET', '/v1/tenant')).statusCode).toBe(401);

    const done = await finished(op.id);
    expect(done).toMatchObject({ status: 'succeeded', error: null, progress: { done: 4, total: 4 }, attempts: 1 });
    expect((await admin('GET', `/v1/tenants/${id}`)).statusCode).toBe(404);
    expect((await admin('DELETE', `/v1/tenants/${id}`)).json()).toMatchObject({ status: 404, code: 'tenant_not_found' });
    const { rows } = await control('select count(*)::int as n from tenantry.api_keys where tenant_id = $1', [id]);
    expect(rows[0]).toEqual({ n: 0 });

    // The id can be used again, and the new tenant sees nothing of the old one.
    await t.tenants.create({ id, isolation });
    const { admin: fresh } = await issueKeys(app, ADMIN, id, ['admin']);
    expect((await asKey(fresh, 'GET', '/v1/collections')).json().items).toEqual([]);
    expect((await asKey(key, 'GET', '/v1/tenant')).statusCode).toBe(401);
    // The tenant beside it lost nothing.
    expect((await asKey(bystander.key, 'GET', '/v1/collections/notes/records')).json().items).toHaveLength(1);
  });

  it('answers the same operation when asked again, refuses another kind meanwhile, and 404s what does not exist', async () => {
    await t.operations.stop();
    const { id } = await populated('opsame', 'pooled');
    const first = (await admin('DELETE', `/v1/tenants/${id}`)).json();
    expect(first).toMatchObject({ status: 'queued', kind: 'delete' });
    const again = await admin('DELETE', `/v1/tenants/${id}`);
    expect(again.statusCode).toBe(202);
    expect(again.json().id).toBe(first.id);
    await expect(t.operations.enqueue('move', id)).rejects.toMatchObject({ code: 'tenant_not_ready', status: 409 });

    expect((await admin('DELETE', `/v1/tenants/${tenantId('nobody')}`)).json()).toMatchObject({ status: 404, code: 'tenant_not_found' });
    expect((await admin('DELETE', '/v1/tenants/Not_An_Id')).statusCode).toBe(400);
    expect((await admin('GET', '/v1/operations/not-a-uuid')).statusCode).toBe(400);
    expect((await admin('GET', '/v1/operations/0190a1b2-0000-7000-8000-000000000000')).json()).toMatchObject({ status: 404, code: 'not_found' });

    const ran = await t.operations.runOne(first.id);
    expect(ran).toMatchObject({ status: 'succeeded', tenantId: id });
    expect(await t.operations.runOne(first.id)).toBeUndefined(); // finished: nothing to claim
  });

  it('lists operations newest first, filtered by tenant, status and kind, page by page', async () => {
    const mine = [];
    for (const label of ['oplist-a', 'oplist-b', 'oplist-c']) {
      const { id } = await populated(label, 'pooled');
      mine.push((await admin('DELETE', `/v1/tenants/${id}`)).json().id as string);
    }
    const queued = (await admin('GET', '/v1/operations?status=queued&kind=delete&limit=2')).json();
    expect(queued.items.map((o: { id: string }) => o.id)).toEqual([mine[2], mine[1]]);
    const rest = (await admin('GET', `/v1/operations?status=queued&kind=delete&limit=2&cursor=${encodeURIComponent(queued.nextCursor)}`)).json();
    expect(rest.items.map((o: { id: string }) => o.id)).toEqual([mine[0]]);
    expect(rest.nextCursor).toBeNull();
    // A cursor is bound to its filters.
    expect((await admin('GET', `/v1/operations?status=failed&limit=2&cursor=${encodeURIComponent(queued.nextCursor)}`)).statusCode).toBe(400);
    const one = (await admin('GET', `/v1/operations?tenant=${(await t.operations.get(mine[1]!))!.tenantId}`)).json();
    expect(one.items.map((o: { id: string }) => o.id)).toEqual([mine[1]]);
    expect((await admin('GET', '/v1/operations?status=sleeping')).statusCode).toBe(400);
    for (const id of mine) expect(await t.operations.runOne(id)).toMatchObject({ status: 'succeeded' });
  });

  it('resumes an operation whose process died, and leaves alone one whose process is alive', async () => {
    const { id, key } = await populated('opresume', 'schema');
    const { operation } = await t.tenants.requestDelete(id);
    // A process claimed it, got as far as shutting the tenant out of its storage, and died: its
    // lease ran out.
    await t.storage.deprovision((await t.tenants.get(id))!).catch(() => {});
    await control(
      `update tenantry.operations set status = 'running', lease_owner = 'dead-process', lease_until = now() - interval '1 second', attempts = 1, step = 'dropping its storage' where id = $1`,
      [operation.id],
    );
    t.operations.start();
    const done = await finished(operation.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect((await admin('GET', `/v1/tenants/${id}`)).statusCode).toBe(404);
    expect((await asKey(key, 'GET', '/v1/tenant')).statusCode).toBe(401);

    // A live process's claim (its lease still running) is not taken over.
    const other = await populated('opalive', 'pooled');
    await t.operations.stop();
    const held = (await t.tenants.requestDelete(other.id)).operation;
    await control(`update tenantry.operations set status = 'running', lease_owner = 'live-process', lease_until = now() + interval '1 hour' where id = $1`, [
      held.id,
    ]);
    t.operations.start();
    expect(await t.operations.runOne(held.id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.operations.get(held.id)).toMatchObject({ status: 'running', attempts: 0 });
    // Its process dies after all: the lease runs out and this one finishes the job.
    await control(`update tenantry.operations set lease_until = now() where id = $1`, [held.id]);
    expect(await finished(held.id)).toMatchObject({ status: 'succeeded' });
  });

  it('is the platform admin’s: a tenant credential cannot list or read operations, nor delete its tenant', async () => {
    const { id, key } = await populated('opcred', 'pooled');
    await expect(t.tenants.requestDelete(tenantId('opcred-x'))).rejects.toMatchObject({ code: 'tenant_not_found' });
    expect((await asKey(key, 'GET', '/v1/operations')).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: `/v1/tenants/${id}`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/t/${id}/v1/operations`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(404);
    expect((await asKey(key, 'GET', '/v1/tenant')).statusCode).toBe(200);
  });

  it('provisions a schema or database tenant as an operation when asked to (Prefer: respond-async), and a pooled one at once', async () => {
    t.operations.start();
    for (const isolation of ['schema', 'database'] as const) {
      const id = tenantId(`opprov-${isolation.slice(0, 2)}`);
      const res = await app.inject({
        method: 'POST',
        url: '/v1/tenants',
        headers: { authorization: `Bearer ${ADMIN}`, prefer: 'respond-async' },
        payload: { id, isolation },
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.headers['preference-applied']).toBe('respond-async');
      const op = res.json();
      expect(op).toMatchObject({ kind: 'provision', tenantId: id });
      expect(res.headers.location).toBe(`/v1/operations/${op.id}`);
      // Until it has succeeded, the tenant is in the catalog but not served; a second create is a 409.
      expect((await admin('POST', '/v1/tenants', { id, isolation })).statusCode).toBe(409);
      expect(await finished(op.id)).toMatchObject({ status: 'succeeded', progress: { done: 2, total: 2 } });
      expect((await admin('GET', `/v1/tenants/${id}`)).json()).toMatchObject({ status: 'active', isolation });
      const { admin: key } = await issueKeys(app, ADMIN, id, ['admin']);
      expect((await asKey(key, 'POST', '/v1/collections', { name: 'notes' })).statusCode).toBe(201);
    }
    const pooled = await app.inject({
      method: 'POST',
      url: '/v1/tenants',
      headers: { authorization: `Bearer ${ADMIN}`, prefer: 'respond-async' },
      payload: { id: tenantId('opprov-po'), isolation: 'pooled' },
    });
    expect(pooled.statusCode).toBe(201);
    expect(pooled.json()).toMatchObject({ status: 'active' });
  });
});
