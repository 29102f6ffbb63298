import { sql, type RawBuilder } from 'kysely';
import { ValidationError } from '../errors.js';
import { FIELD_PATH_PATTERN } from '../storage/names.js';
import { dataField } from './codec.js';

/**
 * The records query language of API.md, parsed into a tree and compiled to parameterised SQL.
 *
 * Semantics (the in-memory model in test/support/query-model.ts mirrors them):
 * - A field path walks nested objects only; a missing step means the field is missing.
 * - `$eq` is JSON equality (numbers by value, objects regardless of key order). `$ne`, `$nin` and
 *   `$not` are the plain negation of their positive form, so a missing field matches `$ne`.
 * - `$gt $gte $lt $lte` take a number or a string and match only values of that same type; strings
 *   compare by code point (COLLATE "C"), never by the database's locale.
 * - `$contains` takes a scalar: an array field matches when an element equals it; a string field
 *   matches when it contains the (string) value as a substring.
 * - `$exists: true|false` tests presence (a JSON null is present).
 * - `$prefix` takes a string: a string field that starts with it (code point for code point).
 * - `$ilike` takes a SQL LIKE pattern (`%` any run, `_` one character, `\` escapes the next one): a
 *   string field it matches whole, with ASCII letters folded (A–Z = a–z), the same on every database.
 * - `id`, `createdAt`, `updatedAt` name the record's own columns, not data fields; timestamps compare
 *   at the millisecond precision the API shows.
 * - An object of conditions is their conjunction, so the empty object `{}` — anywhere a filter goes —
 *   has no condition to fail and matches every record (as in MongoDB); `{"$not": {}}` matches none,
 *   `{"$and": [{}]}` and `{"$or": [{}]}` all.
 * - Numbers are finite: `Infinity` cannot be written in JSON and would be stored as null.
 * Every leaf that could be NULL in SQL (missing field) is wrapped in coalesce(…, false) when it sits
 * under a negation, so SQL's three-valued logic never differs from the two-valued model.
 */

