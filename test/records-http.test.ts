import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';
import { callerAs } from './support/http.js';
import { STRATEGIES } from './support/placements.js';

const ADMIN = 'admin-token-records-tests';
/** A collection name unique to one tenant. */
const ownCollection = (tenant: string) => `own_${tenant.replaceAll('-', '_')}`;

const SCHEMA = {
  type: 'object',
  required: ['title'],
  properties: { title: { type: 'string', minLength: 1 }, score: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
};

describe(`records over HTTP (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const tenants = {} as Record<Isolation, [string, string]>;
  const keys: Record<string, Record<'admin' | 'member' | 'viewer', string>> = {};
  const firstRecord: Record<string, string> = {};

  const call = callerAs(() => app, keys);

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const isolation of STRATEGIES) {
      tenants[isolation] = [tenantId(`rec-${isolation.slice(0, 3)}-a`), tenantId(`rec-${isolation.slice(0, 3)}-b`)];
      for (const id of tenants[isolation]) {
        await t.tenants.create({ id, isolation });
        keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
        expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'items', schema: SCHEMA })).statusCode).toBe(201);
        // A collection only this tenant has.
        expect((await call(id, 'admin', 'POST', '/v1/collections', { name: ownCollection(id), schema: { type: 'object' } })).statusCode).toBe(201);
        const rec = await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { title: `owned by ${id}`, score: 1 } });
        expect(rec.statusCode).toBe(201);
        firstRecord[id] = rec.json().id;
      }
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('creates, reads, replaces, merges and deletes records with versions and If-Match', async () => {
    const id = tenants.pooled[0];
    const created = await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { title: 'first', score: 3, tags: ['x'] } });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const rec = created.json();
    expect(rec).toMatchObject({ data: { title: 'first', score: 3 }, version: 1 });
    expect(rec.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    const url = `/v1/collections/items/records/${rec.id}`;

    const merged = await call(id, 'member', 'PATCH', url, { data: { score: 4, tags: null } }, { 'if-match': '"1"' });
    expect(merged.json()).toMatchObject({ data: { title: 'first', score: 4 }, version: 2 });
    expect(merged.json().data).not.toHaveProperty('tags');
    const stale = await call(id, 'member', 'PUT', url, { data: { title: 'lost update' } }, { 'if-match': '1' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    const replaced = await call(id, 'member', 'PUT', url, { data: { title: 'second' } }, { 'if-match': '2' });
    expect(replaced.json()).toMatchObject({ data: { title: 'second' }, version: 3 });
    expect((await call(id, 'viewer', 'GET', url)).json()).toMatchObject({ data: { title: 'second' }, version: 3 });
    expect((await call(id, 'member', 'DELETE', url, undefined, { 'if-match': '2' })).statusCode).toBe(412);
    expect((await call(id, 'member', 'DELETE', url, undefined, { 'if-match': '3' })).statusCode).toBe(204);
    expect((await call(id, 'viewer', 'GET', url)).statusCode).toBe(404);
    expect((await call(id, 'member', 'PUT', url, { data: { title: 'x' } }, { 'if-match': 'banana' })).statusCode).toBe(400);
  });

  it('concurrent merges without If-Match all land: none is lost, versions count them', async () => {
    const id = tenants.schema[1];
    const rec = (await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { title: 'counter' } })).json();
    const url = `/v1/collections/items/records/${rec.id}`;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => call(id, 'member', 'PATCH', url, { data: { [`k${i}`]: i } })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const final = (await call(id, 'viewer', 'GET', url)).json();
    expect(final.version).toBe(9);
    expect(Object.keys(final.data).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'title']);
  });

  it("validates writes against the collection's schema and changes nothing on a bad one", async () => {
    const id = tenants.schema[0];
    for (const data of [{}, { title: '' }, { title: 'ok', score: 'high' }, { title: 'ok', tags: [1] }]) {
      const res = await call(id, 'member', 'POST', '/v1/collections/items/records', { data });
      expect(res.statusCode, JSON.stringify(data)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
      expect(res.json().detail).toMatch(/schema of 'items'/);
    }
    const url = `/v1/collections/items/records/${firstRecord[id]}`;
    expect((await call(id, 'member', 'PATCH', url, { data: { title: null } })).statusCode).toBe(400);
    expect((await call(id, 'viewer', 'GET', url)).json()).toMatchObject({ version: 1, data: { title: `owned by ${id}` } });
    // A changed schema applies to the next write (the records already there do not match it: forced).
    expect(
      (await call(id, 'admin', 'PATCH', '/v1/collections/items?validate=false', { schema: { type: 'object', required: ['title', 'owner'] } })).statusCode,
    ).toBe(200);
    expect((await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { title: 't' } })).statusCode).toBe(400);
    expect((await call(id, 'member', 'POST', '/v1/collections/items/records', { data: { title: 't', owner: 'me' } })).statusCode).toBe(201);
    expect((await call(id, 'admin', 'PATCH', '/v1/collections/items', { schema: SCHEMA })).statusCode).toBe(200);
  });

  it('refuses JSON nested deeper than 64 and strings PostgreSQL cannot store, changing nothing', async () => {
    const id = tenants.pooled[1];
    const nest = (depth: number) => Array.from({ length: depth - 1 }).reduce<object>((inner) => ({ d: inner }), { title: 'deep' });
    // `{ data: … }` adds one level: data nested 63 deep is a body 64 deep, the most allowed.
    expect((await call(id, 'member', 'POST', `/v1/collections/${ownCollection(id)}/records`, { data: nest(63) })).statusCode).toBe(201);
    const count = async () =>
      Number(
        (
          await t.withTenant(id, ({ db }) =>
            db
              .selectFrom('records')
              .select(({ fn }) => fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow(),
          )
        ).n,
      );
    const before = await count();
    const bad: Array<[unknown, RegExp]> = [
      [{ data: nest(64) }, /nested deeper than 64/],
      // Sent as text: too deep for JSON.stringify, not for the server's parser.
      [`{"data":${'{"d":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, /nested deeper than 64/],
      [{ data: { title: 'nul \u0000 inside' } }, /U\+0000/],
      [{ data: { ['key\u0000']: 1 } }, /U\+0000/],
      [{ data: { title: 'lone \ud800 surrogate' } }, /unpaired surrogate/],
    ];
    for (const [payload, detail] of bad) {
      const res = await call(id, 'member', 'POST', `/v1/collections/${ownCollection(id)}/records`, payload, { 'content-type': 'application/json' });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(detail);
    }
    // A whole body, not only record data: the tenant-facing API-key name is checked the same way.
    expect((await call(id, 'admin', 'POST', '/v1/api-keys', { name: 'x\u0000', role: 'viewer' })).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('bulk-creates up to 1,000 records all or nothing', async () => {
    const id = tenants.database[0];
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'bulk' });
    const thousand = Array.from({ length: 1000 }, (_, i) => ({ data: { title: `r${i}`, n: i } }));
    const ok = await call(id, 'member', 'POST', '/v1/collections/bulk/records/bulk', { records: thousand });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items).toHaveLength(1000);
    expect((await call(id, 'member', 'POST', '/v1/collections/bulk/records/bulk', { records: [...thousand, { data: {} }] })).statusCode).toBe(400);
    const withBad = [{ data: { title: 'good' } }, { data: { title: '' } }];
    const bad = await call(id, 'member', 'POST', '/v1/collections/items/records/bulk', { records: withBad });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/records\[1\]\.data/);
    const count = await t.withTenant(id, ({ db }) =>
      db
        .selectFrom('records')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(1001); // 1,000 bulk + the first record; nothing from the failed batches
  });

  it("declared indexes become partial expression indexes in the tenant's own location", async () => {
    const indexesOf = async (tenant: string): Promise<string[]> => {
      const location = await routerOf(t).open((await t.catalog.getFresh(tenant))!);
      try {
        const { rows } = await adminQuery<{ def: string }>(
          location.db,
          "select indexdef as def from pg_indexes where schemaname = $1 and indexname like 'rx\\_%' order by indexdef",
          [location.names.schema],
        );
        return rows.map((r) => r.def).filter((d) => d.includes(`'${tenant}'`));
      } finally {
        location.release();
      }
    };
    for (const isolation of STRATEGIES) {
      const [id, other] = tenants[isolation];
      const before = await indexesOf(other);
      const created = await call(id, 'admin', 'POST', '/v1/collections', { name: 'indexed', indexes: ['score', 'owner.name'] });
      expect(created.statusCode).toBe(201);
      let defs = await indexesOf(id);
      expect(defs).toHaveLength(2);
      expect(defs.join('\n')).toMatch(/\(data #> '\{owner,name\}'::text\[\]\)/);
      expect(defs.every((d) => d.includes(`tenant_id = '${id}'::text`) && d.includes(`collection = 'indexed'::text`))).toBe(true);
      expect((await call(id, 'admin', 'PATCH', '/v1/collections/indexed', { indexes: ['score'] })).statusCode).toBe(200);
      defs = await indexesOf(id);
      expect(defs).toHaveLength(1);
      expect(defs[0]).toMatch(/\(data #> '\{score\}'::text\[\]\)/);
      expect((await call(id, 'admin', 'DELETE', '/v1/collections/indexed')).statusCode).toBe(204);
      expect(await indexesOf(id)).toEqual([]);
      expect(await indexesOf(other)).toEqual(before);
    }
  });

  it('manages collections with roles and clear errors', async () => {
    const id = tenants.pooled[1];
    expect((await call(id, 'member', 'POST', '/v1/collections', { name: 'nope' })).json()).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await call(id, 'viewer', 'POST', '/v1/collections/items/records', { data: { title: 'x' } })).statusCode).toBe(403);
    expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'items' })).json()).toMatchObject({ status: 409, code: 'collection_exists' });
    for (const body of [
      { name: 'Bad-Name' },
      { name: 'x', schema: { type: 'not-a-type' } },
      { name: 'x', indexes: ['a..b'] },
      { name: 'x', tenant_id: 'other' },
    ]) {
      expect((await call(id, 'admin', 'POST', '/v1/collections', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call(id, 'member', 'POST', '/v1/collections/missing/records', { data: { title: 'x' } })).statusCode).toBe(404);
    expect((await call(id, 'viewer', 'GET', '/v1/collections')).json().items.map((c: { name: string }) => c.name)).toEqual(['items', ownCollection(id)]);
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'temp' });
    await call(id, 'member', 'POST', '/v1/collections/temp/records', { data: { a: 1 } });
    expect((await call(id, 'admin', 'DELETE', '/v1/collections/temp')).statusCode).toBe(204);
    expect((await call(id, 'viewer', 'GET', '/v1/collections/temp')).statusCode).toBe(404);
  });

  it("sees another process's schema change or drop on the very next write, though it caches collections", async () => {
    const id = tenants.database[1];
    const other = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    try {
      const otherCall = callerAs(() => other, keys);
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'cached', schema: { type: 'object' } })).statusCode).toBe(201);
      // Warm this app's cache, then tighten the schema through the other app.
      expect((await call(id, 'member', 'POST', '/v1/collections/cached/records', { data: { a: 1 } })).statusCode).toBe(201);
      expect(
        (await otherCall(id, 'admin', 'PATCH', '/v1/collections/cached?validate=false', { schema: { type: 'object', required: ['owner'] } })).statusCode,
      ).toBe(200);
      expect((await call(id, 'member', 'POST', '/v1/collections/cached/records', { data: { a: 2 } })).statusCode).toBe(400);
      expect(
        (await call(id, 'member', 'POST', '/v1/collections/cached/records/bulk', { records: [{ data: { owner: 'x' } }, { data: { a: 3 } }] })).statusCode,
      ).toBe(400);
      expect((await call(id, 'member', 'POST', '/v1/collections/cached/records', { data: { owner: 'me' } })).statusCode).toBe(201);
      // Loosen it again elsewhere: data the cached schema refuses is accepted by the current one.
      expect((await otherCall(id, 'admin', 'PATCH', '/v1/collections/cached', { schema: null })).statusCode).toBe(200);
      expect((await call(id, 'member', 'POST', '/v1/collections/cached/records', { data: { a: 4 } })).statusCode).toBe(201);
      // Dropped elsewhere: 404, nothing written.
      expect((await otherCall(id, 'admin', 'DELETE', '/v1/collections/cached')).statusCode).toBe(204);
      const gone = await call(id, 'member', 'POST', '/v1/collections/cached/records', { data: { a: 5 } });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('not_found');
      const count = await t.withTenant(id, ({ db }) =>
        db
          .selectFrom('records')
          .where('collection', '=', 'cached')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      );
      expect(Number(count.n)).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("validates each tenant's writes against its own schema of a same-named collection", async () => {
    const [A, B] = tenants.pooled;
    // Both tenants have 'items'; warm the cache with A's, then make B's stricter.
    expect((await call(A, 'member', 'POST', '/v1/collections/items/records', { data: { title: 'a' } })).statusCode).toBe(201);
    expect(
      (await call(B, 'admin', 'PATCH', '/v1/collections/items?validate=false', { schema: { type: 'object', required: ['title', 'owner'] } })).statusCode,
    ).toBe(200);
    expect((await call(B, 'member', 'POST', '/v1/collections/items/records', { data: { title: 'b' } })).statusCode).toBe(400);
    expect((await call(A, 'member', 'POST', '/v1/collections/items/records', { data: { title: 'a again' } })).statusCode).toBe(201);
    expect((await call(B, 'admin', 'PATCH', '/v1/collections/items', { schema: SCHEMA })).statusCode).toBe(200);
  });

  for (const a of STRATEGIES) {
    for (const b of STRATEGIES) {
      it(`a ${a} tenant's credential on a ${b} tenant's objects gets 404 and changes nothing`, async () => {
        const A = tenants[a][0];
        const B = tenants[b][1];
        const url = `/v1/collections/items/records/${firstRecord[B]}`;
        const before = (await call(B, 'viewer', 'GET', url)).json();
        for (const [method, payload] of [['GET'], ['PUT', { data: { title: 'hijacked' } }], ['PATCH', { data: { title: 'hijacked' } }], ['DELETE']] as const) {
          const res = await call(A, 'admin', method, url, payload);
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          expect(res.body).not.toContain(B);
        }
        // B's own collection does not exist for A: not readable, changeable, droppable or writable.
        const bOwn = `/v1/collections/${ownCollection(B)}`;
        for (const [method, path, payload] of [
          ['GET', bOwn],
          ['PATCH', bOwn, { schema: null }],
          ['DELETE', bOwn],
          ['POST', `${bOwn}/records`, { data: { title: 'x' } }],
        ] as const) {
          expect((await call(A, 'admin', method, path, payload)).statusCode, `${method} ${path}`).toBe(404);
        }
        const aList = (await call(A, 'viewer', 'GET', '/v1/collections')).json() as { items: Array<{ name: string }> };
        expect(aList.items.map((c) => c.name)).not.toContain(ownCollection(B));
        expect((await call(B, 'viewer', 'GET', bOwn)).json()).toMatchObject({ name: ownCollection(B), schema: { type: 'object' } });
        // Writing "into" B's collection lands in A's own collection of the same name, never in B's.
        const bulk = await call(A, 'member', 'POST', '/v1/collections/items/records/bulk', { records: [{ data: { title: `from ${A}` } }] });
        expect(bulk.statusCode).toBe(201);
        const spoof = await call(A, 'member', 'POST', `/t/${B}/v1/collections/items/records`, { data: { title: 'x' } });
        expect(spoof.statusCode).toBe(403);
        expect((await call(B, 'viewer', 'GET', url)).json()).toEqual(before);
        const bTitles = await t.withTenant(B, ({ db }) => db.selectFrom('records').select('data').execute());
        expect(bTitles.map((r) => (r.data as { title: string }).title)).not.toContain(`from ${A}`);
      });
    }
  }
});
