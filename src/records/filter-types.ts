import { ValidationError } from '../errors.js';
import { isPlainObject, STRING_OPERATORS, SYSTEM_FIELDS, type FilterNode, type SystemField } from './query.js';

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** A JSON value's type as JSON Schema names it (`integer` for whole numbers). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The JSON types a collection's schema allows at a dot path — only where it says so plainly (nested
 * `properties`, then `type`, `enum` or `const`); undefined wherever composition (`anyOf`, `$ref`, …)
 * would make a guess of it.
 */
function declaredTypes(schema: unknown, path: readonly string[]): Set<string> | undefined {
  let node: unknown = schema;
  for (const key of path) {
    if (!isPlainObject(node) || !isPlainObject(node.properties)) return undefined;
    node = node.properties[key];
  }
  if (!isPlainObject(node) || ['anyOf', 'oneOf', 'allOf', '$ref', 'if', 'not'].some((k) => k in node)) return undefined;
  if (typeof node.type === 'string') return new Set([node.type]);
  if (Array.isArray(node.type) && node.type.every((t) => typeof t === 'string')) return new Set(node.type as string[]);
  if (Array.isArray(node.enum)) return new Set(node.enum.map(jsonType));
  if ('const' in node) return new Set([jsonType(node.const)]);
  return undefined;
}

function allows(types: Set<string>, value: unknown, range: boolean): boolean {
  const type = jsonType(value);
  // A fraction against an integer field: meaningless for equality, a fine bound for a range.
  return types.has(type) || (type === 'integer' && types.has('number')) || (range && type === 'number' && types.has('integer'));
}

/**
 * Refuse (400) a filter that compares a field with a value of a type the collection's schema rules
 * out — `{"score": {"$gt": "10"}}` where `score` is a number would otherwise match nothing, silently.
 */
export function checkFilterTypes(filter: FilterNode, schema: Record<string, unknown>, collection: string): void {
  const visit = (node: FilterNode): void => {
    if (node.kind === 'not') {
      visit(node.child);
      return;
    }
    if (node.kind !== 'leaf') {
      node.children.forEach(visit);
      return;
    }
    if (node.op === '$exists' || node.op === '$contains' || SYSTEM_FIELDS.includes(node.field as SystemField)) return;
    const types = declaredTypes(schema, node.field.split('.'));
    if (!types) return;
    if (STRING_OPERATORS.has(node.op)) {
      if (types.has('string')) return;
      throw new ValidationError(
        `the filter matches '${node.field}' with ${node.op}, which matches strings, but the schema of '${collection}' says it is ${[...types].join(' or ')}`,
      );
    }
    const values = node.op === '$in' || node.op === '$nin' ? (node.value as unknown[]) : [node.value];
    for (const value of values) {
      // null asks for records without a value there: meaningful whatever the declared type.
      if (value === null || allows(types, value, RANGE_OPS.has(node.op))) continue;
      throw new ValidationError(
        `the filter compares '${node.field}' with ${jsonType(value)} ${JSON.stringify(value)}, but the schema of '${collection}' says it is ${[...types].join(' or ')}`,
      );
    }
  };
  visit(filter);
}
