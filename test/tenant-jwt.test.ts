import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { JwtVerifier } from '../src/auth/jwt.js';
import { ValidationError } from '../src/errors.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const ISS = 'https://auth.example.test';
const AUD = 'tenantry';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe(`tenant JWTs (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let hsApp: TenantryApp;
  let rsApp: TenantryApp;
  let rsPrivate: PrivateKey;
  let rsPublicPem: string;
  const A = tenantId('jwt-a');
  const B = tenantId('jwt-b');
  const now = () => Math.floor(Date.now() / 1000);

  async function sign(claims: JWTPayload, options: { key?: Uint8Array | PrivateKey; alg?: string; iss?: string; aud?: string } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? 'HS256' })
      .setIssuer(options.iss ?? ISS)
      .setAudience(options.aud ?? AUD)
      .sign(options.key ?? new TextEncoder().encode(SECRET));
  }

  const get = (app: TenantryApp, token: string, url = '/v1/tenant') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    await t.tenants.create({ id: A });
    await t.tenants.create({ id: B, isolation: 'schema' });
    const pair = await generateKeyPair('RS256');
    rsPrivate = pair.privateKey;
    rsPublicPem = await exportSPKI(pair.publicKey);
    const common = { tenantry: t, adminToken: 'admin-token-jwt-tests', cursorSecret: 'c' };
    hsApp = await buildApp({ ...common, jwt: JwtVerifier.fromSettings({ secret: SECRET, issuer: ISS, audience: AUD }) });
    rsApp = await buildApp({ ...common, jwt: JwtVerifier.fromSettings({ publicKey: rsPublicPem, issuer: ISS, audience: AUD }) });
  });

  afterAll(async () => {
    await hsApp?.close();
    await rsApp?.close();
    await env?.cleanup();
  });

  it('accepts a valid token: its tenant claim decides the tenant and its role applies', async () => {
    const token = await sign({ tenant: A, sub: 'user-1', role: 'viewer', exp: now() + 60 });
    const res = await get(hsApp, token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: A });
    expect((await get(hsApp, token, `/t/${B}/v1/tenant`)).json()).toMatchObject({ code: 'tenant_mismatch' });
    const write = await hsApp.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'x', role: 'viewer' },
    });
    expect(write.json()).toMatchObject({ status: 403, code: 'forbidden' });
    const rs = await sign({ tenant: B, sub: 'user-2', role: 'admin', exp: now() + 60 }, { key: rsPrivate, alg: 'RS256' });
    expect((await get(rsApp, rs)).json()).toMatchObject({ id: B });
  });

  it('refuses alg none, edited claims, wrong keys, expired, not-yet-valid, wrong iss/aud, unknown tenants and bad roles', async () => {
    const valid = await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() + 60 });
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
    const cases: Record<string, string> = {
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      editedTenant: `${header}.${b64({ ...claims, tenant: B })}.${signature}`,
      editedRole: `${header}.${b64({ ...claims, role: 'admin', tenant: A, sub: 'other' })}.${signature}`,
      wrongSecret: await sign(
        { tenant: A, sub: 'u', role: 'admin', exp: now() + 60 },
        { key: new TextEncoder().encode('another-secret-that-is-long-enough!!') },
      ),
      expired: await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() - 60 }),
      noExp: await sign({ tenant: A, sub: 'u', role: 'admin' }),
      notYet: await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() + 600, nbf: now() + 300 }),
      wrongIssuer: await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() + 60 }, { iss: 'https://evil.example' }),
      wrongAudience: await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() + 60 }, { aud: 'someone-else' }),
      unknownTenant: await sign({ tenant: 'no-such-tenant', sub: 'u', role: 'admin', exp: now() + 60 }),
      badRole: await sign({ tenant: A, sub: 'u', role: 'owner', exp: now() + 60 }),
      noTenant: await sign({ sub: 'u', role: 'admin', exp: now() + 60 }),
      // Algorithm confusion: HS256 signed with the RSA public key as the shared secret.
      hsWithPublicKey: await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() + 60 }, { key: new TextEncoder().encode(rsPublicPem) }),
    };
    for (const [name, token] of Object.entries(cases)) {
      for (const app of name === 'hsWithPublicKey' ? [rsApp] : [hsApp]) {
        const res = await get(app, token);
        expect(res.statusCode, name).toBe(401);
        expect(res.json()).toMatchObject({ code: 'unauthorized' });
      }
    }
    // An RS256 token is refused where HS256 is configured, and the other way round.
    expect((await get(hsApp, await sign({ tenant: A, sub: 'u', role: 'admin', exp: now() + 60 }, { key: rsPrivate, alg: 'RS256' }))).statusCode).toBe(401);
    expect((await get(rsApp, valid)).statusCode).toBe(401);
  });

  it('refuses JWT settings that would weaken verification', () => {
    expect(JwtVerifier.fromSettings({})).toBeUndefined();
    expect(() => JwtVerifier.fromSettings({ secret: SECRET })).toThrow(ValidationError);
    expect(() => JwtVerifier.fromSettings({ secret: 'short', issuer: ISS, audience: AUD })).toThrow(/at least 32 bytes/);
    expect(() => JwtVerifier.fromSettings({ secret: SECRET, publicKey: rsPublicPem, issuer: ISS, audience: AUD })).toThrow(/not several/);
    expect(() => JwtVerifier.fromSettings({ jwksUrl: rsPublicPem, issuer: ISS, audience: AUD })).toThrow(/TENANTRY_JWT_JWKS_URL is not a URL/);
    expect(() => JwtVerifier.fromSettings({ jwksUrl: 'file:///etc/passwd', issuer: ISS, audience: AUD })).toThrow(/http\(s\)/);
    expect(() => JwtVerifier.fromSettings({ publicKey: 'not a key', issuer: ISS, audience: AUD })).toThrow(/PEM/);
  });

  describe('from a JWKS URL (TENANTRY_JWT_JWKS_URL)', () => {
    let server: Server;
    let jwksApp: TenantryApp;
    /** What the identity provider publishes; `status` other than 200 plays an outage. */
    const published: { keys: JWK[]; status: number; fetches: number } = { keys: [], status: 200, fetches: 0 };
    const pairs: Record<string, PrivateKey> = {};

    async function addKey(kid: string, alg: 'RS256' | 'ES256'): Promise<void> {
      const pair = await generateKeyPair(alg);
      pairs[kid] = pair.privateKey;
      published.keys.push({ ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' });
    }
    const signWith = (kid: string, alg: string, claims: JWTPayload) =>
      new SignJWT(claims).setProtectedHeader({ alg, kid }).setIssuer(ISS).setAudience(AUD).sign(pairs[kid]!);

    beforeAll(async () => {
      await addKey('k1', 'RS256');
      server = createServer((_req, res) => {
        published.fetches++;
        res.writeHead(published.status, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published.keys }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      // No cooldown, so a rotated key is fetched at once (the default waits 30 s between refetches).
      const jwt = JwtVerifier.fromSettings({ jwksUrl, issuer: ISS, audience: AUD }, { cooldownDuration: 0, cacheMaxAge: 60_000 });
      jwksApp = await buildApp({ tenantry: t, adminToken: 'admin-token-jwt-tests', cursorSecret: 'c', jwt });
    });
    afterAll(async () => {
      await jwksApp?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('accepts tokens signed by a published key, caches the set and follows a rotation', async () => {
      const token = await signWith('k1', 'RS256', { tenant: A, sub: 'u1', role: 'viewer', exp: now() + 60 });
      expect((await get(jwksApp, token)).json()).toMatchObject({ id: A });
      expect((await get(jwksApp, token)).statusCode).toBe(200);
      expect(published.fetches).toBe(1);
      // The provider rotates to an EC key: a token naming it makes the set be fetched again.
      await addKey('k2', 'ES256');
      const rotated = await signWith('k2', 'ES256', { tenant: B, sub: 'u2', role: 'admin', exp: now() + 60 });
      expect((await get(jwksApp, rotated)).json()).toMatchObject({ id: B });
      expect(published.fetches).toBe(2);
      // The credential still decides the tenant.
      expect((await get(jwksApp, rotated, `/t/${A}/v1/tenant`)).json()).toMatchObject({ code: 'tenant_mismatch' });
    });

    it('refuses unknown kids, symmetric algorithms and edited tokens; an unreachable key set is a 503, not a 401', async () => {
      await addKey('k3', 'RS256');
      const good = await signWith('k3', 'RS256', { tenant: A, sub: 'u', role: 'admin', exp: now() + 60 });
      published.keys = published.keys.filter((k) => k.kid !== 'k3');
      expect((await get(jwksApp, good)).statusCode).toBe(401);
      const hs = await new SignJWT({ tenant: A, sub: 'u', role: 'admin', exp: now() + 60 })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setIssuer(ISS)
        .setAudience(AUD)
        .sign(new TextEncoder().encode(SECRET));
      expect((await get(jwksApp, hs)).statusCode).toBe(401);
      const valid = await signWith('k1', 'RS256', { tenant: A, sub: 'u', role: 'viewer', exp: now() + 60 });
      const [header, , signature] = valid.split('.') as [string, string, string];
      const edited = `${header}.${b64({ tenant: B, sub: 'u', role: 'admin', exp: now() + 60, iss: ISS, aud: AUD })}.${signature}`;
      expect((await get(jwksApp, edited)).statusCode).toBe(401);
      // The provider is down and a token names a key not yet fetched: the credential cannot be judged.
      published.status = 503;
      await addKey('k4', 'RS256');
      const unjudged = await signWith('k4', 'RS256', { tenant: A, sub: 'u', role: 'viewer', exp: now() + 60 });
      const res = await get(jwksApp, unjudged);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'busy', detail: expect.stringMatching(/TENANTRY_JWT_JWKS_URL/) });
      // Keys already fetched keep working through the outage.
      expect((await get(jwksApp, valid)).statusCode).toBe(200);
      published.status = 200;
      expect((await get(jwksApp, unjudged)).statusCode).toBe(200);
    });
  });
});
