import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { TenantryError, ValidationError } from '../errors.js';
import { SandboxBusyError, SandboxError, type Sandbox } from '../sandbox/sandbox.js';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN } from '../storage/names.js';
import { tenantCacheKey, tenantIdOf, type TenantInfo, type TenantRef, type TenantScope } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import type { Tenantry } from '../tenantry.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { decodeRecords, keysFrom, refuseEncrypted, type RecordRow } from './codec.js';
import { inScope, type ScopeRunner, type TenantOrScope } from './scope-runner.js';
import type { RecordSizes } from './sizes.js';
import { compileTenantSchema, firstInvalid, jsonNodes, profileSchema, type SchemaProfile } from './tenant-schema.js';

/**
 * Validation runs on the request thread only while its cost — subschemas (expanded) × values in the
 * data — stays under this and the data under INLINE_NODES values (~10 ms at worst); past either, or for
 * a schema that recurses, it runs in the sandbox under the tenant's evaluation deadline.
 */
const INLINE_WORK = 1_000_000;
const INLINE_NODES = 20_000;

/**
 * What the records services need of Tenantry: tenant scopes, and the owner's index DDL, which runs
 * outside any scope — the budget checked before the scope that changes a collection, the indexes made
 * to match after it commits.
 */
export type RecordsTenants = Pick<Tenantry, 'withTenant' | 'syncRecordIndexes' | 'checkIndexBudget' | 'keys' | 'audit'>;

export interface Collection {
  name: string;
  schema: Record<string, unknown> | null;
  indexes: string[];
  /** Top-level data fields stored encrypted (codec.ts). */
  encrypted: string[];
  createdAt: string;
  updatedAt: string;
}

export type CollectionInput = { name: string; schema?: Record<string, unknown> | null; indexes?: string[]; encrypted?: string[] };
export type CollectionChanges = { schema?: Record<string, unknown> | null; indexes?: string[]; encrypted?: string[] };

/** An encrypted field: a top-level data field name. */
const ENCRYPTED_FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENCRYPTED_FIELDS_MAX = 100;

/** Records a new schema would refuse, found by Collections.nonconforming. */
export interface Nonconforming {
  /** How many (counting stops at NONCONFORMING_CAP). */
  count: number;
  capped: boolean;
  /** The first few, by record id. */
  examples: Array<{ id: string; message: string }>;
}

/** Counting records that do not match stops here: enough to say "at least". */
export const NONCONFORMING_CAP = 1000;
const SCAN_PAGE = 500;
/** Lock-and-check passes of a schema change before it gives up on a collection written to without pause. */
const SCHEMA_CHANGE_ATTEMPTS = 10;

/**
 * The oldest transaction id still running, as PostgreSQL's snapshot says now (64 bits, as text). Every
 * record version not yet committed now — so not seen by a scan that starts after this — is written by
 * a transaction (or subtransaction) with an id at least this, which changedSince finds.
 */
