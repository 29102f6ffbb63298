/**
 * A filter whose value type contradicts the collection's JSON Schema is a 400 saying so, not a silent
 * empty page; where the schema does not say (or says it through composition), the filter runs as ever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, send } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-filter-types';
const SCHEMA = {
  type: 'object',
  properties: {
    score: { type: 'number' },
    count: { type: 'integer' },
    status: { enum: ['open', 'closed'] },
    owner: { type: 'object', properties: { name: { type: 'string' } } },
    either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    maybe: { type: ['string', 'null'] },
  },
};

describe(`filter types against the schema (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let key: string;
  const query = async (filter: unknown) =>
    send(app, 'GET', `/v1/collections/typed/records?filter=${encodeURIComponent(JSON.stringify(filter))}`, undefined, bearer(key));

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    const tenant = tenantId('ftypes');
    await t.tenants.create({ id: tenant, isolation: 'pooled' });
    key = (await issueKeys(app, ADMIN, tenant, ['admin'])).admin;
    expect((await send(app, 'POST', '/v1/collections', { name: 'typed', schema: SCHEMA }, bearer(key))).statusCode).toBe(201);
    await send(app, 'POST', '/v1/collections/typed/records', { data: { score: 12, count: 3, status: 'open', owner: { name: 'ann' } } }, bearer(key));
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it.each([
    [{ score: { $gt: '10' } }, /compares 'score' with string "10", but the schema of 'typed' says it is number/],
    [{ count: 1.5 }, /'count' with number 1.5, .* integer/],
    [{ status: { $in: ['open', 3] } }, /'status' with integer 3/],
    [{ 'owner.name': { $eq: 7 } }, /'owner.name' with integer 7, .* string/],
    [{ $or: [{ score: 1 }, { score: true }] }, /'score' with boolean true/],
    [{ score: { $prefix: '1' } }, /matches 'score' with \$prefix, which matches strings, but the schema of 'typed' says it is number/],
    [{ count: { $not: { $ilike: '%' } } }, /'count' with \$ilike/],
  ])('refuses %j', async (filter, message) => {
    const res = await query(filter);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
    expect(res.json().detail).toMatch(message);
  });

  it.each([
    [{ score: { $gt: 10 } }],
    [{ count: 3 }],
    [{ score: 12 }],
    [{ status: 'open' }],
    [{ either: 'x' }],
    [{ maybe: null }],
    [{ score: null }],
    [{ score: { $exists: true } }],
    [{ nothere: 'x' }],
    [{ count: { $gte: 2.5 } }],
    [{ status: { $prefix: 'op' } }],
    [{ maybe: { $ilike: 'X%' } }],
  ])('runs %j', async (filter) => {
    const res = await query(filter);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('finds what a well-typed filter asks for', async () => {
    expect((await query({ score: { $gt: 10 }, count: 3 })).json().items).toHaveLength(1);
    expect((await query({ status: { $prefix: 'op' }, 'owner.name': { $ilike: 'A_N' } })).json().items).toHaveLength(1);
    expect((await query({ status: { $prefix: 'Op' } })).json().items).toHaveLength(0);
  });
});
