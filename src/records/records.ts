import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { uuidv7 } from 'uuidv7';
import { TenantryError, ValidationError } from '../errors.js';
import { SandboxBusyError, SandboxError, type Sandbox } from '../sandbox/sandbox.js';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN } from '../storage/names.js';
import { tenantCacheKey, tenantIdOf, type TenantInfo, type TenantRef, type TenantScope } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import type { Tenantry } from '../tenantry.js';
import { dataField, decodeRecord, encodeData, type RecordRow, type RecordView } from './codec.js';
import { inScope, type ScopeRunner, type TenantOrScope } from './scope-runner.js';
import { compileFilter, filterLeaves, indexedCondition, keysetAfter, parseSort, sortColumns, type FilterNode } from './query.js';
import { compileTenantSchema, firstInvalid, jsonNodes, profileSchema, type SchemaProfile } from './tenant-schema.js';

export type { RecordView } from './codec.js';
export type { ScopeRunner, TenantOrScope } from './scope-runner.js';

export const BULK_MAX = 1000;
/**
 * Validation runs on the request thread only while its cost — subschemas (expanded) × values in the
 * data — stays under this and the data under INLINE_NODES values (~10 ms at worst); past either, or for
 * a schema that recurses, it runs in the sandbox under the tenant's evaluation deadline.
 */
const INLINE_WORK = 1_000_000;
const INLINE_NODES = 20_000;
/** How long a collection's measured size stands in for it when pricing a filter (see #checkQueryCost). */
const SIZE_TTL_MS = 60_000;
/** Reads and guarded writes tried before a write that keeps losing to concurrent changes gives up (409). */
const CHANGING_ATTEMPTS = 20;
/** Records counted at most when measuring a collection's size. */
const SIZE_ROWS_CAP = 1_000_000;
/**
 * Records counted at most when measuring what a tenant stores: storageBytes is enforced up to about
 * this many records × their average size (exact counters are the metering issue's).
 */
const STORAGE_ROWS_CAP = 5_000_000;

/** Records checked by prepareWrite against this version (`updated_at`) of their collection. */
export interface CheckedWrite {
  stamp: string;
}

/** Checking data against a schema hit a limit of the sandbox (time, memory): the data is refused. */
class CheckFailed extends ValidationError {}

/** How validation errors name a record: `data` for one, `records[i].data` in a bulk create. */
const recordsWhere = (items: readonly unknown[]) => (i: number) => (items.length > 1 ? `records[${i}].data` : 'data');

interface CompiledSchema {
  /** The schema's JSON text: what the sandbox compiles when the work goes there. */
  text: string;
  validate: ValidateFunction;
  profile: SchemaProfile;
}

/**
 * What RecordsService needs of Tenantry: tenant scopes, and the owner's index DDL, which runs outside
 * any scope — the budget checked before the scope that changes a collection, the indexes made to match
 * after it commits.
 */
export type RecordsTenants = Pick<Tenantry, 'withTenant' | 'syncRecordIndexes' | 'checkIndexBudget'>;

