import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { TenantryError } from '../errors.js';
import { tenantCacheKey, type TenantInfo, type TenantScope } from '../storage/scope.js';
import { planLimits } from '../tenancy/plans.js';
import { compileFilter, filterLeaves, indexedCondition, type FilterNode } from './query.js';
import type { ScopeRunner } from './scope-runner.js';

/** How long a measured size stands in for what it measured (see priceFilter and checkQuota). */
const SIZE_TTL_MS = 60_000;
/** Records counted at most when measuring a collection's size. */
const SIZE_ROWS_CAP = 1_000_000;
/**
 * Records counted at most when measuring what a tenant stores: storageBytes is enforced up to about
 * this many records × their average size (exact counters are the metering issue's).
 */
const STORAGE_ROWS_CAP = 5_000_000;

interface Size {
  bytes: number;
  rows: number;
}

/**
 * What a tenant's records weigh, measured by sampling and kept current by this process's writes: the
 * whole tenant's, for its storage quota (storageBytes), and each collection's, for pricing filters
 * before they run (queryCost). Cached per tenant and generation: a tenant re-created under the same
 * id starts with nothing of the old one's.
 */
export class RecordSizes {
  /** Measured size of each tenant's records (bytes of data), for its storage quota. */
  readonly #stored = new LRUCache<string, Size>({ max: 10_000, ttl: SIZE_TTL_MS });
  /** Measured size of collections (bytes of data), per tenant, for pricing filters. */
  readonly #sizes = new LRUCache<string, Size>({ max: 10_000, ttl: SIZE_TTL_MS });

  #key(tenant: TenantInfo, ...parts: string[]): string {
    return tenantCacheKey(tenant.id, tenant.generation, ...parts);
  }

  /** What the tenant stores in records (rows, bytes of data): measured at most once a minute (usage). */
  async stored(scope: TenantScope): Promise<{ rows: number; bytes: number }> {
    return this.#stored.get(this.#key(scope.tenant, 'storage')) ?? (await this.#measureStorage(scope));
  }

  /** Refuse (403 quota_exceeded) a write that adds data once the tenant stores more than its plan allows. */
  async checkQuota(scope: TenantScope): Promise<void> {
    this.#refuseOverQuota(scope.tenant, this.#stored.get(this.#key(scope.tenant, 'storage')) ?? (await this.#measureStorage(scope)));
  }

  /** The same before any scope is open: measured, when not known, in a scope of its own. */
  async checkQuotaBefore(scopes: ScopeRunner, tenant: TenantInfo): Promise<void> {
    this.#refuseOverQuota(tenant, this.#stored.get(this.#key(tenant, 'storage')) ?? (await scopes(tenant, (scope) => this.#measureStorage(scope))));
  }

  /** Records were deleted: the tenant's storage is measured again on its next write. */
  shrank(tenant: TenantInfo): void {
    this.#stored.delete(this.#key(tenant, 'storage'));
  }

  /**
   * Count new records into what was measured of the tenant's storage and of the collection, until they
   * are measured again: a filter priced on an empty collection stays priced right as records arrive.
   */
  grew(tenant: TenantInfo, collection: string, items: readonly unknown[]): void {
    const bytes = JSON.stringify(items).length;
    const add = (cache: LRUCache<string, Size>, key: string) => {
      const known = cache.get(key);
      if (known) cache.set(key, { rows: known.rows + items.length, bytes: known.bytes + bytes }, { noUpdateTTL: true });
    };
    add(this.#stored, this.#key(tenant, 'storage'));
    add(this.#sizes, this.#key(tenant, 'size', collection));
  }

  #refuseOverQuota(tenant: TenantInfo, stored: Size): void {
    const { storageBytes } = planLimits(tenant);
    if (stored.bytes <= storageBytes) return;
    throw new TenantryError(
      'quota_exceeded',
      `this tenant stores ~${Math.round(stored.bytes / 1e6)} MB of records (${stored.rows}), past its plan's limit (storageBytes = ${storageBytes}); delete records first`,
    );
  }

  /** What the tenant stores in records: counted (up to STORAGE_ROWS_CAP) × the average size of a sample; cached a minute. */
  async #measureStorage(scope: TenantScope): Promise<Size> {
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
  async priceFilter(scope: TenantScope, collection: string, filter: FilterNode, indexes: readonly string[]): Promise<void> {
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

  /** Records of a collection, as measured at most once a minute (up to SIZE_ROWS_CAP). */
  async rows(scope: TenantScope, collection: string): Promise<number> {
    return (await this.#size(scope, collection)).rows;
  }

  /** The same, when this process has measured it within the minute (no statement). */
  knownRows(tenant: TenantInfo, collection: string): number | undefined {
    return this.#sizes.get(this.#key(tenant, 'size', collection))?.rows;
  }

  /**
   * A collection's data size, estimated: records counted (up to SIZE_ROWS_CAP) × their average size in a
   * sample — as text, uncompressed, since that is what conditions work through — measured once a
   * minute per collection and kept current by this process's writes (grew).
   */
  async #size(scope: TenantScope, collection: string): Promise<Size> {
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
}