export type SystemField = 'id' | 'createdAt' | 'updatedAt';
export const SYSTEM_FIELDS: readonly SystemField[] = ['id', 'createdAt', 'updatedAt'];
const SYSTEM_COLUMNS: Record<SystemField, string> = { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at' };

type Comparison = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin' | '$exists' | '$contains' | '$prefix' | '$ilike';
const COMPARISONS = new Set<string>(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$contains', '$prefix', '$ilike']);
/** Operators that match strings only. */
export const STRING_OPERATORS: ReadonlySet<string> = new Set(['$prefix', '$ilike']);

export type FilterNode =
  { kind: 'and' | 'or'; children: FilterNode[] } | { kind: 'not'; child: FilterNode } | { kind: 'leaf'; field: string; op: Comparison; value: unknown };

export const FILTER_LIMITS = { depth: 16, leaves: 100, inValues: 500, patternLength: 1024 } as const;

export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** Millisecond precision at most: the API shows timestamps to the millisecond, and filters compare at it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 instant as the one canonical ISO string, or undefined when it is not one. */
export function instant(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? undefined : date.toISOString();
}

/** Whether every number in a JSON value is finite (JSON.parse turns 1e400 into Infinity, which JSON.stringify writes as null). */
function finite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(finite);
}

/**
 * Parse a filter (already JSON-decoded) into a tree; anything outside the language is a 400 naming where.
 * The empty filter `{}` is an `and` of no children: true.
 */
export function parseFilter(filter: unknown): FilterNode {
  let leaves = 0;
  const fail = (where: string, message: string): never => {
    throw new ValidationError(`filter${where ? ` at ${where}` : ''}: ${message}`, 'validation_failed', '/query/filter');
  };

  const checkValue = (field: string, op: Comparison, value: unknown, where: string): void => {
    const system = (SYSTEM_FIELDS as readonly string[]).includes(field);
    if (!finite(value)) fail(where, 'a number is out of range (it does not survive a JSON round trip)');
    switch (op) {
      case '$exists':
        if (typeof value !== 'boolean') fail(where, '$exists takes true or false');
        return;
      case '$in':
      case '$nin':
        if (!Array.isArray(value)) fail(where, `${op} takes an array`);
        if ((value as unknown[]).length > FILTER_LIMITS.inValues) fail(where, `${op} takes at most ${FILTER_LIMITS.inValues} values`);
        (value as unknown[]).forEach((v, i) => checkValue(field, '$eq', v, `${where}[${i}]`));
        return;
      case '$contains':
        if (system) fail(where, `$contains does not apply to '${field}'`);
        if (!isScalar(value)) fail(where, '$contains takes a string, number, boolean or null');
        return;
      case '$prefix':
      case '$ilike':
        if (system) fail(where, `${op} does not apply to '${field}'`);
        if (typeof value !== 'string') fail(where, `${op} takes a string`);
        if ((value as string).length > FILTER_LIMITS.patternLength) fail(where, `${op} takes at most ${FILTER_LIMITS.patternLength} characters`);
        // PostgreSQL refuses a pattern that ends in an unpaired escape; so does the language.
        if (op === '$ilike' && /(?<!\\)(\\\\)*\\$/.test(value as string)) fail(where, '$ilike pattern ends with an escape (\\); write \\\\ for a backslash');
        return;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (typeof value !== 'number' && typeof value !== 'string') fail(where, `${op} takes a number or a string`);
        break;
    }
    if (system && typeof value !== 'string') fail(where, `'${field}' compares with strings`);
    if ((field === 'createdAt' || field === 'updatedAt') && instant(value) === undefined) {
      fail(where, `'${field}' compares with an RFC 3339 date-time such as 2026-01-31T12:00:00Z`);
    }
  };

  const operators = (field: string, spec: Record<string, unknown>, where: string, depth: number): FilterNode => {
    const children: FilterNode[] = [];
    for (const [op, value] of Object.entries(spec)) {
      const at = `${where}.${op}`;
      if (op === '$not') {
        if (!isPlainObject(value) || !Object.keys(value).every((k) => k.startsWith('$')) || Object.keys(value).length === 0) {
          fail(at, '$not on a field takes an object of operators, e.g. {"$not": {"$gt": 5}}');
        }
        children.push({ kind: 'not', child: operators(field, value as Record<string, unknown>, at, depth + 1) });
        continue;
      }
      if (!COMPARISONS.has(op)) fail(at, `unknown operator '${op}'`);
      checkValue(field, op as Comparison, value, at);
      if (++leaves > FILTER_LIMITS.leaves) fail(at, `a filter has at most ${FILTER_LIMITS.leaves} conditions`);
      children.push({ kind: 'leaf', field, op: op as Comparison, value });
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };

  const node = (value: unknown, where: string, depth: number): FilterNode => {
    if (depth > FILTER_LIMITS.depth) fail(where, `nested deeper than ${FILTER_LIMITS.depth}`);
    if (!isPlainObject(value)) fail(where, 'a filter is a JSON object');
    const children: FilterNode[] = [];
    for (const [key, spec] of Object.entries(value as Record<string, unknown>)) {
      const at = where ? `${where}.${key}` : key;
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(spec) || spec.length === 0) fail(at, `${key} takes a non-empty array of filters`);
        children.push({ kind: key === '$and' ? 'and' : 'or', children: (spec as unknown[]).map((s, i) => node(s, `${at}[${i}]`, depth + 1)) });
      } else if (key === '$not') {
        children.push({ kind: 'not', child: node(spec, at, depth + 1) });
      } else if (key.startsWith('$')) {
        fail(at, `unknown operator '${key}'`);
      } else {
        if (!FIELD_PATH_PATTERN.test(key)) fail(at, `'${key}' is not a field path (dot-separated names of [A-Za-z_][A-Za-z0-9_]*)`);
        const keys = isPlainObject(spec) ? Object.keys(spec) : [];
        const dollar = keys.filter((k) => k.startsWith('$')).length;
        if (dollar > 0 && dollar < keys.length) fail(at, 'mixes operators with plain keys; write {"$eq": {...}} to match an object');
        if (dollar > 0) {
          children.push(operators(key, spec as Record<string, unknown>, at, depth + 1));
        } else {
          checkValue(key, '$eq', spec, at);
          if (++leaves > FILTER_LIMITS.leaves) fail(at, `a filter has at most ${FILTER_LIMITS.leaves} conditions`);
          children.push({ kind: 'leaf', field: key, op: '$eq', value: spec });
        }
      }
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };

  return node(filter, '', 0);
}

export interface SortKey {
  field: string;
  descending: boolean;
}

export const SORT_MAX_FIELDS = 4;

/**
 * `createdAt,-score` → keys. Data fields are allowed when the collection declares them in `indexes`
 * (the allowlist); `id` is appended as the final tiebreaker so every order is total.
 */
export function parseSort(sort: string | undefined, allowedDataFields: readonly string[]): SortKey[] {
  const keys: SortKey[] = [];
  if (sort !== undefined && sort !== '') {
    const parts = sort.split(',');
    if (parts.length > SORT_MAX_FIELDS) throw new ValidationError(`sort takes at most ${SORT_MAX_FIELDS} fields`, 'validation_failed', '/query/sort');
    for (const raw of parts) {
      const part = raw.trim();
      const descending = part.startsWith('-');
      const field = descending ? part.slice(1) : part;
      const allowed = (SYSTEM_FIELDS as readonly string[]).includes(field) || allowedDataFields.includes(field);
      if (!allowed) {
        const choices = [...SYSTEM_FIELDS, ...allowedDataFields].join(', ');
        throw new ValidationError(
          `cannot sort by '${field}': sort fields are ${choices} (data fields must be declared in the collection's indexes)`,
          'validation_failed',
          '/query/sort',
        );
      }
      if (keys.some((k) => k.field === field)) throw new ValidationError(`sort names '${field}' twice`, 'validation_failed', '/query/sort');
      keys.push({ field, descending });
    }
  }
  if (keys.length === 0) keys.push({ field: 'createdAt', descending: false });
  if (!keys.some((k) => k.field === 'id')) keys.push({ field: 'id', descending: keys[0]!.descending });
  return keys;
}

// ---------------------------------------------------------------------------------------------------
// SQL

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

function systemLeaf(field: SystemField, op: Comparison, value: unknown): RawBuilder<unknown> {
  if (op === '$exists') return sql.raw(value ? 'true' : 'false');
  if (op === '$in' || op === '$nin') {
    const values = value as string[];
    const any =
      values.length === 0
        ? sql.raw('false')
        : sql.join(
            values.map((v) => systemLeaf(field, '$eq', v)),
            sql` OR `,
          );
    return op === '$in' ? sql`(${any})` : sql`NOT (${any})`;
  }
  const operator = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op as '$eq'];
  if (field === 'id') return sql`(id::text COLLATE "C" ${sql.raw(operator)} ${value as string} COLLATE "C")`;
  const column = sql.raw(SYSTEM_COLUMNS[field]);
  return sql`(date_trunc('milliseconds', ${column}) ${sql.raw(operator)} ${instant(value)!}::timestamptz)`;
}

