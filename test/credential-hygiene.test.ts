/**
 * Credential hygiene (issue 14): API keys that expire, show their last use and rotate with an overlap;
 * an admin token rotated without downtime; role passwords sent to PostgreSQL only as SCRAM verifiers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { appPassword } from '../src/storage/backends/postgres.js';
import { appLoginSql } from '../src/storage/ddl.js';
import { routerOf } from '../src/storage/internals.js';
import { scramVerifier } from '../src/storage/scram.js';
import { Services } from '../src/services.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, serverUrl, tenantId, uniq, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-hygiene-new';
const PREVIOUS = 'admin-token-hygiene-old';

describe(`credential hygiene (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let services: Services;
  const A = tenantId('hyg-a');
  const B = tenantId('hyg-b');
  let adminKey: string;
  let otherAdminKey: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    services = Services.over(t);
    app = await buildApp({ services, adminToken: ADMIN, adminTokenPrevious: PREVIOUS, cursorSecret: 'c' });
    await t.tenants.create({ id: A });
    await t.tenants.create({ id: B });
    adminKey = (await issueKeys(app, ADMIN, A, ['admin'])).admin;
    otherAdminKey = (await issueKeys(app, ADMIN, B, ['admin'])).admin;
  });

  afterAll(async () => {
    await app?.close();
    await services?.close();
    await env?.cleanup();
  });

  const asKey = (key: string, method: string, url: string, payload?: unknown) => send(app, method, url, payload, bearer(key));

  it('expires a key at expiresAt (401 from then on) and refuses an expiry in the past', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const created = await asKey(adminKey, 'POST', '/v1/api-keys', { name: 'short-lived', role: 'viewer', expiresAt: soon });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ expiresAt: soon, lastUsedAt: null, replacedBy: null });
    expect((await asKey(created.json().key, 'GET', '/v1/tenant')).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = await asKey(created.json().key, 'GET', '/v1/tenant');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('unauthorized');
    // Not listed any more.
    const listed = await asKey(adminKey, 'GET', '/v1/api-keys');
    expect(listed.json().items.map((k: { id: string }) => k.id)).not.toContain(created.json().id);
    const past = await asKey(adminKey, 'POST', '/v1/api-keys', { name: 'x', role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.json()).toMatchObject({ status: 400, detail: 'expiresAt must be in the future' });
    // The control plane's route takes it too.
    const later = new Date(Date.now() + 60_000).toISOString();
    const control = await send(app, 'POST', `/v1/tenants/${A}/api-keys`, { name: 'c', role: 'viewer', expiresAt: later }, bearer(ADMIN));
    expect(control.json()).toMatchObject({ expiresAt: later });
  });

  it('lists keys with their last use, written at most once a minute', async () => {
    const created = (await asKey(adminKey, 'POST', '/v1/api-keys', { name: 'used', role: 'viewer' })).json();
    for (let i = 0; i < 5; i++) expect((await asKey(created.key, 'GET', '/v1/tenant')).statusCode).toBe(200);
    // Written in the background: wait for it.
    let seen: { lastUsedAt: string | null } | undefined;
    for (let i = 0; i < 40 && !seen?.lastUsedAt; i++) {
      seen = (await asKey(adminKey, 'GET', '/v1/api-keys')).json().items.find((k: { id: string }) => k.id === created.id);
      if (!seen?.lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const first = seen!.lastUsedAt!;
    expect(Date.now() - new Date(first).getTime()).toBeLessThan(60_000);
    // Used again at once: not written again within the minute.
    for (let i = 0; i < 5; i++) await asKey(created.key, 'GET', '/v1/tenant');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = (await asKey(adminKey, 'GET', '/v1/api-keys')).json().items.find((k: { id: string }) => k.id === created.id);
    expect(again.lastUsedAt).toBe(first);
  });

  it('rotates a key: the replacement works at once, the old one until the overlap ends', async () => {
    const old = (await asKey(adminKey, 'POST', '/v1/api-keys', { name: 'rotating', role: 'member' })).json();
    const rotated = await asKey(adminKey, 'POST', `/v1/api-keys/${old.id}/rotate`, { overlapSeconds: 1 });
    expect(rotated.statusCode, rotated.body).toBe(201);
    expect(rotated.headers.location).toBe(`/v1/api-keys/${rotated.json().id}`);
    const next = rotated.json();
    expect(next).toMatchObject({ name: 'rotating', role: 'member', replacedBy: null });
    expect(next.key).toMatch(/^tnty_/);
    expect((await asKey(next.key, 'GET', '/v1/tenant')).statusCode).toBe(200);
    expect((await asKey(old.key, 'GET', '/v1/tenant')).statusCode).toBe(200); // the overlap
    const listed = (await asKey(adminKey, 'GET', '/v1/api-keys')).json().items.find((k: { id: string }) => k.id === old.id);
    expect(listed).toMatchObject({ replacedBy: next.id });
    expect(new Date(listed.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // Rotated twice: refused (one replacement per key).
    expect((await asKey(adminKey, 'POST', `/v1/api-keys/${old.id}/rotate`, {})).json()).toMatchObject({ status: 404 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await asKey(old.key, 'GET', '/v1/tenant')).statusCode).toBe(401);
    expect((await asKey(next.key, 'GET', '/v1/tenant')).statusCode).toBe(200);
    // Without a body: the default overlap (an hour).
    const other = (await asKey(adminKey, 'POST', '/v1/api-keys', { name: 'default', role: 'viewer' })).json();
    const byDefault = await asKey(adminKey, 'POST', `/v1/api-keys/${other.id}/rotate`);
    expect(byDefault.statusCode, byDefault.body).toBe(201);
    expect((await asKey(other.key, 'GET', '/v1/tenant')).statusCode).toBe(200);
    expect((await asKey(adminKey, 'POST', `/v1/api-keys/${other.id}/rotate`, { overlapSeconds: -1 })).statusCode).toBe(400);
  });

  it("cannot rotate another tenant's key, nor see it", async () => {
    const mine = (await asKey(adminKey, 'POST', '/v1/api-keys', { name: 'mine', role: 'viewer' })).json();
    expect((await asKey(otherAdminKey, 'POST', `/v1/api-keys/${mine.id}/rotate`, {})).json()).toMatchObject({ status: 404 });
    expect((await asKey(otherAdminKey, 'GET', '/v1/api-keys')).json().items.map((k: { id: string }) => k.id)).not.toContain(mine.id);
    expect((await asKey(mine.key, 'GET', '/v1/tenant')).statusCode).toBe(200);
  });

  it('accepts the previous admin token alongside the new one during a rotation', async () => {
    for (const token of [ADMIN, PREVIOUS]) expect((await send(app, 'GET', `/v1/tenants/${A}`, undefined, bearer(token))).statusCode).toBe(200);
    expect((await send(app, 'GET', `/v1/tenants/${A}`, undefined, bearer('admin-token-hygiene-bad'))).statusCode).toBe(401);
    // Without a previous token, only the one.
    const single = await buildApp({ services, adminToken: ADMIN, cursorSecret: 'c' });
    try {
      expect((await send(single, 'GET', `/v1/tenants/${A}`, undefined, bearer(PREVIOUS))).statusCode).toBe(401);
    } finally {
      await single.close();
    }
  });

  it('sends role passwords only as SCRAM-SHA-256 verifiers, which PostgreSQL logs in with', async () => {
    const password = 'pencil-' + uniq();
    const verifier = scramVerifier(password);
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(appLoginSql('r', verifier)).not.toContain(password);
    expect(() => appLoginSql('r', password)).toThrow(/SCRAM verifier/);
    if (backend !== 'postgres') return; // an embedded cluster has no logins
    const statement = routerOf(t).controlCluster.appLoginSql('some_role')!;
    expect(statement).toMatch(/PASSWORD 'SCRAM-SHA-256\$/);
    expect(statement).not.toContain(appPassword(env.config.clusters[0]!.url!));
    // A role given the verifier logs in with the password, and not with another.
    const role = `tenantry_scram_${uniq()}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${verifier}'`);
      const stored = await admin.query<{ rolpassword: string }>('select rolpassword from pg_authid where rolname = $1', [role]);
      expect(stored.rows[0]!.rolpassword).toBe(verifier);
      const login = (pw: string) => {
        const u = new URL(serverUrl());
        u.username = role;
        u.password = pw;
        const client = new pg.Client({ connectionString: u.toString() });
        return client.connect().then(
          async () => {
            try {
              return (await client.query<{ who: string }>('select current_user as who')).rows[0]!.who;
            } finally {
              await client.end();
            }
          },
          async (error: Error) => {
            await client.end().catch(() => {});
            throw error;
          },
        );
      };
      expect(await login(password)).toBe(role);
      await expect(login('wrong')).rejects.toThrow(/password authentication failed/);
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
      await admin.end();
    }
    // The deployment's own application role holds a verifier, and the pools log in with it.
    expect(await appRolePassword(t)).toMatch(/^SCRAM-SHA-256\$/);
  });
});

/** The application role's stored password (a verifier), read as the server's superuser. */
async function appRolePassword(t: Tenantry): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ rolpassword: string }>('select rolpassword from pg_authid where rolname = $1', [routerOf(t).names.appRole]);
    return rows[0]!.rolpassword;
  } finally {
    await admin.end();
  }
}
