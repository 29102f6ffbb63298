/**
 * Property-based fuzzing of every route of the app (API.md: "Bad input gets a clear 4xx in
 * application/problem+json and changes nothing. A 500 is a bug"; "identifiers in paths follow their
 * patterns, else 400/404 — never a 5xx").
 *
 * - Routes come from the app itself: `printRoutes()` lists every method and path (the `/t/:tenant`
 *   copies, HEAD routes and the documentation routes included), and the OpenAPI document generated
 *   from the route schemas says which query parameters, headers and body each one takes. A new route
 *   is fuzzed without touching this file.
 * - Each request puts hostile values in every place a route reads: path parameters (NUL, lone
 *   surrogates, tens of KB, `..`, `%00`, broken escapes, unicode, SQL/JSONata/regex-looking text, and
 *   the fixtures' real names and ids so the handlers are reached), query parameters (filters, sorts,
 *   cursors, limits, unknown and repeated names), headers (If-Match, Idempotency-Key, X-Tenant-Id,
 *   Host, the credential itself) and bodies shaped by the route's schema with hostile leaves (NUL,
 *   lone surrogates, 1e400 and friends as raw JSON text, deep nesting, wrong types, unknown keys,
 *   oversized arrays), or no JSON at all.
 * - Every response must be below 500, and every 4xx application/problem+json with a `code`.
 *
 * Each route runs its own fast-check property (seed FUZZ_SEED + the route's index; numRuns from
 * FUZZ_RUNS, scaled by how many inputs the route takes): first a deterministic sweep (every SWEEP_*
 * value in every parameter and body property, one at a time), then random requests in which at most
 * one path parameter or the query is hostile, the body calm or hostile, the credential usually right
 * for the plane (keys of every role), sent through `inject` or, one time in five, over a socket
 * (so `..` and raw bytes reach Node's HTTP parser unnormalised). Successful DELETEs only ever hit
 * "victim" fixtures, which are put back, as are fixture collections a PATCH changed.
 * A route keeps being fuzzed after a finding, ignoring kinds already found (a 5xx per handler and
 * cause; a malformed 4xx once for the app), so one report lists every distinct kind of failure, each
 * with the shrunk request that shows it and the server-side error from the log.
 * FUZZ_STATS=1 prints responses per route, status and code, and the time per route.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { PLAN_LIMIT_KEYS } from '../src/tenancy/plans.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { routeTable } from './support/routes.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerWithToken } from './support/http.js';

const SEED = Number(process.env.FUZZ_SEED ?? 0x7e4a47);
/** Random requests per route for each three places it takes input (see runsFor), besides the sweep. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** Distinct kinds of failure looked for per route before moving on. */
const MAX_FINDINGS_PER_ROUTE = 4;
const REQUEST_TIMEOUT_MS = 30_000;

const ADMIN = 'admin-token-for-route-fuzzing';
const BASE_DOMAIN = 'saas.example';

// -------------------------------------------------------------------------------------------------
// Hostile values

/** JSON text spliced in as is: numbers JSON.stringify cannot write (1e400, -0, 20 digits) and deep nesting. */
class RawJson {
  constructor(readonly text: string) {}
}
const raw = (text: string) => new RawJson(text);

/** JSON text of a value that may hold RawJson parts (strings with lone surrogates come out escaped). */
function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encoded URL text: UTF-8 for what has it, the 3-byte form a client would send for a lone surrogate. */
function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** A header value as a server sees it: the UTF-8 bytes read as latin1, minus what HTTP cannot carry. */
function headerSafe(s: string): string {
  return [...Buffer.from(s, 'utf8').toString('latin1')]
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c === 9 || (c >= 0x20 && c !== 0x7f && c <= 0xff);
    })
    .join('');
}

/** fc.oneof that shrinks across its branches, towards the first (the plainest). */
const CROSS = { withCrossShrink: true } as const;

/** `arb` one time in `oneIn`, else null (which it shrinks to). */
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof(CROSS, { weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const LONG = 40_000;
const deepArrays = (n: number) => raw('['.repeat(n) + ']'.repeat(n));
const deepObjects = (n: number) => raw('{"a":'.repeat(n) + '1' + '}'.repeat(n));

const SQL_TEXT = ["'", "''", "'; DROP TABLE records; --", "' OR '1'='1", '1; SELECT pg_sleep(5)', '$1', '$$', "E'\\x00'", '\\x00', 'tenant_id', '";--', '%_'];
const JSONATA_TEXT = [
  'input',
  '$',
  '$$',
  '**',
  '$sum(input)',
  '1/0',
  '$string(1/0)',
  '$number("1e400")',
  '$power(10, 400)',
  '[1..10000000]',
  '$count([1..10000000])',
  '(function($f){$f($f)})(function($f){$f($f)})',
  '$eval("1")',
  '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)',
  '$pad("x", 1000000000)',
  '$formatBase(1e308, 36)',
  '$fromMillis(1e20)',
  '$lookup($, "constructor")',
  'input.__proto__',
  '(',
  '{',
  '$undefinedFunction()',
  '"\\u0000"',
  '"\\ud800"',
];
const REGEX_TEXT = ['(a+)+$', '^(?:a|aa)*$', '.*', '[', '\\', '(?<n>', '\\1(a)', '[^]', '*', '+?', '\\p{L}', '(?<=a)b', '\\u0000'];
const UNICODE_TEXT = ['é', 'İ', 'ß', 'ǅ', 'a\u0301', '\u2028', '\uFEFF', '\uFFFF', '\uFFFE', '\u202Eevil', '👩‍👩‍👧‍👦', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '中文', 'عربى', '\u{10FFFF}'];
const HOSTILE_STRINGS: string[] = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '\uDC00\uD800',
  '..',
  '../..',
  '../../etc/passwd',
  '%00',
  '%2e%2e',
  '/',
  '\\',
  '?',
  '#',
  '%',
  '&',
  '=',
  '\t',
  '\n',
  '\r\n',
  'NULL',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '12345678901234567890',
  '0x10',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  '{"$expr":"1"}',
  'http://169.254.169.254/latest/meta-data',
  'file:///etc/passwd',
  ...SQL_TEXT,
  ...JSONATA_TEXT,
  ...REGEX_TEXT,
  ...UNICODE_TEXT,
];
const LONG_STRINGS = [
  'x'.repeat(LONG),
  'é'.repeat(LONG / 2),
  '😀'.repeat(LONG / 4),
  `${'a'.repeat(LONG)}\u0000`,
  `${'b'.repeat(LONG)}\uD800`,
  '\u0000'.repeat(1000),
];
const ODD_CHARS = ['\u0000', '\uD800', '\uDC00', '%', '.', '/', '\\', "'", '"', '$', '{', '}', '[', ']', ',', ':', ' ', 'a', 'Z', '0', '-', '_', 'é', '😀'];

/** Short hostile strings: fit in a filter or a header. */
const hostileShort: fc.Arbitrary<string> = fc.oneof(
  CROSS,
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...ODD_CHARS), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b) },
);
const hostileString: fc.Arbitrary<string> = fc.oneof(CROSS, { weight: 8, arbitrary: hostileShort }, { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) });

const HOSTILE_NUMBERS = [
  0,
  -1,
  1,
  1.5,
  0.1,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  -(2 ** 63),
  2 ** 31,
  2 ** 31 - 1,
  2 ** 32,
  1e21,
];
const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '1e-400',
  '12345678901234567890',
  '-0',
  '-0.0',
  '2.5e-324',
  '9007199254740993',
  '1E400',
  '1e+400',
  '0.1000000000000000055511151231257827',
  `1${'0'.repeat(400)}`,
  `1.${'0'.repeat(1000)}1`,
];
const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  CROSS,
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...RAW_NUMBERS).map(raw),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const DEEP = [deepArrays(100), deepArrays(1000), deepArrays(100_000), deepObjects(100), deepObjects(65), deepObjects(63), deepObjects(10_000)];

/** Ordinary JSON values, as records hold. */
const plainJson: fc.Arbitrary<unknown> = fc.oneof(
  CROSS,
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom('odd', 'even', 'u1', 'i2', 'abc', ''),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }),
);