export interface Collection {
  name: string;
  schema: Record<string, unknown> | null;
  indexes: string[];
  createdAt: string;
  updatedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toCollection(row: { name: string; schema: unknown; indexes: unknown; created_at: Date; updated_at: Date }): Collection {
  return {
    name: row.name,
    schema: (row.schema as Record<string, unknown> | null) ?? null,
    indexes: (row.indexes as string[]) ?? [],
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/**
 * Collections and records of a tenant. A method given a tenant (TenantRef) does the whole of its work:
 * opens its scopes, commits them, and keeps the collection's indexes as declared; one given the
 * caller's TenantScope works inside it (the workflow engine). Inside a scope the database already
 * confines the work to that tenant, so nothing here names a tenant in SQL but to help the planner. A
 * collection's JSON Schema (the tenant's customisation) is compiled once per version and checked on
 * every write.
 */
export class RecordsService {
  /**
   * Compiled schemas, per tenant and schema text (two changes within one millisecond stay apart), in
   * an LRU bounded by count and by the schemas' total size: a tenant changing its schema in a loop
   * replaces entries, never grows the cache.
   */
  readonly #schemas = new LRUCache<string, CompiledSchema>({ max: 1_000, maxSize: 32 * 1024 * 1024, sizeCalculation: (s) => s.text.length + 1 });
  /**
   * Collections as last read, per tenant. Never trusted on its own: a write through it carries the
   * cached `updated_at` into the statement and does nothing if the collection changed or is gone
   * (see create), so a change made by another process is seen by the very next write.
   */
  readonly #collections = new LRUCache<string, { collection: Collection; stamp: string }>({ max: 10_000 });
  /** Measured size of each tenant's records (bytes of data), for its storage quota. */
  readonly #stored = new LRUCache<string, { bytes: number; rows: number }>({ max: 10_000, ttl: SIZE_TTL_MS });
  /** Measured size of collections (bytes of data), per tenant, for pricing filters. */
  readonly #sizes = new LRUCache<string, { bytes: number; rows: number }>({ max: 10_000, ttl: SIZE_TTL_MS });

  readonly #scopes: ScopeRunner;

  constructor(
    private readonly tenants: RecordsTenants,
    private readonly sandbox: Sandbox,
  ) {
    this.#scopes = (tenant, fn, options) => tenants.withTenant(tenant, fn, options);
  }

  /**
   * The tenant's catalog entry: the one a request was authenticated for, or else the one a scope
   * opens with (so a caller naming the tenant by id is pinned to the generation it finds).
   */
  async #info(tenant: TenantRef): Promise<TenantInfo> {
    if (typeof tenant === 'object' && 'tier' in tenant && 'limits' in tenant) return tenant as TenantInfo;
    return this.#scopes(tenant, async (scope) => scope.tenant);
  }

  /**
   * Cache keys of what this service measures and caches per tenant, with the tenant's generation: a
   * tenant re-created under the same id starts with nothing of the old one's.
   */
  #key(tenant: TenantInfo, ...parts: string[]): string {
    return tenantCacheKey(tenant.id, tenant.generation, ...parts);
  }

  /** `stamp` is updated_at as PostgreSQL prints it: exact to the microsecond, unlike `updatedAt`. */
  #remember(tenant: TenantInfo, collection: Collection, stamp: string): { collection: Collection; stamp: string } {
    const known = { collection, stamp };
    this.#collections.set(this.#key(tenant, 'collection', collection.name), known);
    return known;
  }

