import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';
import { STRATEGIES } from './support/placements.js';
import { matches, sortRecords, type ApiRecord } from './support/query-model.js';

const ADMIN = 'admin-token-query-tests';
const INDEXED = ['a', 'b', 'n.x'];

// ---- generators -----------------------------------------------------------------------------------
// Strings from an alphabet that exercises case, code-point order beyond the BMP, quotes, backslashes
// and LIKE wildcards; numbers from tiny integers to extreme doubles.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'Z', 'é', '😀', "'", '"', '\\', '%', '_', ' ', '0'), maxLength: 4 });
const number = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.5, -1.25, 1e21, 1e-7, 2 ** 53 + 2),
);
const scalar = fc.oneof(number, text, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('p', 'q'), scalar, { maxKeys: 2 }) },
);
const recordData = fc.record(
  { a: value, b: value, n: fc.oneof(fc.record({ x: value }, { requiredKeys: [] }), value), tags: fc.array(fc.oneof(text, number), { maxLength: 3 }) },
  { requiredKeys: [] },
);

/** Filters over the data fields above plus the system fields, with values drawn partly from the data. */
function filterArbitrary(records: ApiRecord[]): fc.Arbitrary<Record<string, unknown>> {
  const seenValue = fc.constantFrom(...records.flatMap((r) => Object.values(r.data)));
  const operand = fc.oneof(value, seenValue);
  const dataField = fc.constantFrom('a', 'b', 'n', 'n.x', 'tags', 'missing', 'a.p');
  // Strings seen in the data, cut to a prefix (by code point) and sometimes recased: $prefix and $ilike
  // patterns that match something.
  const seenStrings = records.flatMap((r) => Object.values(r.data)).filter((v): v is string => typeof v === 'string' && v.length > 0);
  const seenPrefix = fc
    .tuple(fc.constantFrom(...(seenStrings.length > 0 ? seenStrings : ['a'])), fc.nat(4))
    .map(([v, n]) => Array.from(v).slice(0, n).join(''))
    .filter((v) => !/(?<!\\)(\\\\)*\\$/.test(v));
  const pattern = fc
    .oneof(
      text,
      seenPrefix.map((v) => `${v}%`),
      seenPrefix.map((v) => `%${v.toUpperCase()}_%`),
    )
    .filter((v) => !/(?<!\\)(\\\\)*\\$/.test(v));
  const ops = fc.oneof(
    fc.record({ $eq: operand }),
    fc.record({ $ne: operand }),
    fc.record({ [`$gt`]: fc.oneof(number, text) }),
    fc.record({ $gte: fc.oneof(number, text) }),
    fc.record({ $lt: fc.oneof(number, text) }),
    fc.record({ $lte: fc.oneof(number, text) }),
    fc.record({ $gt: fc.oneof(number, text), $lt: fc.oneof(number, text) }),
    fc.record({ $in: fc.array(operand, { maxLength: 4 }) }),
    fc.record({ $nin: fc.array(operand, { maxLength: 4 }) }),
    fc.record({ $exists: fc.boolean() }),
    fc.record({ $prefix: fc.oneof(text, seenPrefix) }),
    fc.record({ $ilike: pattern }),
    fc.record({
      $contains: fc.oneof(
        scalar,
        seenValue.filter((v) => v === null || typeof v !== 'object'),
      ),
    }),
  );
  const dataLeaf = fc.oneof(
    fc.tuple(dataField, ops).map(([f, o]) => ({ [f]: o })),
    fc.tuple(dataField, ops).map(([f, o]) => ({ [f]: { $not: o } })),
    // Implicit equality, unless the value would read as operators (objects never have $ keys here).
    fc.tuple(dataField, operand).map(([f, v]) => ({ [f]: v })),
  );
  const ids = records.map((r) => r.id);
  const times = records.map((r) => r.createdAt);
  const systemLeaf = fc.oneof(
    fc.tuple(fc.constantFrom('$eq', '$ne', '$gt', '$lte'), fc.constantFrom(...ids)).map(([op, v]) => ({ id: { [op]: v } })),
    fc.array(fc.constantFrom(...ids), { maxLength: 5 }).map((v) => ({ id: { $in: v } })),
    fc.tuple(fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte'), fc.constantFrom(...times)).map(([op, v]) => ({ createdAt: { [op]: v } })),
  );
  const { filter } = fc.letrec<{ filter: Record<string, unknown> }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: dataLeaf },
      { weight: 1, arbitrary: systemLeaf },
      { weight: 1, arbitrary: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((fs) => ({ $and: fs })) },
      { weight: 1, arbitrary: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((fs) => ({ $or: fs })) },
      { weight: 1, arbitrary: tie('filter').map((f) => ({ $not: f })) },
      // Two conditions side by side in one object: an implicit AND.
      { weight: 1, arbitrary: fc.tuple(dataLeaf, systemLeaf).map(([x, y]) => ({ ...x, ...y })) },
    ),
  }));
  return filter;
}