/** Any hostile JSON value: the wrong type for nearly every place it lands. */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  CROSS,
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}) },
  { weight: 1, arbitrary: fc.constantFrom(...DEEP) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(...JSONATA_TEXT).map((e) => ({ $expr: e })) },
  { weight: 1, arbitrary: fc.array(hostileShort, { maxLength: 3 }) },
);
/** A value where any JSON goes (record data, run input): plain more often than hostile. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(CROSS, { weight: 3, arbitrary: plainJson }, { weight: 2, arbitrary: hostileJson });

// -------------------------------------------------------------------------------------------------
// Domain values: the fixtures' names and fields, so requests get past the first check

const FIXTURE_NAMES = ['things', 'typed', 'victim', 'reg', 'cls', 'rec', 'flow'];
const FIELDS = ['x', 'y', 'label', 'tags', 'user', 'item', 's', 'id', 'createdAt', 'updatedAt', 'a.b.c', 'x.y', '_', 'data', 'tenant_id'];
const STEP_PARAMS = ['collection', 'filter', 'sort', 'limit', 'records', 'key', 'expression', 'model', 'inputs', 'url', 'method', 'headers', 'body', 'ms'];
const OPERATORS = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$contains',
  '$not',
  '$and',
  '$or',
  '$ilike',
  '$prefix',
  '$regex',
  '$where',
  '$',
  'eq',
];
const TIMES = [
  '2024-01-01T00:00:00Z',
  '2024-01-01',
  '2024-13-45T25:61:61Z',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00.001Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999999999Z',
  '2024-01-01T00:00:00+99:99',
  '2024-02-30T00:00:00Z',
  'infinity',
  '-infinity',
  'epoch',
  'now',
  'allballs',
];
const CRONS = [
  '* * * * *',
  '* * * * * *',
  '0 0 30 2 *',
  '@reboot',
  '@yearly',
  '60 * * * *',
  '*/0 * * * *',
  '0 0 0 0 0',
  'L W # ?',
  '* * * * * * * *',
  '0 0 29 2 1',
];
const TIMEZONES = ['UTC', 'Europe/Paris', 'Etc/GMT+99', 'Mars/Phobos', 'utc', '../../etc/localtime', '+99:00', 'America/Argentina/ComodRivadavia'];
const URLS = [
  'http://127.0.0.1:1/',
  'http://169.254.169.254/',
  'file:///etc/passwd',
  'gopher://x',
  'http://[::1]:99999',
  'http://%00/',
  'https://example.com/\uD800',
  '//x',
  'http:',
];
const SORTS = [
  'x',
  '-x',
  'createdAt',
  '-createdAt,id',
  'id,id,id,id,id',
  'x,y',
  'data.x',
  '-',
  '--x',
  'x,',
  ',',
  '',
  '  x',
  'x;drop',
  'updatedAt,-id,x,createdAt',
];
const JSON_SCHEMAS: unknown[] = [
  {},
  { type: 'object' },
  { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
  { type: 'object', properties: { s: { type: 'string', pattern: '(a+)+$' } } },
  { type: 'object', patternProperties: { '(a|a)*$': { type: 'string' } } },
  { $ref: '#' },
  { $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/a' } } },
  { $ref: 'http://example.com/schema' },
  { $ref: '#/definitions/missing' },
  { $id: 'http://x/y', type: 'object' },
  { $schema: 'http://json-schema.org/draft-04/schema#' },
  { $schema: 'nope' },
  { type: 'strng' },
  { type: ['object', 'null'] },
  { format: 'no-such-format' },
  { properties: { x: { format: 'email' } } },
  { properties: { x: { minLength: 1e308 } } },
  { properties: { x: { multipleOf: 1e-308 } } },
  { properties: { x: { multipleOf: 0 } } },
  { properties: { x: { maximum: raw('1e400') } } },
  { enum: [] },
  { required: ['\u0000'] },
  { required: 'x' },
  { properties: { s: { pattern: '[' } } },
  { properties: { s: { pattern: '\\p{L}' } } },
  { properties: { s: { pattern: '(?<=a)b' } } },
  { if: { required: ['x'] }, then: { required: ['y'] }, else: false },
  { not: {} },
  { allOf: Array.from({ length: 1000 }, () => ({ type: 'object' })) },
  { anyOf: [] },
  { properties: { tags: { type: 'array', uniqueItems: true } } },
  { $data: '0/x' },
  { properties: { x: { const: { $data: '1/y' } } } },
  { unevaluatedProperties: false },
  { propertyNames: { pattern: '^a' } },
  { items: [{}, {}], additionalItems: false },
  { maxProperties: -1 },
  { $defs: { a: { properties: { x: { $ref: '#/$defs/a' } } } }, $ref: '#/$defs/a' },
  // 2^20 expansions through $refs.
  {
    $ref: '#/$defs/d0',
    $defs: Object.fromEntries(
      Array.from({ length: 21 }, (_, i): [string, unknown] => [
        `d${i}`,
        i === 20 ? { type: 'object' } : { allOf: [{ $ref: `#/$defs/d${i + 1}` }, { $ref: `#/$defs/d${i + 1}` }] },
      ]),
    ),
  },
  // Nested 2 levels per step: 30 steps stay under the 64-level limit, 40 do not.
  ...[30, 40].map((n) => Array.from({ length: n }).reduce<unknown>((inner) => ({ properties: { a: inner } }), { type: 'object' })),
];

/** An ASCII tenant-id-shaped string unique to this run: creating one provisions a (pooled or schema) tenant. */
const RUN_PREFIX = tenantId('fz');
const freshTenantId = fc.stringMatching(/^[a-z0-9]{4}$/).map((s) => `${RUN_PREFIX}-${s}`);
const freshName = fc.stringMatching(/^[a-z][a-z0-9_]{2,8}$/);

/** A JSON filter of the records query language, with hostile fields, operators and operands. */
const filterValue: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => {
  const field = fc.oneof(CROSS, { weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: hostileShort });
  const operand = fc.oneof(
    CROSS,
    { weight: 3, arbitrary: fc.oneof(CROSS, fc.integer({ min: -5, max: 20 }), fc.constantFrom('odd', 'even', 'u1', 't1', 'abc')) },
    { weight: 3, arbitrary: hostileJson },
    { weight: 1, arbitrary: fc.constantFrom(...TIMES) },
    { weight: 1, arbitrary: fc.array(fc.oneof(CROSS, fc.integer(), hostileShort), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(Array.from({ length: 501 }, (_, i) => i)) },
  );
  return {
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: fc.tuple(field, operand).map(([f, v]) => ({ [f]: v })) },
      {
        weight: 3,
        arbitrary: fc.tuple(field, fc.oneof(CROSS, fc.constantFrom(...OPERATORS), hostileShort), operand).map(([f, o, v]) => ({ [f]: { [o]: v } })),
      },
      { weight: 1, arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((a) => ({ $and: a })) },
      { weight: 1, arbitrary: fc.array(tie('node'), { maxLength: 3 }).map((a) => ({ $or: a })) },
      { weight: 1, arbitrary: tie('node').map((n) => ({ $not: n })) },
      { weight: 1, arbitrary: fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ ...(a as object), ...(b as object) })) },
    ),
  };
}).node;

const RAW_FILTERS = [
  '',
  ' ',
  'null',
  '[]',
  '1',
  '"x"',
  'true',
  '{',
  'not json',
  '{"x":1e400}',
  '{"x":{"$gt":-1e400}}',
  '{"x":12345678901234567890}',
  '{"x":-0}',
  '{"x":"\\u0000"}',
  '{"x":"\\ud800"}',
  '{"\\u0000":1}',
  '{"\\ud800":1}',
  '{"__proto__":{"x":1}}',
  '{"x":{"$in":{}}}',
  '{"$or":[]}',
  '{"$and":{}}',
  '{"$not":[]}',
  '{"createdAt":{"$gt":"275760-09-13T00:00:00.001Z"}}',
  '{"createdAt":{"$lt":"-271821-04-20T00:00:00Z"}}',
  '{"updatedAt":"0000-01-01T00:00:00Z"}',
  '{"id":{"$gt":1}}',
  '{"id":"not-a-uuid"}',
  `{"x":"${'y'.repeat(8200)}"}`,
  '{"s":{"$contains":"%_\\\\"}}',
  `{"x":${'['.repeat(70)}${']'.repeat(70)}}`,
];
const filterText: fc.Arbitrary<string> = fc.oneof(
  CROSS,
  { weight: 6, arbitrary: filterValue.map(toJson) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_FILTERS) },
  { weight: 1, arbitrary: fc.integer({ min: 14, max: 120 }).map((n) => '{"$not":'.repeat(n) + '{}' + '}'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 95, max: 110 }).map((n) => JSON.stringify({ $and: Array.from({ length: n }, (_, i) => ({ x: i })) })) },
);
const sortText: fc.Arbitrary<string> = fc.oneof(
  CROSS,
  fc.constantFrom(...SORTS),
  fc
    .array(fc.tuple(fc.boolean(), fc.oneof(CROSS, fc.constantFrom(...FIELDS), hostileShort)), { maxLength: 6 })
    .map((parts) => parts.map(([desc, f]) => `${desc ? '-' : ''}${f}`).join(',')),
  hostileString,
);

/**
 * Values by the name of the property, parameter or key they are for (undefined: go by the schema).
 * `calm`: values that pass validation as far as can be told without the database, so the request
 * reaches the handler and the hostile part of it is somewhere else.
 */
