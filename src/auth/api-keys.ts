import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TenantryError, ValidationError } from '../errors.js';
import type { ApiKeyRecord, Catalog, Role } from '../tenancy/catalog.js';

export const ROLES: readonly Role[] = ['admin', 'member', 'viewer'];

/** `tnty_<keyId>_<secret>`: the key id finds the row; only a hash of the secret is stored. */
const KEY_PATTERN = /^tnty_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

export function apiKeyView(key: ApiKeyRecord): ApiKeyView {
  return { id: key.id, name: key.name, role: key.role, createdAt: key.createdAt.toISOString() };
}

export interface VerifiedKey {
  keyId: string;
  tenantId: string;
  role: Role;
}

/**
 * Tenant API keys. Secrets are 256 random bits, so one SHA-256 is the right hash (a slow password hash
 * buys nothing against a secret that cannot be guessed, and would cost every request).
 */
export class ApiKeys {
  readonly #cache = new Map<string, { record: ApiKeyRecord | undefined; expires: number }>();

  /**
   * `cacheMs`: how long a looked-up key row is reused in this process (a catalog query per request
   * otherwise). A revocation made here applies at once; one made by another process within `cacheMs`.
   */
  constructor(
    private readonly catalog: Catalog,
    private readonly cacheMs = 0,
  ) {}

  async #find(id: string): Promise<ApiKeyRecord | undefined> {
    const hit = this.#cache.get(id);
    if (hit && hit.expires > Date.now()) return hit.record;
    const record = await this.catalog.findApiKey(id);
    if (this.cacheMs > 0) {
      if (this.#cache.size > 100_000) this.#cache.clear();
      this.#cache.set(id, { record, expires: Date.now() + this.cacheMs });
    }
    return record;
  }

  async create(tenantId: string, name: string, role: string): Promise<ApiKeyView & { key: string }> {
    if (!(ROLES as readonly string[]).includes(role)) throw new ValidationError(`unknown role '${role}'; choose one of ${ROLES.join(', ')}`);
    if (name.trim().length === 0 || name.length > 200) throw new ValidationError('key name must be 1-200 characters');
    const id = randomBytes(10).toString('hex').slice(0, 16);
    const secret = randomBytes(32).toString('base64url');
    const record = await this.catalog.insertApiKey({ id, tenantId, name, role: role as Role, secretHash: hashSecret(secret) });
    return { ...apiKeyView(record), key: `tnty_${id}_${secret}` };
  }

  /** The key's tenant and role, or undefined for anything that is not a live key. */
  async verify(presented: string): Promise<VerifiedKey | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const [, id, secret] = match as unknown as [string, string, string];
    const record = await this.#find(id);
    if (!record || record.revokedAt) return undefined;
    const expected = Buffer.from(record.secretHash);
    const given = Buffer.from(hashSecret(secret));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return { keyId: record.id, tenantId: record.tenantId, role: record.role };
  }

  async list(tenantId: string, page: { after?: string; limit: number }): Promise<ApiKeyView[]> {
    return (await this.catalog.listApiKeys(tenantId, page)).map(apiKeyView);
  }

  async revoke(tenantId: string, id: string): Promise<void> {
    const revoked = await this.catalog.revokeApiKey(tenantId, id);
    this.#cache.delete(id);
    if (!revoked) throw new TenantryError('not_found', `no API key '${id}'`);
  }
}
