import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { ApiKeys } from '../src/auth/api-keys.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import * as source from '../src/fastify.js';
import { buildNotesApp, NOTES_MIGRATIONS, type NotesDB } from '../examples/notes/app.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

interface Seeded {
  id: string;
  key: string;
  viewer: string;
  notebook: string;
  note: string;
}

describe(`the example notes app: its routes keep tenants apart, resolving them as Tenantry's API does (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry<NotesDB>;
  let notes: FastifyInstance;
  let api: TenantryApp;
  const tenants = {} as Record<'pooledA' | 'pooledB' | 'schema' | 'database', Seeded>;

  beforeAll(async () => {
    env = await createTestEnv();
    t = (await env.open({ appMigrations: NOTES_MIGRATIONS })) as unknown as Tenantry<NotesDB>;
    notes = await buildNotesApp(t, { baseDomain: 'notes.test' });
    await t.jobs.start({ concurrency: 2, pollMs: 50 });
    api = await buildApp({ tenantry: t as unknown as Tenantry, adminToken: 'admin-token-for-notes', cursorSecret: 'cursor-secret', baseDomain: 'notes.test' });
    const keys = new ApiKeys(t.catalog);
    const plan: Record<keyof typeof tenants, Isolation> = { pooledA: 'pooled', pooledB: 'pooled', schema: 'schema', database: 'database' };
    for (const [label, isolation] of Object.entries(plan) as Array<[keyof typeof tenants, Isolation]>) {
      const tenant = await t.tenants.create({ id: tenantId(`notes${label.toLowerCase()}`), isolation });
      const key = (await keys.create(tenant, 'admin', 'admin')).key;
      const viewer = (await keys.create(tenant, 'viewer', 'viewer')).key;
      const nb = await notes.inject({ method: 'POST', url: '/notebooks', headers: bearer(key), payload: { name: `${label}'s` } });
      expect(nb.statusCode).toBe(201);
      const note = await notes.inject({
        method: 'POST',
        url: '/notes',
        headers: bearer(key),
        payload: { notebookId: nb.json().id, title: `secret of ${label}` },
      });
      expect(note.statusCode).toBe(201);
      expect(note.json().tenant_id).toBe(tenant.id);
      tenants[label] = { id: tenant.id, key, viewer, notebook: nb.json().id, note: note.json().id };
    }
  });

  const settled = async (tenant: string, id: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const job = await t.jobs.get(tenant, id);
      if (job.status === 'succeeded' || job.status === 'failed' || Date.now() > deadline) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  afterAll(async () => {
    await notes?.close();
    await api?.close();
    await env?.cleanup();
  });

  const pairs: Array<[keyof typeof tenants, keyof typeof tenants]> = [
    ['pooledA', 'pooledB'],
    ['pooledB', 'schema'],
    ['schema', 'database'],
    ['database', 'pooledA'],
  ];

  it.each(pairs)("%s's notes cannot be read or changed by %s through any route, raw SQL search included", async (owner, intruder) => {
    const x = tenants[owner];
    const y = tenants[intruder];
    const as = bearer(y.key);
    const requests = [
      { method: 'GET', url: `/notes/${x.note}` },
      { method: 'PATCH', url: `/notes/${x.note}`, payload: { title: 'taken' } },
      { method: 'DELETE', url: `/notes/${x.note}` },
      { method: 'POST', url: '/notes', payload: { notebookId: x.notebook, title: 'planted' } },
    ] as const;
    for (const request of requests) {
      const res = await notes.inject({ ...request, headers: as });
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const search = await notes.inject({ method: 'GET', url: '/notes?q=secret', headers: as });
    expect(search.statusCode).toBe(200);
    expect(search.json().notes.map((n: { id: string }) => n.id)).toEqual([y.note]);
    // Naming the owner with the intruder's credential: refused.
    for (const named of [
      { url: `/t/${x.id}/notes` },
      { url: '/notes', headers: { 'x-tenant-id': x.id } },
      { url: '/notes', headers: { host: `${x.id}.notes.test` } },
    ]) {
      const res = await notes.inject({ method: 'GET', url: named.url, headers: { ...as, ...('headers' in named ? named.headers : {}) } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'tenant_mismatch' });
    }
    // The archive job: refused for the owner's notebook at the route; enqueued directly for the
    // intruder with the owner's notebook, it runs in the intruder's scope and archives nothing.
    const archive = await notes.inject({ method: 'POST', url: `/notebooks/${x.notebook}/archive`, headers: as });
    expect(archive.statusCode).toBe(404);
    const { id: job } = await t.jobs.enqueue(y.id, 'archive-notes', { notebookId: x.notebook });
    expect(await settled(y.id, job)).toMatchObject({ status: 'succeeded' });
    expect((await notes.inject({ method: 'GET', url: `/jobs/${job}`, headers: bearer(x.key) })).statusCode).toBe(404);
    // The owner's note is as it was.
    const mine = await notes.inject({ method: 'GET', url: `/notes/${x.note}`, headers: bearer(x.key) });
    expect(mine.json()).toMatchObject({ id: x.note, title: `secret of ${owner}`, tenant_id: x.id, archived_at: null });
  });

  it("the archive job archives the tenant's notebook in the background: 202, then the job's status, then the notes are off the list", async () => {
    const a = tenants.pooledA;
    const nb = (await notes.inject({ method: 'POST', url: '/notebooks', headers: bearer(a.key), payload: { name: 'old' } })).json();
    await notes.inject({ method: 'POST', url: '/notes', headers: bearer(a.key), payload: { notebookId: nb.id, title: 'secret, but old' } });
    const listed = async () => (await notes.inject({ method: 'GET', url: '/notes?q=secret', headers: bearer(a.key) })).json().notes.length;
    expect(await listed()).toBe(2);
    const res = await notes.inject({ method: 'POST', url: `/notebooks/${nb.id}/archive`, headers: bearer(a.key) });
    expect(res.statusCode).toBe(202);
    expect(await settled(a.id, res.json().id)).toMatchObject({ status: 'succeeded', kind: 'archive-notes', payload: { notebookId: nb.id } });
    const status = await notes.inject({ method: 'GET', url: `/jobs/${res.json().id}`, headers: bearer(a.viewer) });
    expect(status.json()).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(await listed()).toBe(1);
  });

  it('routes work under /t/:tenant for the right tenant, and roles are enforced per route', async () => {
    const a = tenants.pooledA;
    const listed = await notes.inject({ method: 'GET', url: `/t/${a.id}/notes`, headers: bearer(a.viewer) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().notes).toHaveLength(1);
    const write = await notes.inject({ method: 'PATCH', url: `/notes/${a.note}`, headers: bearer(a.viewer), payload: { title: 'x' } });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ code: 'forbidden' });
    const bad = await notes.inject({ method: 'PATCH', url: `/notes/not-a-uuid`, headers: bearer(a.key), payload: { title: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("resolution matches Tenantry's own API: wrong tenant 403, suspended 403, deleted 401, no credential 401", async () => {
    const a = tenants.pooledA;
    const b = tenants.pooledB;
    const ask = async (headers: Record<string, string>, path = '') => {
      const [ours, theirs] = await Promise.all([
        notes.inject({ method: 'GET', url: `${path}/notes`, headers }),
        api.inject({ method: 'GET', url: `${path}/v1/tenant`, headers }),
      ]);
      expect({ status: ours.statusCode, code: ours.json().code }).toEqual({ status: theirs.statusCode, code: theirs.json().code });
      return { status: ours.statusCode, code: ours.json().code as string };
    };
    expect(await ask(bearer(a.key), `/t/${b.id}`)).toEqual({ status: 403, code: 'tenant_mismatch' });
    expect(await ask({ ...bearer(a.key), 'x-tenant-id': b.id })).toEqual({ status: 403, code: 'tenant_mismatch' });
    expect(await ask({ ...bearer(a.key), host: `${b.id}.notes.test` })).toEqual({ status: 403, code: 'tenant_mismatch' });
    expect(await ask({})).toEqual({ status: 401, code: 'unauthorized' });
    // Routes outside the plugin's context are the app's own business.
    expect((await notes.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect(await ask(bearer('tnty_0000000000000000_nope'))).toEqual({ status: 401, code: 'unauthorized' });
    await t.tenants.suspend(b.id);
    expect(await ask(bearer(b.key))).toEqual({ status: 403, code: 'tenant_suspended' });
    await t.tenants.delete(b.id);
    expect(await ask(bearer(b.key))).toEqual({ status: 401, code: 'unauthorized' });
    // The other pooled tenant's notes are untouched by the deletion of its neighbour's rows.
    const left = await notes.inject({ method: 'GET', url: `/notes/${a.note}`, headers: bearer(a.key) });
    expect(left.statusCode).toBe(200);
  });

  it('the plugin is importable as tenantry/fastify (package exports)', async () => {
    // Resolved through package.json "exports" to dist/ (npm test builds first).
    expect(existsSync(new URL('../dist/src/fastify.js', import.meta.url)), 'dist/ is missing: run npm run build').toBe(true);
    const shipped = await import('tenantry/fastify');
    expect(Object.keys(shipped).sort(), 'dist/ is older than src/fastify.ts: run npm run build').toEqual(Object.keys(source).sort());
  });
});