async function changeMarker(scope: TenantScope): Promise<string> {
  const { rows } = await sql<{ marker: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS marker`.execute(scope.db);
  return rows[0]!.marker;
}

/**
 * Records of collection `name` whose current version was written by a transaction id at or after
 * `marker` (changeMarker): `xmin` is the 32-bit id, compared modulo 2^32 against the marker's low 32
 * bits — the ids written since are less than 2^31 ahead of it. A row frozen long ago may count too (a
 * record checked once more); none written since is left out.
 */
async function changedSince(scope: TenantScope, name: string, marker: string): Promise<RecordRow[]> {
  const { rows } = await sql<RecordRow>`
    SELECT id, data, version, created_at, updated_at FROM records
     WHERE collection = ${name}
       AND ((xmin::text::bigint - ${marker}::bigint % 4294967296) % 4294967296 + 4294967296) % 4294967296 < 2147483648
     ORDER BY id`.execute(scope.db);
  return rows;
}

/** 409 records_do_not_match, naming how many and the first few. */
function refuseNonconforming(name: string, found: Nonconforming): void {
  if (found.count === 0) return;
  const examples = found.examples.map((e) => `${e.id}: ${e.message}`).join('; ');
  throw new TenantryError(
    'records_do_not_match',
    `${found.capped ? 'at least ' : ''}${found.count} record${found.count === 1 ? '' : 's'} of '${name}' do not match the new schema (${examples}); ` +
      'change or delete them first, or send ?validate=false to change the schema anyway',
  );
}

/** A collection as read, with `stamp`: updated_at as PostgreSQL prints it, exact to the microsecond (unlike `updatedAt`). */
export interface KnownCollection {
  collection: Collection;
  stamp: string;
}

/** Checking data against a schema hit a limit of the sandbox (time, memory): the data is refused. */
export class CheckFailed extends ValidationError {}

interface CompiledSchema {
  /** The schema's JSON text: what the sandbox compiles when the work goes there. */
  text: string;
  validate: ValidateFunction;
  profile: SchemaProfile;
}

function toCollection(row: { name: string; schema: unknown; indexes: unknown; encrypted?: unknown; created_at: Date; updated_at: Date }): Collection {
  return {
    name: row.name,
    schema: (row.schema as Record<string, unknown> | null) ?? null,
    indexes: (row.indexes as string[]) ?? [],
    encrypted: (row.encrypted as string[] | undefined) ?? [],
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/**
 * A tenant's collections: their definitions (within the tenant's plan), the expression indexes they
 * declare (made and dropped as the owner, after the scope that changed the declaration commits), and
 * their JSON Schemas (the tenant's customisation), compiled once per version and checked on writes.
 */
export class Collections {
  /**
   * Compiled schemas, per tenant and schema text (two changes within one millisecond stay apart), in
   * an LRU bounded by count and by the schemas' total size: a tenant changing its schema in a loop
   * replaces entries, never grows the cache.
   */
  readonly #schemas = new LRUCache<string, CompiledSchema>({ max: 1_000, maxSize: 32 * 1024 * 1024, sizeCalculation: (s) => s.text.length + 1 });
  /**
   * Collections as last read, per tenant and generation. Never trusted on its own: a write through it
   * carries the cached stamp into the statement and does nothing if the collection changed or is gone
   * (see RecordsService.create), so a change made by another process is seen by the very next write.
   */
  readonly #known = new LRUCache<string, KnownCollection>({ max: 10_000 });
  readonly #scopes: ScopeRunner;

  constructor(
    private readonly tenants: RecordsTenants,
    private readonly sandbox: Sandbox,
    private readonly sizes: RecordSizes,
    private readonly keys: DataKeys = tenants.keys,
  ) {
    this.#scopes = (tenant, fn, options) => tenants.withTenant(tenant, fn, options);
  }

  #key(tenant: TenantInfo, name: string): string {
    return tenantCacheKey(tenant.id, tenant.generation, 'collection', name);
  }

  /** Create a collection and the indexes it declares (409 past the tenant's plan or the pool's index budget). */
  async create(tenant: TenantRef, input: CollectionInput): Promise<Collection> {
    if (!COLLECTION_NAME_PATTERN.test(input.name)) throw new ValidationError(`collection name '${input.name}' must match ${COLLECTION_NAME_PATTERN}`);
    this.#checkSchema(tenantIdOf(tenant), input.schema);
    this.#checkEncrypted(input.encrypted);
    this.#checkIndexes(input.indexes, input.encrypted ?? []);
    await this.tenants.checkIndexBudget(tenantIdOf(tenant), input.name, input.indexes ?? []);
    const created = await this.#scopes(tenant, async (scope) => {
      await this.#lockDefinitions(scope);
      await this.#checkPlan(scope, { adding: true, name: input.name, indexes: input.indexes ?? [] });
      const row = await scope.db
        .insertInto('collections')
        .values({
          name: input.name,
          schema: input.schema ? JSON.stringify(input.schema) : null,
          indexes: JSON.stringify(input.indexes ?? []),
          encrypted: JSON.stringify(input.encrypted ?? []),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new TenantryError('collection_exists', `collection '${input.name}' already exists`);
      return toCollection(row);
    });
    await this.tenants.syncRecordIndexes(tenantIdOf(tenant), created.name);
    return created;
  }

  async list(tenant: TenantOrScope): Promise<Collection[]> {
    return inScope(this.#scopes, tenant, async (scope) => (await scope.db.selectFrom('collections').selectAll().orderBy('name').execute()).map(toCollection));
  }

  async get(tenant: TenantOrScope, name: string): Promise<Collection> {
    return inScope(this.#scopes, tenant, async (scope) => (await this.read(scope, name)).collection);
  }

  /**
   * Change a collection's schema or indexes; changed indexes are made (or dropped) before this returns.
   * A new schema is first checked against the records already there: if any do not match it, the
   * change is refused (409 `records_do_not_match`, with how many and examples) unless `validate` is
   * false. A record written while the check runs is checked by its own write against the schema it
   * saw; one committed in the instant between the check and the change can slip through.
   */
  async update(tenant: TenantRef, name: string, changes: CollectionChanges, options: { validate?: boolean } = {}): Promise<Collection> {
    this.#checkSchema(tenantIdOf(tenant), changes.schema);
    this.#checkEncrypted(changes.encrypted);
    const schema = changes.schema && options.validate !== false ? changes.schema : undefined;
    // Records written while the collection is scanned are not missed: every record version written
    // after `since` (a transaction id, changeMarker) is checked again below, before the schema is saved.
    let since = schema ? await this.#scopes(tenant, changeMarker) : undefined;
    if (schema) refuseNonconforming(name, await this.nonconforming(tenant, name, schema));
    if (changes.indexes !== undefined) await this.tenants.checkIndexBudget(tenantIdOf(tenant), name, changes.indexes);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#scopes(tenant, async (scope) => {
        // FOR UPDATE: a record write holds a KEY SHARE lock on its collection's row from its guard (or
        // the foreign key) to its commit, so from here no write is between its check and its commit,
        // and the writes waiting here find the collection changed when they go on (and check again).
        const locked = await scope.db.selectFrom('collections').select('name').where('name', '=', name).forUpdate().executeTakeFirst();
        if (!locked) throw new TenantryError('not_found', `no collection '${name}'`);
        if (schema && since !== undefined) {
          const marker = await changeMarker(scope);
          const changed = await changedSince(scope, name, since);
          if (changed.length > 0)
            return { done: false as const, changed, marker, tenant: scope.tenant, collection: { ...(await this.read(scope, name)).collection, schema } };
        }
        return { done: true as const, updated: await this.#apply(scope, name, changes) };
      });
      if (outcome.done) {
        if (changes.indexes !== undefined) await this.tenants.syncRecordIndexes(tenantIdOf(tenant), outcome.updated.name);
        return outcome.updated;
      }
      // Records written during the scan: checked here, outside any scope (the check may go to the
      // sandbox), then the lock is taken again; a collection written to without pause gives up.
      if (attempt + 1 >= SCHEMA_CHANGE_ATTEMPTS) {
        throw new TenantryError('collection_changed', `records of '${name}' kept being written while its schema was checked; retry`);
      }
      const found: Nonconforming = { count: 0, capped: false, examples: [] };
      await this.#mismatches(found, outcome.tenant, outcome.collection, outcome.changed);
      refuseNonconforming(name, found);
      since = outcome.marker;
    }
  }

  /** The change itself, in the scope that holds the collection's row (update). */
  async #apply(scope: TenantScope, name: string, changes: CollectionChanges): Promise<Collection> {
    const before = (await this.read(scope, name)).collection;
    // Indexes and encrypted fields are checked against each other as they will be after the change.
    this.#checkIndexes(changes.indexes ?? before.indexes, changes.encrypted ?? before.encrypted);
    if (changes.encrypted !== undefined && !sameFields(changes.encrypted, before.encrypted)) {
      // Records hold a field either in clear or sealed; which, is fixed while there are any.
      const any = await scope.db.selectFrom('records').select('id').where('collection', '=', name).limit(1).executeTakeFirst();
      if (any) {
        throw new TenantryError(
          'collection_not_empty',
          `the encrypted fields of '${name}' can change only while it has no records; create a new collection and copy the records into it`,
        );
      }
    }
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
        ...(changes.encrypted !== undefined && { encrypted: JSON.stringify(changes.encrypted) }),
      })
      .where('name', '=', name)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no collection '${name}'`);
    return toCollection(row);
  }

  /**
   * Records of `name` that `schema` would refuse: read page by page (each page its own scope, so no
   * scope is held for the whole collection), checked as writes are (inline or in the sandbox).
   */
  async nonconforming(tenant: TenantRef, name: string, schema: Record<string, unknown>): Promise<Nonconforming> {
    const found: Nonconforming = { count: 0, capped: false, examples: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.#scopes(tenant, async (scope) => {
        const known = await this.read(scope, name); // 404 for a missing collection
        const rows = await scope.db
          .selectFrom('records')
          .select(['id', 'data', 'version', 'created_at', 'updated_at'])
          .where('collection', '=', name)
          .where('id', '>', after)
          .orderBy('id')
          .limit(SCAN_PAGE)
          .execute();
        return { tenant: scope.tenant, collection: { ...known.collection, schema }, rows };
      });
      if (await this.#mismatches(found, page.tenant, page.collection, page.rows)) return found;
      if (page.rows.length < SCAN_PAGE) return found;
      after = page.rows.at(-1)!.id;
    }
  }

  /** Count into `found` the rows `schema` refuses (decoded first); true once the count reaches the cap. */
  async #mismatches(found: Nonconforming, tenant: TenantInfo, collection: Collection, rows: readonly RecordRow[]): Promise<boolean> {
    const items = await decodeRecords(keysFrom(this.keys), { tenantId: tenant.id, generation: tenant.generation, collection: collection.name }, rows);
    // Each pass finds the first that does not match; look on after it.
    for (let start = 0; start < items.length;) {
      const miss = await this.firstMismatch(
        tenant,
        collection,
        items.slice(start).map((r) => r.data),
      );
      if (!miss) break;
      const item = items[start + miss.index]!;
      found.count++;
      if (found.examples.length < 5) found.examples.push({ id: item.id, message: miss.message });
      if (found.count >= NONCONFORMING_CAP) {
        found.capped = true;
        return true;
      }
      start += miss.index + 1;
    }
    return false;
  }

  /** Drop a collection, its records and its indexes. */
  async delete(tenant: TenantRef, name: string): Promise<void> {
    await this.#scopes(tenant, async (scope) => {
      const result = await scope.db.deleteFrom('collections').where('name', '=', name).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new TenantryError('not_found', `no collection '${name}'`);
      this.sizes.shrank(scope.tenant);
    });
    await this.tenants.syncRecordIndexes(tenantIdOf(tenant), name);
  }

  /** Read a collection (404 if there is none) and remember it with its stamp. */
  async read(scope: TenantScope, name: string): Promise<KnownCollection> {
    const row = await scope.db
      .selectFrom('collections')
      // Named columns, so that the statement can be prepared (storage/prepared.ts).
      .select(['name', 'schema', 'indexes', 'encrypted', 'created_at', 'updated_at'])
      .select(sql<string>`updated_at::text`.as('stamp'))
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no collection '${name}'`);
    const known = { collection: toCollection(row), stamp: row.stamp };
    this.#known.set(this.#key(scope.tenant, name), known);
    return known;
  }

  /** The collection as last read by this process, if it was. */
  cached(tenant: TenantInfo, name: string): KnownCollection | undefined {
    return this.#known.get(this.#key(tenant, name));
  }

  /** Read the collection again before trusting it (it changed, or its schema may have). */
  forget(tenant: TenantInfo, name: string): void {
    this.#known.delete(this.#key(tenant, name));
  }

  /** The collection's stamp now, in the caller's scope (404 if it is gone). */
  async stamp(scope: TenantScope, name: string): Promise<string> {
    // KEY SHARE, held to the caller's commit: a schema change (update) waits for the records this
    // scope writes under the stamp, or this waits for it and reads the new stamp.
    const now = await scope.db
      .selectFrom('collections')
      .select(sql<string>`updated_at::text`.as('stamp'))
      .where('name', '=', name)
      .forKeyShare()
      .executeTakeFirst();
    if (!now) throw new TenantryError('not_found', `no collection '${name}'`);
    return now.stamp;
  }

  /**
   * Check `items` against the collection's schema: a 400 naming the first that does not match. Small
   * work runs here; a recursive schema, or much data under a large schema, goes to the sandbox, where
   * the tenant's evaluation deadline bounds it and no other tenant waits on it.
   */
  async validate(tenant: TenantInfo, collection: Collection, items: readonly unknown[], where: (i: number) => string): Promise<void> {
    const invalid = await this.firstMismatch(tenant, collection, items, where);
    if (invalid) throw new ValidationError(`${where(invalid.index)} does not match the schema of '${collection.name}': ${invalid.message}`);
  }

  /** The first of `items` that does not match the collection's schema (none without a schema). */
  async firstMismatch(
    tenant: TenantInfo,
    collection: Collection,
    items: readonly unknown[],
    where: (i: number) => string = (i) => `record ${i}`,
  ): Promise<{ index: number; message: string } | null> {
    if (!collection.schema) return null;
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
    return invalid;
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

  #checkIndexes(indexes: string[] | undefined, encrypted: readonly string[]): void {
    for (const field of indexes ?? []) {
      if (!FIELD_PATH_PATTERN.test(field)) throw new ValidationError(`index field '${field}' is not a dot-separated path of names`);
    }
    refuseEncrypted(encrypted, indexes ?? [], 'indexes');
  }

  #checkEncrypted(encrypted: string[] | undefined): void {
    if (encrypted === undefined) return;
    if (encrypted.length > ENCRYPTED_FIELDS_MAX) throw new ValidationError(`at most ${ENCRYPTED_FIELDS_MAX} encrypted fields, got ${encrypted.length}`);
    for (const field of encrypted) {
      if (!ENCRYPTED_FIELD_PATTERN.test(field)) {
        throw new ValidationError(
          `encrypted field '${field}' must be a top-level field name (${ENCRYPTED_FIELD_PATTERN}); encrypt the whole object that holds it`,
        );
      }
    }
    if (new Set(encrypted).size !== encrypted.length) throw new ValidationError('encrypted names a field twice');
  }

  /**
   * Hold the tenant's collection-definitions lock for the rest of the scope's transaction, so the
   * counts below cannot be raced past by a concurrent create or change.
   */
  async #lockDefinitions(scope: TenantScope): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`tenantry:collections:${scope.tenantId}`}, 0))`.execute(scope.db);
  }

  /** Refuse (403 quota_exceeded) a collection count, or (409 limit_reached) or an index total over the tenant's plan. */
  async #checkPlan(scope: TenantScope, change: { adding: boolean; name: string; indexes?: string[] }): Promise<void> {
    const limits = planLimits(scope.tenant);
    const { rows } = await sql<{ collections: number; indexes: number }>`
      SELECT count(*)::int AS collections, coalesce(sum(jsonb_array_length(indexes)) FILTER (WHERE name <> ${change.name}), 0)::int AS indexes
        FROM collections`.execute(scope.db);
    const { collections, indexes } = rows[0]!;
    if (change.adding && collections >= limits.maxCollections) {
      throw new TenantryError('quota_exceeded', `this tenant has ${collections} collections, its plan's limit (maxCollections = ${limits.maxCollections})`);
    }
    const total = indexes + (change.indexes?.length ?? 0);
    if (change.indexes !== undefined && total > limits.maxIndexes) {
      throw new TenantryError(
        'limit_reached',
        `this would make ${total} indexes over the tenant's collections, past its plan's limit (maxIndexes = ${limits.maxIndexes}); drop indexes from other collections first`,
      );
    }
  }
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}
