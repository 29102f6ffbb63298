import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { TenantryError, ValidationError } from '../errors.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { FIELD_PATH_PATTERN } from '../storage/names.js';
import type { TenantInfo, TenantRef, TenantScope } from '../storage/scope.js';
import type { DataKeys } from '../crypto/data-keys.js';
import {
  cachedKeysFrom,
  dataField,
  decodeRecords,
  encodeData,
  ENCRYPTED_DATA_KEY,
  keysFrom,
  refuseEncrypted,
  type DataPlace,
  type FieldCipher,
  type KeySource,
  type RecordRow,
  type RecordView,
  type SealedFields,
} from './codec.js';
import {
  CheckFailed,
  Collections,
  type Collection,
  type CollectionChanges,
  type CollectionInput,
  type KnownCollection,
  type RecordsTenants,
} from './collections.js';
import { compileFilter, filterFields, keysetAfter, parseSort, sortColumns, type FilterNode } from './query.js';
import { readsWholeCollection, SCAN_MIN_ROWS } from './scans.js';
import { inScope, type ScopeRunner, type TenantOrScope } from './scope-runner.js';
import { RecordSizes } from './sizes.js';
import { checkFilterTypes } from './filter-types.js';
import { mergePatch } from '../json-merge-patch.js';

export type { RecordView } from './codec.js';
export type { Collection, CollectionChanges, CollectionInput, RecordsTenants } from './collections.js';
export type { ScopeRunner, TenantOrScope } from './scope-runner.js';

export const BULK_MAX = 1000;

/** A page of records as queried: rows not yet decoded, the keyset of the next page, the count asked for. */
interface FoundRecords {
  rows: RecordRow[];
  next: string[] | null;
  total?: number;
}

/** What a record query takes: a parsed filter, the sort as written, a page size, a cursor's keyset, a count. */
export interface RecordsQuery {
  filter?: FilterNode;
  sort?: string;
  limit: number;
  after?: readonly string[];
  count?: 'exact' | 'estimated';
}

/** #queryRecords's answer for a scan outside a scan scope: run it again in one. */
const SCAN = Symbol('scan');

/** The tenant's catalog entry when `ref` is one (a request's authenticated tenant), else undefined. */
function catalogEntry(ref: TenantRef): TenantInfo | undefined {
  return typeof ref === 'object' && 'tier' in ref && 'limits' in ref ? (ref as TenantInfo) : undefined;
}

/** How many of `rows` hold encrypted fields (what a read of them opens). */
function encryptedRows(rows: readonly RecordRow[]): number {
  let n = 0;
  for (const row of rows) if ((row.data as Record<string, unknown>)[ENCRYPTED_DATA_KEY] !== undefined) n++;
  return n;
}
/** Reads and guarded writes tried before a write that keeps losing to concurrent changes gives up (409). */
const CHANGING_ATTEMPTS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A record's collection, checked on the row found by its id: spelled so that the planner cannot make
 * it an index condition, which leaves records_pkey (tenant_id, id) the only index that answers a
 * statement by id. As `collection = $1` it matched records_collection_created (tenant_id, collection,
 * created_at, id) too, at the same estimated cost, and on statistics older than the collection's rows
 * the planner walked the whole collection in that index to find one id (issue 19).
 */
const inCollection = (collection: string) => sql<boolean>`collection || '' = ${collection}`;

/** Records checked by prepareWrite against this version (`updated_at`) of their collection. */
export interface CheckedWrite {
  stamp: string;
  /** The collection's encrypted fields and the tenant's keys, loaded before the scope (none for a plain collection). */
  cipher?: FieldCipher;
}

/** How validation errors name a record: `data` for one, `records[i].data` in a bulk create. */
const recordsWhere = (items: readonly unknown[]) => (i: number) => (items.length > 1 ? `records[${i}].data` : 'data');

/**
 * Collections and records of a tenant. A method given a tenant (TenantRef) does the whole of its work:
 * opens its scopes, commits them, and keeps the collection's indexes as declared; one given the
 * caller's TenantScope works inside it (the workflow engine). Inside a scope the database already
 * confines the work to that tenant, so nothing here names a tenant in SQL but to help the planner.
 * Record data passes through the codec (codec.ts) both ways; collections, their schemas and indexes
 * are collections.ts's; what records weigh (quota, filter prices) is sizes.ts's.
 */
