/**
 * Changing a collection's schema checks the records already there: a schema they do not match is
 * refused (409, how many and which) unless the caller says ?validate=false. Only the tenant's own
 * records count.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { Collections } from '../src/records/collections.js';
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

  for (const isolation of STRATEGIES) {
    it(`${isolation}: records written while the change scans the collection are checked too, before the schema is saved`, async () => {
      const { id, ids } = await tenantWith(isolation, [{ score: 1 }, { score: 2 }]);
      // Between the scan and the change: a write the collection as it still is (no schema) accepts.
      const scan = Collections.prototype.nonconforming;
      const during = async (write: () => Promise<{ statusCode: number }>, change: Record<string, unknown>) => {
        Collections.prototype.nonconforming = async function (this: Collections, ...args: Parameters<Collections['nonconforming']>) {
          const found = await scan.apply(this, args);
          expect((await write()).statusCode).toBeLessThan(300);
          return found;
        };
        try {
          return await call(id, 'admin', 'PATCH', '/v1/collections/scores', change);
        } finally {
          Collections.prototype.nonconforming = scan;
        }
      };
      let late = '';
      const created = await during(
        async () => {
          const res = await call(id, 'admin', 'POST', '/v1/collections/scores/records', { data: { score: 'late' } });
          late = res.json().id;
          return res;
        },
        { schema: NUMBERED },
      );
      expect(created.statusCode).toBe(409);
      expect(created.json().code).toBe('records_do_not_match');
      expect(created.json().detail).toMatch(/^1 record of 'scores' do not match/);
      expect(created.json().detail).toContain(late);
      expect((await call(id, 'admin', 'GET', '/v1/collections/scores')).json().schema).toBeNull();

      // A record replaced during the scan with data the new schema refuses: the same.
      expect((await call(id, 'admin', 'DELETE', `/v1/collections/scores/records/${late}`)).statusCode).toBe(204);
      const replaced = await during(() => call(id, 'admin', 'PUT', `/v1/collections/scores/records/${ids[0]}`, { data: { score: 'changed' } }), {
        schema: NUMBERED,
      });
      expect(replaced.statusCode).toBe(409);
      expect(replaced.json().detail).toContain(ids[0]);
      expect((await call(id, 'admin', 'GET', '/v1/collections/scores')).json().schema).toBeNull();

      // Late writes the new schema accepts: checked, and the change is made.
      expect((await call(id, 'admin', 'PUT', `/v1/collections/scores/records/${ids[0]}`, { data: { score: 0 } })).statusCode).toBe(200);
      const accepted = await during(() => call(id, 'admin', 'POST', '/v1/collections/scores/records', { data: { score: 4 } }), { schema: NUMBERED });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().schema).toEqual(NUMBERED);
      expect((await call(id, 'admin', 'POST', '/v1/collections/scores/records', { data: { score: 'x' } })).statusCode).toBe(400);
    });
  }

  // A second session with an open transaction exists only on a server (embedded PGlite has one connection).
  if (backend === 'postgres') {
    it('is not held back by a long transaction elsewhere on the server, nor by writers racing it, and keeps every record checked', async () => {
      // A transaction with an id, open across everything below (an import, an idle session): the
      // oldest running id stays before every record written here.
      const other = new pg.Client({ connectionString: process.env.TENANTRY_TEST_DATABASE_URL });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        const { id } = await tenantWith('pooled', [{ score: 1 }, { score: 2 }, { score: 3 }]);
        const calm = await call(id, 'admin', 'PATCH', '/v1/collections/scores', { schema: NUMBERED });
        expect(calm.statusCode).toBe(200);

        // Writers racing a schema change: every answer a success or a clear refusal, and whatever
        // the change answered, no record left that the saved schema refuses.
        const STRICT = { type: 'object', properties: { score: { type: 'number', maximum: 100 } }, required: ['score'] };
        let stop = false;
        const writer = async (n: number) => {
          const codes: number[] = [];
          for (let i = 0; !stop && i < 400; i++) {
            const score = (n * 1000 + i) % 2 === 0 ? 5 : 500;
            codes.push((await call(id, 'admin', 'POST', '/v1/collections/scores/records', { data: { score } })).statusCode);
          }
          return codes;
        };
        const writers = [0, 1, 2, 3].map(writer);
        await new Promise((r) => setTimeout(r, 50));
        const change = await call(id, 'admin', 'PATCH', '/v1/collections/scores', { schema: STRICT });
        stop = true;
        const codes = (await Promise.all(writers)).flat();
        expect(codes.every((c) => c === 201 || c === 400)).toBe(true);
        expect([200, 409]).toContain(change.statusCode);
        if (change.statusCode === 409) expect(['records_do_not_match', 'collection_changed']).toContain(change.json().code);
        const saved = (await call(id, 'admin', 'GET', '/v1/collections/scores')).json().schema;
        const all = (await call(id, 'admin', 'GET', '/v1/collections/scores/records?limit=1000')).json().items as Array<{ data: { score: number } }>;
        if (JSON.stringify(saved) === JSON.stringify(STRICT)) expect(all.filter((r) => r.data.score > 100)).toEqual([]);
        else expect(saved).toEqual(NUMBERED);
      } finally {
        await other.query('ROLLBACK').catch(() => {});
        await other.end();
      }
    });
  }

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