function hinted(name: string, calm: boolean): fc.Arbitrary<unknown> | undefined {
  const names = fc.oneof(CROSS, { weight: 5, arbitrary: fc.constantFrom(...FIXTURE_NAMES) }, { weight: 1, arbitrary: freshName });
  const fields = fc.constantFrom(...FIELDS);
  const edgy = <T>(plain: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
    calm ? plain : fc.oneof(CROSS, { weight: 3, arbitrary: plain }, { weight: 1, arbitrary: hostile });
  switch (name) {
    case 'name':
    case 'collection':
    case 'model':
      return names;
    case 'id':
      return fc.oneof(CROSS, { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'load', 'A_1', '-x', '1') }, { weight: 1, arbitrary: freshTenantId });
    case 'tier':
      return edgy(fc.constantFrom('free', 'pro'), fc.constantFrom('FREE', 'platinum', 'enterprise ', ''));
    case 'isolation':
      return edgy(fc.constantFrom('pooled', 'schema'), fc.constantFrom('Pooled', 'database ', 'pooled\u0000', ''));
    case 'cluster':
      return edgy(fc.constant('main'), fc.constantFrom('cell2', 'MAIN', '', '../main'));
    case 'schema':
      return edgy(fc.constantFrom(null, { type: 'object' }, { type: 'object', properties: { x: { type: 'number' } } }), fc.constantFrom(...JSON_SCHEMAS));
    case 'indexes':
    case 'features':
      return fc.uniqueArray(edgy(fields, hostileShort), { maxLength: 4 });
    case 'target':
    case 'user':
    case 'item':
    case 'weight':
    case 'key':
      return fc.oneof(CROSS, fields, fc.constantFrom('u1', 'u2', 'i1', 'nobody'));
    case 'data':
      return recordOf(fields, 0, calm);
    case 'inputs':
      return fc.array(recordOf(fields, 0, calm), { minLength: 1, maxLength: 3 });
    case 'limits':
      return recordOf(fc.constantFrom(...PLAN_LIMIT_KEYS), 0, calm);
    case 'with':
      return recordOf(fc.constantFrom(...STEP_PARAMS), 0, calm);
    case 'needs':
      return fc.uniqueArray(fc.constantFrom('a', 'b', 'load', 'missing'), { maxLength: 3 });
    case 'expression':
      return fc.constantFrom(...JSONATA_TEXT);
    case 'filter':
      return filterValue;
    case 'sort':
      return sortText;
    case 'cron':
      return fc.constantFrom(...CRONS);
    case 'timezone':
      return fc.constantFrom(...TIMEZONES);
    case 'url':
      return fc.constantFrom(...URLS);
    case 'method':
      return fc.constantFrom('GET', 'POST', 'CONNECT', 'TRACE', 'get', '');
    case 'ms':
    case 'limit':
    case 'version':
      return edgy(fc.integer({ min: -2, max: 3 }), hostileNumber);
    default:
      return undefined;
  }
}

/** An object whose keys come from `keys` (or are hostile) and whose values suit the key (or are hostile). */
function recordOf(keys: fc.Arbitrary<string>, depth: number, calm: boolean): fc.Arbitrary<Record<string, unknown>> {
  const value = calm ? plainJson : anyJson;
  const known = keys.chain((k) => fc.tuple(fc.constant(k), depth < 2 ? (hinted(k, calm) ?? value) : value));
  const entry = calm ? known : fc.oneof(CROSS, { weight: 4, arbitrary: known }, { weight: 1, arbitrary: fc.tuple(hostileShort, hostileJson) });
  return fc.array(entry, { maxLength: 4 }).map((entries) => Object.fromEntries(entries));
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
}

const MISSING = Symbol('missing');

/** shaped(), or (not calm) now and then a hostile value of any type instead. */
function fromSchema(schema: JsonSchema | undefined, name: string, depth: number, calm: boolean): fc.Arbitrary<unknown> {
  return calm
    ? shaped(schema, name, depth, true)
    : fc.oneof(CROSS, { weight: 6, arbitrary: shaped(schema, name, depth, false) }, { weight: 1, arbitrary: hostileJson });
}

function boundaryNumbers(schema: JsonSchema): unknown[] {
  const out: unknown[] = [];
  for (const n of [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.default]) {
    if (typeof n === 'number') out.push(n, n - 1, n + 1, n + 0.5);
  }
  return out.length > 0 ? out : [0, 1, -1];
}

/** Strings at a string schema's edges: matching its pattern, at and just past its lengths. */
function schemaStrings(schema: JsonSchema): Array<fc.Arbitrary<string>> {
  const strings: Array<fc.Arbitrary<string>> = [];
  if (schema.pattern) strings.push(fc.stringMatching(new RegExp(schema.pattern)));
  for (const n of [schema.maxLength, schema.minLength]) {
    if (n !== undefined) strings.push(fc.constantFrom('a'.repeat(n), 'a'.repeat(n + 1), 'é'.repeat(n), '😀'.repeat(n)));
  }
  return strings;
}

/**
 * A value shaped by `schema` (the route's own, from the OpenAPI document) and by the names of its
 * properties. Not calm: hostile strings, numbers past the bounds, arrays past their lengths, an
 * unknown property now and then, and any part replaced by a hostile value of another type.
 */
function shaped(schema: JsonSchema | undefined, name: string, depth: number, calm: boolean): fc.Arbitrary<unknown> {
  const hint = depth < 6 ? hinted(name, calm) : undefined;
  const withHint = (arb: fc.Arbitrary<unknown>) => (hint ? fc.oneof(CROSS, arb, hint) : arb);
  if (!schema || depth > 6) return hint ?? (calm ? plainJson : anyJson);
  if (schema.anyOf) return withHint(fc.oneof(CROSS, ...schema.anyOf.map((s) => shaped(s, name, depth, calm))));
  if (schema.enum)
    return calm
      ? fc.constantFrom(...schema.enum)
      : fc.oneof(CROSS, { weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: hostileShort });
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object': {
      if (!schema.properties) return hint ?? recordOf(fc.constantFrom(...FIELDS), depth, calm);
      const required = new Set(schema.required ?? []);
      // Required properties nearly always, optional ones half the time, an unknown one now and then.
      const props = Object.entries(schema.properties).map(([key, s]) => {
        const value = fromSchema(s, key, depth + 1, calm);
        const missing = fc.constant<unknown>(MISSING);
        const maybe = required.has(key)
          ? calm
            ? value
            : fc.oneof(CROSS, { weight: 1, arbitrary: missing }, { weight: 15, arbitrary: value })
          : fc.oneof(CROSS, missing, value);
        return maybe.map((v) => [key, v] as const);
      });
      const unknownKey = fc.tuple(fc.oneof(CROSS, fc.constantFrom('tenant_id', 'id', 'version', 'role', '__proto__'), hostileShort), hostileJson);
      const extra = calm ? fc.constant(null) : sometimes(unknownKey, 10);
      return withHint(
        fc.tuple(fc.tuple(...props), extra).map(([entries, more]) => {
          const out: Record<string, unknown> = Object.fromEntries(entries.filter(([, v]) => v !== MISSING));
          if (more) out[more[0]] = more[1];
          return out;
        }),
      );
    }
    case 'array': {
      const itemName = name.replace(/s$/, '');
      const items = fc.array(fromSchema(schema.items, itemName, depth + 1, calm), { minLength: calm ? (schema.minItems ?? 0) : 0, maxLength: 3 });
      if (calm) return withHint(items);
      // Just inside and just past the bounds, with one item repeated (uniqueItems fails on purpose).
      const item = shaped(schema.items, itemName, depth + 1, false);
      const bounds = [schema.maxItems, schema.maxItems === undefined ? undefined : schema.maxItems + 1].flatMap((n) =>
        n === undefined ? [] : [{ weight: 1, arbitrary: item.map((v) => Array.from({ length: n }, () => v)) }],
      );
      return withHint(fc.oneof(CROSS, { weight: 6, arbitrary: items }, ...bounds));
    }
    case 'string': {
      if (calm) return hint ?? fc.constantFrom('a', 'abc', 'x_1');
      const strings = [hostileString, ...schemaStrings(schema)];
      return hint ? fc.oneof(CROSS, { weight: 3, arbitrary: hint }, ...strings) : fc.oneof(CROSS, ...strings);
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1);
      if (calm) return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? 100, min + 100)) });
      return withHint(fc.oneof(CROSS, fc.constantFrom(...boundaryNumbers(schema)), hostileNumber));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hint ?? (calm ? plainJson : anyJson);
  }
}

// -------------------------------------------------------------------------------------------------
// Routes, from the app

type Plane = 'control' | 'data' | 'open';

