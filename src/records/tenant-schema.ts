import { Ajv, type ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import { ValidationError } from '../errors.js';

/**
 * A tenant's collection schema (JSON Schema draft-07): checked against bounds before it is stored, and
 * compiled so that validating with it costs time linear in the data, whatever the tenant wrote.
 *
 * - Each schema compiles in an Ajv instance of its own: `$id` and `$ref` resolve inside that one
 *   document only, never across schemas (one shared instance made `$id` a namespace every tenant saw).
 * - `$ref` must be local (`#…`); `$id` only at the root. Nothing is ever fetched.
 * - Refs are compiled as calls (`inlineRefs: false`), and the schema's size once every ref is followed
 *   (its expansion) is bounded, so neither compiling nor a fan-out of refs can explode; a ref cycle that
 *   never descends into the data (infinite recursion) is refused.
 * - `pattern` and `patternProperties` run on RE2 (re2js, linear time), so no regular expression can
 *   backtrack catastrophically; patterns RE2 cannot run (lookaround, backreferences) are refused.
 * - `uniqueItems` compares canonical JSON in a set: linear, where Ajv's compares every pair.
 * Schemas that recurse, or a large document under a large schema, are validated in the sandbox
 * (src/sandbox/) with a deadline instead of on the request thread: RecordsService decides by profile.
 */

/** Largest schema, as JSON text. */
export const SCHEMA_MAX_BYTES = 64 * 1024;
/** Most subschemas a schema may hold once its `$ref`s are followed. */
export const SCHEMA_MAX_EXPANSION = 10_000;

export interface SchemaProfile {
  /** Subschemas once every `$ref` is followed (a ref back into a cycle counts once). */
  expansion: number;
  /** Some `$ref` leads back into itself through the data (recursive data): cost depends on the data's depth. */
  recursive: boolean;
}

/** Keywords whose value is one subschema that applies to the same instance. */
const SAME_ONE = ['not', 'if', 'then', 'else'];
/** … a list of subschemas applying to the same instance. */
const SAME_LIST = ['allOf', 'anyOf', 'oneOf'];
/** … a map of subschemas applying to the same instance. */
const SAME_MAP = ['dependentSchemas', 'dependencies'];
/** Keywords whose subschemas apply to child instances (properties, items). */
const CHILD_ONE = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const CHILD_LIST = ['prefixItems'];
const CHILD_MAP = ['properties', 'patternProperties'];
/** Keywords holding subschemas that apply only through `$ref`. */
const DEFINITIONS = ['$defs', 'definitions'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The subschemas directly under `node`: where (a JSON pointer step), and whether each applies to a child instance. */
function children(node: Record<string, unknown>): Array<{ schema: unknown; child: boolean; at: string }> {
  const out: Array<{ schema: unknown; child: boolean; at: string }> = [];
  const one = (keys: string[], child: boolean) => {
    for (const k of keys) if (k in node) out.push({ schema: node[k], child, at: `/${k}` });
  };
  const list = (keys: string[], child: boolean) => {
    for (const k of keys) if (Array.isArray(node[k])) (node[k] as unknown[]).forEach((s, i) => out.push({ schema: s, child, at: `/${k}/${i}` }));
  };
  const map = (keys: string[], child: boolean) => {
    for (const k of keys) {
      if (!isObject(node[k])) continue;
      for (const [name, s] of Object.entries(node[k] as object)) if (isObject(s) || typeof s === 'boolean') out.push({ schema: s, child, at: `/${k}/${name}` });
    }
  };
  one(SAME_ONE, false);
  list(SAME_LIST, false);
  map(SAME_MAP, false);
  one(CHILD_ONE, true);
  list(CHILD_LIST, true);
  map(CHILD_MAP, true);
  // `items`: one schema for every item, or a list (draft-07 tuple form).
  if (Array.isArray(node.items)) node.items.forEach((s, i) => out.push({ schema: s, child: true, at: `/items/${i}` }));
  else if ('items' in node) out.push({ schema: node.items, child: true, at: '/items' });
  return out;
}

/** The subschema a local `$ref` (`#`, `#/json/pointer`) names, or undefined. */
function resolve(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    } catch {
      return undefined; // a malformed %-escape names nothing
    }
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * Every subschema (schema positions only: `const`, `enum` and `default` hold data, which may look like
 * anything) must have no `$id` unless it is the root, and a `$ref` that is local and resolves.
 */
function checkRefs(root: Record<string, unknown>): void {
  const stack: Array<{ node: unknown; at: string }> = [{ node: root, at: '' }];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    const where = `schema ${at || '/'}`;
    if (node !== root && '$id' in node) throw new ValidationError(`${where}: $id is allowed only at the root of a collection schema`);
    if ('$ref' in node) {
      const ref = node.$ref;
      if (typeof ref !== 'string' || !ref.startsWith('#')) {
        throw new ValidationError(`${where}: $ref ${JSON.stringify(ref)} must be local to this schema (start with '#', e.g. '#/$defs/address')`);
      }
      if (resolve(root, ref) === undefined) throw new ValidationError(`${where}: $ref '${ref}' names nothing in this schema`);
    }
    for (const sub of children(node)) stack.push({ node: sub.schema, at: `${at}${sub.at}` });
    for (const key of DEFINITIONS) {
      if (isObject(node[key])) for (const [name, sub] of Object.entries(node[key] as object)) stack.push({ node: sub, at: `${at}/${key}/${name}` });
    }
  }
}

/**
 * Check a tenant's schema against the bounds above (a 400 naming what is wrong) and describe its cost.
 * Meta-schema validity and regular expressions are checked by compileTenantSchema.
 */
export function profileSchema(schema: Record<string, unknown>): SchemaProfile {
  const bytes = Buffer.byteLength(JSON.stringify(schema));
  if (bytes > SCHEMA_MAX_BYTES) throw new ValidationError(`schema is ${bytes} bytes of JSON; the limit is ${SCHEMA_MAX_BYTES}`);
  checkRefs(schema);
  let expansion = 0;
  let recursive = false;
  // Refs being followed, innermost last, each with whether a child-instance step came since.
  const following: Array<{ target: unknown; descended: boolean }> = [];
  const visit = (node: unknown, viaChild: boolean): void => {
    if (++expansion > SCHEMA_MAX_EXPANSION) {
      throw new ValidationError(
        `schema expands to more than ${SCHEMA_MAX_EXPANSION} subschemas once its $refs are followed; refer to shared definitions less often`,
      );
    }
    if (viaChild) for (const f of following) f.descended = true;
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      const target = resolve(schema, node.$ref);
      const open = following.findIndex((f) => f.target === target);
      if (open >= 0) {
        // Back into a ref being followed: recursion. It must consume data on the way, or it never ends.
        if (!following.slice(open).some((f) => f.descended)) {
          throw new ValidationError(`schema: $ref '${node.$ref}' leads back to itself without descending into the data (infinite recursion)`);
        }
        recursive = true;
      } else {
        following.push({ target, descended: false });
        visit(target, false);
        following.pop();
      }
    }
    for (const { schema: sub, child } of children(node)) {
      const saved = following.map((f) => f.descended);
      visit(sub, child);
      following.forEach((f, i) => (f.descended = saved[i]!));
    }
  };
  visit(schema, false);
  return { expansion, recursive };
}