const sortArbitrary = fc
  .subarray(['a', 'b', 'n.x', 'createdAt', 'updatedAt', 'id'], { minLength: 0, maxLength: 3 })
  .chain((fields) => fc.shuffledSubarray(fields, { minLength: fields.length, maxLength: fields.length }))
  .chain((fields) => fc.tuple(...fields.map((f) => fc.boolean().map((desc) => (desc ? `-${f}` : f)))))
  .map((parts) => (parts.length > 0 ? parts.join(',') : undefined));

describe(`records query language (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const tenants = {} as Record<Isolation, [string, string]>;
  const keys: Record<string, Record<'admin', string>> = {};
  /** Every record of collection `things`, per tenant, as the API returned it. */
  const things: Record<string, ApiRecord[]> = {};

  const call = callerAs(() => app, keys);

  const queryUrl = (q: { filter?: unknown; sort?: string; limit?: number; cursor?: string }, collection = 'things') => {
    const params = new URLSearchParams();
    if (q.filter !== undefined) params.set('filter', typeof q.filter === 'string' ? q.filter : JSON.stringify(q.filter));
    if (q.sort !== undefined) params.set('sort', q.sort);
    if (q.limit !== undefined) params.set('limit', String(q.limit));
    if (q.cursor !== undefined) params.set('cursor', q.cursor);
    return `/v1/collections/${collection}/records?${params}`;
  };

  /** Follow nextCursor to the end; every page must be a 200 of at most `limit` items. */
  async function queryAll(tenant: string, q: { filter?: unknown; sort?: string; limit?: number }): Promise<ApiRecord[]> {
    const out: ApiRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const res = await call(tenant, 'admin', 'GET', queryUrl({ ...q, cursor }));
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body} for ${JSON.stringify(q)}`);
      const body = res.json() as { items: ApiRecord[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(q.limit ?? 50);
      out.push(...body.items);
      if (!body.nextCursor) return out;
      cursor = body.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  const expected = (tenant: string, q: { filter?: Record<string, unknown>; sort?: string }) =>
    sortRecords(
      things[tenant]!.filter((r) => !q.filter || matches(r, q.filter)),
      q.sort,
    ).map((r) => r.id);

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'query-cursor-secret' });
    const dataset = fc.sample(recordData, { numRuns: 56, seed: 20261127 });
    // Hand-picked edges next to the random ones.
    dataset.push(
      { a: 'abc', b: 'ABC', tags: ['x', 'y'] },
      { a: "it's", b: 'a"b\\c', n: { x: 'é' } },
      { a: 10, b: 2, n: { x: 10 } },
      { a: 2, b: 10, n: { x: null } },
      { a: null, b: true, n: [{ x: 1 }] },
      { a: [1, 2, [3]], b: { p: 1, q: 'z' } },
      { a: '😀', b: 'Z', tags: [] },
      {},
    );
    for (const isolation of STRATEGIES) {
      tenants[isolation] = [tenantId(`qry-${isolation.slice(0, 3)}-a`), tenantId(`qry-${isolation.slice(0, 3)}-b`)];
      for (const id of tenants[isolation]) {
        await t.tenants.create({ id, isolation });
        // The property tests send thousands of requests; the rate limiter has its own tests.
        await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
        keys[id] = await issueKeys(app, ADMIN, id, ['admin']);
        expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'things', indexes: INDEXED })).statusCode).toBe(201);
        things[id] = [];
        // Four separate transactions, a few milliseconds apart, so createdAt sorts mean something.
        for (let chunk = 0; chunk < 4; chunk++) {
          const part = dataset.slice(chunk * 16, chunk * 16 + 16);
          const created = await call(id, 'admin', 'POST', '/v1/collections/things/records/bulk', { records: part.map((data) => ({ data })) });
          expect(created.statusCode, created.body).toBe(201);
          things[id]!.push(...(created.json().items as ApiRecord[]));
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('answers the example of API.md and pages through a sorted result', async () => {
    const id = tenants.pooled[0];
    await call(id, 'admin', 'POST', '/v1/collections', { name: 'tickets', indexes: ['score'] });
    const rows = [
      { status: 'open', score: 12, tags: ['x'], owner: 'c' },
      { status: 'open', score: 10, tags: ['y'], owner: 'a' },
      { status: 'open', score: 9, tags: ['x'], owner: 'a' },
      { status: 'closed', score: 50, tags: ['x'], owner: 'b' },
      { status: 'open', score: 30, tags: [], owner: 'b' },
      { status: 'open', score: 11, tags: ['z'], owner: 'd' },
    ];
    await call(id, 'admin', 'POST', '/v1/collections/tickets/records/bulk', { records: rows.map((data) => ({ data })) });
    const filter = { status: 'open', score: { $gte: 10 }, $or: [{ tags: { $contains: 'x' } }, { owner: { $in: ['a', 'b'] } }] };
    const first = await call(id, 'admin', 'GET', queryUrl({ filter, sort: '-score', limit: 2 }, 'tickets'));
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((r: ApiRecord) => r.data.score)).toEqual([30, 12]);
    const second = (await call(id, 'admin', 'GET', queryUrl({ filter, sort: '-score', limit: 2, cursor: page1.nextCursor }, 'tickets'))).json();
    expect(second.items.map((r: ApiRecord) => r.data.score)).toEqual([10]);
    expect(second.nextCursor).toBeNull();
    // No filter, default order (createdAt, then id): everything, in insertion order.
    const all = (await call(id, 'admin', 'GET', queryUrl({}, 'tickets'))).json();
    expect(all.items.map((r: ApiRecord) => r.data.owner)).toEqual(['c', 'a', 'a', 'b', 'b', 'd']);
    expect(all.nextCursor).toBeNull();
    expect((await call(id, 'admin', 'GET', queryUrl({ filter: { missing: { $exists: true } } }, 'tickets'))).json()).toEqual({ items: [], nextCursor: null });
  });

  it('returns exactly what an in-memory evaluation returns, for random filters, sorts and page sizes', async () => {
    const id = tenants.pooled[0];
    await fc.assert(
      fc.asyncProperty(filterArbitrary(things[id]!), sortArbitrary, fc.integer({ min: 1, max: 30 }), async (filter, sort, limit) => {
        const got = (await queryAll(id, { filter, sort, limit })).map((r) => r.id);
        expect(got).toEqual(expected(id, { filter, sort }));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with the model in schema and database locations too', async () => {
    for (const isolation of ['schema', 'database'] as const) {
      const id = tenants[isolation][1];
      await fc.assert(
        fc.asyncProperty(filterArbitrary(things[id]!), sortArbitrary, async (filter, sort) => {
          expect((await queryAll(id, { filter, sort, limit: 17 })).map((r) => r.id)).toEqual(expected(id, { filter, sort }));
        }),
        { numRuns: 25 },
      );
    }
  });

  it('refuses what is outside the language with a 400 that names the problem', async () => {
    const id = tenants.schema[0];
    const cases: Array<[string, RegExp]> = [
      [queryUrl({ filter: { a: { $regex: 'x' } } }), /unknown operator '\$regex'/],
      [queryUrl({ filter: { $where: 'true' } }), /unknown operator '\$where'/],
      [queryUrl({ filter: { 'a-b': 1 } }), /not a field path/],
      [queryUrl({ filter: { 'a..b': 1 } }), /not a field path/],
      [queryUrl({ filter: { '1a': 1 } }), /not a field path/],
      [queryUrl({ filter: { a: { $in: 'x' } } }), /\$in takes an array/],
      [queryUrl({ filter: { a: { $gt: [1] } } }), /\$gt takes a number or a string/],
      [queryUrl({ filter: { a: { $contains: { p: 1 } } } }), /\$contains takes/],
      [queryUrl({ filter: { a: { $exists: 'yes' } } }), /\$exists takes true or false/],
      [queryUrl({ filter: { a: { $prefix: 1 } } }), /\$prefix takes a string/],
      [queryUrl({ filter: { a: { $ilike: 'ab\\' } } }), /\$ilike pattern ends with an escape/],
      [queryUrl({ filter: { a: { $ilike: 'x'.repeat(1025) } } }), /at most 1024 characters/],
      [queryUrl({ filter: { id: { $prefix: '0' } } }), /\$prefix does not apply to 'id'/],
      [queryUrl({ filter: { a: { $eq: 1, b: 2 } } }), /mixes operators/],
      [queryUrl({ filter: { $or: [] } }), /non-empty array/],
      [queryUrl({ filter: { a: { $not: 3 } } }), /\$not on a field/],
      [queryUrl({ filter: [1] }), /a filter is a JSON object/],
      [queryUrl({ filter: '{"a":' }), /not valid JSON/],
      [queryUrl({ filter: { createdAt: { $gt: 'yesterday' } } }), /RFC 3339/],
      [queryUrl({ filter: { id: { $eq: 5 } } }), /compares with strings/],
      [queryUrl({ filter: { a: { $in: Array(501).fill(1) } } }), /at most 500/],
      [queryUrl({ filter: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, i])) }), /at most 100 conditions/],
      [queryUrl({ filter: Array.from({ length: 20 }).reduce<object>((f) => ({ $not: f }), { a: 1 }) }), /nested deeper/],
      [queryUrl({ sort: 'tags' }), /cannot sort by 'tags'/],
      [queryUrl({ sort: 'a,,b' }), /cannot sort by ''/],
      [queryUrl({ sort: 'a,-a' }), /twice/],
      [queryUrl({ sort: 'a,b,n.x,id,createdAt' }), /at most 4/],
      [queryUrl({ limit: 0 }), /limit/],
      [queryUrl({ limit: 501 }), /limit/],
      [`${queryUrl({})}&unknown=1`, /\/query\/unknown: unknown property 'unknown'/],
    ];
    for (const [url, detail] of cases) {
      const res = await call(id, 'admin', 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().detail, url).toMatch(detail);
    }
    expect((await call(id, 'admin', 'GET', queryUrl({}, 'nothing_here'))).statusCode).toBe(404);
  });

  it('keeps injection attempts in values, field paths and sort harmless', async () => {
    const id = tenants.pooled[1];
    const count = async () => (await queryAll(id, { limit: 500 })).length;
    const before = await count();
    const evil = ["'; DROP TABLE records; --", "') OR true --", '"}]}\' OR 1=1', "x' || pg_sleep(1) || '", "\\'; --", '$1', '%', "' COLLATE \"C\" OR ''='"];
    for (const s of evil) {
      const like = /(?<!\\)(\\\\)*\\$/.test(s) ? `${s}\\` : s;
      for (const filter of [
        { a: s },
        { a: { $gt: s } },
        { a: { $contains: s } },
        { a: { $in: [s, 1] } },
        { tags: { $nin: [s] } },
        { a: { $prefix: s } },
        { a: { $ilike: like } },
      ]) {
        expect((await queryAll(id, { filter })).map((r) => r.id)).toEqual(expected(id, { filter }));
      }
      for (const url of [queryUrl({ filter: { [s]: 1 } }), queryUrl({ filter: { [`a.${s}`]: 1 } }), queryUrl({ sort: s }), queryUrl({ sort: `a,${s}` })]) {
        expect((await call(id, 'admin', 'GET', url)).statusCode, url).toBe(400);
      }
    }
    expect(await count()).toBe(before);
    // The other tenants' data is intact too.
    for (const other of Object.values(tenants).flat()) expect((await queryAll(other, { limit: 500 })).length).toBe(things[other]!.length);
  });

  it('matches strings by prefix and by LIKE pattern, ASCII letters folded', async () => {
    for (const id of [tenants.pooled[0], tenants.database[0]]) {
      const words = ['Smith', 'smithy', 'SMITH', 'blacksmith', 'Émile', 'émile', '50%', '50 percent', 'a_b', 'axb', 'back\\slash', '😀x'];
      await call(id, 'admin', 'POST', '/v1/collections', { name: 'words' });
      const created = await call(id, 'admin', 'POST', '/v1/collections/words/records/bulk', {
        records: [...words, 7, ['Smith']].map((w) => ({ data: { w } })),
      });
      expect(created.statusCode, created.body).toBe(201);
      const found = async (filter: unknown) => {
        const res = await call(id, 'admin', 'GET', queryUrl({ filter, limit: 100 }, 'words'));
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as ApiRecord[]).map((r) => r.data.w).sort();
      };
      expect(await found({ w: { $prefix: 'Smith' } })).toEqual(['Smith']);
      expect(await found({ w: { $prefix: 'smith' } })).toEqual(['smithy']);
      expect(await found({ w: { $prefix: '' } })).toHaveLength(words.length);
      expect(await found({ w: { $ilike: 'smith' } })).toEqual(['SMITH', 'Smith'].sort());
      expect(await found({ w: { $ilike: '%smith%' } })).toEqual(['SMITH', 'Smith', 'blacksmith', 'smithy'].sort());
      expect(await found({ w: { $ilike: 'émile' } })).toEqual(['émile']);
      expect(await found({ w: { $ilike: '50\\%' } })).toEqual(['50%']);
      expect(await found({ w: { $ilike: '50%' } })).toEqual(['50 percent', '50%'].sort());
      expect(await found({ w: { $ilike: 'a\\_b' } })).toEqual(['a_b']);
      expect(await found({ w: { $ilike: 'a_b' } })).toEqual(['a_b', 'axb']);
      expect(await found({ w: { $ilike: 'back\\\\%' } })).toEqual(['back\\slash']);
      expect(await found({ w: { $ilike: '_x' } })).toEqual(['😀x']);
      // A value that is not a string never matches; the negation takes it.
      expect(await found({ w: { $not: { $ilike: '%' } } })).toEqual([7, ['Smith']].sort());
      expect(await found({ w: { $not: { $prefix: 'S' } } })).toHaveLength(words.length - 2 + 2);
    }
  });

  it('binds cursors to tenant, collection, filter and sort', async () => {
    const [a, b] = tenants.pooled;
    await call(a, 'admin', 'POST', '/v1/collections', { name: 'others', indexes: INDEXED });
    const filter = { a: { $exists: true } };
    const page = (await call(a, 'admin', 'GET', queryUrl({ filter, sort: 'a', limit: 3 }))).json();
    expect(page.nextCursor).toEqual(expect.any(String));
    const cursor = page.nextCursor as string;
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    const refused: Array<[string, string]> = [
      [a, queryUrl({ filter, sort: 'a', limit: 3, cursor: tampered })],
      [a, queryUrl({ filter, sort: 'a', limit: 3, cursor: `${cursor}x` })],
      [a, queryUrl({ filter, sort: 'a', limit: 3, cursor: 'garbage' })],
      [a, queryUrl({ filter, sort: '-a', limit: 3, cursor })],
      [a, queryUrl({ filter: { a: { $exists: false } }, sort: 'a', limit: 3, cursor })],
      [a, queryUrl({ sort: 'a', limit: 3, cursor })],
      [a, queryUrl({ filter, sort: 'a', limit: 3, cursor }, 'others')],
      [b, queryUrl({ filter, sort: 'a', limit: 3, cursor })],
    ];
    for (const [tenant, url] of refused) {
      const res = await call(tenant, 'admin', 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('invalid_cursor');
    }
    // The same cursor with another page size is fine: limit is not part of the list's identity.
    expect((await call(a, 'admin', 'GET', queryUrl({ filter, sort: 'a', limit: 5, cursor }))).statusCode).toBe(200);
  });

  for (const a of STRATEGIES) {
    for (const b of STRATEGIES) {
      it(`a ${a} tenant's queries never reach a ${b} tenant's records`, async () => {
        const A = tenants[a][0];
        const B = tenants[b][1];
        const bIds = things[B]!.map((r) => r.id);
        for (const filter of [
          { id: { $in: bIds.slice(0, 50) } },
          { id: bIds[0] },
          { tenant_id: B },
          { $or: [{ id: { $gte: bIds[0] } }, { tenant_id: { $exists: false } }] },
        ]) {
          const got = await queryAll(A, { filter });
          expect(got.every((r) => things[A]!.some((own) => own.id === r.id))).toBe(true);
          expect(got.some((r) => bIds.includes(r.id))).toBe(false);
        }
        // With no filter at all, A sees exactly its own records.
        expect((await queryAll(A, { limit: 500 })).map((r) => r.id).sort()).toEqual(things[A]!.map((r) => r.id).sort());
      });
    }
  }
});
