import { ValidationError } from '../errors.js';
import { FIELD_PATH_PATTERN, quoteLiteral } from './names.js';

/** The record data columns a path may be read from: the row's own, or a row under the alias `r` or `v`. */
export type DataColumn = 'data' | 'r.data' | 'v.data';

/**
 * A field of a record's data as SQL: `a.b` → `(data #> '{a,b}')`. Every data field Tenantry reads in
 * SQL is spelled by this one function — filters and sorts (records/query.ts), keyed writes, model
 * training, and the expression indexes a collection declares (record-indexes.ts) — because PostgreSQL
 * uses an expression index only for a condition that spells the very same expression: the same
 * field written `data -> 'a' -> 'b'` is not served by it.
 *
 * The path is checked against FIELD_PATH_PATTERN (names only: no commas, braces or quotes, so the
 * array literal is exact) and quoted as a literal, not bound: a bound path matches an index only in
 * plans made for its value, never in a generic plan.
 */
export function jsonPathSql(field: string, column: DataColumn = 'data'): string {
  if (!FIELD_PATH_PATTERN.test(field)) throw new ValidationError(`'${field}' is not a field path`);
  return `(${column} #> ${quoteLiteral(`{${field.split('.').join(',')}}`)})`;
}
