import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { TenantryError, ValidationError } from '../errors.js';
import type { ApiKeyRecord, Catalog, Role } from '../tenancy/catalog.js';

export const ROLES: readonly Role[] = ['admin', 'member', 'viewer'];

/** `tnty_<keyId>_<secret>`: the key id finds the row; only a hash of the secret is stored. */
const KEY_PATTERN = /^tnty_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
/** A key's id, as in paths (`/v1/api-keys/{id}`). */
export const API_KEY_ID_PATTERN = /^[a-z0-9]{16}$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  replacedBy: string | null;
}

export function apiKeyView(key: ApiKeyRecord): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    replacedBy: key.replacedBy,
  };
}

/** A rotated key keeps working this long by default (seconds), and at most this long. */
export const ROTATION_OVERLAP_DEFAULT_S = 3600;
export const ROTATION_OVERLAP_MAX_S = 30 * 86_400;
/** How often a key's last use is written at most, per process (the statement also skips a write within it). */
const LAST_USED_EVERY_MS = 60_000;

function live(record: ApiKeyRecord, now = Date.now()): boolean {
  return !record.revokedAt && (record.expiresAt === null || record.expiresAt.getTime() > now);
}

function expiry(expiresAt: string | Date | undefined | null): Date | null {
  if (expiresAt === undefined || expiresAt === null) return null;
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) throw new ValidationError(`expiresAt '${String(expiresAt)}' is not a timestamp`);
  if (at.getTime() <= Date.now()) throw new ValidationError('expiresAt must be in the future');
  // 9999-12-31T23:59:59-14:00 is valid RFC 3339 but falls in the year 10000, which the database does not read as JavaScript writes it.
  if (at.getUTCFullYear() > 9999) throw new ValidationError(`expiresAt '${String(expiresAt)}' is after the year 9999`);
  return at;
}

export interface VerifiedKey {
  keyId: string;
  tenantId: string;
  /** The generation of the tenant the key was issued for. */
  generation: number;
  role: Role;
}

/**
 * Tenant API keys. Secrets are 256 random bits, so one SHA-256 is the right hash (a slow password hash
 * buys nothing against a secret that cannot be guessed, and would cost every request).
 */
export class ApiKeys {
  /** Key rows found, reused for `cacheMs`. */
  readonly #found: LRUCache<string, ApiKeyRecord> | undefined;
  /** Key ids the catalog does not hold, remembered for `missingMs`: a repeated bogus key costs no query. */
  readonly #missing: LRUCache<string, true> | undefined;
  /** When this process last wrote each key's last use (bounded: an evicted key is written again, no harm). */
  readonly #touched = new LRUCache<string, number>({ max: 100_000 });

  /**
   * `cacheMs`: how long a looked-up key row is reused in this process (a catalog query per request
   * otherwise). A revocation made here applies at once; one made by another process within `cacheMs`.
   *
   * `missingMs` (default 5 s): how long an id the catalog does not have is remembered. Ids are 64
   * random bits, so only a presented-but-never-issued id is ever remembered; a key created here is
   * usable at once (create forgets its id), one created by another process can be missed only if
   * its id was presented before it existed. `max` bounds each cache: past it the least recently used
   * entries are evicted, and misses live apart from found keys, so a flood of random keys can never
   * push a valid key out.
   */
  constructor(
    private readonly catalog: Catalog,
    cacheMs = 0,
    { missingMs = 5_000, max = 100_000 }: { missingMs?: number; max?: number } = {},
  ) {
    this.#found = cacheMs > 0 ? new LRUCache<string, ApiKeyRecord>({ max, ttl: cacheMs }) : undefined;
    this.#missing = missingMs > 0 ? new LRUCache<string, true>({ max, ttl: missingMs }) : undefined;
  }

  /** Key lookups on their way, by id: concurrent misses of one key (its entry expired under load) share one query. */
  readonly #pending = new Map<string, Promise<ApiKeyRecord | undefined>>();
  /** Advanced by every revocation or rotation here: a lookup that began before one does not refill the cache. */
  #changes = 0;

