import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { sql, type ColumnType, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { TenantryError, ValidationError } from '../errors.js';
import { open, seal, EnvelopeError } from './envelope.js';
import type { MasterKey, MasterKeys } from './master-key.js';

/** One creation of a tenant id: its keys are its own (a tenant made again under the id gets new ones). */
export interface TenantKeyRef {
  id: string;
  generation: number;
}

/** A tenant's unwrapped data keys: every version it still has, and the newest, which encrypts. */
export interface Keyring {
  readonly tenantId: string;
  readonly generation: number;
  /** Keys as KeyObjects (prepared once; the raw bytes are not kept in the ring). */
  readonly current: { version: number; key: KeyObject } | undefined;
  readonly keys: ReadonlyMap<number, KeyObject>;
}

interface TenantKeysTable {
  tenant_id: string;
  tenant_generation: ColumnType<string | number | bigint, number, never>;
  version: number;
  wrapped: string;
  master_key_id: string;
  created_at: ColumnType<Date, never, never>;
}

export interface KeysDatabase {
  tenant_keys: TenantKeysTable;
}

/** A key version as listed (never the key). */
export interface KeyVersionInfo {
  version: number;
  masterKeyId: string;
  createdAt: Date;
}

/** The wrapping binds a key to its tenant, generation and version: a wrapped key copied to another row does not unwrap. */
function wrapAad(tenant: TenantKeyRef, version: number): Buffer {
  return Buffer.from(`tenantry:data-key:v1\u0000${tenant.id}\u0000${tenant.generation}\u0000${version}`);
}

/**
 * Per-tenant data keys (ARCHITECTURE.md, crypto): random 256-bit keys, stored in the catalog only
 * wrapped (AES-256-GCM) by the master key, unwrapped in process into a bounded LRU cache — one entry
 * per tenant generation, so a lookup for one tenant can only ever hand out that tenant's keys. The
 * cache is refreshed after `cacheMs` (TENANTRY_CATALOG_CACHE_MS), so every process sees a new key
 * version within it; a version a record names but the cache lacks is read again at once.
 *
 * Never call it inside a tenant scope: on embedded PGlite the catalog shares the scope's one connection.
 */
export class DataKeys {
  readonly #db: Kysely<KeysDatabase>;
  readonly #masters: MasterKeys;
  readonly #cache: LRUCache<string, Keyring> | undefined;
  /** Loads on their way, by tenant generation: concurrent misses share one catalog query. */
  readonly #loading = new Map<string, Promise<Keyring>>();
  /** Advanced by every forget/destroy: a load that began before one does not refill the cache. */
  #forgets = 0;

  constructor(db: Kysely<KeysDatabase>, masters: MasterKeys, { cacheMs, max = 10_000 }: { cacheMs: number; max?: number }) {
    this.#db = db;
    this.#masters = masters;
    this.#cache = cacheMs > 0 ? new LRUCache<string, Keyring>({ max, ttl: cacheMs }) : undefined;
  }

  /** The master key this process wraps new keys with. */
  get masterKeyId(): string {
    return this.#masters.current.id;
  }

  static #cacheKey(tenant: TenantKeyRef): string {
    return `${tenant.id}\u0000${tenant.generation}`;
  }

  /** The keyring cached for the tenant, if any (no query). */
  cached(tenant: TenantKeyRef): Keyring | undefined {
    return this.#cache?.get(DataKeys.#cacheKey(tenant));
  }

  /**
   * The tenant's keys. `create`: make version 1 if the tenant has none (it is about to encrypt);
   * `refresh`: read the catalog even when cached (a record names a version the cache lacks).
   */
  async keyring(tenant: TenantKeyRef, options: { create?: boolean; refresh?: boolean } = {}): Promise<Keyring> {
    if (!options.refresh) {
      const hit = this.cached(tenant);
      if (hit && (hit.current || !options.create)) return hit;
      if (!hit && !options.create) return this.#shared(tenant);
    }
    const forgets = this.#forgets;
    let ring = await this.loadFresh(tenant);
    if (!ring.current && options.create) {
      await this.#insert(tenant, 1);
      ring = await this.loadFresh(tenant);
      if (!ring.current) throw new TenantryError('tenant_not_found', `tenant '${tenant.id}' does not exist`);
    }
    this.#keep(tenant, ring, forgets);
    return ring;
  }

  /**
   * A cache miss of a reader. When the entry expires under load (every TENANTRY_CATALOG_CACHE_MS),
   * every read of the tenant's encrypted records in flight misses at once: one catalog query (and one
   * unwrapping) answers them all, instead of a queue of identical ones on the small catalog pool.
   */
  #shared(tenant: TenantKeyRef): Promise<Keyring> {
    const key = DataKeys.#cacheKey(tenant);
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const forgets = this.#forgets;
    const load = this.loadFresh(tenant)
      .then((ring) => {
        this.#keep(tenant, ring, forgets);
        return ring;
      })
      .finally(() => {
        if (this.#loading.get(key) === load) this.#loading.delete(key);
      });
    this.#loading.set(key, load);
    return load;
  }

  /**
   * Cache what a load read — unless keys were forgotten or destroyed since it began: it may hold a
   * version destroyed meanwhile (crypto-shredding), which must not come back into the cache.
   */
  #keep(tenant: TenantKeyRef, ring: Keyring, forgets: number): void {
    if (forgets === this.#forgets) this.#cache?.set(DataKeys.#cacheKey(tenant), ring);
  }

  /** The tenant's keys as the catalog holds them now, unwrapped (no cache). */
  async loadFresh(tenant: TenantKeyRef): Promise<Keyring> {
    const rows = await this.#db
      .selectFrom('tenant_keys')
      .select(['version', 'wrapped', 'master_key_id'])
      .where('tenant_id', '=', tenant.id)
      .where('tenant_generation', '=', tenant.generation as never)
      .orderBy('version')
      .execute();
    const keys = new Map<number, KeyObject>();
    for (const row of rows) {
      const raw = this.#unwrap(tenant, row);
      keys.set(row.version, createSecretKey(raw));
      raw.fill(0);
    }
    const last = rows.at(-1);
    return Object.freeze({
      tenantId: tenant.id,
      generation: tenant.generation,
      keys,
      current: last && { version: last.version, key: keys.get(last.version)! },
    });
  }

  #master(id: string): MasterKey {
    const { current, previous } = this.#masters;
    if (current.id === id) return current;
    if (previous?.id === id) return previous;
    throw new TenantryError(
      'key_unavailable',
      `a tenant data key is wrapped by master key ${id}, which this process does not have; configure it (TENANTRY_MASTER_KEY, or TENANTRY_MASTER_KEY_PREVIOUS during a rotation)`,
    );
  }

  #unwrap(tenant: TenantKeyRef, row: { version: number; wrapped: string; master_key_id: string }): Buffer {
    try {
      return open(this.#master(row.master_key_id).key, Buffer.from(row.wrapped, 'base64'), wrapAad(tenant, row.version));
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      throw new TenantryError(
        'key_unavailable',
        `data key version ${row.version} of tenant '${tenant.id}' does not unwrap under master key ${row.master_key_id}`,
      );
    }
  }

  #wrap(tenant: TenantKeyRef, version: number, key: Buffer): string {
    return seal(this.#masters.current.key, key, wrapAad(tenant, version)).toString('base64');
  }

  async #insert(tenant: TenantKeyRef, version: number): Promise<boolean> {
    try {
      const result = await this.#db
        .insertInto('tenant_keys')
        .values({
          tenant_id: tenant.id,
          tenant_generation: tenant.generation,
          version,
          wrapped: this.#wrap(tenant, version, randomBytes(32)),
          master_key_id: this.#masters.current.id,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'tenant_generation', 'version']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    } catch (error) {
      // The tenant generation is gone (deleted meanwhile): no key for it.
      if ((error as { code?: string }).code === '23503') throw new TenantryError('tenant_not_found', `tenant '${tenant.id}' does not exist`);
      throw error;
    }
  }

  /** Add the next key version (a tenant key rotation); resolves the new version. */
  async addVersion(tenant: TenantKeyRef): Promise<number> {
    for (;;) {
      const ring = await this.keyring(tenant, { refresh: true });
      const next = (ring.current?.version ?? 0) + 1;
      if (await this.#insert(tenant, next)) {
        this.forget(tenant);
        return next;
      }
    }
  }

  /** The tenant's key versions (no key material). */
  async versions(tenant: TenantKeyRef): Promise<KeyVersionInfo[]> {
    const rows = await this.#db
      .selectFrom('tenant_keys')
      .select(['version', 'master_key_id', 'created_at'])
      .where('tenant_id', '=', tenant.id)
      .where('tenant_generation', '=', tenant.generation as never)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({ version: r.version, masterKeyId: r.master_key_id, createdAt: new Date(r.created_at) }));
  }

  /** Destroy the tenant's key versions below `version` (a rotation that re-encrypted everything under it). */
  async destroyBefore(tenant: TenantKeyRef, version: number): Promise<number> {
    const result = await this.#db
      .deleteFrom('tenant_keys')
      .where('tenant_id', '=', tenant.id)
      .where('tenant_generation', '=', tenant.generation as never)
      .where('version', '<', version)
      .executeTakeFirst();
    this.forget(tenant);
    return Number(result.numDeletedRows);
  }

  /**
   * Crypto-shredding: destroy every key of the tenant id (all generations, or the one given). What
   * was encrypted under them — rows copied out, backups, exports — can no longer be decrypted.
   */
  async destroy(tenantId: string, generation?: number): Promise<number> {
    let query = this.#db.deleteFrom('tenant_keys').where('tenant_id', '=', tenantId);
    if (generation !== undefined) query = query.where('tenant_generation', '=', generation as never);
    const result = await query.executeTakeFirst();
    this.#forgets++;
    this.#cache?.forEach((_, key) => {
      if (key.startsWith(`${tenantId}\u0000`)) this.#cache!.delete(key);
    });
    for (const key of this.#loading.keys()) if (key.startsWith(`${tenantId}\u0000`)) this.#loading.delete(key);
    return Number(result.numDeletedRows);
  }

  forget(tenant: TenantKeyRef): void {
    this.#forgets++;
    this.#cache?.delete(DataKeys.#cacheKey(tenant));
    // Later misses load again rather than join a load that began before the change.
    this.#loading.delete(DataKeys.#cacheKey(tenant));
  }

  /**
   * Refuse to start with keys no configured master key unwraps: say which master key ids are missing
   * (a rotation's previous key dropped too early, or the wrong TENANTRY_MASTER_KEY).
   */
  async checkMasters(): Promise<void> {
    const known = [this.#masters.current.id, this.#masters.previous?.id].filter(Boolean) as string[];
    const rows = await this.#db
      .selectFrom('tenant_keys')
      .select(['master_key_id', sql<string>`count(*)::text`.as('n')])
      .where('master_key_id', 'not in', known)
      .groupBy('master_key_id')
      .execute();
    if (rows.length > 0) {
      const list = rows.map((r) => `${r.n} wrapped by master key ${r.master_key_id}`).join(', ');
      throw new ValidationError(
        `tenant data keys need a master key this process does not have (${list}; configured: ${known.join(', ')}). ` +
          'Set TENANTRY_MASTER_KEY to the key in use; during a rotation set the old one as TENANTRY_MASTER_KEY_PREVIOUS and run `tenantry keys rotate-master`.',
      );
    }
  }

  /**
   * Re-wrap every data key not wrapped by the current master key under it (a master key rotation, run
   * with the old key as TENANTRY_MASTER_KEY_PREVIOUS). Each row changes in its own statement, only if
   * it still names the master key it was read under: resumable, and safe beside a running server.
   */
  async rewrapAll(onProgress?: (done: number, total: number) => void): Promise<{ rewrapped: number; total: number }> {
    const current = this.#masters.current.id;
    const rows = await this.#db
      .selectFrom('tenant_keys')
      .select(['tenant_id', 'tenant_generation', 'version', 'wrapped', 'master_key_id'])
      .where('master_key_id', '<>', current)
      .orderBy('tenant_id')
      .orderBy('tenant_generation')
      .orderBy('version')
      .execute();
    let rewrapped = 0;
    for (const row of rows) {
      const tenant = { id: row.tenant_id, generation: Number(row.tenant_generation) };
      const key = this.#unwrap(tenant, row);
      const result = await this.#db
        .updateTable('tenant_keys')
        .set({ wrapped: this.#wrap(tenant, row.version, key), master_key_id: current })
        .where('tenant_id', '=', tenant.id)
        .where('tenant_generation', '=', tenant.generation as never)
        .where('version', '=', row.version)
        .where('master_key_id', '=', row.master_key_id)
        .executeTakeFirst();
      rewrapped += Number(result.numUpdatedRows);
      onProgress?.(rewrapped, rows.length);
    }
    this.#cache?.clear();
    return { rewrapped, total: rows.length };
  }
}