/** Text PostgreSQL-side JSON Schema users write with JS escapes (`\u00e9`), in RE2's syntax (`\x{00e9}`). */
function re2Syntax(pattern: string): string {
  return pattern.replace(/(\\+)u([0-9a-fA-F]{4})/g, (all, slashes: string, hex: string) => (slashes.length % 2 === 1 ? `${slashes.slice(1)}\\x{${hex}}` : all));
}

/** Ajv's regular-expression engine option: RE2, linear in the input, never backtracking. */
function re2(pattern: string): { test: (s: string) => boolean } {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(re2Syntax(pattern));
  } catch (error) {
    throw new ValidationError(
      `pattern '${pattern}' cannot be used: ${(error as Error).message} (patterns run on RE2, which has no lookaround or backreferences)`,
    );
  }
  return { test: (s) => compiled.test(s) };
}
re2.code = 'tenant-re2';

/** JSON with object keys in order: equal values, equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `enum` and `const` in time linear in the data value: its canonical JSON looked up in a set made once
 * (Ajv compares each value with every entry: a 5,000-entry enum over an array of objects stalled the
 * request thread for seconds).
 */
function oneOfValues(keyword: 'enum' | 'const') {
  return (schema: unknown) => {
    const allowed = new Set((keyword === 'enum' ? (schema as unknown[]) : [schema]).map(canonical));
    const check = (data: unknown): boolean => {
      const ok = allowed.has(canonical(data));
      (check as unknown as { errors: unknown[] | null }).errors = ok
        ? null
        : [{ keyword, message: keyword === 'enum' ? 'must be equal to one of the allowed values' : 'must be equal to constant', params: {} }];
      return ok;
    };
    return check;
  };
}