interface OpenApiParameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema: JsonSchema;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface Route {
  method: string;
  /** Fastify's path, e.g. `/t/:tenant/v1/collections/:name`. */
  path: string;
  plane: Plane;
  operation?: OpenApiOperation;
}

const TENANT_IN_PATH: OpenApiParameter = { in: 'path', name: 'tenant', schema: { type: 'string', minLength: 1, maxLength: 64 } };

function routesOf(app: TenantryApp): Route[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const operationOf = (path: string, method: string) => doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  return routeTable(app)
    .map(({ method, path }) => {
      const bare = path.replace(/^\/t\/:tenant/, '');
      // A /t/{tenant} copy is documented once, as its /v1 operation (under a second server); its own
      // parameter is the tenant (TenantInPath in src/api/routes/data-plane.ts).
      const documented = operationOf(bare, method);
      const operation =
        bare === path || !documented ? operationOf(path, method) : { ...documented, parameters: [TENANT_IN_PATH, ...(documented.parameters ?? [])] };
      // API.md: the control plane is /v1/tenants… and /v1/operations…; the rest of /v1 is the data plane.
      const plane: Plane = /^\/v1\/(tenants|operations|platform)(\/|$)/.test(bare) ? 'control' : bare.startsWith('/v1/') ? 'data' : 'open';
      return { method, path, plane, operation };
    })
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

// -------------------------------------------------------------------------------------------------
// Requests

/** A path or header part: text as sent, or a fixture resolved when the request is built. */
type Part =
  | { text: string }
  /** `of`: the path segment before a `name` or `id` (collections, models, workflows; records, runs, api-keys). */
  | { fixture: 'own' | 'other' | 'controlTenant' | 'missingTenant' | 'name' | 'id'; index: number; of?: string };

interface Spec {
  via: 'inject' | 'http';
  credential: number;
  location: { params: Array<[string, Part]>; query: string };
  headers: Array<[string, Part]>;
  body: { contentType: string | null; text: string } | null;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  credential: string;
}

interface Received {
  status: number;
  contentType: string;
  body: string;
  serverErrors: string[];
}

const RAW_SEGMENTS = [
  '%00',
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%80',
  '%C0%AE%C0%AE',
  '%FF',
  'a%2Fb',
  '%2F',
  '%5C',
  '%25',
  '%u0000',
  'a;b=c',
  '%20',
  '~',
  "!$&'()*+,;=:@",
  'x'.repeat(LONG),
];
const WILDCARD_TAILS = [
  '../../package.json',
  '..%2F..%2Fpackage.json',
  'static/../../../package.json',
  '%2e%2e/%2e%2e/etc/passwd',
  'static/index.html%00',
  'static/',
  'json',
  'yaml',
];
const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;',
  'application/json; charset=',
  'application/jsonp',
  'text/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '*/*',
  '',
  'application/json, text/plain',
  ';',
  'ÿ/ÿ',
];
const RAW_BODIES = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '-0',
  '1e400',
  '"x"',
  '[]',
  '{}',
  '{',
  '{"a":',
  '}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '\uFEFF{}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"\\u0000":1}',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"a":"\\u00"}',
  `{"a":"${'x'.repeat(1_100_000)}"}`,
  '['.repeat(100_000),
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
];
const CALM_FILTERS = [
  '{}',
  '{"x":1}',
  '{"x":{"$gte":3}}',
  '{"label":"odd","$or":[{"x":1},{"y":{"$lt":5}}]}',
  '{"tags":{"$contains":"t1"}}',
  '{"createdAt":{"$gt":"2020-01-01T00:00:00Z"}}',
  '{"$not":{"user":{"$in":["u1","u2"]}}}',
  '{"s":{"$exists":true}}',
];
const LIMITS = [
  '1',
  '500',
  '501',
  '0',
  '-1',
  '1.5',
  '1e400',
  '-0',
  '12345678901234567890',
  '',
  'abc',
  '0x10',
  ' 1',
  '1,2',
  '[1]',
  'null',
  'Infinity',
  '-Infinity',
  '1E400',
  '+1',
  '1e2',
  '0b1',
  'true',
];
/**
 * The sweep (see sweepFor): every one of these in every path parameter, query parameter, header and
 * body property of every route, one at a time, the rest of the request valid.
 */
const SWEEP_SEGMENTS = [
  'a%00b',
  '%ED%A0%80',
  'x'.repeat(LONG),
  '',
  '..',
  '%2e%2e',
  '%',
  "'%20OR%20'1'%3D'1",
  '%24string(1%2F0)',
  '(a%2B)%2B%24',
  '%F0%9F%98%80',
  'Infinity',
  '1e400',
];
const SWEEP_STRINGS = [
  'a\u0000b',
  '\uD800',
  'x'.repeat(LONG),
  '',
  'Infinity',
  '-Infinity',
  '1e400',
  '-0',
  '12345678901234567890',
  "' OR '1'='1",
  '$string(1/0)',
  '(a+)+$',
  '😀',
  '{"x":1e400}',
  '['.repeat(100),
];
const SWEEP_VALUES: unknown[] = [
  'a\u0000b',
  '\uD800',
  'x'.repeat(LONG),
  '',
  raw('1e400'),
  raw('-0'),
  raw('12345678901234567890'),
  raw('1e-400'),
  1e308,
  {},
  [],
  deepArrays(100),
  deepObjects(100),
  "' OR '1'='1",
  '$string(1/0)',
  '(a+)+$',
];
const IF_MATCH = ['1', '"1"', 'W/"1"', '*', '0', '"0"', '99999999999', '-1', '1e400', '"', '""', 'W/', '1, 2', ' 1 ', '"12345678901"', '4294967296'];
const CREDENTIAL_TEXT = [
  '',
  'Bearer',
  'Bearer ',
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${ADMIN}x`,
  `bearer ${ADMIN}`,
  `Bearer  ${ADMIN}`,
  'Bearer tnty_',
  `Bearer tnty_0123456789abcdef_${'A'.repeat(43)}`,
  `Bearer tnty_${'x'.repeat(2000)}`,
  'Bearer a.b.c',
  'Bearer eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiJ4In0.',
];

describe(`every route answers hostile input with a 4xx problem, never a 5xx (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let port = 0;
  // A connection per request: a server that answers and closes (431, a parse error) leaves nothing behind.
  const agent = new http.Agent({ keepAlive: false });
  const logLines: string[] = [];
  let routes: Route[] = [];

  const P = tenantId('fz-pool');
  const S = tenantId('fz-schm');
  const C = tenantId('fz-ctrl');

  interface DataTenant {
    id: string;
    keys: Record<'admin' | 'member' | 'viewer', string>;
    recordIds: string[];
    victimRecordIds: string[];
    runIds: string[];
    victimKeyIds: string[];
    cursors: string[];
  }
  const tenants: DataTenant[] = [];
  const controlCursors: string[] = [];
  /** Each: a label for reports, the Authorization header (none: undefined), and the tenant it is for. */
  const credentials: Array<{ label: string; header: string | undefined; tenant?: DataTenant; plane: Plane | 'hostile'; weight: number }> = [];

  const TYPED_SCHEMA = {
    type: 'object',
    properties: { x: { type: 'number' }, s: { type: 'string', pattern: '^[a-z]*$', maxLength: 10 }, tags: { type: 'array', uniqueItems: true } },
    required: ['x'],
  };

  /** Set-up requests: `call(token, method, url, payload?)`. */
  const call = callerWithToken(() => app);
  const expectStatus = async (promise: ReturnType<typeof call>, status: number) => {
    const res = await promise;
    if (res.statusCode !== status) throw new Error(`setup: expected ${status}, got ${res.statusCode}`);
    return res.json();
  };

  async function issueVictimKey(tenant: DataTenant): Promise<void> {
    const res = await call(ADMIN, 'POST', `/v1/tenants/${tenant.id}/api-keys`, { name: 'victim', role: 'viewer' });
    if (res.statusCode !== 201) throw new Error(`setup: victim key ${res.statusCode}`);
    tenant.victimKeyIds.push(res.json().id);
  }

  /** What DELETE routes may destroy: the `victim` collection with records, the `victim` workflow, victim keys. */
  async function ensureVictims(tenant: DataTenant): Promise<void> {
    const admin = tenant.keys.admin;
    if ((await call(admin, 'GET', '/v1/collections/victim')).statusCode === 404) {
      await expectStatus(call(admin, 'POST', '/v1/collections', { name: 'victim' }), 201);
    }
    let items = (await expectStatus(call(admin, 'GET', '/v1/collections/victim/records?limit=500'), 200)).items as Array<{ id: string }>;
    if (items.length < 2) {
      await expectStatus(
        call(admin, 'POST', '/v1/collections/victim/records/bulk', { records: [{ data: { n: 1 } }, { data: { n: 2 } }, { data: { n: 3 } }] }),
        201,
      );
      items = (await expectStatus(call(admin, 'GET', '/v1/collections/victim/records?limit=500'), 200)).items;
    }
    tenant.victimRecordIds.splice(0, Infinity, ...items.map((r) => r.id));
    if ((await call(admin, 'GET', '/v1/workflows/victim')).statusCode === 404) {
      await expectStatus(call(admin, 'PUT', '/v1/workflows/victim', { steps: [{ id: 'wait', kind: 'delay', with: { ms: 1 } }] }), 201);
    }
    const live = new Set(((await expectStatus(call(admin, 'GET', '/v1/api-keys?limit=500'), 200)).items as Array<{ id: string }>).map((k) => k.id));
    tenant.victimKeyIds.splice(0, Infinity, ...tenant.victimKeyIds.filter((id) => live.has(id)));
    while (tenant.victimKeyIds.length < 2) await issueVictimKey(tenant);
  }

  /** Undo a successful PATCH of a fixture collection, so later requests still reach the records code. */
  async function resetCollections(tenant: DataTenant): Promise<void> {
    for (const [name, schema, indexes] of [
      ['things', null, ['x']],
      ['typed', TYPED_SCHEMA, []],
    ] as const) {
      const res = await call(tenant.keys.admin, 'GET', `/v1/collections/${name}`);
      if (res.statusCode !== 200) throw new Error(`fixture collection ${name} is gone: ${res.statusCode}`);
      const now = res.json();
      if (JSON.stringify(now.schema) !== JSON.stringify(schema) || JSON.stringify(now.indexes) !== JSON.stringify(indexes)) {
        await expectStatus(call(tenant.keys.admin, 'PATCH', `/v1/collections/${name}`, { schema, indexes }), 200);
      }
    }
  }

  async function setUpTenant(id: string): Promise<DataTenant> {
    const keys = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    const tenant: DataTenant = { id, keys, recordIds: [], victimRecordIds: [], runIds: [], victimKeyIds: [], cursors: [] };
    const admin = keys.admin;
    await expectStatus(call(admin, 'POST', '/v1/collections', { name: 'things', indexes: ['x'] }), 201);
    await expectStatus(call(admin, 'POST', '/v1/collections', { name: 'typed', schema: TYPED_SCHEMA }), 201);
    const data = Array.from({ length: 12 }, (_, i) => ({
      x: i,
      y: 2 * i + 1,
      label: i % 2 ? 'odd' : 'even',
      user: `u${i % 4}`,
      item: `i${i % 5}`,
      tags: [`t${i % 3}`],
      s: 'abc',
    }));
    const created = await expectStatus(call(admin, 'POST', '/v1/collections/things/records/bulk', { records: data.map((d) => ({ data: d })) }), 201);
    tenant.recordIds.push(...(created.items as Array<{ id: string }>).map((r) => r.id));
    const typed = await expectStatus(
      call(admin, 'POST', '/v1/collections/typed/records/bulk', { records: [{ data: { x: 1, s: 'a' } }, { data: { x: 2 } }] }),
      201,
    );
    tenant.recordIds.push(...(typed.items as Array<{ id: string }>).map((r) => r.id));
    await expectStatus(call(admin, 'POST', '/v1/models', { name: 'reg', kind: 'regression', collection: 'things', features: ['x'], target: 'y' }), 202);
    await expectStatus(
      call(admin, 'POST', '/v1/models', { name: 'cls', kind: 'classification', collection: 'things', features: ['x', 's'], target: 'label' }),
      202,
    );
    await expectStatus(
      call(admin, 'POST', '/v1/models', { name: 'rec', kind: 'recommendation', collection: 'things', fields: { user: 'user', item: 'item' } }),
      202,
    );
    await expectStatus(call(admin, 'PUT', '/v1/workflows/flow', { steps: [{ id: 'a', kind: 'transform', with: { expression: 'input' } }] }), 201);
    for (let i = 0; i < 2; i++) tenant.runIds.push((await expectStatus(call(admin, 'POST', '/v1/workflows/flow/runs', { input: { i } }), 202)).id);
    await ensureVictims(tenant);
    for (const url of ['/v1/collections/things/records?limit=1', '/v1/workflows?limit=1', '/v1/api-keys?limit=1', '/v1/workflows/flow/runs?limit=1']) {
      const next = (await expectStatus(call(admin, 'GET', url), 200)).nextCursor;
      if (typeof next === 'string') tenant.cursors.push(next);
    }
    return tenant;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({
      tenantry: t,
      adminToken: ADMIN,
      cursorSecret: 'c',
      baseDomain: BASE_DOMAIN,
      addressLimits: { authFailuresPerMinute: 1_000_000, controlRequestsPerMinute: 1_000_000 },
      logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
    });
    await app.ready();
    routes = routesOf(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;

    await t.tenants.create({ id: P });
    await t.tenants.create({ id: S, isolation: 'schema' });
    await t.tenants.create({ id: C });
    for (const id of [P, S, C]) await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
    tenants.push(await setUpTenant(P), await setUpTenant(S));
    await app.models.idle();
    for (const tenant of tenants) {
      for (const name of ['reg', 'cls', 'rec']) {
        const model = await expectStatus(call(tenant.keys.viewer, 'GET', `/v1/models/${name}`), 200);
        if (model.status !== 'ready') throw new Error(`setup: model ${name} of ${tenant.id} is ${model.status}: ${JSON.stringify(model.versions)}`);
      }
    }
    const next = (await expectStatus(call(ADMIN, 'GET', '/v1/tenants?limit=1'), 200)).nextCursor;
    if (typeof next === 'string') controlCursors.push(next);

    credentials.push({ label: 'admin token', header: `Bearer ${ADMIN}`, plane: 'control', weight: 1 });
    // Mostly admin keys, which every route admits, so requests get past the role check.
    for (const tenant of tenants) {
      for (const [role, weight] of [
        ['admin', 5],
        ['member', 2],
        ['viewer', 1],
      ] as const) {
        credentials.push({ label: `${role} key of ${tenant.id}`, header: `Bearer ${tenant.keys[role]}`, tenant, plane: 'data', weight });
      }
    }
    credentials.push({ label: 'no credential', header: undefined, plane: 'hostile', weight: 1 });
    for (const text of CREDENTIAL_TEXT) credentials.push({ label: JSON.stringify(text.slice(0, 60)), header: text, plane: 'hostile', weight: 1 });
  });

  afterAll(async () => {
    agent.destroy();
    await app?.close();
    await env?.cleanup();
  });

  // ---- building and sending one request --------------------------------------------------------

  function resolve(part: Part, tenant: DataTenant, method: string, encode: boolean): string {
    if ('text' in part) return part.text;
    const pick = (list: readonly string[]) => list[part.index % list.length] ?? 'none';
    const other = tenants.find((x) => x !== tenant)!;
    const text = {
      own: () => tenant.id,
      other: () => other.id,
      controlTenant: () => pick([C, C, 'no-such-tenant', 'abc']),
      missingTenant: () => 'no-such-tenant',
      // DELETE only ever reaches the victims, so the fixtures stay for the rest of the run. One time
      // in five the name or id is of another kind (a model's name for a collection, a run's id for a record).
      name: () => {
        if (method === 'DELETE') return 'victim';
        const names: Record<string, string[]> = { collections: ['things', 'typed', 'victim'], models: ['reg', 'cls', 'rec'], workflows: ['flow', 'victim'] };
        return pick(part.index % 5 === 4 ? FIXTURE_NAMES : (names[part.of ?? ''] ?? FIXTURE_NAMES));
      },
      id: () => {
        const deletable = [...tenant.victimRecordIds, ...tenant.victimKeyIds];
        const ids: Record<string, string[]> = {
          records: method === 'DELETE' ? tenant.victimRecordIds : tenant.recordIds,
          runs: tenant.runIds,
          'api-keys': tenant.victimKeyIds,
        };
        const all =
          method === 'DELETE'
            ? deletable
            : [...tenant.recordIds, ...tenant.runIds, ...tenant.victimKeyIds, ...other.recordIds, '00000000-0000-7000-8000-000000000000'];
        return pick(part.index % 5 === 4 ? all : (ids[part.of ?? ''] ?? all));
      },
    }[part.fixture]();
    return encode ? pct(text) : text;
  }

  function build(route: Route, spec: Spec): Sent {
    const credential = credentials[spec.credential % credentials.length]!;
    const tenant = credential.tenant ?? tenants[0]!;
    const params = new Map(spec.location.params);
    const path = route.path.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => resolve(params.get(name ?? '*')!, tenant, route.method, true));
    const headers: Record<string, string> = {};
    if (credential.header !== undefined) headers.authorization = credential.header;
    for (const [name, part] of spec.headers) {
      const text = resolve(part, tenant, route.method, false);
      // A tenant named by subdomain: `<id>.saas.example`.
      headers[name] = headerSafe(name === 'host' && !('text' in part) ? `${text}.${BASE_DOMAIN}` : text);
    }
    if (spec.body?.contentType !== null && spec.body?.contentType !== undefined) headers['content-type'] = spec.body.contentType;
    return {
      method: route.method,
      url: path + (spec.location.query === '' ? '' : `?${spec.location.query}`),
      headers,
      body: spec.body?.text,
      credential: credential.label,
    };
  }

  async function send(sent: Sent, via: Spec['via']): Promise<Received> {
    logLines.length = 0;
    const response = via === 'inject' ? sendInject(sent) : sendHttp(sent);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Received>((resolveTimeout) => {
      timer = setTimeout(
        () => resolveTimeout({ status: 0, contentType: '', body: `no response within ${REQUEST_TIMEOUT_MS} ms`, serverErrors: [] }),
        REQUEST_TIMEOUT_MS,
      );
    });
    const received = await Promise.race([response, timeout]).finally(() => clearTimeout(timer));
    received.serverErrors = logLines.flatMap((line) => {
      const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; code?: string; message?: string; stack?: string } };
      if (!entry.err) return [];
      const stack = (entry.err.stack ?? '').split('\n').slice(1, 5).join(' | ');
      return [
        `${entry.msg}: ${entry.err.type ?? 'Error'}${entry.err.code ? ` [${entry.err.code}]` : ''}: ${entry.err.message} @ ${stack.replace(/\s+/g, ' ')}`,
      ];
    });
    return received;
  }

  async function sendInject(sent: Sent): Promise<Received> {
    const res = await app.inject({
      method: sent.method as 'GET',
      url: sent.url,
      headers: sent.headers,
      ...(sent.body !== undefined && { payload: sent.body }),
    });
    return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body, serverErrors: [] };
  }

  /** Over a socket, so the URL arrives exactly as written (`..` and all), parsed by Node's HTTP parser. */
  function sendHttp(sent: Sent): Promise<Received> {
    return new Promise((resolveResponse) => {
      const fail = (error: Error) => resolveResponse({ status: -1, contentType: '', body: `client error: ${error.message}`, serverErrors: [] });
      try {
        const headers = { ...sent.headers, ...(sent.body !== undefined && { 'content-length': String(Buffer.byteLength(sent.body)) }) };
        const req = http.request({ host: '127.0.0.1', port, method: sent.method, path: sent.url, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolveResponse({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
              serverErrors: [],
            }),
          );
          res.on('error', fail);
        });
        req.on('error', fail);
        req.end(sent.body);
      } catch (error) {
        fail(error as Error);
      }
    });
  }

  /** What is wrong with a response, as a signature (the same bug gives the same one), or undefined. */
  function violation(sent: Sent, received: Received): string | undefined {
    if (received.status === -1) return undefined; // the client refused to send it: nothing reached the server
    if (received.status === 0) return 'no response';
    if (received.status >= 500) {
      const cause = (received.serverErrors[0] ?? received.body).replace(/@.*$/, '').replace(/'[^']*'|"[^"]*"|\d+/g, '…');
      return `${received.status}: ${cause.slice(0, 160)}`;
    }
    if (received.status < 400) return undefined;
    if (!received.contentType.startsWith('application/problem+json')) {
      let code: string;
      try {
        code = String((JSON.parse(received.body) as { code?: unknown }).code ?? '');
      } catch {
        code = received.body.slice(0, 40);
      }
      return `${received.status} as ${received.contentType || 'no content type'} (not application/problem+json) ${code}`;
    }
    if (sent.method === 'HEAD') return undefined;
    try {
      const problem = JSON.parse(received.body) as { code?: unknown; status?: unknown };
      if (typeof problem.code !== 'string' || problem.code === '') return `${received.status} problem without a code`;
      if (problem.status !== received.status) return `${received.status} problem whose status says ${String(problem.status)}`;
    } catch {
      return `${received.status} problem+json that is not JSON`;
    }
    return undefined;
  }

  // ---- generating requests for one route ---------------------------------------------------------

  function specFor(route: Route): fc.Arbitrary<Spec> {
    const operation = route.operation;
    const parameters = operation?.parameters ?? [];
    const paramSchema = (name: string) => parameters.find((p) => p.in === 'path' && p.name === name)?.schema;

    // The plane's own credentials 8 times in 9 (by weight), the others (wrong plane, malformed, none) the rest.
    const plane = route.plane === 'open' ? 'data' : route.plane;
    const weighted = (mine: boolean) => credentials.flatMap((c, i) => ((c.plane === plane) === mine ? [{ weight: c.weight, arbitrary: fc.constant(i) }] : []));
    const credential = fc.oneof(CROSS, { weight: 8, arbitrary: fc.oneof(...weighted(true)) }, { weight: 1, arbitrary: fc.oneof(...weighted(false)) });

    const hostileSegment: fc.Arbitrary<Part> = fc.oneof(
      CROSS,
      { weight: 3, arbitrary: hostileString.map((s) => ({ text: pct(s) })) },
      { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((text) => ({ text })) },
    );
    const fixture = (kind: Extract<Part, { fixture: string }>['fixture'], of?: string) =>
      fc.nat({ max: 63 }).map((index): Part => ({ fixture: kind, index, of }));
    // Each path parameter has a valid value (a fixture: the caller's tenant, a real name or id) and a
    // hostile one.
    const validParam = (name: string): fc.Arbitrary<Part> => {
      if (name === '*') return fc.constantFrom(...WILDCARD_TAILS).map((text) => ({ text }));
      if (name === 'tenant') return fixture('own');
      const of = new RegExp(`([^/]+)/:${name}(/|$)`).exec(route.path)?.[1];
      return route.plane === 'control' ? fixture('controlTenant') : fixture(name === 'name' ? 'name' : 'id', of);
    };
    const hostileParam = (name: string): fc.Arbitrary<Part> => {
      const schema = paramSchema(name);
      const edges = (schema ? schemaStrings(schema) : []).map((arb) => ({ weight: 1, arbitrary: arb.map((v): Part => ({ text: pct(v) })) }));
      const others = name === 'tenant' ? [{ weight: 1, arbitrary: fixture('other') }] : [];
      return fc.oneof(CROSS, { weight: 4, arbitrary: hostileSegment }, ...edges, ...others);
    };
    const names = [...route.path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');

    // Query: calm, each declared parameter maybe with an ordinary value; or hostile, declared ones with
    // edge values, unknown and repeated names, or a raw query string.
    const cursors = [...controlCursors, ...tenants.flatMap((x) => x.cursors)];
    const calmValue = (p: OpenApiParameter): fc.Arbitrary<string> =>
      ({
        filter: fc.constantFrom(...CALM_FILTERS),
        sort: fc.constantFrom('x', '-x', 'createdAt', '-createdAt,id', 'updatedAt'),
        cursor: fc.constantFrom(...cursors),
        limit: fc.integer({ min: 1, max: 500 }).map(String),
      })[p.name] ?? shaped(p.schema, p.name, 0, true).map((v) => (typeof v === 'string' ? v : toJson(v)));
    const hostileValue = (p: OpenApiParameter): fc.Arbitrary<string> => {
      const byName: Record<string, fc.Arbitrary<string>> = {
        filter: filterText,
        sort: sortText,
        cursor: fc.oneof(
          CROSS,
          fc.constantFrom(...cursors, 'x', '.', 'a.b.c', 'eyJ9.', `${Buffer.from('{"after":"x"}').toString('base64url')}.${'A'.repeat(43)}`),
          hostileString,
        ),
        limit: fc.constantFrom(...LIMITS),
      };
      return fc.oneof(
        CROSS,
        { weight: 3, arbitrary: byName[p.name] ?? shaped(p.schema, p.name, 0, false).map((v) => (typeof v === 'string' ? v : toJson(v))) },
        { weight: 1, arbitrary: hostileString },
      );
    };
    const declared = parameters.filter((p) => p.in === 'query');
    const pair = (name: string, value: string) => `${pct(name)}=${pct(value)}`;
    const present = (list: Array<string | null>) => list.filter((p): p is string => p !== null);
    // A cursor is bound to its list: a calm query has none.
    const calmPairs = fc.tuple(...declared.map((p) => (p.name === 'cursor' ? fc.constant(null) : sometimes(calmValue(p), 2))));
    const calmQuery = calmPairs.map((values) => present(declared.map((p, i) => (values[i] === null ? null : pair(p.name, values[i]!)))).join('&'));
    const extras = fc.array(fc.tuple(fc.oneof(CROSS, fc.constantFrom(...declared.map((p) => p.name), 'tenant_id'), hostileShort), hostileShort), {
      minLength: 1,
      maxLength: 2,
    });
    // One declared parameter hostile (the others calm or absent), or unknown and repeated names, or a
    // raw query string.
    const oneHostile =
      declared.length === 0
        ? []
        : [
            {
              weight: 4,
              arbitrary: fc
                .tuple(calmPairs, fc.tuple(...declared.map(hostileValue)), fc.nat({ max: declared.length - 1 }))
                .map(([calm, hostile, at]) =>
                  present(declared.map((p, i) => (i === at ? pair(p.name, hostile[i]!) : calm[i] === null ? null : pair(p.name, calm[i]!)))).join('&'),
                ),
            },
          ];
    const hostileQuery = fc.oneof(
      CROSS,
      ...oneHostile,
      {
        weight: 1,
        arbitrary: fc.tuple(calmQuery, extras).map(([calm, extra]) => [calm, ...extra.map(([k, v]) => pair(k, v))].filter((q) => q !== '').join('&')),
      },
      { weight: 1, arbitrary: fc.constantFrom('%', 'a=%zz', '&&&', '=', 'limit=1&limit=2', 'filter', 'a=1&'.repeat(2000), '%00=%00', 'cursor=%ED%A0%80') },
    );

    // Each path parameter has a valid value (a fixture: the caller's tenant, a real name or id) and a
    // hostile one. At most one path parameter, or the query, is hostile in a request, so the rest of
    // it lets the hostile part get as far as it can.
    const focus = fc.oneof(
      CROSS,
      { weight: 2, arbitrary: fc.constant(-1) },
      ...(names.length > 0 ? [{ weight: 3, arbitrary: fc.nat({ max: names.length - 1 }) }] : []),
      { weight: declared.length > 0 ? 3 : 1, arbitrary: fc.constant(names.length) },
    );
    const location = fc
      .tuple(fc.tuple(...names.map(validParam)), fc.tuple(...names.map(hostileParam)), calmQuery, hostileQuery, focus)
      .map(([valid, hostile, calm, wild, at]) => ({
        params: names.map((name, i): [string, Part] => [name, i === at ? hostile[i]! : valid[i]!]),
        query: at === names.length ? wild : calm,
      }));

    // Headers: the declared ones (If-Match, Idempotency-Key), and ones every request may carry.
    const headerValue = (name: string): fc.Arbitrary<Part> => {
      const known: Record<string, fc.Arbitrary<Part>> = {
        'if-match': fc.constantFrom(...IF_MATCH).map((text) => ({ text })),
        'idempotency-key': fc.constantFrom('k1', 'same', 'x'.repeat(200), 'x'.repeat(201), ' ', 'é').map((text) => ({ text })),
        'x-tenant-id': fc.oneof(CROSS, { weight: 3, arbitrary: fixture('own') }, { weight: 1, arbitrary: fixture('other') }),
        // A subdomain of BASE_DOMAIN (see build).
        host: fc.oneof(CROSS, { weight: 3, arbitrary: fixture('own') }, { weight: 1, arbitrary: fixture('other') }),
      };
      return fc.oneof(
        CROSS,
        { weight: 3, arbitrary: known[name] ?? hostileShort.map((text) => ({ text })) },
        { weight: 1, arbitrary: hostileString.map((text) => ({ text })) },
      );
    };
    const declaredHeaders = parameters.filter((p) => p.in === 'header').map((p) => p.name);
    const headers = fc
      .tuple(
        ...[...declaredHeaders, 'x-tenant-id', 'x-request-id', 'host'].map((name) =>
          sometimes(
            headerValue(name).map((part) => [name, part] as [string, Part]),
            declaredHeaders.includes(name) ? 2 : 8,
          ),
        ),
      )
      .map((list) => list.filter((h): h is [string, Part] => h !== null));

    // Body: shaped by the route's schema (hostile leaves), or the wrong type, or not JSON.
    const schema = operation?.requestBody?.content['application/json']?.schema;
    const json = (v: unknown) => ({ contentType: 'application/json' as string | null, text: toJson(v) });
    const bodies = fc.oneof(
      CROSS,
      { weight: 4, arbitrary: (schema ? shaped(schema, '', 0, true) : plainJson).map(json) },
      { weight: 4, arbitrary: (schema ? shaped(schema, '', 0, false) : hostileJson).map(json) },
      { weight: 1, arbitrary: hostileJson.map(json) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ contentType: 'application/json' as string | null, text })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            schema ? shaped(schema, '', 0, true) : hostileJson,
            fc.oneof(CROSS, fc.constantFrom<string | null>(null, ...CONTENT_TYPES), hostileShort.map(headerSafe)),
          )
          .map(([v, contentType]) => ({ contentType, text: toJson(v) })),
      },
    );
    // Bodies where the route takes one; sometimes on the others too.
    const [withBody, without] = schema ? [11, 1] : ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) ? [2, 1] : [1, 5];

    return fc.record({
      via: fc.oneof(CROSS, { weight: 4, arbitrary: fc.constant<'inject'>('inject') }, { weight: 1, arbitrary: fc.constant<'http'>('http') }),
      credential,
      location,
      headers,
      body: fc.oneof(CROSS, { weight: without, arbitrary: fc.constant(null) }, { weight: withBody, arbitrary: bodies }),
    });
  }

  /** After a successful change of fixtures, put them back so later requests still go deep. */
  async function repair(route: Route, sent: Sent, received: Received): Promise<void> {
    if (received.status < 200 || received.status >= 300) return;
    // The control plane's only target is C (never the data-plane tenants): should a route ever delete
    // it, it comes back (best effort: a deletion may still be under way).
    if (route.plane === 'control' && route.method === 'DELETE') await t.tenants.create({ id: C }).catch(() => {});
    const credential = credentials.find((c) => c.label === sent.credential);
    const tenant = credential?.tenant;
    if (!tenant) return;
    if (route.method === 'DELETE') await ensureVictims(tenant);
    if (route.method === 'PATCH' && /\/collections\/:name$/.test(route.path)) await resetCollections(tenant);
  }

  interface Finding {
    route: string;
    signature: string;
    seed: number;
    path: string | null;
    sent: Sent;
    via: Spec['via'];
    received: Received;
  }

  const clip = (s: string, n = 400) => (s.length > n ? `${JSON.stringify(s.slice(0, n))}… (${s.length} chars)` : JSON.stringify(s));
  function report(f: Finding): string {
    const headers = Object.entries(f.sent.headers)
      .filter(([k]) => k !== 'authorization')
      .map(([k, v]) => `${k}: ${clip(v, 120)}`);
    return [
      `${f.route} — ${f.signature}`,
      `  request (${f.via}): ${f.sent.method} ${clip(f.sent.url, 300)} as ${f.sent.credential}${headers.length ? `; headers ${headers.join('; ')}` : ''}`,
      `  body: ${f.sent.body === undefined ? '(none)' : clip(f.sent.body)}`,
      `  response: ${f.received.status} ${f.received.contentType} ${clip(f.received.body, 300)}`,
      ...f.received.serverErrors.map((e) => `  server: ${clip(e, 700)}`),
      `  replay: FUZZ_SEED=${SEED} (route seed ${f.seed}, path ${f.path})`,
    ].join('\n');
  }

  /** FUZZ_STATS=1: responses per route, status and code, printed at the end (to see how deep requests get). */
  const stats = new Map<string, number>();
  afterAll(() => {
    if (process.env.FUZZ_STATS)
      console.log(
        [...stats]
          .map(([k, n]) => `${k}: ${n}`)
          .sort()
          .join('\n'),
      );
  });
  /**
   * The deterministic part, run first as fast-check examples: for a route (not its HEAD copy, which
   * shares GET's handler), requests with every SWEEP_* value in one place and the rest valid — each
   * path parameter, each declared query parameter and header, and the body's properties (first eight
   * places, four deep, and a key `x` of its own in free-form objects such as `data`).
   */
  function sweepFor(route: Route): Spec[] {
    if (route.method === 'HEAD') return [];
    // A /t/{tenant} copy shares its handler with the /v1 route: only its own parameter is swept.
    const copy = route.path.startsWith('/t/');
    const parameters = route.operation?.parameters ?? [];
    const credential = credentials.findIndex((c) => (route.plane === 'control' ? c.plane === 'control' : c.label === `admin key of ${tenants[0]!.id}`));
    const names = [...route.path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
    const valid = names.map((name): [string, Part] => {
      if (name === '*') return [name, { text: 'json' }];
      if (name === 'tenant') return [name, { fixture: 'own', index: 0 }];
      const of = new RegExp(`([^/]+)/:${name}(/|$)`).exec(route.path)?.[1];
      return [name, route.plane === 'control' ? { fixture: 'controlTenant', index: 0 } : { fixture: name === 'name' ? 'name' : 'id', index: 0, of }];
    });
    const schema = route.operation?.requestBody?.content['application/json']?.schema;
    const calm = schema ? fc.sample(shaped(schema, '', 0, true), { seed: SEED, numRuns: 1 })[0] : undefined;
    const body = (value: unknown) => (value === undefined ? null : { contentType: 'application/json', text: toJson(value) });
    const base: Spec = { via: 'inject', credential, location: { params: valid, query: '' }, headers: [], body: body(calm) };
    const specs: Spec[] = [];
    names.forEach((name, i) => {
      if (copy && name !== 'tenant') return;
      for (const text of SWEEP_SEGMENTS) specs.push({ ...base, location: { params: valid.map((v, j) => (j === i ? [name, { text }] : v)), query: '' } });
    });
    if (copy) return specs;
    for (const p of parameters.filter((x) => x.in === 'query')) {
      for (const v of SWEEP_STRINGS) specs.push({ ...base, location: { params: valid, query: `${pct(p.name)}=${pct(v)}` } });
    }
    for (const p of parameters.filter((x) => x.in === 'header')) {
      for (const v of SWEEP_STRINGS) specs.push({ ...base, headers: [[p.name, { text: v }]] });
    }
    // Places in the body: its properties, the first item of its arrays, a key of free-form objects.
    const places: Array<Array<string | number>> = [];
    const walk = (value: unknown, node: JsonSchema | undefined, at: Array<string | number>) => {
      const s = node?.anyOf?.find((x) => x.type === 'object' || x.type === 'array') ?? node;
      if (at.length >= 4) return;
      if (Array.isArray(value)) {
        if (value.length > 0) {
          places.push([...at, 0]);
          walk(value[0], s?.items, [...at, 0]);
        }
      } else if (value !== null && typeof value === 'object') {
        if (s?.type === 'object' && !s.properties) places.push([...at, 'x']);
        for (const [k, v] of Object.entries(value)) {
          places.push([...at, k]);
          walk(v, s?.properties?.[k], [...at, k]);
        }
      }
    };
    walk(calm, schema, []);
    for (const place of places.slice(0, 8)) {
      for (const v of SWEEP_VALUES) {
        const copy = structuredClone(calm) as Record<string | number, unknown>;
        let target = copy;
        for (const key of place.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
        target[place.at(-1)!] = v;
        specs.push({ ...base, body: body(copy) });
      }
    }
    return specs;
  }

  /** Kinds of failure found so far (see keyOf in fuzzRoute). */
  const known = new Set<string>();

  /** Fuzz one route until it passes or MAX_FINDINGS_PER_ROUTE distinct kinds of failure are found. */
  async function fuzzRoute(route: Route, numRuns: number, seed: number): Promise<Finding[]> {
    const findings: Finding[] = [];
    const label = `${route.method} ${route.path}`;
    // A 5xx is a bug of its handler (the /t/{tenant} copy and HEAD share it); a malformed 4xx comes
    // from one place for every route, so it is reported once.
    const handler = `${route.method === 'HEAD' ? 'GET' : route.method} ${route.path.replace(/^\/t\/:tenant/, '')}`;
    const keyOf = (signature: string) => (/^(5\d\d|no response)/.test(signature) ? `${handler} ${signature}` : signature);
    const arb = fc.limitShrink(specFor(route), 150);
    const examples = sweepFor(route).map((spec): [Spec] => [spec]);
    for (let round = 0; round < MAX_FINDINGS_PER_ROUTE; round++) {
      let last: Omit<Finding, 'seed' | 'path'> | undefined;
      const details = await fc.check(
        fc.asyncProperty(arb, async (spec) => {
          const sent = build(route, spec);
          const received = await send(sent, spec.via);
          await repair(route, sent, received);
          let signature = violation(sent, received);
          if (signature !== undefined && sent.method === 'HEAD' && /^4\d\d as /.test(signature)) {
            // A HEAD answer has no body to name the error by: the same request as GET does.
            const asGet = { ...sent, method: 'GET' };
            signature = violation(asGet, await send(asGet, spec.via)) ?? signature;
          }
          if (process.env.FUZZ_STATS) {
            const key = `${label} ${received.status} ${/"code":"([^"]*)"/.exec(received.body)?.[1] ?? ''}`;
            stats.set(key, (stats.get(key) ?? 0) + 1);
          }
          if (signature === undefined || known.has(keyOf(signature))) return true;
          last = { route: label, signature, sent, via: spec.via, received };
          return false;
        }),
        { seed, numRuns: numRuns + examples.length, examples },
      );
      if (!details.failed) break;
      if (!last) throw details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
      known.add(keyOf(last.signature));
      findings.push({ ...last, seed, path: details.counterexamplePath });
    }
    return findings;
  }

  /**
   * Runs for a route: RUNS for each three places it reads input (path parameters, declared query
   * parameters and headers, a body counting twice, plus one); half that for a `/t/{tenant}` copy of a
   * route, a quarter for HEAD (GET's handler) and the documentation routes.
   */
  function runsFor(route: Route): number {
    const inputs = [...route.path.matchAll(/:\w+|\*/g)].length + (route.operation?.parameters ?? []).filter((p) => p.in !== 'path').length;
    const body = route.operation?.requestBody ? 2 : 0;
    const share = route.method === 'HEAD' || route.plane === 'open' ? 0.25 : route.path.startsWith('/t/') ? 0.5 : 1;
    return Math.max(2, Math.round(((RUNS * (1 + inputs + body)) / 3) * share));
  }

  async function fuzzPlane(plane: Plane): Promise<void> {
    const started = Date.now();
    const findings: Finding[] = [];
    let sentTotal = 0;
    for (const route of routes.filter((r) => r.plane === plane)) {
      const numRuns = runsFor(route);
      sentTotal += numRuns + sweepFor(route).length;
      const routeStarted = Date.now();
      findings.push(...(await fuzzRoute(route, numRuns, SEED + routes.indexOf(route))));
      if (process.env.FUZZ_STATS) console.log(`${route.method} ${route.path}: ${numRuns} runs, ${Date.now() - routeStarted} ms`);
    }
    console.log(
      `[fuzz ${backend}] ${plane} plane: ${routes.filter((r) => r.plane === plane).length} routes, ≥${sentTotal} requests, ${Date.now() - started} ms, seed ${SEED}`,
    );
    expect(findings.map(report), `${findings.length} finding(s) on the ${plane} plane`).toEqual([]);
  }

  // ---- the tests -----------------------------------------------------------------------------------

  it('finds every route in the app: both planes, the /t/{tenant} copies, HEAD, and what OpenAPI does not list', () => {
    const has = (method: string, path: string) => routes.some((r) => r.method === method && r.path === path);
    expect(has('PATCH', '/v1/tenants/:id')).toBe(true);
    expect(has('DELETE', '/v1/collections/:name/records/:id')).toBe(true);
    expect(has('DELETE', '/t/:tenant/v1/collections/:name/records/:id')).toBe(true);
    expect(has('HEAD', '/t/:tenant/v1/tenant')).toBe(true);
    expect(has('GET', '/healthz')).toBe(true);
    // Every operation of the OpenAPI document is among them, with its schemas attached.
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations).filter((key) => key !== 'servers')) {
        const route = routes.find((r) => r.method === method.toUpperCase() && r.path.replace(/:(\w+)/g, '{$1}') === path);
        expect(route?.operation, `${method} ${path}`).toBeDefined();
        // …and so is its /t/{tenant} copy, documented once (the second of the path's servers).
        if (!/^\/v1\/(tenants|operations|platform)/.test(path))
          expect(routes.find((r) => r.method === route!.method && r.path === `/t/:tenant${route!.path}`)?.operation).toBeDefined();
      }
    }
    // Every /v1 data-plane route has its /t/{tenant} copy.
    for (const r of routes.filter((x) => x.plane === 'data' && x.path.startsWith('/v1/'))) expect(has(r.method, `/t/:tenant${r.path}`), r.path).toBe(true);
    expect(routes.filter((r) => r.plane === 'control').length).toBeGreaterThanOrEqual(8);
    expect(routes.filter((r) => r.plane === 'data').length).toBeGreaterThanOrEqual(60);
  });

  it('control plane (admin token): no 5xx, every 4xx a problem with a code', async () => {
    await fuzzPlane('control');
  }, 600_000);

  it('data plane (tenant keys of each role, /v1 and /t/{tenant}/v1): no 5xx, every 4xx a problem with a code', async () => {
    await fuzzPlane('data');
  }, 900_000);

  it('operational routes (health, OpenAPI, docs): no 5xx, every 4xx a problem with a code', async () => {
    await fuzzPlane('open');
  }, 600_000);
});
