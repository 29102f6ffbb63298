import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { ApiKeys } from '../src/auth/api-keys.js';
import { JwtVerifier } from '../src/auth/jwt.js';
import * as source from '../src/express.js';
import { problemHandler, requireRole, tenantryMiddleware } from '../src/express.js';
import type { Tenantry } from '../src/tenantry.js';
import { NOTES_MIGRATIONS, type NotesDB } from '../examples/notes/app.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

declare module '../src/express.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppTables extends NotesDB {}
}

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const jwtSettings = { secret: SECRET, issuer: 'https://auth.example.test', audience: 'notes' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** One request over the socket (node:http, which, unlike fetch, lets a test send its own Host header). */
function call(server: Server, method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: Json }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * tenantry/express on a real Express over a real socket: the same credential cases as Tenantry's own
 * API (compared answer for answer with it), `req.withTenant` reaching only the request's tenant, and
 * the role guard. Pooled tenants: resolution does not depend on the strategy.
 */
describe(`tenantry/express resolves tenants as Tenantry's API does (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry<NotesDB>;
  let server: Server;
  let api: TenantryApp;
  const tenants = {} as Record<'a' | 'b', { id: string; admin: string; viewer: string; note: string }>;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    env = await createTestEnv();
    t = (await env.open({ appMigrations: NOTES_MIGRATIONS })) as unknown as Tenantry<NotesDB>;
    const keys = new ApiKeys(t.catalog);
    for (const label of ['a', 'b'] as const) {
      const tenant = await t.tenants.create({ id: tenantId(`express${label}`), isolation: 'pooled' });
      const note = await t.withTenant(tenant.id, async ({ db }) => {
        const nb = await db.insertInto('notebooks').values({ name: label }).returning('id').executeTakeFirstOrThrow();
        return (
          await db
            .insertInto('notes')
            .values({ notebook_id: nb.id, title: `${label}'s` })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      });
      tenants[label] = {
        id: tenant.id,
        admin: (await keys.create(tenant, 'admin', 'admin')).key,
        viewer: (await keys.create(tenant, 'viewer', 'viewer')).key,
        note,
      };
    }

    const app = express();
    app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
    const routes = express.Router({ mergeParams: true });
    routes.use(tenantryMiddleware({ tenantry: t, baseDomain: 'notes.test', jwt: jwtSettings, minRole: 'viewer' }));
    // Raw SQL, unfiltered: the scope keeps it to the request's tenant.
    routes.get('/notes', async (req, res) => {
      const notes = await req.withTenant(({ db }) => db.selectFrom('notes').select(['id', 'title', 'tenant_id']).execute());
      res.json({ tenant: req.tenant.id, role: req.tenantRole, notes });
    });
    routes.delete('/notes/:id', requireRole('admin'), async (req, res) => {
      const deleted = await req.withTenant(({ db }) => db.deleteFrom('notes').where('id', '=', String(req.params?.id)).executeTakeFirst());
      res.status(deleted.numDeletedRows > 0n ? 204 : 404).end();
    });
    app.use(routes);
    app.use('/t/:tenant', routes);
    app.use(problemHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    api = await buildApp({
      tenantry: t as unknown as Tenantry,
      adminToken: 'admin-token-for-express',
      cursorSecret: 'cursor-secret',
      baseDomain: 'notes.test',
      jwt: JwtVerifier.fromSettings(jwtSettings),
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await api?.close();
    await env?.cleanup();
  });

  /** Ask the Express app and Tenantry's API the same; both must answer alike. */
  const ask = async (headers: Record<string, string>, prefix = '') => {
    const [ours, theirs] = await Promise.all([
      call(server, 'GET', `${prefix}/notes`, headers),
      api.inject({ method: 'GET', url: `${prefix}/v1/tenant`, headers }),
    ]);
    const theirBody = theirs.json();
    expect({ status: ours.status, code: ours.body.code }).toEqual({ status: theirs.statusCode, code: theirBody.code });
    if (ours.status >= 400) expect(ours.type).toMatch(/^application\/problem\+json/);
    return { status: ours.status, code: ours.body.code as string | undefined, body: ours.body };
  };

  it("a key, or a JWT, reaches its own tenant's rows only; a path, header or subdomain naming another tenant is 403", async () => {
    const { a, b } = tenants;
    const own = await ask(bearer(a.viewer));
    expect(own.body).toEqual({ tenant: a.id, role: 'viewer', notes: [{ id: a.note, title: "a's", tenant_id: a.id }] });
    expect((await ask(bearer(a.viewer), `/t/${a.id}`)).status).toBe(200);
    const jwt = await new SignJWT({ tenant: b.id, sub: 'user-1', role: 'member' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(jwtSettings.issuer)
      .setAudience(jwtSettings.audience)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(SECRET));
    expect((await ask(bearer(jwt))).body).toMatchObject({ tenant: b.id, role: 'member', notes: [{ id: b.note }] });

    expect(await ask(bearer(a.admin), `/t/${b.id}`)).toMatchObject({ status: 403, code: 'tenant_mismatch' });
    expect(await ask({ ...bearer(a.admin), 'x-tenant-id': b.id })).toMatchObject({ status: 403, code: 'tenant_mismatch' });
    expect(await ask({ ...bearer(a.admin), host: `${b.id}.notes.test` })).toMatchObject({ status: 403, code: 'tenant_mismatch' });
    expect(await ask({ ...bearer(jwt), host: `${a.id}.notes.test` })).toMatchObject({ status: 403, code: 'tenant_mismatch' });
    const none = await ask({});
    expect(none).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await ask(bearer('tnty_0000000000000000_nope'))).toMatchObject({ status: 401, code: 'unauthorized' });
    // The problem's instance never carries the tenant a path named.
    expect((await call(server, 'GET', `/t/${b.id}/notes`, bearer(a.admin))).body.instance).toBe('/t/{tenant}/notes');
    expect((await call(server, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
  });

  it("the role guard: a viewer cannot delete; an admin cannot delete another tenant's note", async () => {
    const { a, b } = tenants;
    const refused = await call(server, 'DELETE', `/notes/${a.note}`, bearer(a.viewer));
    expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect((await call(server, 'DELETE', `/notes/${b.note}`, bearer(a.admin))).status).toBe(404);
    expect(await t.withTenant(b.id, ({ db }) => db.selectFrom('notes').select('id').execute())).toEqual([{ id: b.note }]);
  });

  it('a suspended tenant is 403 and a deleted one 401, as in the API', async () => {
    const { a, b } = tenants;
    await t.tenants.suspend(b.id);
    expect(await ask(bearer(b.admin))).toMatchObject({ status: 403, code: 'tenant_suspended' });
    await t.tenants.delete(b.id);
    expect(await ask(bearer(b.admin))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await ask(bearer(a.viewer))).status).toBe(200);
  });

  it('the middleware is importable as tenantry/express (package exports)', async () => {
    const shipped = await import('tenantry/express');
    expect(Object.keys(shipped).sort(), 'dist/ is older than src/express.ts: run npm run build').toEqual(Object.keys(source).sort());
  });
});
