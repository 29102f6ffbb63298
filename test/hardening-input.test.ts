import { inspect } from 'node:util';
import fc from 'fast-check';
import { SignJWT, type JWTPayload } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { checkJsonNumbers, numberSurvives, parseJsonParameter } from '../src/api/plugins/json-limits.js';
import { JwtVerifier } from '../src/auth/jwt.js';
import { quoteIdent } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, uniq, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { matches, type ApiRecord } from './support/query-model.js';
import { routerOf } from '../src/storage/internals.js';

const ADMIN = 'admin-token-for-hardening-tests';
const admin = bearer(ADMIN);
const SECRET = 'a-jwt-secret-of-at-least-32-bytes-for-hardening';
const ISS = 'https://idp.example.test';
const AUD = 'tenantry';

describe(`bad input is a 4xx, never a 5xx or a silent change (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const logLines: string[] = [];
  const A = tenantId('hard-a');
  const B = tenantId('hard-b');
  const S = tenantId('hard-s');
  let keyA: string;
  let things: ApiRecord[] = [];

  /** A request with these headers (tenant A's admin key unless others are given). */
  const call = (method: string, url: string, payload?: unknown, headers: Record<string, string> = bearer(keyA)) => send(app, method, url, payload, headers);
  /** `body` sent as it is, labelled JSON. */
  const rawJson = (method: string, url: string, body: string, key = keyA) =>
    send(app, method, url, body, { ...bearer(key), 'content-type': 'application/json' });

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({
      tenantry: t,
      adminToken: ADMIN,
      cursorSecret: 'hardening-cursor-secret',
      baseDomain: 'Saas.Example.', // normalised like a Host header
      jwt: JwtVerifier.fromSettings({ secret: SECRET, issuer: ISS, audience: AUD }),
      logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
    });
    await t.tenants.create({ id: A });
    await t.tenants.create({ id: B });
    await t.tenants.create({ id: S, isolation: 'schema' });
    keyA = (await issueKeys(app, ADMIN, A, ['admin'])).admin;
    expect((await call('POST', '/v1/collections', { name: 'things' })).statusCode).toBe(201);
    const data = [{ a: 1 }, { a: 2, b: 'x' }, { b: 'y' }, {}, { a: null }, { a: [1, 2] }];
    const created = await call('POST', '/v1/collections/things/records/bulk', { records: data.map((d) => ({ data: d })) });
    expect(created.statusCode).toBe(201);
    things = created.json().items;
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const query = async (filter: unknown): Promise<string[]> => {
    const res = await call('GET', `/v1/collections/things/records?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body} for ${JSON.stringify(filter)}`);
    return (res.json().items as ApiRecord[]).map((r) => r.id).sort();
  };
  const allRecords = async () => (await call('GET', '/v1/collections/things/records?limit=500')).json().items as ApiRecord[];
  const expected = (filter: Record<string, unknown>) =>
    things
      .filter((r) => matches(r, filter))
      .map((r) => r.id)
      .sort();

  // ---- 3. empty filters ------------------------------------------------------------------------

  it('empty filters: {} matches every record, {"$not": {}} none, and they compose', async () => {
    const all = things.map((r) => r.id).sort();
    expect(await query({})).toEqual(all);
    expect(await query({ $not: {} })).toEqual([]);
    expect(await query({ $and: [{}] })).toEqual(all);
    expect(await query({ $or: [{}] })).toEqual(all);
    expect(await query({ $or: [{ $not: {} }] })).toEqual([]);
    expect(await query({ $not: { $and: [{}, {}] } })).toEqual([]);
    expect(await query({ $not: { $not: {} } })).toEqual(all);
    expect(await query({ a: 1, $not: {} })).toEqual([]);
    expect(await query({ $or: [{ $not: {} }, { a: 2 }] })).toEqual(expected({ a: 2 }));
    // A field compared with the empty object is equality, as before (no record holds {} here).
    expect(await query({ a: {} })).toEqual([]);
  });

  it('empty filters agree with the in-memory model wherever they appear', async () => {
    const leaf = fc.oneof(
      fc.constantFrom(1, 2, 'x', null).map((v) => ({ a: v })),
      fc.constantFrom('x', 'y').map((v) => ({ b: { $ne: v } })),
      fc.boolean().map((v) => ({ a: { $exists: v } })),
      fc.constant({}),
    );
    const { filter } = fc.letrec<{ filter: Record<string, unknown> }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small' },
        { weight: 3, arbitrary: leaf },
        fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((fs) => ({ $and: fs })),
        fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((fs) => ({ $or: fs })),
        tie('filter').map((f) => ({ $not: f })),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        expect(await query(f)).toEqual(expected(f));
      }),
      { numRuns: 60 },
    );
  });

  // ---- 4. text PostgreSQL cannot store, in the URL ----------------------------------------------

  it('refuses U+0000 in every path parameter and query-string value with a 400', async () => {
    const bad = 'a%00b';
    const tenantCases: Array<[string, string, unknown?]> = [
      ['GET', `/v1/collections/${bad}`],
      ['PATCH', `/v1/collections/${bad}`, { indexes: [] }],
      ['DELETE', `/v1/collections/${bad}`],
      ['POST', `/v1/collections/${bad}/records`, { data: {} }],
      ['GET', `/v1/collections/${bad}/records`],
      ['POST', `/v1/collections/${bad}/records/bulk`, { records: [{ data: {} }] }],
      ['GET', `/v1/collections/things/records/${bad}`],
      ['PUT', `/v1/collections/things/records/${bad}`, { data: {} }],
      ['PATCH', `/v1/collections/things/records/${bad}`, { data: {} }],
      ['DELETE', `/v1/collections/things/records/${bad}`],
      ['GET', `/v1/workflows/${bad}`],
      ['PUT', `/v1/workflows/${bad}`, { steps: [{ id: 's', kind: 'delay', with: { ms: 1 } }] }],
      ['DELETE', `/v1/workflows/${bad}`],
      ['POST', `/v1/workflows/${bad}/runs`, {}],
      ['GET', `/v1/workflows/${bad}/runs`],
      ['GET', `/v1/runs/${bad}`],
      ['POST', `/v1/runs/${bad}/cancel`],
      ['GET', `/v1/models/${bad}`],
      ['POST', `/v1/models/${bad}/train`],
      ['POST', `/v1/models/${bad}/predict`, { inputs: [{}] }],
      ['POST', `/v1/models/${bad}/recommend`, { user: 'u' }],
      ['DELETE', `/v1/api-keys/${bad}`],
      ['GET', `/t/${bad}/v1/tenant`],
      ['GET', '/v1/collections/things/records?filter=%7B%22a%22%3A%22x%00%22%7D'],
      ['GET', '/v1/collections/things/records?sort=a%00'],
      ['GET', '/v1/collections/things/records?cursor=%00'],
      ['GET', '/v1/workflows?cursor=x%00'],
      ['GET', '/v1/api-keys?cursor=x%00'],
    ];
    const controlCases: Array<[string, string, unknown?]> = [
      ['GET', `/v1/tenants/${bad}`],
      ['PATCH', `/v1/tenants/${bad}`, { name: 'n' }],
      ['POST', `/v1/tenants/${bad}/api-keys`, { name: 'n', role: 'viewer' }],
      ['POST', `/v1/tenants/${bad}/suspend`],
      ['GET', '/v1/tenants?cursor=%00'],
    ];
    for (const [cases, headers] of [
      [tenantCases, bearer(keyA)],
      [controlCases, admin],
    ] as const) {
      for (const [method, url, payload] of cases) {
        const res = await call(method, url, payload, headers);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ code: 'validation_failed' });
        expect(res.json().detail, url).toMatch(/U\+0000/);
      }
    }
    // Bytes that are not UTF-8 (a surrogate's encoding) are a 4xx too.
    for (const url of ['/v1/collections/%ED%A0%80', '/v1/tenants/%ED%A0%80', '/v1/collections/things/records?sort=%ED%A0%80']) {
      const res = await call('GET', url, undefined, url.startsWith('/v1/tenants') ? admin : bearer(keyA));
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('path ids follow their patterns: a tenant id or key id of the wrong shape is a 400', async () => {
    for (const id of ['UPPER', 'ab', 'a'.repeat(41), 'a_b', '-ab']) {
      const res = await call('GET', `/v1/tenants/${id}`, undefined, admin);
      expect(res.statusCode, id).toBe(400);
    }
    expect((await call('GET', '/v1/tenants/no-such-tenant', undefined, admin)).statusCode).toBe(404);
    expect((await call('DELETE', '/v1/api-keys/not-a-key-id')).statusCode).toBe(400);
    expect((await call('DELETE', '/v1/api-keys/0123456789abcdef')).statusCode).toBe(404);
  });

  // ---- 5. JWT claims ----------------------------------------------------------------------------

  const sign = (claims: JWTPayload) =>
    new SignJWT({ sub: 'user-1', role: 'viewer', exp: Math.floor(Date.now() / 1000) + 600, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .sign(new TextEncoder().encode(SECRET));
  const tenantOf = async (token: string) => call('GET', '/v1/tenant', undefined, bearer(token));

  it('a JWT whose tenant claim is not a tenant id is no credential (401, not a 500)', async () => {
    for (const tenant of [`${A}\u0000`, 'a\u0000b', 'x'.repeat(41), 'Upper-Case', '../etc', '\ud800abc']) {
      const res = await tenantOf(await sign({ tenant }));
      expect(res.statusCode, JSON.stringify(tenant)).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthorized' });
    }
    expect((await tenantOf(await sign({ tenant: A }))).json()).toMatchObject({ id: A });
  });

  it('a JWT issued before its tenant was created is refused; one without iat is accepted (API.md does not require iat)', async () => {
    const C = tenantId('hard-c');
    const created = await t.tenants.create({ id: C });
    const createdSecond = Math.floor(created.createdAt.getTime() / 1000);
    expect((await tenantOf(await sign({ tenant: C, iat: createdSecond - 5 }))).statusCode).toBe(401);
    expect((await tenantOf(await sign({ tenant: C, iat: createdSecond }))).json()).toMatchObject({ id: C });
    expect((await tenantOf(await sign({ tenant: C }))).json()).toMatchObject({ id: C });

    // Deleted and created again under the same id: tokens minted for the old tenant stop working.
    const old = await sign({ tenant: C, iat: Math.floor(Date.now() / 1000) });
    expect((await tenantOf(old)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // iat has whole seconds
    await t.tenants.delete(C);
    await t.tenants.create({ id: C });
    const res = await tenantOf(old);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthorized' });
    expect((await tenantOf(await sign({ tenant: C, iat: Math.floor(Date.now() / 1000) }))).json()).toMatchObject({ id: C });
  });

  // ---- 6. numbers that do not survive a JSON round trip -------------------------------------------

  it('refuses body numbers that would be stored as something else, naming the number', async () => {
    const writes: Array<[string, string, (n: string) => string]> = [
      ['POST', '/v1/collections/things/records', (n) => `{"data":{"x":${n}}}`],
      ['POST', '/v1/collections/things/records/bulk', (n) => `{"records":[{"data":{"ok":1}},{"data":{"deep":[{"x":${n}}]}}]}`],
      ['PUT', `/v1/collections/things/records/${things[0]!.id}`, (n) => `{"data":{"x":${n}}}`],
      ['PATCH', `/v1/collections/things/records/${things[0]!.id}`, (n) => `{"data":{"x":${n}}}`],
    ];
    const before = await allRecords();
    for (const n of ['1e400', '-1e400', '1e-400', '12345678901234567890', '9007199254740993', '2.5e-324', '0.1000000000000000055511151231257827']) {
      for (const [method, url, body] of writes) {
        const res = await rawJson(method, url, body(n));
        expect(res.statusCode, `${method} ${url} ${n}: ${res.body}`).toBe(400);
        expect(res.json().detail).toContain(`number ${n}`);
      }
    }
    expect(await allRecords()).toEqual(before);
    // The same with a charset parameter, and for the control plane.
    const charset = await app.inject({
      method: 'POST',
      url: '/v1/collections/things/records',
      headers: { ...bearer(keyA), 'content-type': 'application/json; charset=utf-8' },
      payload: '{"data":{"x":1e400}}',
    });
    expect(charset.statusCode).toBe(400);
    const control = await app.inject({
      method: 'PATCH',
      url: `/v1/tenants/${B}`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"limits":{"requestsPerMinute":1e400}}',
    });
    expect(control.statusCode).toBe(400);
    expect(control.json().detail).toContain('1e400');
  });

  it('stores numbers that survive exactly as sent, and digits inside strings are no numbers', async () => {
    const body =
      '{"data":{"a":0.1,"b":1.0,"c":-0,"d":9007199254740992,"e":1e21,"f":5e-324,"g":1.7976931348623157e308,"h":0.30000000000000004,' +
      '"i":123456789012345e-300,"j":1.50E+2,"k":"12345678901234567890 1e400 e-400","l":[1e-7,-2.5e-10]}}';
    const res = await rawJson('POST', '/v1/collections/things/records', body);
    expect(res.statusCode, res.body).toBe(201);
    const sent = JSON.parse(body).data as Record<string, unknown>;
    const read = (await call('GET', `/v1/collections/things/records/${res.json().id}`)).json().data;
    expect(read).toEqual({ ...sent, c: 0 });
    await call('DELETE', `/v1/collections/things/records/${res.json().id}`);
  });

  it("keeps Fastify's prototype-poisoning protection on JSON bodies", async () => {
    for (const body of ['{"data":{},"__proto__":{"x":1}}', '{"data":{"__proto__":{"admin":true}}}', '{"data":{"constructor":{"prototype":{"x":1}}}}']) {
      const res = await rawJson('POST', '/v1/collections/things/records', body);
      expect(res.statusCode, body).toBe(400);
    }
    expect((await rawJson('POST', '/v1/collections/things/records', '{"data":')).statusCode).toBe(400);
  });

  it('refuses a filter number out of range instead of comparing with null', async () => {
    for (const filter of ['{"a":1e400}', '{"a":{"$gt":-1e400}}', '{"a":{"$in":[1,1e400]}}', '{"a":{"$contains":1e999}}']) {
      const res = await call('GET', `/v1/collections/things/records?filter=${encodeURIComponent(filter)}`);
      expect(res.statusCode, filter).toBe(400);
      expect(res.json().detail).toMatch(/does not survive a JSON round trip/);
    }
  });

  it('parseJsonParameter (for ?filter=) refuses every number that does not survive, and nothing else', () => {
    for (const text of ['{"a":1e-400}', '{"a":12345678901234567890}', '{"a":{"$gt":1e400}}', '[0.1000000000000000055511151231257827]']) {
      expect(() => parseJsonParameter(text, 'filter'), text).toThrow(/filter holds the number/);
    }
    expect(() => parseJsonParameter('{"a":', 'filter')).toThrow(/filter is not valid JSON/);
    expect(() => parseJsonParameter('{"a":"x\\u0000"}', 'filter')).toThrow(/U\+0000/);
    expect(parseJsonParameter('{"a":"12345678901234567890","b\\"1e400":"e-400","c":[1.5e300,-0.0]}', 'filter')).toEqual({
      a: '12345678901234567890',
      'b"1e400': 'e-400',
      c: [1.5e300, -0],
    });
  });

  it('numberSurvives: every double printed by JavaScript survives; integers survive exactly when printing gives them back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(numberSurvives(JSON.stringify(d))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(() => checkJsonNumbers(JSON.stringify(v), 'body')).not.toThrow();
      }),
      { numRuns: 500 },
    );
    // An independent check for integers: BigInt arithmetic on the printed form.
    const printedAsBigInt = (n: number): bigint => {
      const [mantissa, exponent = '0'] = String(n).split('e');
      const [whole, fraction = ''] = mantissa!.split('.');
      const shift = Number(exponent) - fraction.length;
      return shift >= 0 ? BigInt(`${whole}${fraction}`) * 10n ** BigInt(shift) : BigInt(`${whole}${fraction}`) / 10n ** BigInt(-shift);
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{0,29}$/), (s) => {
        expect(numberSurvives(s)).toBe(BigInt(s) === printedAsBigInt(Number(s)));
      }),
      { numRuns: 2000 },
    );
    // The cheap pre-check never lets a bad number through: random tokens in arrays and objects, with
    // whitespace around them and digits in strings beside them, are refused exactly when one of them
    // does not survive.
    const token = fc
      .tuple(
        fc.boolean(),
        fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,24}$/)),
        fc.option(fc.stringMatching(/^[0-9]{1,20}$/)),
        fc.option(fc.integer({ min: -500, max: 500 })),
      )
      .map(([neg, whole, fraction, exp]) => `${neg ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}${exp === null ? '' : `e${exp}`}`);
    const space = fc.constantFrom('', ' ', '\n  ', '\t');
    const element = fc.tuple(token, space, space, fc.boolean(), fc.string({ unit: fc.constantFrom('1', '9', 'e', ':', ',', '[', '.', '"', '\\') }));
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 6 }), (elements) => {
        const text = `[${elements
          .map(([n, before, after, inObject, str]) =>
            inObject ? `{${JSON.stringify(str)}:${before}${n}${after}}` : `${JSON.stringify(str)},${before}${n}${after}`,
          )
          .join(',')}]`;
        JSON.parse(text);
        const survives = elements.every(([n]) => numberSurvives(n));
        if (survives) expect(() => checkJsonNumbers(text, 'body'), text).not.toThrow();
        else expect(() => checkJsonNumbers(text, 'body'), text).toThrow(/does not survive/);
      }),
      { numRuns: 3000 },
    );
    expect(() => checkJsonNumbers(' 1e400', 'body')).toThrow(/number 1e400/);
    expect(() => checkJsonNumbers('-12345678901234567890', 'body')).toThrow(/does not survive/);
    // The cheap pre-check skips numbers of at most 15 digits with an exponent of at most two digits:
    // every one of those must survive.
    const short = fc
      .tuple(fc.stringMatching(/^[0-9]{1,15}$/), fc.nat({ max: 15 }), fc.integer({ min: -99, max: 99 }), fc.boolean())
      .map(([digits, point, exp, neg]) => {
        const at = Math.min(point, digits.length - 1);
        const mantissa = at > 0 ? `${digits.slice(0, at)}.${digits.slice(at)}` : digits;
        return `${neg ? '-' : ''}${mantissa.replace(/^0+(?=\d)/, '')}e${exp}`;
      });
    fc.assert(
      fc.property(short, (token) => {
        expect(numberSurvives(token), token).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  // ---- 7. the Host header ------------------------------------------------------------------------

  it("normalises the Host header before matching it: B's subdomain spelled any way refuses A's key", async () => {
    for (const host of [`${B}.saas.example.`, `${B}.SAAS.example`, `${B.toUpperCase()}.saas.example.:8443`, `${B}.saas.example..`, ` ${B}.saas.example `]) {
      const res = await call('GET', '/v1/tenant', undefined, { ...bearer(keyA), host });
      expect(res.statusCode, host).toBe(403);
      expect(res.json()).toMatchObject({ code: 'tenant_mismatch' });
    }
    for (const host of [`${A}.saas.example.`, `${A.toUpperCase()}.Saas.Example:443`, 'saas.example', 'api.other.example', '[::1]:3000']) {
      expect((await call('GET', '/v1/tenant', undefined, { ...bearer(keyA), host })).statusCode, host).toBe(200);
    }
  });

  // ---- 7b. values the schemas let through that the database cannot take -------------------------------

  it('a JWT whose sub the database cannot store (U+0000, a lone surrogate, empty) is no credential: 401, and nothing is written', async () => {
    for (const sub of ['a\u0000b', 'a\ud800b', '']) {
      const token = await sign({ tenant: A, sub, role: 'admin' });
      const name = `jwtsub_${uniq()}`;
      const res = await call('POST', '/v1/collections', { name }, bearer(token));
      expect(res.statusCode, JSON.stringify(sub)).toBe(401);
      expect(res.json()).toMatchObject({ code: 'unauthorized' });
      expect((await call('GET', `/v1/collections/${name}`)).statusCode).toBe(404);
    }
    expect(
      (await call('POST', '/v1/collections', { name: `jwtsub_${uniq()}` }, bearer(await sign({ tenant: A, sub: 'user-é', role: 'admin' })))).statusCode,
    ).toBe(201);
  });

  it('audit from/to outside the years 0001-9999, or on a leap second, is a 400 naming the parameter on every trail', async () => {
    const trails: Array<[string, Record<string, string>]> = [
      ['/v1/audit', bearer(keyA)],
      [`/v1/tenants/${A}/audit`, admin],
      ['/v1/platform/audit', admin],
    ];
    for (const [path, headers] of trails) {
      for (const [name, value] of [
        ['from', '0000-01-01T00:00:00Z'],
        ['to', '0000-12-31T23:59:59+14:00'],
        ['to', '9999-12-31T23:59:59-14:00'],
        ['from', '2016-12-31T23:59:60Z'],
      ] as const) {
        const res = await call('GET', `${path}?${name}=${encodeURIComponent(value)}`, undefined, headers);
        expect(res.statusCode, `${path} ${name}=${value}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ pointer: `/query/${name}` }] });
      }
      expect((await call('GET', `${path}?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z`, undefined, headers)).statusCode, path).toBe(200);
    }
  });

  it('usage: month 0000-01 is a 400, 9999-12 and the years 0001-0099 are months like any other (not 1900-1999)', async () => {
    for (const [path, headers] of [
      ['/v1/usage', bearer(keyA)],
      [`/v1/tenants/${A}/usage`, admin],
    ] as const) {
      const refused = await call('GET', `${path}?month=0000-01`, undefined, headers);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'validation_failed', errors: [{ pointer: '/query/month' }] });
      for (const month of ['9999-12', '0099-05', '0001-01']) {
        const res = await call('GET', `${path}?month=${month}`, undefined, headers);
        expect(res.statusCode, `${path} ${month}: ${res.body}`).toBe(200);
        expect(res.json()).toMatchObject({ month, hours: [] });
      }
    }
  });

  it('an API key expiring after the year 9999 (9999-12-31T23:59:59-14:00) is a 400, and no key is made', async () => {
    const expiresAt = '9999-12-31T23:59:59-14:00';
    for (const [path, headers] of [
      ['/v1/api-keys', bearer(keyA)],
      [`/v1/tenants/${A}/api-keys`, admin],
    ] as const) {
      const before = (await call('GET', `${path}?limit=500`, undefined, headers)).json().items.length as number;
      const res = await call('POST', path, { name: 'far-future', role: 'viewer', expiresAt }, headers);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
      expect((await call('GET', `${path}?limit=500`, undefined, headers)).json().items).toHaveLength(before);
      expect((await call('POST', path, { name: 'far-future', role: 'viewer', expiresAt: '9999-12-31T23:59:59Z' }, headers)).statusCode).toBe(201);
    }
  });

  it('a JSON body is UTF-8: other bytes are a 400 and another charset a 415, not text stored with U+FFFD', async () => {
    const count = async () => (await call('GET', '/v1/collections/things/records?limit=500')).json().items.length as number;
    const before = await count();
    const latin1 = Buffer.concat([Buffer.from('{"data":{"x":"caf'), Buffer.from([0xe9]), Buffer.from('"}}')]);
    const post = (body: string | Buffer, contentType: string) =>
      app.inject({ method: 'POST', url: '/v1/collections/things/records', payload: body, headers: { ...bearer(keyA), 'content-type': contentType } });
    for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
      const res = await post(latin1, contentType);
      expect(res.statusCode, `${contentType}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', detail: 'the request body is not valid UTF-8' });
    }
    for (const contentType of ['application/json; charset=iso-8859-1', 'application/json; charset=utf-16', 'application/merge-patch+json; charset=latin1']) {
      const res = await post(latin1, contentType);
      expect(res.statusCode, `${contentType}: ${res.body}`).toBe(415);
      expect(res.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
    const patch = await app.inject({
      method: 'PATCH',
      url: `/v1/collections/things/records/${things[0]!.id}`,
      payload: Buffer.concat([Buffer.from('{"data":{"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]),
      headers: { ...bearer(keyA), 'content-type': 'application/merge-patch+json' },
    });
    expect(patch.statusCode, patch.body).toBe(400);
    expect((await call('GET', `/v1/collections/things/records/${things[0]!.id}`)).json().data).toEqual(things[0]!.data);
    expect(await count()).toBe(before);

    const ok = await post(Buffer.from('{"data":{"x":"café"}}'), 'application/json; charset="UTF-8"');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().data).toEqual({ x: 'café' });
    expect((await call('DELETE', `/v1/collections/things/records/${ok.json().id}`)).statusCode).toBe(204);
  });

  // ---- 8. database errors in the log ---------------------------------------------------------------

  it('a failing query is logged without its SQL text or parameters (tenant data)', async () => {
    const secret = `tenant-secret-${uniq()}`;
    const failed = await t
      .withTenant(A, ({ db }) => sql`select 1 / 0 where ${secret}::text is not null`.execute(db))
      .then(
        () => undefined,
        (error: unknown) => error as Error & { code?: string },
      );
    expect(failed?.message).toMatch(/division by zero/);
    expect(failed?.code).toBe('22012');
    expect(inspect(failed, { depth: 5 })).not.toContain(secret);
    expect(JSON.stringify(failed)).not.toContain(secret);

    // Through the API: the schema tenant's records table is gone, so an insert fails with a 500.
    const keyS = (await issueKeys(app, ADMIN, S, ['admin'])).admin;
    expect((await call('POST', '/v1/collections', { name: 'notes' }, bearer(keyS))).statusCode).toBe(201);
    const lease = await routerOf(t).controlCluster.main.acquireAdmin();
    try {
      await lease.conn.query(`DROP TABLE ${quoteIdent(routerOf(t).names.schemaTenant(S).schema)}.records CASCADE`);
    } finally {
      lease.release();
    }
    logLines.length = 0;
    const res = await call('POST', '/v1/collections/notes/records', { data: { note: secret } }, bearer(keyS));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(secret);
    const logged = logLines.map((line) => JSON.parse(line) as { msg: string; err?: { code?: string } }).filter((l) => l.msg === 'request failed');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.err?.code).toBe('42P01');
    expect(logLines.join('\n')).not.toContain(secret);
    expect(logLines.join('\n')).not.toMatch(/insert into/i);
  });
});