export class RecordsService {
  readonly #scopes: ScopeRunner;
  readonly #sizes = new RecordSizes();
  readonly #collections: Collections;
  readonly #keys: DataKeys;
  /** Keys for decoding outside any scope, and inside one (the cache only: see codec.ts cachedKeysFrom). */
  readonly #outside: KeySource;
  readonly #inside: KeySource;
  /** Where reads of encrypted fields are counted (audited, aggregated: TenantAudit.encryptedRead). */
  readonly #audit: RecordsTenants['audit'];

  constructor(tenants: RecordsTenants, sandbox: Sandbox) {
    this.#scopes = (tenant, fn, options) => tenants.withTenant(tenant, fn, options);
    this.#audit = tenants.audit;
    const keys = tenants.keys;
    this.#keys = keys;
    this.#outside = keysFrom(keys);
    this.#inside = cachedKeysFrom(keys);
    this.#collections = new Collections(tenants, sandbox, this.#sizes, keys);
  }

  /**
   * What writing to `collection` takes besides the data: nothing for a plain collection (no lookup at
   * all), else its encrypted fields and the tenant's keys (made on its first encrypted write). Call it
   * outside any scope.
   */
  async #cipher(tenant: TenantInfo, collection: Collection): Promise<FieldCipher | undefined> {
    if (collection.encrypted.length === 0) return undefined;
    return { fields: collection.encrypted, ring: await this.#keys.keyring(tenant, { create: true }) };
  }