  /** Read a collection (404 if there is none) and remember it with its stamp. */
  async #read(scope: TenantScope, name: string): Promise<{ collection: Collection; stamp: string }> {
    const row = await scope.db
      .selectFrom('collections')
      .selectAll()
      .select(sql<string>`updated_at::text`.as('stamp'))
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no collection '${name}'`);
    return this.#remember(scope.tenant, toCollection(row), row.stamp);
  }

  /** The compiled form of a tenant's schema; a schema outside the bounds (tenant-schema.ts) is a 400. */
  #compiled(tenantId: string, schema: Record<string, unknown>): CompiledSchema {
    const text = JSON.stringify(schema);
    const key = tenantCacheKey(tenantId, 'schema', createHash('sha256').update(text).digest('base64url'));
    let compiled = this.#schemas.get(key);
    if (!compiled) {
      const profile = profileSchema(schema);
      compiled = { text, validate: compileTenantSchema(schema), profile };
      this.#schemas.set(key, compiled);
    }
    return compiled;
  }

  /** Check a schema before it is stored: within bounds, valid, compilable; a bad one is the caller's 400. */
  #checkSchema(tenantId: string, schema: Record<string, unknown> | null | undefined): void {
    if (schema !== null && schema !== undefined) this.#compiled(tenantId, schema);
  }

  #checkIndexes(indexes: string[] | undefined): void {
    for (const field of indexes ?? []) {
      if (!FIELD_PATH_PATTERN.test(field)) throw new ValidationError(`index field '${field}' is not a dot-separated path of names`);
    }
  }

  /**
   * Hold the tenant's collection-definitions lock for the rest of the scope's transaction, so the
   * counts below cannot be raced past by a concurrent create or change.
   */
  async #lockDefinitions(scope: TenantScope): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`tenantry:collections:${scope.tenantId}`}, 0))`.execute(scope.db);
  }

  /** Refuse (409 limit_reached) a collection count or an index total over the tenant's plan. */
  async #checkPlan(scope: TenantScope, change: { adding: boolean; name: string; indexes?: string[] }): Promise<void> {
    const limits = planLimits(scope.tenant);
    const { rows } = await sql<{ collections: number; indexes: number }>`
      SELECT count(*)::int AS collections, coalesce(sum(jsonb_array_length(indexes)) FILTER (WHERE name <> ${change.name}), 0)::int AS indexes
        FROM collections`.execute(scope.db);
    const { collections, indexes } = rows[0]!;
    if (change.adding && collections >= limits.maxCollections) {
      throw new TenantryError('limit_reached', `this tenant has ${collections} collections, its plan's limit (maxCollections = ${limits.maxCollections})`);
    }
    const total = indexes + (change.indexes?.length ?? 0);
    if (change.indexes !== undefined && total > limits.maxIndexes) {
      throw new TenantryError(
        'limit_reached',
        `this would make ${total} indexes over the tenant's collections, past its plan's limit (maxIndexes = ${limits.maxIndexes}); drop indexes from other collections first`,
      );
    }
  }

  /** Create a collection and the indexes it declares (409 past the tenant's plan or the pool's index budget). */
  async createCollection(tenant: TenantRef, input: { name: string; schema?: Record<string, unknown> | null; indexes?: string[] }): Promise<Collection> {
    if (!COLLECTION_NAME_PATTERN.test(input.name)) throw new ValidationError(`collection name '${input.name}' must match ${COLLECTION_NAME_PATTERN}`);
    this.#checkSchema(tenantIdOf(tenant), input.schema);
    this.#checkIndexes(input.indexes);
    await this.tenants.checkIndexBudget(tenantIdOf(tenant), input.name, input.indexes ?? []);
    const created = await this.#scopes(tenant, (scope) => this.#insertCollection(scope, input));
    await this.tenants.syncRecordIndexes(tenantIdOf(tenant), created.name);
    return created;
  }

  async #insertCollection(scope: TenantScope, input: { name: string; schema?: Record<string, unknown> | null; indexes?: string[] }): Promise<Collection> {
    await this.#lockDefinitions(scope);
    await this.#checkPlan(scope, { adding: true, name: input.name, indexes: input.indexes ?? [] });
    const row = await scope.db
      .insertInto('collections')
      .values({ name: input.name, schema: input.schema ? JSON.stringify(input.schema) : null, indexes: JSON.stringify(input.indexes ?? []) })
      .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TenantryError('collection_exists', `collection '${input.name}' already exists`);
    return toCollection(row);
  }

  async listCollections(tenant: TenantOrScope): Promise<Collection[]> {
    return inScope(this.#scopes, tenant, async (scope) => (await scope.db.selectFrom('collections').selectAll().orderBy('name').execute()).map(toCollection));
  }

  async getCollection(tenant: TenantOrScope, name: string): Promise<Collection> {
    return inScope(this.#scopes, tenant, async (scope) => (await this.#read(scope, name)).collection);
  }

  /** Change a collection's schema or indexes; changed indexes are made (or dropped) before this returns. */
  async updateCollection(tenant: TenantRef, name: string, changes: { schema?: Record<string, unknown> | null; indexes?: string[] }): Promise<Collection> {
    this.#checkSchema(tenantIdOf(tenant), changes.schema);
    this.#checkIndexes(changes.indexes);
    if (changes.indexes !== undefined) await this.tenants.checkIndexBudget(tenantIdOf(tenant), name, changes.indexes);
    const updated = await this.#scopes(tenant, (scope) => this.#updateCollection(scope, name, changes));
    if (changes.indexes !== undefined) await this.tenants.syncRecordIndexes(tenantIdOf(tenant), updated.name);
    return updated;
  }

  async #updateCollection(scope: TenantScope, name: string, changes: { schema?: Record<string, unknown> | null; indexes?: string[] }): Promise<Collection> {
    if (changes.indexes !== undefined) {
      await this.#lockDefinitions(scope);
      await this.#checkPlan(scope, { adding: false, name, indexes: changes.indexes });
    }
    const row = await scope.db
      .updateTable('collections')
      .set({
        updated_at: sql<Date>`clock_timestamp()`,
        ...(changes.schema !== undefined && { schema: changes.schema ? JSON.stringify(changes.schema) : null }),
        ...(changes.indexes !== undefined && { indexes: JSON.stringify(changes.indexes) }),
      })
      .where('name', '=', name)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no collection '${name}'`);
    return toCollection(row);
  }

  /** Drop a collection, its records and its indexes. */
  async deleteCollection(tenant: TenantRef, name: string): Promise<void> {
    await this.#scopes(tenant, async (scope) => {
      const result = await scope.db.deleteFrom('collections').where('name', '=', name).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new TenantryError('not_found', `no collection '${name}'`);
      this.#stored.delete(this.#key(scope.tenant, 'storage')); // measured again on the next write
    });
    await this.tenants.syncRecordIndexes(tenantIdOf(tenant), name);
  }

  /**
   * Check `items` against the collection's schema: a 400 naming the first that does not match. Small
   * work runs here; a recursive schema, or much data under a large schema, goes to the sandbox, where
   * the tenant's evaluation deadline bounds it and no other tenant waits on it.
   */
  async #validate(tenant: TenantInfo, collection: Collection, items: readonly unknown[], where: (i: number) => string): Promise<void> {
    if (!collection.schema) return;
    const compiled = this.#compiled(tenant.id, collection.schema);
    const nodes = jsonNodes(items, INLINE_NODES + 1);
    let invalid: { index: number; message: string } | null;
    if (!compiled.profile.recursive && nodes <= INLINE_NODES && compiled.profile.expansion * nodes <= INLINE_WORK) {
      invalid = firstInvalid(compiled.validate, items);
    } else {
      try {
        invalid = await this.sandbox.validate(tenant.id, compiled.text, JSON.stringify(items), planLimits(tenant).evaluationTimeoutMs);
      } catch (error) {
        if (error instanceof SandboxError) throw new CheckFailed(`checking ${where(0)} against the schema of '${collection.name}' failed: ${error.message}`);
        if (error instanceof SandboxBusyError)
          throw new TenantryError('rate_limited', `checking records against the schema of '${collection.name}': ${error.message}`);
        throw error;
      }
    }
    if (invalid) throw new ValidationError(`${where(invalid.index)} does not match the schema of '${collection.name}': ${invalid.message}`);
  }

  /**
   * Create records, all or nothing, in one round trip when the collection is known: validate against
   * the cached collection — outside any scope, so a check that goes to the sandbox never holds a
   * connection (on PGlite, the only one) — then insert with a guard that the collection still exists
   * unchanged, as one statement in a single-statement scope. If the guard fails, or the cached schema
   * refuses the data (a newer schema might accept it), read the collection and go again.
   */
  async create(ref: TenantRef, collectionName: string, items: Array<Record<string, unknown>>): Promise<RecordView[]> {
    if (items.length === 0) return [];
    if (items.length > BULK_MAX) throw new ValidationError(`at most ${BULK_MAX} records at once, got ${items.length}`);
    const tenant = await this.#info(ref);
    const scopes = this.#scopes;
    this.#refuseOverQuota(tenant, this.#stored.get(this.#key(tenant, 'storage')) ?? (await scopes(tenant, (scope) => this.#measureStorage(scope))));
    const key = this.#key(tenant, 'collection', collectionName);
    for (let attempt = 0; attempt < CHANGING_ATTEMPTS; attempt++) {
      const cached = this.#collections.get(key);
      const known = cached ?? (await scopes(tenant, (scope) => this.#read(scope, collectionName)));
      try {
        await this.#validate(tenant, known.collection, items, recordsWhere(items));
      } catch (error) {
        if (!cached || !(error instanceof ValidationError) || error instanceof CheckFailed) throw error;
        this.#collections.delete(key); // a stale schema may refuse what the current one accepts
        continue;
      }
      const rows = await scopes(tenant, (scope) => this.#insertGuarded(scope, known, items), { singleStatement: true });
      if (rows.length === items.length) {
        this.#grew(tenant, collectionName, items);
        return rows.map((row) => decodeRecord({ tenantId: tenant.id, collection: collectionName }, row));
      }
      this.#collections.delete(key); // changed (or dropped) since it was read: read it again
    }
    throw new TenantryError('collection_changed', `collection '${collectionName}' kept changing while the records were written; retry`);
  }

  async #insertGuarded(
    scope: TenantScope,
    { collection, stamp }: { collection: Collection; stamp: string },
    items: Array<Record<string, unknown>>,
  ): Promise<RecordRow[]> {
    const place = { tenantId: scope.tenantId, collection: collection.name };
    const values = items.map((data) => sql`(${uuidv7()}::uuid, ${encodeData(place, data)})`);
    const { rows } = await sql<RecordRow>`
      INSERT INTO records (collection, id, data)
      SELECT ${collection.name}, v.id, v.data FROM (VALUES ${sql.join(values)}) AS v (id, data)
       WHERE EXISTS (SELECT 1 FROM collections WHERE name = ${collection.name} AND updated_at = ${stamp}::timestamptz)
      RETURNING id, data, version, created_at, updated_at`.execute(scope.db);
    return rows;
  }

  /**
   * Check records for writeIdempotent before its scope opens: they are objects, at most BULK_MAX, and
   * match the collection's schema — a check that may go to the sandbox, which no scope may wait for
   * (on PGlite it would hold the only connection). The result names the collection's version checked.
   */
  async prepareWrite(scopes: ScopeRunner, tenantId: string, collectionName: string, items: unknown[]): Promise<CheckedWrite> {
    if (items.length > BULK_MAX) throw new ValidationError(`at most ${BULK_MAX} records at once, got ${items.length}`);
    items.forEach((data, i) => {
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ValidationError(`records[${i}] must be an object`);
    });
    const { known, tenant } = await scopes(tenantId, async (scope) => ({ known: await this.#read(scope, collectionName), tenant: scope.tenant }));
    await this.#validate(tenant, known.collection, items, (i) => `records[${i}]`);
    return { stamp: known.stamp };
  }

  /**
   * Write records so that writing them again changes nothing more (workflow `records.write` steps).
   * Without `key`, each record gets the id the caller derived (`ids[i]`) and an id that exists already
   * is left alone. With `key` (a data field path), a record whose `key` value matches an existing
   * record's replaces its data (version + 1); the others are inserted. All or nothing, in the caller's scope.
   */
  async writeIdempotent(
    scope: TenantScope,
    collectionName: string,
    items: Array<Record<string, unknown>>,
    options: { ids: readonly string[]; key?: string; checked: CheckedWrite },
  ): Promise<{ written: number }> {
    if (items.length === 0) return { written: 0 };
    await this.#checkQuota(scope);
    // Validated outside this scope (prepareWrite) against the collection as it was then: still so?
    const now = await scope.db
      .selectFrom('collections')
      .select(sql<string>`updated_at::text`.as('stamp'))
      .where('name', '=', collectionName)
      .executeTakeFirst();
    if (!now) throw new TenantryError('not_found', `no collection '${collectionName}'`);
    if (now.stamp !== options.checked.stamp) {
      throw new TenantryError('collection_changed', `collection '${collectionName}' changed while the records were being checked; run again`);
    }
    const place = { tenantId: scope.tenantId, collection: collectionName };
    const values = items.map((data, i) => sql`(${options.ids[i]}::uuid, ${encodeData(place, data)})`);
    if (options.key === undefined) {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO records (collection, id, data) SELECT ${collectionName}, v.id, v.data FROM (VALUES ${sql.join(values)}) AS v (id, data)
        ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`.execute(scope.db);
      return { written: rows.length };
    }
    if (!FIELD_PATH_PATTERN.test(options.key)) throw new ValidationError(`key '${options.key}' is not a dot-separated path of names`);
    const segments = options.key.split('.');
    const seen = new Set<string>();
    items.forEach((data, i) => {
      const value = segments.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
      if (value === undefined) throw new ValidationError(`records[${i}] has no '${options.key}' (the key)`);
      const text = JSON.stringify(value);
      if (seen.has(text)) throw new ValidationError(`records[${i}] repeats the key ${options.key} = ${text}`);
      seen.add(text);
    });
    const { rows } = await sql<{ id: string }>`
      WITH v (id, data) AS (VALUES ${sql.join(values)}),
      updated AS (
        UPDATE records r SET data = v.data, version = r.version + 1, updated_at = now()
          FROM v WHERE r.collection = ${collectionName} AND ${dataField(options.key, 'r.data')} = ${dataField(options.key, 'v.data')}
        RETURNING r.id),
      inserted AS (
        INSERT INTO records (collection, id, data)
        SELECT ${collectionName}, v.id, v.data FROM v
         WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.collection = ${collectionName} AND ${dataField(options.key, 'r.data')} = ${dataField(options.key, 'v.data')})
        ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id)
      SELECT id FROM updated UNION ALL SELECT id FROM inserted`.execute(scope.db);
    return { written: rows.length };
  }

  /**
   * One page of a collection's records matching `filter`, in `sort` order, strictly after the keyset
   * position `after` (the `next` of the previous page). `next` is null on the last page.
   */
  async queryRecords(
    tenant: TenantOrScope,
    collectionName: string,
    query: { filter?: FilterNode; sort?: string; limit: number; after?: readonly string[] },
  ): Promise<{ items: RecordView[]; next: string[] | null }> {
    return inScope(this.#scopes, tenant, (scope) => this.#queryRecords(scope, collectionName, query));
  }

  async #queryRecords(
    scope: TenantScope,
    collectionName: string,
    query: { filter?: FilterNode; sort?: string; limit: number; after?: readonly string[] },
  ): Promise<{ items: RecordView[]; next: string[] | null }> {
    const collection = (await this.#read(scope, collectionName)).collection;
    if (query.filter) await this.#checkQueryCost(scope, collectionName, query.filter, collection.indexes);
    const sort = parseSort(query.sort, collection.indexes);
    const columns = sortColumns(sort);
    if (query.after && (query.after.length !== columns.length || !query.after.every((v) => typeof v === 'string'))) {
      throw new TenantryError('invalid_cursor', 'the cursor does not fit this sort');
    }
    // tenant_id and collection spelled out (RLS would confine the rows anyway) so the planner can use
    // the tenant's partial indexes, whose predicates name both.
    const conditions = [sql`tenant_id = ${scope.tenantId}`, sql`collection = ${collectionName}`];
    if (query.filter) conditions.push(compileFilter(query.filter));
    if (query.after) conditions.push(keysetAfter(columns, query.after));
    const { rows } = await sql<{ id: string; data: unknown; version: number; created_at: Date; updated_at: Date } & Record<string, string>>`
      SELECT id, data, version, created_at, updated_at, ${sql.join(columns.map((c, i) => sql`(${c.expr})::text AS ${sql.ref(`k${i}`)}`))}
        FROM records
       WHERE ${sql.join(conditions, sql` AND `)}
       ORDER BY ${sql.join(columns.map((c) => sql`${c.expr} ${sql.raw(c.descending ? 'DESC' : 'ASC')}`))}
       LIMIT ${query.limit + 1}`.execute(scope.db);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const next = rows.length > query.limit && last ? columns.map((_, i) => last[`k${i}`]!) : null;
    return { items: page.map((row) => decodeRecord({ tenantId: scope.tenantId, collection: collectionName }, row)), next };
  }

  /** Refuse (409 limit_reached) a write that adds data once the tenant stores more than its plan allows. */
  async #checkQuota(scope: TenantScope): Promise<void> {
    this.#refuseOverQuota(scope.tenant, this.#stored.get(this.#key(scope.tenant, 'storage')) ?? (await this.#measureStorage(scope)));
  }

  /**
   * Count new records into what was measured of the tenant's storage and of the collection, until they
   * are measured again: a filter priced on an empty collection stays priced right as records arrive.
   */
  #grew(tenant: TenantInfo, collection: string, items: readonly unknown[]): void {
    const bytes = JSON.stringify(items).length;
    const add = (cache: LRUCache<string, { bytes: number; rows: number }>, key: string) => {
      const known = cache.get(key);
      if (known) cache.set(key, { rows: known.rows + items.length, bytes: known.bytes + bytes }, { noUpdateTTL: true });
    };
    add(this.#stored, this.#key(tenant, 'storage'));
    add(this.#sizes, this.#key(tenant, 'size', collection));
  }

  #refuseOverQuota(tenant: TenantInfo, stored: { bytes: number; rows: number }): void {
    const { storageBytes } = planLimits(tenant);
    if (stored.bytes <= storageBytes) return;
    throw new TenantryError(
      'limit_reached',
      `this tenant stores ~${Math.round(stored.bytes / 1e6)} MB of records (${stored.rows}), past its plan's limit (storageBytes = ${storageBytes}); delete records first`,
    );
  }

  /** What the tenant stores in records: counted (up to STORAGE_ROWS_CAP) × the average size of a sample; cached a minute. */
  async #measureStorage(scope: TenantScope): Promise<{ bytes: number; rows: number }> {
    const { rows } = await sql<{ rows: number; avg: number }>`
      SELECT (SELECT count(*) FROM (SELECT 1 FROM records WHERE tenant_id = ${scope.tenantId} LIMIT ${STORAGE_ROWS_CAP}) c)::int AS rows,
             (SELECT coalesce(avg(pg_column_size(data)), 0) FROM (SELECT data FROM records WHERE tenant_id = ${scope.tenantId} LIMIT 1000) s)::float8 AS avg`.execute(
      scope.db,
    );
    const stored = { rows: rows[0]!.rows, bytes: Math.round(rows[0]!.rows * rows[0]!.avg) };
    this.#stored.set(this.#key(scope.tenant, 'storage'), stored);
    return stored;
  }

  /**
   * Refuse, before it runs, a filter whose conditions × the bytes of data it reaches are past the
   * tenant's queryCost: each condition is evaluated on every record the scan reaches (`data #> path`
   * unpacks the document each time), and such a query would hold a connection — on embedded PGlite,
   * which has no statement timeout, the whole process — for as long as that takes. Without an indexed
   * condition the scan reaches the whole collection; with one, the records that condition matches,
   * counted through its index up to the budget (an index on a field every record shares narrows nothing).
   */
  async #checkQueryCost(scope: TenantScope, collection: string, filter: FilterNode, indexes: readonly string[]): Promise<void> {
    const leaves = filterLeaves(filter);
    if (leaves === 0) return;
    const { queryCost } = planLimits(scope.tenant);
    const size = await this.#size(scope, collection);
    if (leaves * size.bytes <= queryCost) return;
    const indexed = indexedCondition(filter, indexes);
    let reached = size;
    if (indexed && leaves > 1) {
      const average = size.bytes / Math.max(1, size.rows);
      const cap = Math.floor(queryCost / (leaves * Math.max(1, average))) + 1;
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM records
         WHERE tenant_id = ${scope.tenantId} AND collection = ${collection} AND ${compileFilter(indexed)} LIMIT ${cap}) c`.execute(scope.db);
      reached = { rows: rows[0]!.n, bytes: Math.round(rows[0]!.n * average) };
      if (rows[0]!.n < cap) return;
    } else if (indexed) {
      return; // one indexed condition: the index finds the matches, and the page stops at its limit
    }
    const mb = (reached.bytes / 1e6).toFixed(reached.bytes < 1e7 ? 1 : 0);
    throw new TenantryError(
      'query_too_expensive',
      `this filter's ${leaves} condition${leaves > 1 ? 's' : ''} would each be checked against ~${mb} MB of records (${reached.rows}${reached.rows >= SIZE_ROWS_CAP ? '+' : ''} records), ` +
        `past the tenant's limit (queryCost = ${queryCost} condition-bytes); filter by an indexed field that narrows the records more, or use fewer conditions`,
    );
  }

  /**
   * A collection's data size, estimated: records counted (up to SIZE_ROWS_CAP) × their average size in a
   * sample — as text, uncompressed, since that is what conditions work through — measured once a
   * minute per collection and kept current by this process's writes (#grew).
   */
  async #size(scope: TenantScope, collection: string): Promise<{ bytes: number; rows: number }> {
    const key = this.#key(scope.tenant, 'size', collection);
    const known = this.#sizes.get(key);
    if (known) return known;
    const { rows } = await sql<{ rows: number; avg: number }>`
      SELECT (SELECT count(*) FROM (SELECT 1 FROM records WHERE tenant_id = ${scope.tenantId} AND collection = ${collection} LIMIT ${SIZE_ROWS_CAP}) c)::int AS rows,
             (SELECT coalesce(avg(octet_length(data::text)), 0) FROM (SELECT data FROM records WHERE tenant_id = ${scope.tenantId} AND collection = ${collection} LIMIT 500) s)::float8 AS avg`.execute(
      scope.db,
    );
    const size = { rows: rows[0]!.rows, bytes: Math.round(rows[0]!.rows * rows[0]!.avg) };
    this.#sizes.set(key, size);
    return size;
  }

  async getRecord(tenant: TenantOrScope, collection: string, id: string): Promise<RecordView> {
    return inScope(this.#scopes, tenant, (scope) => this.#getRecord(scope, collection, id));
  }

  async #getRecord(scope: TenantScope, collection: string, id: string, options: { forUpdate?: boolean } = {}): Promise<RecordView> {
    if (!UUID.test(id)) throw new TenantryError('not_found', `no record '${id}' in '${collection}'`);
    let query = scope.db.selectFrom('records').selectAll().where('collection', '=', collection).where('id', '=', id);
    if (options.forUpdate) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no record '${id}' in '${collection}'`);
    return decodeRecord({ tenantId: scope.tenantId, collection }, row);
  }

  /**
   * Replace (PUT) or merge into (PATCH, RFC 7396 JSON merge patch) a record's data. With `ifMatch`, the
   * write happens only at that version (412 version_conflict otherwise); the version always goes up by
   * one. Optimistic: read the record and its collection, compute and validate the new data outside
   * any scope (a check that goes to the sandbox never holds a connection), then write it only if the
   * record is still at the version read and the collection unchanged — else read again, so concurrent
   * merges all land and none is lost.
   */
  async writeRecord(
    ref: TenantRef,
    collectionName: string,
    id: string,
    data: Record<string, unknown>,
    options: { merge: boolean; ifMatch?: number },
  ): Promise<RecordView> {
    if (!UUID.test(id)) throw new TenantryError('not_found', `no record '${id}' in '${collectionName}'`);
    const tenant = await this.#info(ref);
    const scopes = this.#scopes;
    for (let attempt = 0; attempt < CHANGING_ATTEMPTS; attempt++) {
      const { current, known } = await scopes(tenant, async (scope) => {
        await this.#checkQuota(scope);
        return { current: await this.#getRecord(scope, collectionName, id), known: await this.#read(scope, collectionName) };
      });
      if (options.ifMatch !== undefined && options.ifMatch !== current.version) {
        throw new TenantryError('version_conflict', `record is at version ${current.version}, not ${options.ifMatch}`);
      }
      const next = options.merge ? mergePatch(current.data, data) : data;
      await this.#validate(tenant, known.collection, [next], () => 'data');
      const { rows } = await scopes(
        tenant,
        (scope) =>
          sql<RecordRow>`
            UPDATE records SET data = ${encodeData({ tenantId: tenant.id, collection: collectionName }, next)}, version = version + 1, updated_at = clock_timestamp()
             WHERE collection = ${collectionName} AND id = ${id}::uuid AND version = ${current.version}
               AND EXISTS (SELECT 1 FROM collections WHERE name = ${collectionName} AND updated_at = ${known.stamp}::timestamptz)
            RETURNING id, data, version, created_at, updated_at`.execute(scope.db),
        { singleStatement: true },
      );
      if (rows[0]) return decodeRecord({ tenantId: tenant.id, collection: collectionName }, rows[0]);
      // Another writer got in between (or the collection changed): read again; with If-Match, the
      // next read finds the version moved and answers 412.
      await new Promise((r) => setTimeout(r, Math.random() * 2 * (attempt + 1)));
    }
    throw new TenantryError('collection_changed', `record '${id}' kept changing while it was written; retry`);
  }

  async deleteRecord(tenant: TenantOrScope, collection: string, id: string, ifMatch?: number): Promise<void> {
    await inScope(this.#scopes, tenant, async (scope) => {
      const current = await this.#getRecord(scope, collection, id, { forUpdate: true });
      if (ifMatch !== undefined && ifMatch !== current.version) {
        throw new TenantryError('version_conflict', `record is at version ${current.version}, not ${ifMatch}`);
      }
      await scope.db.deleteFrom('records').where('collection', '=', collection).where('id', '=', id).execute();
      this.#stored.delete(this.#key(scope.tenant, 'storage')); // measured again on the next write
    });
  }
}

/** RFC 7396: objects merge recursively, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): Record<string, unknown> {
  const apply = (t: unknown, p: unknown): unknown => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
    const out: Record<string, unknown> = t !== null && typeof t === 'object' && !Array.isArray(t) ? { ...(t as Record<string, unknown>) } : {};
    for (const [k, v] of Object.entries(p)) {
      if (v === null) delete out[k];
      else out[k] = apply(out[k], v);
    }
    return out;
  };
  return apply(target, patch) as Record<string, unknown>;
}