  async #find(id: string): Promise<ApiKeyRecord | undefined> {
    const hit = this.#found?.get(id);
    if (hit) return hit;
    if (this.#missing?.has(id)) return undefined;
    const pending = this.#pending.get(id);
    if (pending) return pending;
    const changes = this.#changes;
    const lookup = this.catalog
      .findApiKey(id)
      .then((record) => {
        if (changes === this.#changes) {
          if (record) this.#found?.set(id, record);
          else this.#missing?.set(id, true);
        }
        return record;
      })
      .finally(() => {
        if (this.#pending.get(id) === lookup) this.#pending.delete(id);
      });
    this.#pending.set(id, lookup);
    return lookup;
  }

  /** A key changed here (revoked, replaced, created): forget it, and let no lookup already on its way cache it. */
  #forget(id: string): void {
    this.#found?.delete(id);
    this.#missing?.delete(id);
    this.#pending.delete(id);
    this.#changes++;
  }

  async create(
    tenant: { id: string; generation: number },
    name: string,
    role: string,
    options: { expiresAt?: string | Date | null } = {},
  ): Promise<ApiKeyView & { key: string }> {
    if (!(ROLES as readonly string[]).includes(role)) throw new ValidationError(`unknown role '${role}'; choose one of ${ROLES.join(', ')}`);
    if (name.trim().length === 0 || name.length > 200) throw new ValidationError('key name must be 1-200 characters');
    const expiresAt = expiry(options.expiresAt);
    const { id, secret } = newSecret();
    const record = await this.catalog.insertApiKey({ id, tenant, name, role: role as Role, secretHash: hashSecret(secret), expiresAt });
    this.#forget(id);
    return { ...apiKeyView(record), key: `tnty_${id}_${secret}` };
  }

  /**
   * Replace a key: a new key with the same name and role (the secret shown once), while the old one
   * keeps working for `overlapSeconds` (default an hour) so clients can switch without downtime, then
   * expires. 404 for a key the tenant has not got live, or one already replaced.
   */
  async rotate(tenantId: string, id: string, options: { overlapSeconds?: number; expiresAt?: string | null } = {}): Promise<ApiKeyView & { key: string }> {
    const overlap = options.overlapSeconds ?? ROTATION_OVERLAP_DEFAULT_S;
    if (!Number.isInteger(overlap) || overlap < 0 || overlap > ROTATION_OVERLAP_MAX_S) {
      throw new ValidationError(`overlapSeconds must be an integer from 0 to ${ROTATION_OVERLAP_MAX_S}`);
    }
    const expiresAt = expiry(options.expiresAt);
    const { id: nextId, secret } = newSecret();
    const record = await this.catalog.rotateApiKey(
      tenantId,
      id,
      { id: nextId, secretHash: hashSecret(secret), expiresAt },
      new Date(Date.now() + overlap * 1000),
    );
    this.#forget(id);
    if (!record) throw new TenantryError('not_found', `no live API key '${id}' that has not been replaced already`);
    this.#forget(nextId);
    return { ...apiKeyView(record), key: `tnty_${nextId}_${secret}` };
  }

  /** Write the key's last use, at most once a minute per key from this process; never waits, never fails a request. */
  #used(id: string): void {
    const now = Date.now();
    const last = this.#touched.get(id);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    this.#touched.set(id, now);
    Promise.resolve()
      .then(() => this.catalog.touchApiKey(id))
      .catch(() => this.#touched.delete(id));
  }

  /**
   * Whether `presented` is a key this process already knows to be valid, answered from the cache
   * alone (no query): such a key is served even from an address past its failed-authentication budget.
   */
  knownValid(presented: string): boolean {
    const match = KEY_PATTERN.exec(presented);
    const record = match && this.#found?.get(match[1]!);
    return !!record && live(record) && this.#matches(record, match[2]!);
  }

  #matches(record: ApiKeyRecord, secret: string): boolean {
    const expected = Buffer.from(record.secretHash);
    const given = Buffer.from(hashSecret(secret));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** The key's tenant and role, or undefined for anything that is not a live key. */
  async verify(presented: string): Promise<VerifiedKey | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const [, id, secret] = match as unknown as [string, string, string];
    const record = await this.#find(id);
    if (!record || !live(record) || !this.#matches(record, secret)) return undefined;
    this.#used(record.id);
    return { keyId: record.id, tenantId: record.tenantId, generation: record.tenantGeneration, role: record.role };
  }

  async list(tenantId: string, page: { after?: string; limit: number }): Promise<ApiKeyView[]> {
    return (await this.catalog.listApiKeys(tenantId, page)).map(apiKeyView);
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    const revoked = await this.catalog.revokeApiKey(tenantId, id);
    this.#forget(id);
    if (!revoked) throw new TenantryError('not_found', `no API key '${id}'`);
  }
}

function newSecret(): { id: string; secret: string } {
  return { id: randomBytes(10).toString('hex').slice(0, 16), secret: randomBytes(32).toString('base64url') };
}