  static #place(tenant: { id: string; generation: number }, collection: string): DataPlace {
    return { tenantId: tenant.id, generation: tenant.generation, collection };
  }

  /**
   * The tenant's catalog entry: the one a request was authenticated for, or else the one a scope
   * opens with (so a caller naming the tenant by id is pinned to the generation it finds).
   */
  async #info(tenant: TenantRef): Promise<TenantInfo> {
    return catalogEntry(tenant) ?? this.#scopes(tenant, async (scope) => scope.tenant);
  }

  /** Bytes of record data the tenant stores, approximately (RecordSizes; the storage quota's measure). */
  async storedBytes(scope: TenantScope): Promise<number> {
    return (await this.#sizes.stored(scope)).bytes;
  }

  /** Create a collection and the indexes it declares (409 past the tenant's plan or the pool's index budget). */
  createCollection(tenant: TenantRef, input: CollectionInput): Promise<Collection> {
    return this.#collections.create(tenant, input);
  }

  listCollections(tenant: TenantOrScope): Promise<Collection[]> {
    return this.#collections.list(tenant);
  }

  getCollection(tenant: TenantOrScope, name: string): Promise<Collection> {
    return this.#collections.get(tenant, name);
  }

  /** Change a collection's schema or indexes; changed indexes are made (or dropped) before this returns. */
  /** See Collections.update: a new schema is checked against the records already there unless `validate` is false. */
  updateCollection(tenant: TenantRef, name: string, changes: CollectionChanges, options: { validate?: boolean } = {}): Promise<Collection> {
    return this.#collections.update(tenant, name, changes, options);
  }

  /** Drop a collection, its records and its indexes. */
  deleteCollection(tenant: TenantRef, name: string): Promise<void> {
    return this.#collections.delete(tenant, name);
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
    await this.#sizes.checkQuotaBefore(scopes, tenant);
    for (let attempt = 0; attempt < CHANGING_ATTEMPTS; attempt++) {
      const cached = this.#collections.cached(tenant, collectionName);
      const known = cached ?? (await scopes(tenant, (scope) => this.#collections.read(scope, collectionName)));
      try {
        await this.#collections.validate(tenant, known.collection, items, recordsWhere(items));
      } catch (error) {
        if (!cached || !(error instanceof ValidationError) || error instanceof CheckFailed) throw error;
        this.#collections.forget(tenant, collectionName); // a stale schema may refuse what the current one accepts
        continue;
      }
      const cipher = await this.#cipher(tenant, known.collection);
      const sealed: SealedFields | undefined = cipher ? new Map() : undefined;
      const rows = await scopes(tenant, (scope) => this.#insertGuarded(scope, known, items, cipher, sealed), { singleStatement: true });
      if (rows.length === items.length) {
        this.#sizes.grew(tenant, collectionName, items);
        return decodeRecords(this.#outside, RecordsService.#place(tenant, collectionName), rows, sealed);
      }
      this.#collections.forget(tenant, collectionName); // changed (or dropped) since it was read: read it again
    }
    throw new TenantryError('collection_changed', `collection '${collectionName}' kept changing while the records were written; retry`);
  }

  async #insertGuarded(
    scope: TenantScope,
    { collection, stamp }: KnownCollection,
    items: Array<Record<string, unknown>>,
    cipher: FieldCipher | undefined,
    sealed: SealedFields | undefined,
  ): Promise<RecordRow[]> {
    const place = RecordsService.#place(scope.tenant, collection.name);
    const values = items.map((data) => {
      const id = uuidv7();
      return sql`(${id}::uuid, ${encodeData(place, id, data, cipher, sealed)})`;
    });
    const { rows } = await sql<RecordRow>`
      INSERT INTO records (collection, id, data)
      SELECT ${collection.name}, v.id, v.data FROM (VALUES ${sql.join(values)}) AS v (id, data)
       WHERE EXISTS (SELECT 1 FROM collections WHERE name = ${collection.name} AND updated_at = ${stamp}::timestamptz FOR KEY SHARE)
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
    const { known, tenant } = await scopes(tenantId, async (scope) => ({ known: await this.#collections.read(scope, collectionName), tenant: scope.tenant }));
    await this.#collections.validate(tenant, known.collection, items, (i) => `records[${i}]`);
    return { stamp: known.stamp, cipher: await this.#cipher(tenant, known.collection) };
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
    await this.#sizes.checkQuota(scope);
    // Validated outside this scope (prepareWrite) against the collection as it was then: still so?
    if ((await this.#collections.stamp(scope, collectionName)) !== options.checked.stamp) {
      throw new TenantryError('collection_changed', `collection '${collectionName}' changed while the records were being checked; run again`);
    }
    const place = RecordsService.#place(scope.tenant, collectionName);
    const { cipher } = options.checked;
    if (options.key === undefined) {
      const values = items.map((data, i) => sql`(${options.ids[i]}::uuid, ${encodeData(place, options.ids[i]!, data, cipher)})`);
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
    refuseEncrypted(cipher?.fields ?? [], [options.key], 'key');
    // Ciphertext is bound to its record's id: a record replaced through its key keeps its id, so its
    // new data is sealed for that id — found first, and matched on it as well as on the key.
    const ids = [...options.ids];
    if (cipher) {
      const keyValues = items.map((data) => JSON.stringify(segments.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data)));
      const { rows: found } = await sql<{ id: string; k: string }>`
        SELECT r.id, (${dataField(options.key, 'r.data')})::text AS k FROM records r
         WHERE r.collection = ${collectionName} AND ${dataField(options.key, 'r.data')} IN (${sql.join(keyValues.map((k) => sql`${k}::jsonb`))})`.execute(
        scope.db,
      );
      const byKey = new Map(found.map((f) => [JSON.stringify(JSON.parse(f.k)), f.id]));
      keyValues.forEach((k, i) => {
        const existing = byKey.get(JSON.stringify(JSON.parse(k)));
        if (existing) ids[i] = existing;
      });
    }
    const values = items.map((data, i) => sql`(${ids[i]}::uuid, ${encodeData(place, ids[i]!, data, cipher)})`);
    const sameId = cipher ? sql`AND r.id = v.id` : sql``;
    const { rows } = await sql<{ id: string }>`
      WITH v (id, data) AS (VALUES ${sql.join(values)}),
      updated AS (
        UPDATE records r SET data = v.data, version = r.version + 1, updated_at = now()
          FROM v WHERE r.collection = ${collectionName} AND ${dataField(options.key, 'r.data')} = ${dataField(options.key, 'v.data')} ${sameId}
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
   *
   * A query no index narrows over a collection of SCAN_MIN_ROWS records or more (a scan: scans.ts)
   * runs in a scan scope (WithTenantOptions.scan): it waits for one of the tenant's `concurrentScans`
   * first, without a connection, and runs without parallel workers. Known to be one from what this
   * process has cached of the collection, it goes straight there; found to be one only in the scope,
   * the scope is left (it has only read the collection) and the query runs again in a scan scope.
   * In the caller's scope (the caller holds a connection already) it runs as it is.
   */
  async queryRecords(
    tenant: TenantOrScope,
    collectionName: string,
    query: RecordsQuery,
  ): Promise<{ items: RecordView[]; next: string[] | null; total?: number }> {
    if (typeof tenant === 'object' && 'db' in tenant) {
      const found = (await this.#queryRecords(tenant, collectionName, query, true)) as FoundRecords;
      return this.#decodedPage(this.#inside, tenant.tenant, collectionName, found);
    }
    let scan = this.#knownScan(tenant, collectionName, query);
    for (;;) {
      const page = await this.#scopes(
        tenant,
        async (scope) => {
          const found = await this.#queryRecords(scope, collectionName, query, scan);
          return found === SCAN ? SCAN : { ...found, tenant: scope.tenant };
        },
        scan ? { scan: true } : undefined,
      );
      if (page === SCAN) {
        scan = true;
        continue;
      }
      return this.#decodedPage(this.#outside, page.tenant, collectionName, page);
    }
  }

  /** A page as the API shows it (its rows decoded with `keys`), its reads of encrypted fields audited. */
  async #decodedPage(
    keys: KeySource,
    tenant: TenantInfo,
    collectionName: string,
    found: FoundRecords,
  ): Promise<{ items: RecordView[]; next: string[] | null; total?: number }> {
    const items = await decodeRecords(keys, RecordsService.#place(tenant, collectionName), found.rows);
    this.#audit.encryptedRead(tenant, collectionName, encryptedRows(found.rows));
    return { items, next: found.next, ...(found.total !== undefined && { total: found.total }) };
  }

  /**
   * Whether a query is a scan by what this process knows of the collection without a statement (its
   * cached declaration and size); false when it does not know, or the query is not valid (the scope
   * says why).
   */
  #knownScan(ref: TenantRef, collectionName: string, query: RecordsQuery): boolean {
    const tenant = catalogEntry(ref);
    if (!tenant) return false;
    const known = this.#collections.cached(tenant, collectionName);
    const rows = this.#sizes.knownRows(tenant, collectionName);
    if (!known || rows === undefined || rows < SCAN_MIN_ROWS) return false;
    try {
      const sort = parseSort(query.sort, known.collection.indexes);
      return readsWholeCollection({ ...query, sort }, known.collection.indexes, tenant.isolation === 'pooled');
    } catch {
      return false;
    }
  }

  /**
   * The page, or SCAN when the query is a scan (see queryRecords) and `scanning` says the scope is not
   * a scan scope: then nothing but the collection (and its size) was read.
   */
  async #queryRecords(scope: TenantScope, collectionName: string, query: RecordsQuery, scanning: boolean): Promise<FoundRecords | typeof SCAN> {
    const collection = (await this.#collections.read(scope, collectionName)).collection;
    if (query.filter) refuseEncrypted(collection.encrypted, filterFields(query.filter), 'the filter');
    if (query.sort)
      refuseEncrypted(
        collection.encrypted,
        query.sort.split(',').map((f) => f.trim().replace(/^-/, '')),
        'the sort',
      );
    if (query.filter && collection.schema) checkFilterTypes(query.filter, collection.schema, collection.name);
    if (query.filter) await this.#sizes.priceFilter(scope, collectionName, query.filter, collection.indexes);
    const sort = parseSort(query.sort, collection.indexes);
    const columns = sortColumns(sort);
    if (query.after && (query.after.length !== columns.length || !query.after.every((v) => typeof v === 'string'))) {
      throw new TenantryError('invalid_cursor', 'the cursor does not fit this sort');
    }
    if (
      !scanning &&
      readsWholeCollection({ ...query, sort }, collection.indexes, scope.tenant.isolation === 'pooled') &&
      (await this.#sizes.rows(scope, collectionName)) >= SCAN_MIN_ROWS
    ) {
      return SCAN;
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
    const items = page;
    if (!query.count) return { rows: items, next };
    // The whole filtered list, not what is left after the cursor: the same on every page.
    const matching = sql.join(conditions.slice(0, query.filter ? 3 : 2), sql` AND `);
    // A pooled tenant's table is shared: the planner's estimate there reflects every tenant's rows,
    // so it is counted exactly instead. A schema or database tenant's statistics are its own.
    if (query.count === 'exact' || scope.tenant.isolation === 'pooled') {
      const { rows: counted } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM records WHERE ${matching}`.execute(scope.db);
      return { rows: items, next, total: Number(counted[0]!.n) };
    }
    const { rows: plan } = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM records WHERE ${matching}`.execute(scope.db);
    const text = plan[0]!['QUERY PLAN'];
    const estimate = (typeof text === 'string' ? JSON.parse(text) : text) as Array<{ Plan: { 'Plan Rows': number } }>;
    return { rows: items, next, total: Math.round(estimate[0]!.Plan['Plan Rows']) };
  }

  async getRecord(tenant: TenantOrScope, collection: string, id: string): Promise<RecordView> {
    const inside = typeof tenant === 'object' && 'db' in tenant;
    const found = await inScope(this.#scopes, tenant, async (scope) => {
      const row = await this.#getRecord(scope, collection, id);
      return {
        row,
        tenant: scope.tenant,
        view: inside ? (await decodeRecords(this.#inside, RecordsService.#place(scope.tenant, collection), [row]))[0] : undefined,
      };
    });
    const view = found.view ?? (await decodeRecords(this.#outside, RecordsService.#place(found.tenant, collection), [found.row]))[0]!;
    this.#audit.encryptedRead(found.tenant, collection, encryptedRows([found.row]));
    return view;
  }

  async #getRecord(scope: TenantScope, collection: string, id: string, options: { forUpdate?: boolean } = {}): Promise<RecordRow> {
    if (!UUID.test(id)) throw new TenantryError('not_found', `no record '${id}' in '${collection}'`);
    // The columns named, not `*`: a repeated statement is prepared (storage/prepared.ts), and a
    // prepared `select *` would fail once a migration added a column.
    let query = scope.db
      .selectFrom('records')
      .select(['id', 'data', 'version', 'created_at', 'updated_at'])
      .where('id', '=', id)
      .where(inCollection(collection));
    if (options.forUpdate) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no record '${id}' in '${collection}'`);
    return row;
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
    const place = RecordsService.#place(tenant, collectionName);
    for (let attempt = 0; attempt < CHANGING_ATTEMPTS; attempt++) {
      const read = await scopes(tenant, async (scope) => {
        await this.#sizes.checkQuota(scope);
        return { row: await this.#getRecord(scope, collectionName, id), known: await this.#collections.read(scope, collectionName) };
      });
      const { known } = read;
      const [current] = await decodeRecords(this.#outside, place, [read.row]);
      if (!current) throw new TenantryError('not_found', `no record '${id}' in '${collectionName}'`);
      if (options.ifMatch !== undefined && options.ifMatch !== current.version) {
        throw new TenantryError('version_conflict', `record is at version ${current.version}, not ${options.ifMatch}`);
      }
      const next = options.merge ? mergePatch(current.data, data) : data;
      await this.#collections.validate(tenant, known.collection, [next], () => 'data');
      const cipher = await this.#cipher(tenant, known.collection);
      const sealed: SealedFields | undefined = cipher ? new Map() : undefined;
      const { rows } = await scopes(
        tenant,
        (scope) =>
          sql<RecordRow>`
            UPDATE records SET data = ${encodeData(place, id, next, cipher, sealed)}, version = version + 1, updated_at = clock_timestamp()
             WHERE id = ${id}::uuid AND ${inCollection(collectionName)} AND version = ${current.version}
               AND EXISTS (SELECT 1 FROM collections WHERE name = ${collectionName} AND updated_at = ${known.stamp}::timestamptz FOR KEY SHARE)
            RETURNING id, data, version, created_at, updated_at`.execute(scope.db),
        { singleStatement: true },
      );
      if (rows[0]) return (await decodeRecords(this.#outside, place, rows, sealed))[0]!;
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
      await scope.db.deleteFrom('records').where('id', '=', id).where(inCollection(collection)).execute();
      this.#sizes.shrank(scope.tenant);
    });
  }
}