function dataLeaf(field: string, op: Comparison, value: unknown): RawBuilder<unknown> {
  const x = dataField(field);
  switch (op) {
    case '$eq':
      return sql`${x} = ${json(value)}`;
    case '$ne':
      return sql`NOT coalesce(${x} = ${json(value)}, false)`;
    case '$in':
      return sql`${x} = ANY (ARRAY(SELECT jsonb_array_elements(${json(value)})))`;
    case '$nin':
      return sql`NOT coalesce(${x} = ANY (ARRAY(SELECT jsonb_array_elements(${json(value)}))), false)`;
    case '$exists':
      return value ? sql`${x} IS NOT NULL` : sql`${x} IS NULL`;
    case '$contains':
      return typeof value === 'string'
        ? sql`CASE jsonb_typeof(${x}) WHEN 'array' THEN ${x} @> ${json([value])} WHEN 'string' THEN strpos(${x} #>> '{}', ${value}) > 0 ELSE false END`
        : sql`CASE jsonb_typeof(${x}) WHEN 'array' THEN ${x} @> ${json([value])} ELSE false END`;
    // NULL for a value that is not a string: no match, and a NOT above turns it into true via coalesce.
    case '$prefix':
      return sql`CASE WHEN jsonb_typeof(${x}) = 'string' THEN starts_with((${x} #>> '{}') COLLATE "C", ${value as string}) END`;
    case '$ilike':
      // Under "C", ILIKE folds ASCII letters only, whatever the database's locale.
      return sql`CASE WHEN jsonb_typeof(${x}) = 'string' THEN (${x} #>> '{}') COLLATE "C" ILIKE ${value as string} COLLATE "C" END`;
    default: {
      const operator = sql.raw({ $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op as '$gt']);
      // Numbers: jsonb orders numbers numerically, so `x >= 5::jsonb` can use the field's index, and
      // the type test keeps values of other types (which jsonb orders around numbers) out. Strings:
      // jsonb would order them by the database's locale, so they compare as text in "C" instead.
      return typeof value === 'number'
        ? sql`(${x} ${operator} ${json(value)} AND jsonb_typeof(${x}) = 'number')`
        : sql`CASE WHEN jsonb_typeof(${x}) = 'string' THEN (${x} #>> '{}') COLLATE "C" ${operator} ${value as string} COLLATE "C" END`;
    }
  }
}

/** Compile a filter tree; `negated` tracks whether a NOT sits above, where NULL must become false. */
export function compileFilter(node: FilterNode, negated = false): RawBuilder<unknown> {
  switch (node.kind) {
    case 'and':
    case 'or':
      // No conditions: `and` holds (the empty filter `{}`), `or` fails; SQL has no empty AND/OR.
      if (node.children.length === 0) return sql.raw(node.kind === 'and' ? 'true' : 'false');
      return sql`(${sql.join(
        node.children.map((c) => compileFilter(c, negated)),
        sql.raw(node.kind === 'and' ? ' AND ' : ' OR '),
      )})`;
    case 'not':
      return sql`NOT ${compileFilter(node.child, !negated)}`;
    case 'leaf': {
      const leaf = (SYSTEM_FIELDS as readonly string[]).includes(node.field)
        ? systemLeaf(node.field as SystemField, node.op, node.value)
        : dataLeaf(node.field, node.op, node.value);
      // Outside any NOT, NULL and false both drop the row, so the bare predicate (index-friendly) is exact.
      return negated ? sql`coalesce(${leaf}, false)` : sql`(${leaf})`;
    }
  }
}

