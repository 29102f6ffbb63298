/**
 * An in-memory evaluation of the records query language, written from docs/http-api.md and the
 * semantics in src/records/query.ts's header — independently of the SQL compiler, so property tests
 * can compare the two. Works on records as the API returns them.
 */
export interface ApiRecord {
  id: string;
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const SYSTEM = new Set(['id', 'createdAt', 'updatedAt']);

/** The value at a dot path, walking objects only; undefined when missing. */
function lookup(record: ApiRecord, field: string): unknown {
  if (SYSTEM.has(field)) return record[field as 'id'];
  let value: unknown = record.data;
  for (const step of field.split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, step)) return undefined;
    value = value[step];
  }
  return value;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** Code-point order: comparing UTF-8 bytes gives exactly that. */
export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A LIKE pattern as a regular expression over code points: `%` any run, `_` one, `\\` escapes; ASCII letters folded. */
function likePattern(pattern: string): RegExp {
  let source = '';
  const chars = Array.from(asciiLower(pattern));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += (c === '\\' ? chars[++i]! : c).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}

function compare(field: string, x: unknown, value: unknown): number | undefined {
  if (field === 'createdAt' || field === 'updatedAt') return Date.parse(x as string) - Date.parse(value as string);
  if (typeof value === 'number' && typeof x === 'number') return x - value;
  if (typeof value === 'string' && typeof x === 'string') return compareStrings(x, value);
  return undefined;
}

function equalField(field: string, x: unknown, value: unknown): boolean {
  if (field === 'createdAt' || field === 'updatedAt') return compare(field, x, value) === 0;
  return x !== undefined && jsonEqual(x, value);
}

function operator(field: string, x: unknown, op: string, value: unknown): boolean {
  switch (op) {
    case '$eq':
      return equalField(field, x, value);
    case '$ne':
      return !equalField(field, x, value);
    case '$in':
      return (value as unknown[]).some((v) => equalField(field, x, v));
    case '$nin':
      return !(value as unknown[]).some((v) => equalField(field, x, v));
    case '$exists':
      return (x !== undefined) === value;
    case '$contains':
      if (Array.isArray(x)) return x.some((e) => jsonEqual(e, value));
      return typeof x === 'string' && typeof value === 'string' && x.includes(value);
    case '$prefix':
      return typeof x === 'string' && x.startsWith(value as string);
    case '$ilike':
      return typeof x === 'string' && likePattern(value as string).test(asciiLower(x));
    case '$not':
      return !Object.entries(value as Record<string, unknown>).every(([o, v]) => operator(field, x, o, v));
    default: {
      const c = compare(field, x, value);
      if (c === undefined) return false;
      return { $gt: c > 0, $gte: c >= 0, $lt: c < 0, $lte: c <= 0 }[op as '$gt'];
    }
  }
}

/**
 * An object of conditions holds when every one of them does: the empty filter `{}` holds for every
 * record (nothing can fail), so `{"$not": {}}` holds for none and `{"$or": [{}]}` for all.
 */
export function matches(record: ApiRecord, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, spec]) => {
    if (key === '$and') return (spec as Array<Record<string, unknown>>).every((f) => matches(record, f));
    if (key === '$or') return (spec as Array<Record<string, unknown>>).some((f) => matches(record, f));
    if (key === '$not') return !matches(record, spec as Record<string, unknown>);
    const x = lookup(record, key);
    if (isObject(spec) && Object.keys(spec).length > 0 && Object.keys(spec).every((k) => k.startsWith('$'))) {
      return Object.entries(spec).every(([op, v]) => operator(key, x, op, v));
    }
    return operator(key, x, '$eq', spec);
  });
}

/** Sort order of one data value: numbers < strings < booleans < objects/arrays < null/missing. */
function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (v !== null && typeof v === 'object') return 3;
  return 4;
}

function compareValues(field: string, a: unknown, b: unknown): number {
  if (field === 'id') return compareStrings(a as string, b as string);
  // The API shows milliseconds; tests create records so that no two share a millisecond unless they
  // share the whole timestamp (one bulk insert).
  if (field === 'createdAt' || field === 'updatedAt') return Date.parse(a as string) - Date.parse(b as string);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return compareStrings(a as string, b as string);
  if (ra === 2) return Number(a) - Number(b);
  return 0;
}

export function sortRecords(records: ApiRecord[], sort: string | undefined): ApiRecord[] {
  const keys = (sort ? sort.split(',') : ['createdAt']).map((s) => (s.startsWith('-') ? { field: s.slice(1), dir: -1 } : { field: s, dir: 1 }));
  if (!keys.some((k) => k.field === 'id')) keys.push({ field: 'id', dir: keys[0]!.dir });
  return [...records].sort((a, b) => {
    for (const { field, dir } of keys) {
      const c = compareValues(field, lookup(a, field), lookup(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}