/** `uniqueItems` in linear time: canonical JSON of each item in a set. */
function uniqueItems(this: unknown, schema: boolean, data: unknown[]): boolean {
  const self = uniqueItems as unknown as { errors: unknown[] | null };
  self.errors = null;
  if (!schema) return true;
  const seen = new Map<string, number>();
  for (let i = 0; i < data.length; i++) {
    const key = canonical(data[i]);
    const first = seen.get(key);
    if (first !== undefined) {
      self.errors = [
        { keyword: 'uniqueItems', message: `must NOT have duplicate items (items ## ${first} and ${i} are identical)`, params: { i: first, j: i } },
      ];
      return false;
    }
    seen.set(key, i);
  }
  return true;
}

/** An Ajv whose `uniqueItems`, `enum` and `const` cost time linear in the data. */
function linearAjv(options: ConstructorParameters<typeof Ajv>[0]): Ajv {
  const ajv = new Ajv(options);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({ keyword: 'uniqueItems', type: 'array', schemaType: 'boolean', validate: uniqueItems, errors: true });
  for (const keyword of ['enum', 'const'] as const) {
    ajv.removeKeyword(keyword);
    ajv.addKeyword({ keyword, compile: oneOfValues(keyword), errors: true, ...(keyword === 'enum' && { schemaType: 'array' }) });
  }
  return ajv;
}

/**
 * Meta-schema checks only: one instance, to which no tenant schema is ever added. Linear too: the
 * meta-schema asks `enum` lists for unique items, which Ajv's own check compares pairwise.
 */
const meta = linearAjv({ strict: false, logger: false });

/**
 * Compile a tenant's schema (already profiled) in an Ajv of its own. A schema that is not valid JSON
 * Schema, or a pattern RE2 cannot run, is a ValidationError naming it.
 */
export function compileTenantSchema(schema: Record<string, unknown>): ValidateFunction {
  let valid: boolean;
  try {
    valid = meta.validateSchema(schema) as boolean;
  } catch (error) {
    throw new ValidationError(`schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  if (!valid) throw new ValidationError(`schema is not a valid JSON Schema: ${meta.errorsText(meta.errors, { dataVar: 'schema' })}`);
  const ajv = linearAjv({ strict: false, logger: false, allErrors: false, inlineRefs: false, validateSchema: false, code: { regExp: re2 } });
  try {
    return ajv.compile(schema);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
}

/** The first item `validate` refuses, as `{index, message}`, or null when all pass. */
export function firstInvalid(validate: ValidateFunction, items: readonly unknown[]): { index: number; message: string } | null {
  for (let i = 0; i < items.length; i++) {
    if (!validate(items[i])) {
      const first = validate.errors?.[0];
      return { index: i, message: `${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}` };
    }
  }
  return null;
}

/** Values in `value` (objects, arrays, scalars), counting up to `cap`: the data side of validation cost. */
export function jsonNodes(value: unknown, cap: number): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && n < cap) {
    const item = stack.pop();
    n++;
    if (Array.isArray(item)) for (const v of item) stack.push(v);
    else if (isObject(item)) for (const v of Object.values(item)) stack.push(v);
  }
  return n;
}
