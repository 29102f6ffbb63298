/**
 * Changing a collection's schema checks the records already there: a schema they do not match is
 * refused (409, how many and which) unless the caller says ?validate=false. Only the tenant's own
 * records count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';
import { issueKeys } from './support/keys.js';
import { STRATEGIES } from './support/placements.js';

const ADMIN = 'admin-token-schema-change-tests';
const NUMBERED = { type: 'object', properties: { score: { type: 'number' } }, required: ['score'] };

describe(`changing a collection's schema (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, Record<'admin', string>> = {};
  const call = callerAs(() => app, keys);

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  async function tenantWith(isolation: (typeof STRATEGIES)[number], data: unknown[]): Promise<{ id: string; ids: string[] }> {
    const id = tenantId(`sc-${isolation.slice(0, 2)}`);
    await t.tenants.create({ id, isolation });
    keys[id] = await issueKeys(app, ADMIN, id, ['admin']);
    expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'scores' })).statusCode).toBe(201);
    const ids: string[] = [];
    for (const d of data) ids.push((await call(id, 'admin', 'POST', '/v1/collections/scores/records', { data: d })).json().id);
    return { id, ids };
  }

  for (const isolation of STRATEGIES) {
    it(`${isolation}: refuses a schema the records do not match, naming how many and which; ?validate=false changes it anyway`, async () => {
      const { id, ids } = await tenantWith(isolation, [{ score: 1 }, { score: 'high' }, { score: 3 }, { name: 'no score' }]);
      const refused = await call(id, 'admin', 'PATCH', '/v1/collections/scores', { schema: NUMBERED });
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json().code).toBe('records_do_not_match');
      expect(refused.json().detail).toMatch(/^2 records of 'scores' do not match the new schema/);
      expect(refused.json().detail).toContain(ids[1]);
      expect(refused.json().detail).toContain(ids[3]);
      expect(refused.json().detail).not.toContain(ids[0]);
      expect((await call(id, 'admin', 'GET', '/v1/collections/scores')).json().schema).toBeNull();

      const bad = await call(id, 'admin', 'PATCH', '/v1/collections/scores?validate=maybe', { schema: NUMBERED });
      expect(bad.statusCode).toBe(400);
      const forced = await call(id, 'admin', 'PATCH', '/v1/collections/scores?validate=false', { schema: NUMBERED });
      expect(forced.statusCode).toBe(200);
      expect(forced.json().schema).toEqual(NUMBERED);
      // From now on writes are checked against it.
      expect((await call(id, 'admin', 'POST', '/v1/collections/scores/records', { data: { score: 'x' } })).statusCode).toBe(400);
    });
  }

  it("accepts a schema every record matches, and counts only the tenant's own records", async () => {
    const mine = await tenantWith('pooled', [{ score: 1 }, { score: 2 }]);
    await tenantWith('pooled', [{ score: 'not a number' }]); // a neighbour in the same pool, same collection name
    const accepted = await call(mine.id, 'admin', 'PATCH', '/v1/collections/scores', { schema: NUMBERED });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().schema).toEqual(NUMBERED);
  });

  it('stops counting at a thousand, and says "at least"', async () => {
    const { id } = await tenantWith('pooled', []);
    const rows = Array.from({ length: 1005 }, (_, i) => ({ data: { n: i } }));
    for (let i = 0; i < rows.length; i += 500) {
      expect((await call(id, 'admin', 'POST', '/v1/collections/scores/records/bulk', { records: rows.slice(i, i + 500) })).statusCode).toBeLessThan(300);
    }
    const refused = await call(id, 'admin', 'PATCH', '/v1/collections/scores', { schema: NUMBERED });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/^at least 1000 records/);
  });
});