/**
 * The columns a sort key orders by. A data field orders by (type rank, numeric value, string value):
 * numbers < strings < booleans (false < true) < objects and arrays < null and missing, numbers by
 * value, strings by code point. None of the parts is ever NULL, so keyset comparisons stay two-valued.
 */
export interface SortColumn {
  expr: RawBuilder<unknown>;
  /** SQL type the cursor's text value is cast back to. */
  cast: 'int' | 'numeric' | 'text' | 'timestamptz' | 'uuid';
  descending: boolean;
}

export function sortColumns(keys: readonly SortKey[]): SortColumn[] {
  return keys.flatMap(({ field, descending }): SortColumn[] => {
    if (field === 'id') return [{ expr: sql.raw('id'), cast: 'uuid', descending }];
    if (field === 'createdAt' || field === 'updatedAt') return [{ expr: sql.raw(SYSTEM_COLUMNS[field]), cast: 'timestamptz', descending }];
    const x = dataField(field);
    return [
      {
        expr: sql`(CASE jsonb_typeof(${x}) WHEN 'number' THEN 0 WHEN 'string' THEN 1 WHEN 'boolean' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 3 ELSE 4 END)`,
        cast: 'int',
        descending,
      },
      {
        expr: sql`(CASE jsonb_typeof(${x}) WHEN 'number' THEN (${x})::numeric WHEN 'boolean' THEN (CASE WHEN (${x})::boolean THEN 1 ELSE 0 END) ELSE 0 END)`,
        cast: 'numeric',
        descending,
      },
      { expr: sql`(CASE jsonb_typeof(${x}) WHEN 'string' THEN ${x} #>> '{}' ELSE '' END COLLATE "C")`, cast: 'text', descending },
    ];
  });
}

function castValue(column: SortColumn, value: string): RawBuilder<unknown> {
  return column.cast === 'text' ? sql`(${value}::text COLLATE "C")` : sql`${value}::${sql.raw(column.cast)}`;
}

/** Rows strictly after `after` in the order of `columns` (a row comparison when all run one way). */
export function keysetAfter(columns: readonly SortColumn[], after: readonly string[]): RawBuilder<unknown> {
  if (columns.every((c) => c.descending === columns[0]!.descending)) {
    const op = sql.raw(columns[0]!.descending ? '<' : '>');
    return sql`(${sql.join(columns.map((c) => c.expr))}) ${op} (${sql.join(columns.map((c, i) => castValue(c, after[i]!)))})`;
  }
  const terms = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => sql`${c.expr} = ${castValue(c, after[j]!)}`);
    const beyond = sql`${column.expr} ${sql.raw(column.descending ? '<' : '>')} ${castValue(column, after[i]!)}`;
    return sql`(${sql.join([...equal, beyond], sql` AND `)})`;
  });
  return sql`(${sql.join(terms, sql` OR `)})`;
}

/** Conditions (leaves) in a filter: each is evaluated on every record a scan reaches. */
export function filterLeaves(node: FilterNode): number {
  if (node.kind === 'leaf') return 1;
  if (node.kind === 'not') return filterLeaves(node.child);
  return node.children.reduce((n, c) => n + filterLeaves(c), 0);
}

/**
 * A condition an index of the collection serves that every match must meet (the filter itself, or a
 * member of its top-level `and`): an indexed field compared by equality, membership or a number range
 * — what the partial indexes serve (src/storage/record-indexes.ts). Undefined when there is none.
 */
export function indexedCondition(node: FilterNode, indexes: readonly string[]): FilterNode | undefined {
  const served = (n: FilterNode) =>
    n.kind === 'leaf' &&
    indexes.includes(n.field) &&
    (n.op === '$eq' || n.op === '$in' || (['$gt', '$gte', '$lt', '$lte'].includes(n.op) && typeof n.value === 'number'));
  if (served(node)) return node;
  return node.kind === 'and' ? node.children.find(served) : undefined;
}

/** The field paths a filter names. */
export function filterFields(node: FilterNode): string[] {
  if (node.kind === 'leaf') return [node.field];
  if (node.kind === 'not') return filterFields(node.child);
  return node.children.flatMap(filterFields);
}
