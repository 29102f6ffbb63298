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
import { cachedKeysFrom, decodeRecords, keysFrom, refuseEncrypted, type RecordRow, type RecordView } from './codec.js';
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
/** How long a schema change waits for its collection's row (record writes hold it in KEY SHARE) before it backs off and tries again. */
const SCHEMA_LOCK_TIMEOUT_MS = 2000;
/** Records written during the scan that a schema change checks under its lock (when the check is inline); more are checked outside it first. */
const LOCKED_CHECK_MAX = 500;
/** SQLSTATE of a lock not granted within lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';
/** A window of transaction ids wider than this (or negative) is not trusted to 32-bit `xmin` arithmetic: the scan starts over. */
const XID_WINDOW_MAX = 2 ** 30;

/**
 * Where a schema change's scan began: the oldest transaction id still running (64 bits, as text) and the
 * tenant's placement epoch. Every record version not yet committed then — so perhaps not seen by the
 * scan — is written by a transaction or subtransaction with an id at least this (writtenSince finds
 * them); ids are the database server's, so a move to another server (a new epoch) starts over.
 */
interface ScanMark {
  xid: string;
  epoch: number;
}

async function scanMark(scope: TenantScope): Promise<ScanMark> {
  const { rows } = await sql<{ xid: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xid`.execute(scope.db);
  return { xid: rows[0]!.xid, epoch: scope.tenant.placementEpoch };
}

/**
 * Records of collection `name` whose current version was written by a transaction id in [mark, xmax of
 * this statement's snapshot): `xmin` is the id's low 32 bits, taken modulo 2^32 from the mark's and
 * bounded by the window's width — a row frozen long ago (its raw `xmin` kept) counts only if its id
 * happens to fall in that window again, and is then checked once more; none written since is left
 * out. Only `id` and `xmin`: the data is read for the ones not checked yet. `undefined` when the window
 * is too wide to trust (XID_WINDOW_MAX).
 */
async function writtenSince(scope: TenantScope, name: string, mark: ScanMark): Promise<Array<{ id: string; xmin: string }> | undefined> {
  const { rows: width } = await sql<{
    width: string;
  }>`SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint - ${mark.xid}::bigint)::text AS width`.execute(scope.db);
  // Negative: the server's ids went back (a restore to an earlier point): nothing here is comparable.
  const span = Number(width[0]!.width);
  if (span < 0 || span >= XID_WINDOW_MAX) return undefined;
  const { rows } = await sql<{ id: string; xmin: string }>`
    SELECT id, xmin::text AS xmin FROM records
     WHERE collection = ${name}
       AND ((xmin::text::bigint - ${mark.xid}::bigint % 4294967296) % 4294967296 + 4294967296) % 4294967296
           < pg_snapshot_xmax(pg_current_snapshot())::text::bigint - ${mark.xid}::bigint`.execute(scope.db);
  return rows;
}

/** Records of `name` by id, each with the `xmin` of the version read. */
async function recordsById(scope: TenantScope, name: string, ids: readonly string[]): Promise<Array<RecordRow & { xmin: string }>> {
  const { rows } = await sql<RecordRow & { xmin: string }>`
    SELECT id, data, version, created_at, updated_at, xmin::text AS xmin FROM records
     WHERE collection = ${name} AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`.execute(scope.db);
  return rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a check says of a list of data: the first that does not match, null for none, undefined if it cannot say here. */
type FirstMismatch = (data: unknown[]) => Promise<{ index: number; message: string } | null | undefined>;

/**
 * Count into `found` the records `check` refuses, each pass looking on after the last one found, up to
 * NONCONFORMING_CAP (then `found.capped`). False when `check` could not say (nothing decided).
 */
async function countMismatches(found: Nonconforming, items: readonly RecordView[], check: FirstMismatch): Promise<boolean> {
  for (let start = 0; start < items.length;) {
    const miss = await check(items.slice(start).map((r) => r.data));
    if (miss === undefined) return false;
    if (!miss) break;
    found.count++;
    if (found.examples.length < 5) found.examples.push({ id: items[start + miss.index]!.id, message: miss.message });
    if (found.count >= NONCONFORMING_CAP) {
      found.capped = true;
      break;
    }
    start += miss.index + 1;
  }
  return true;
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
   * false. Records written while the check runs are checked too before the schema is saved
   * (#saveChecked; docs/decisions.md).
   */
  async update(tenant: TenantRef, name: string, changes: CollectionChanges, options: { validate?: boolean } = {}): Promise<Collection> {
    this.#checkSchema(tenantIdOf(tenant), changes.schema);
    this.#checkEncrypted(changes.encrypted);
    if (changes.indexes !== undefined) await this.tenants.checkIndexBudget(tenantIdOf(tenant), name, changes.indexes);
    const schema = changes.schema && options.validate !== false ? changes.schema : undefined;
    const updated = schema ? await this.#saveChecked(tenant, name, changes, schema) : await this.#scopes(tenant, (scope) => this.#apply(scope, name, changes));
    if (changes.indexes !== undefined) await this.tenants.syncRecordIndexes(tenantIdOf(tenant), updated.name);
    return updated;
  }

  /**
   * A schema change checked against every record, those written during the check included. The scan
   * runs page by page, outside any one scope (the check may go to the sandbox, which no scope may wait
   * for). Then, in the scope that saves, the collection's row is taken FOR UPDATE — every record write
   * holds it in KEY SHARE from its guard (or the insert's foreign key) to its commit, so none is left
   * between its check and its commit, and those waiting find the collection changed and check again —
   * and the records written since the scan began (writtenSince) that are not checked yet are checked:
   * there, when few and inline; else outside the lock, and the lock taken again. Too many passes → 409
   * collection_changed; a lock not granted in SCHEMA_LOCK_TIMEOUT_MS (writers one after another) is
   * let go and tried again.
   */
  async #saveChecked(tenant: TenantRef, name: string, changes: CollectionChanges, schema: Record<string, unknown>): Promise<Collection> {
    let mark = await this.#scopes(tenant, scanMark);
    /** Records written since the mark, checked: id → the `xmin` of the version checked. */
    const checked = new Map<string, string>();
    refuseNonconforming(name, await this.nonconforming(tenant, name, schema, { mark, checked }));
    for (let attempt = 0; attempt < SCHEMA_CHANGE_ATTEMPTS; attempt++) {
      let outcome: { updated: Collection } | { unchecked: string[] } | { restart: true };
      try {
        outcome = await this.#scopes(tenant, async (scope) => {
          if (scope.tenant.placementEpoch !== mark.epoch) return { restart: true as const };
          // The lock timeout for the row lock only (not for what #apply and the audit append wait for after it).
          const { rows: before } = await sql<{ previous: string }>`
            SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', ${`${SCHEMA_LOCK_TIMEOUT_MS}ms`}, true)`.execute(scope.db);
          const locked = await scope.db.selectFrom('collections').select('name').where('name', '=', name).forUpdate().executeTakeFirst();
          await sql`SELECT set_config('lock_timeout', ${before[0]!.previous}, true)`.execute(scope.db);
          if (!locked) throw new TenantryError('not_found', `no collection '${name}'`);
          const written = await writtenSince(scope, name, mark);
          if (!written) return { restart: true as const };
          const unchecked = written.filter((r) => checked.get(r.id) !== r.xmin).map((r) => r.id);
          if (unchecked.length > 0) {
            if (unchecked.length > LOCKED_CHECK_MAX) return { unchecked };
            const collection = { ...(await this.read(scope, name)).collection, schema };
            const found = await this.#lockedMismatches(scope, collection, await recordsById(scope, name, unchecked));
            if (!found) return { unchecked };
            refuseNonconforming(name, found);
          }
          return { updated: await this.#apply(scope, name, changes) };
        });
      } catch (error) {
        if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
        await sleep(50 + Math.random() * 100 * (attempt + 1));
        continue;
      }
      if ('updated' in outcome) return outcome.updated;
      if ('restart' in outcome) {
        // Moved to another server meanwhile (whose transaction ids are not this mark's), or a window
        // too wide: the whole collection again, from a new mark — unless the mark cannot move.
        const next = await this.#scopes(tenant, scanMark);
        if (next.epoch === mark.epoch && BigInt(next.xid) <= BigInt(mark.xid)) {
          throw new TenantryError(
            'busy',
            `a transaction open on the database server since before this change began (transaction id ${mark.xid}) keeps the records of '${name}' from being checked; retry once it has ended`,
          );
        }
        mark = next;
        checked.clear();
        refuseNonconforming(name, await this.nonconforming(tenant, name, schema, { mark, checked }));
        continue;
      }
      // Outside the lock, page by page; each noted with the version checked.
      for (let start = 0; start < outcome.unchecked.length; start += SCAN_PAGE) {
        const ids = outcome.unchecked.slice(start, start + SCAN_PAGE);
        const page = await this.#scopes(tenant, async (scope) => ({
          tenant: scope.tenant,
          collection: { ...(await this.read(scope, name)).collection, schema },
          rows: await recordsById(scope, name, ids),
        }));
        const found: Nonconforming = { count: 0, capped: false, examples: [] };
        await this.#mismatches(found, page.tenant, page.collection, page.rows);
        refuseNonconforming(name, found);
        for (const row of page.rows) checked.set(row.id, row.xmin);
      }
    }
    throw new TenantryError('collection_changed', `records of '${name}' kept being written while its schema was checked; retry`);
  }

  /**
   * The records' mismatches, checked in the caller's scope — inline only, with the keys already cached
   * (no sandbox, no catalog query: either could wait on the scope's own connection on embedded PGlite);
   * undefined when that is not possible (check them outside the scope instead).
   */
  async #lockedMismatches(scope: TenantScope, collection: Collection, rows: readonly RecordRow[]): Promise<Nonconforming | undefined> {
    let items: RecordView[];
    try {
      items = await decodeRecords(
        cachedKeysFrom(this.keys),
        { tenantId: scope.tenant.id, generation: scope.tenant.generation, collection: collection.name },
        rows,
      );
    } catch (error) {
      // Keys not cached, or a key version newer than the cached ones (rotated by another process): the
      // cache cannot be refreshed in here; outside the scope, the keys are read again.
      if (error instanceof TenantryError && (error.code === 'key_unavailable' || error.code === 'data_corrupt')) return undefined;
      throw error;
    }
    const found: Nonconforming = { count: 0, capped: false, examples: [] };
    const decided = await countMismatches(found, items, async (data) => this.#inlineMismatch(scope.tenant.id, collection, data));
    return decided ? found : undefined;
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
  async nonconforming(
    tenant: TenantRef,
    name: string,
    schema: Record<string, unknown>,
    seen?: { mark: ScanMark; checked: Map<string, string> },
  ): Promise<Nonconforming> {
    const found: Nonconforming = { count: 0, capped: false, examples: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    const mark32 = seen ? Number(BigInt(seen.mark.xid) % 4294967296n) : 0;
    for (;;) {
      const page = await this.#scopes(tenant, async (scope) => {
        const known = await this.read(scope, name); // 404 for a missing collection
        const rows = await scope.db
          .selectFrom('records')
          .select(['id', 'data', 'version', 'created_at', 'updated_at'])
          .select(sql<string>`xmin::text`.as('xmin'))
          .where('collection', '=', name)
          .where('id', '>', after)
          .orderBy('id')
          .limit(SCAN_PAGE)
          .execute();
        return { tenant: scope.tenant, collection: { ...known.collection, schema }, rows };
      });
      if (await this.#mismatches(found, page.tenant, page.collection, page.rows)) return found;
      // Versions written since the mark that this scan has checked: the schema change's lock pass
      // (#saveChecked) need not check them again.
      if (seen) for (const row of page.rows) if ((Number(row.xmin) - mark32 + 4294967296) % 4294967296 < 2147483648) seen.checked.set(row.id, row.xmin);
      if (page.rows.length < SCAN_PAGE) return found;
      after = page.rows.at(-1)!.id;
    }
  }

  /** Count into `found` the rows `schema` refuses (decoded first); true once the count reaches the cap. */
  async #mismatches(found: Nonconforming, tenant: TenantInfo, collection: Collection, rows: readonly RecordRow[]): Promise<boolean> {
    const items = await decodeRecords(keysFrom(this.keys), { tenantId: tenant.id, generation: tenant.generation, collection: collection.name }, rows);
    await countMismatches(found, items, (data) => this.firstMismatch(tenant, collection, data));
    return found.capped;
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
    let invalid = this.#inlineMismatch(tenant.id, collection, items);
    if (invalid === undefined) {
      const compiled = this.#compiled(tenant.id, collection.schema);
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

  /** firstMismatch on the request thread, when the work is small enough for it (else undefined: the sandbox's). */
  #inlineMismatch(tenantId: string, collection: Collection, items: readonly unknown[]): { index: number; message: string } | null | undefined {
    if (!collection.schema) return null;
    const compiled = this.#compiled(tenantId, collection.schema);
    const nodes = jsonNodes(items, INLINE_NODES + 1);
    if (compiled.profile.recursive || nodes > INLINE_NODES || compiled.profile.expansion * nodes > INLINE_WORK) return undefined;
    return firstInvalid(compiled.validate, items);
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
