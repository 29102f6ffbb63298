import { sql, type ColumnType, type Generated, type Kysely, type Selectable } from 'kysely';
import type { ControlDb } from '../storage/control-db.js';
import type { Isolation } from '../storage/placement.js';
import type { TenantDirectory, TenantInfo, TenantStatus } from '../storage/scope.js';
import { TenantNotFoundError } from '../errors.js';
import { CATALOG_SCHEMA } from '../storage/names.js';
import type { Tier } from './tiers.js';

export interface Tenant extends TenantInfo {
  tier: Tier;
  createdAt: Date;
  updatedAt: Date;
}

/** A tenant as the API shows it. */
export type TenantJson = Pick<Tenant, 'id' | 'name' | 'tier' | 'isolation' | 'cluster' | 'status' | 'settings' | 'limits'> & {
  createdAt: string;
  updatedAt: string;
};

/**
 * A tenant as JSON (HTTP bodies, `tenantry tenant … --json`): the fields `GET /v1/tenants/{id}` shows,
 * timestamps as RFC 3339 strings. Named one by one: the CLI prints this object as it is (no response
 * schema strips it), so the catalog's internals (generation, placement epoch) must not ride along.
 */
export function tenantJson(t: Tenant): TenantJson {
  return {
    id: t.id,
    name: t.name,
    tier: t.tier,
    isolation: t.isolation,
    cluster: t.cluster,
    status: t.status,
    settings: t.settings,
    limits: t.limits,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

interface TenantsTable {
  id: string;
  name: string;
  tier: Tier;
  isolation: Isolation;
  cluster: string;
  status: TenantStatus;
  settings: ColumnType<unknown, string | undefined, string>;
  limits: ColumnType<unknown, string | undefined, string>;
  /** bigint: a string from pg, a number or bigint from PGlite. */
  generation: ColumnType<string | number | bigint, never, never>;
  /** bigint, like generation; advanced by every move. */
  placement_epoch: ColumnType<string | number | bigint, never, string | number>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type Role = 'admin' | 'member' | 'viewer';

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  /** The tenant generation the key was issued for: it opens that generation only. */
  tenantGeneration: number;
  name: string;
  role: Role;
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** The key stops working at this instant (null: never). */
  expiresAt: Date | null;
  /** When the key last authenticated a request (to the minute: written at most once a minute). */
  lastUsedAt: Date | null;
  /** The key that replaced it (POST /v1/api-keys/{id}/rotate); it works until expiresAt. */
  replacedBy: string | null;
}

interface ApiKeysTable {
  id: string;
  tenant_id: string;
  tenant_generation: number;
  name: string;
  role: Role;
  secret_hash: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_used_at: ColumnType<Date | null, never, Date | null>;
  replaced_by: ColumnType<string | null, never, string | null>;
}

function toApiKey(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantGeneration: Number(row.tenant_generation),
    name: row.name,
    role: row.role,
    secretHash: row.secret_hash,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    replacedBy: row.replaced_by ?? null,
  };
}

interface CatalogDatabase {
  api_keys: ApiKeysTable;
  tenants: TenantsTable;
  clusters: { name: string; kind: 'pglite' | 'postgres'; created_at: Generated<Date> };
}

function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    isolation: row.isolation,
    cluster: row.cluster,
    status: row.status,
    generation: Number(row.generation),
    placementEpoch: Number(row.placement_epoch),
    settings: (row.settings ?? {}) as Record<string, unknown>,
    limits: (row.limits ?? {}) as Record<string, unknown>,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * The control-plane catalog: tenants and clusters, in schema `tenantry` of the control-plane database.
 * Lookups for scopes are cached briefly in process (TENANTRY_CATALOG_CACHE_MS); every change made
 * through this object drops the entry at once.
 */
export class Catalog implements TenantDirectory {
  readonly #db: Kysely<CatalogDatabase>;
  readonly #cacheMs: number;
  readonly #cache = new Map<string, { tenant: Tenant | undefined; expires: number }>();

  private constructor(db: Kysely<CatalogDatabase>, cacheMs: number) {
    this.#db = db;
    this.#cacheMs = cacheMs;
  }

  /** Record the configured clusters (the storage layer migrated the catalog when it opened `control`). */
  static async open(control: ControlDb, clusters: ReadonlyArray<{ name: string; kind: 'pglite' | 'postgres' }>, cacheMs: number): Promise<Catalog> {
    const db = control.kysely<CatalogDatabase>();
    for (const cluster of clusters) {
      await db
        .insertInto('clusters')
        .values(cluster)
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
    return new Catalog(db, cacheMs);
  }

  /** Lookups on their way, by id: concurrent misses of one tenant share one query. */
  readonly #pending = new Map<string, Promise<Tenant | undefined>>();
  /** Advanced by every invalidate: a lookup that began before one does not refill the cache. */
  #invalidations = 0;

  async get(id: string): Promise<Tenant | undefined> {
    const hit = this.#cache.get(id);
    if (hit && hit.expires > Date.now()) return hit.tenant;
    // When an entry expires under load, every request of the tenant in flight misses at once: one
    // query answers them all (the catalog pool is small, and a queue of identical lookups on it would
    // hold each of those requests for several round trips).
    const pending = this.#pending.get(id);
    if (pending) return pending;
    const invalidations = this.#invalidations;
    const lookup = this.getFresh(id)
      .then((tenant) => {
        // Changed meanwhile (invalidate): what this lookup read may predate the change; not cached.
        if (this.#cacheMs > 0 && invalidations === this.#invalidations) this.#cache.set(id, { tenant, expires: Date.now() + this.#cacheMs });
        return tenant;
      })
      .finally(() => {
        if (this.#pending.get(id) === lookup) this.#pending.delete(id);
      });
    this.#pending.set(id, lookup);
    return lookup;
  }

  async getFresh(id: string): Promise<Tenant | undefined> {
    const row = await this.#db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTenant(row) : undefined;
  }

  invalidate(id: string): void {
    this.#cache.delete(id);
    // Later lookups query again rather than join one that began before the change.
    this.#pending.delete(id);
    this.#invalidations++;
  }

  /** Tenants in id order; `after` and `limit` page through them. */
  async list(filter: { status?: TenantStatus[]; after?: string; limit?: number } = {}): Promise<Tenant[]> {
    let query = this.#db.selectFrom('tenants').selectAll().orderBy('id');
    if (filter.status) query = query.where('status', 'in', filter.status);
    if (filter.after !== undefined) query = query.where('id', '>', filter.after);
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return (await query.execute()).map(toTenant);
  }

  /** Change name, tier, settings or limits; resolves false when there is no such tenant. */
  /**
   * Change a live tenant's fields; false when it is not live (or, with `ifSettings`, when its settings
   * are no longer those: a read-modify-write lost to a concurrent one).
   */
  async update(
    id: string,
    changes: { name?: string; tier?: Tier; settings?: Record<string, unknown>; limits?: Record<string, unknown> },
    ifSettings?: Record<string, unknown>,
  ): Promise<boolean> {
    let query = this.#db
      .updateTable('tenants')
      .set({
        updated_at: new Date(),
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.tier !== undefined && { tier: changes.tier }),
        ...(changes.settings !== undefined && { settings: JSON.stringify(changes.settings) }),
        ...(changes.limits !== undefined && { limits: JSON.stringify(changes.limits) }),
      })
      .where('id', '=', id)
      .where('status', 'in', ['active', 'suspended']);
    if (ifSettings !== undefined) query = query.where(sql<boolean>`settings = ${JSON.stringify(ifSettings)}::jsonb`);
    const result = await query.executeTakeFirst();
    this.invalidate(id);
    return Number(result.numUpdatedRows) === 1;
  }

  /** Live tenants (not being deleted) per cluster and strategy. */
  async tenantCounts(): Promise<Array<{ cluster: string; isolation: Isolation; tenants: number }>> {
    const rows = await this.#db
      .selectFrom('tenants')
      .select(['cluster', 'isolation', (eb) => eb.fn.countAll<string | number | bigint>().as('n')])
      .where('status', '<>', 'deleting')
      .groupBy(['cluster', 'isolation'])
      .execute();
    return rows.map((r) => ({ cluster: r.cluster, isolation: r.isolation, tenants: Number(r.n) }));
  }

  async clusterNames(): Promise<string[]> {
    return (await this.#db.selectFrom('clusters').select('name').orderBy('name').execute()).map((r) => r.name);
  }

  /** Insert a tenant; resolves false when the id is taken. */
  async insert(tenant: Pick<Tenant, 'id' | 'name' | 'tier' | 'isolation' | 'cluster' | 'status'> & { settings?: Record<string, unknown> }): Promise<boolean> {
    const result = await this.#db
      .insertInto('tenants')
      .values({ ...tenant, settings: JSON.stringify(tenant.settings ?? {}), limits: '{}' })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    this.invalidate(tenant.id);
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Set the status, optionally only when it currently is one of `from`; resolves whether a row changed. */
  async setStatus(id: string, status: TenantStatus, from?: TenantStatus[]): Promise<boolean> {
    let query = this.#db.updateTable('tenants').set({ status, updated_at: new Date() }).where('id', '=', id);
    if (from) query = query.where('status', 'in', from);
    const result = await query.executeTakeFirst();
    this.invalidate(id);
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Insert a key for one generation of a tenant. A request that began before the tenant was deleted
   * (and re-created under the same id) names the old generation, which no longer exists: the foreign
   * key refuses it, and the caller hears that the tenant is gone.
   */
  async insertApiKey(key: {
    id: string;
    tenant: { id: string; generation: number };
    name: string;
    role: Role;
    secretHash: string;
    expiresAt?: Date | null;
  }): Promise<ApiKeyRecord> {
    try {
      const row = await this.#db
        .insertInto('api_keys')
        .values({
          id: key.id,
          tenant_id: key.tenant.id,
          tenant_generation: key.tenant.generation,
          name: key.name,
          role: key.role,
          secret_hash: key.secretHash,
          revoked_at: null,
          expires_at: key.expiresAt ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiKey(row);
    } catch (error) {
      if ((error as { code?: string }).code === '23503') throw new TenantNotFoundError(key.tenant.id);
      throw error;
    }
  }

  async findApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.#db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApiKey(row) : undefined;
  }

  /** A tenant's live keys (neither revoked nor expired) in id order; `after` and `limit` page. */
  async listApiKeys(tenantId: string, page: { after?: string; limit: number }): Promise<ApiKeyRecord[]> {
    let query = this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .orderBy('id')
      .limit(page.limit);
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    return (await query.execute()).map(toApiKey);
  }

  /** Revoke one of a tenant's keys; resolves false when the tenant has no such live key. */
  async revokeApiKey(tenantId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Replace a live key of the tenant by a new one (`next`, same name and role) in one statement: the
   * old key keeps working until `overlapEnds` (or its own expiry, if sooner) and names its
   * replacement. Resolves the new key, or undefined when the tenant has no such live, unreplaced key.
   */
  async rotateApiKey(
    tenantId: string,
    id: string,
    next: { id: string; secretHash: string; expiresAt: Date | null },
    overlapEnds: Date,
  ): Promise<ApiKeyRecord | undefined> {
    const keys = sql.table(`${CATALOG_SCHEMA}.api_keys`);
    const { rows } = await sql<Selectable<ApiKeysTable>>`
      WITH old AS (
        UPDATE ${keys} SET expires_at = least(coalesce(expires_at, 'infinity'::timestamptz), ${overlapEnds}::timestamptz), replaced_by = ${next.id}
         WHERE id = ${id} AND tenant_id = ${tenantId} AND revoked_at IS NULL AND replaced_by IS NULL AND (expires_at IS NULL OR expires_at > now())
        RETURNING tenant_id, tenant_generation, name, role)
      INSERT INTO ${keys} (id, tenant_id, tenant_generation, name, role, secret_hash, expires_at)
      SELECT ${next.id}, tenant_id, tenant_generation, name, role, ${next.secretHash}, ${next.expiresAt}::timestamptz FROM old
      RETURNING *`.execute(this.#db);
    return rows[0] ? toApiKey(rows[0]) : undefined;
  }

  /** Note that a key was used now, unless that was noted less than a minute ago (by any process). */
  async touchApiKey(id: string): Promise<void> {
    await this.#db
      .updateTable('api_keys')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }

  /**
   * Record that `id` now lives at `to` — only if the catalog still has the generation and placement
   * epoch of `from` and the tenant is live (false otherwise: another move, or a deletion, got there
   * first). The last step of a move, after Storage.advancePlacement(from, to).
   */
  async movePlacement(
    id: string,
    from: { generation: number; placementEpoch: number },
    to: { isolation: Isolation; cluster: string; placementEpoch: number },
  ): Promise<boolean> {
    if (to.placementEpoch <= from.placementEpoch) throw new RangeError('movePlacement: the new placement epoch must be later');
    const result = await this.#db
      .updateTable('tenants')
      .set({ isolation: to.isolation, cluster: to.cluster, placement_epoch: to.placementEpoch, updated_at: new Date() })
      .where('id', '=', id)
      .where('generation', '=', from.generation as never)
      .where('placement_epoch', '=', from.placementEpoch as never)
      .where('status', 'in', ['active', 'suspended'])
      .executeTakeFirst();
    this.invalidate(id);
    return Number(result.numUpdatedRows) === 1;
  }

  /** Remove a tenant's row — only the given creation of the id, when `generation` is given. */
  async remove(id: string, generation?: number): Promise<void> {
    let query = this.#db.deleteFrom('tenants').where('id', '=', id);
    if (generation !== undefined) query = query.where('generation', '=', generation as never);
    await query.execute();
    this.invalidate(id);
  }
}
