import type { Kysely, Transaction } from 'kysely';
import { TenantNotFoundError, TenantScopeRequiredError, TenantSuspendedError } from '../errors.js';
import { searchPathValue } from './ddl.js';
import { ScopedConnection, scopeBaseKysely, scopedTransaction } from './kysely.js';
import type { TenantPlacement } from './placement.js';
import type { StorageRouter } from './router.js';
import type { TenantDatabase } from './tenant-db.js';

export type TenantStatus = 'provisioning' | 'active' | 'suspended' | 'deleting';

/** Tenant metadata a scope carries (a catalog row as the storage layer sees it). */
export interface TenantInfo extends TenantPlacement {
  name: string;
  tier: string;
  status: TenantStatus;
  settings: Record<string, unknown>;
  limits: Record<string, unknown>;
}

/** Where scopes look tenants up (the control-plane catalog implements it, with its cache). */
export interface TenantDirectory {
  get(tenantId: string): Promise<TenantInfo | undefined>;
}

/**
 * What tenant-plane code receives: the tenant, and a Kysely transaction in which the database already
 * enforces that tenant (RLS on tenant_id; for `schema`, a role that can use only its own schema; for
 * `database`, its own database). The transaction commits when the callback returns and rolls back if it throws.
 */
export interface TenantScope {
  readonly tenantId: string;
  readonly tenant: TenantInfo;
  readonly db: Transaction<TenantDatabase>;
  /**
   * Where the tenant's data lives: an embedded PGlite runs queries on this thread (a long read blocks
   * the event loop), a server does not. Bulk readers size their pages by it.
   */
  readonly backend: 'pglite' | 'postgres';
}

export interface WithTenantOptions {
  /** Control-plane work (export, delete) may enter a suspended tenant's scope. */
  allowSuspended?: boolean;
  /**
   * The scope runs exactly one statement, sent with its set-up in one round trip and committed by the
   * server with it (no BEGIN, no COMMIT). A second statement in the scope throws. For hot paths whose
   * whole work is one statement (see RecordsService.create).
   */
  singleStatement?: boolean;
  /**
   * Commit without waiting for the WAL to reach disk (synchronous_commit = off) when this returns true
   * for the tenant. A server crash may then lose the last fraction of a second of such commits (never
   * corrupt them): only for bookkeeping the caller repeats anyway (the workflow engine's step states).
   */
  asyncCommit?: (tenant: TenantInfo) => boolean;
}

export class TenantScopes {
  readonly #router: StorageRouter;
  readonly #directory: TenantDirectory;
  readonly #base: Kysely<TenantDatabase> = scopeBaseKysely<TenantDatabase>();

  constructor(router: StorageRouter, directory: TenantDirectory) {
    this.#router = router;
    this.#directory = directory;
  }

  /** Run `fn` inside a transaction scoped to `tenantId`. */
  async withTenant<T>(tenantId: string, fn: (scope: TenantScope) => Promise<T>, options: WithTenantOptions = {}): Promise<T> {
    if (!tenantId) throw new TenantScopeRequiredError('withTenant');
    const tenant = await this.#directory.get(tenantId);
    if (!tenant || tenant.status === 'provisioning' || tenant.status === 'deleting') throw new TenantNotFoundError(tenantId);
    if (tenant.status === 'suspended' && !options.allowSuspended) throw new TenantSuspendedError(tenantId);

    const location = await this.#router.open(tenant);
    try {
      const lease = await location.db.acquireApp();
      const connection = new ScopedConnection(
        lease.conn,
        {
          role: location.names.role,
          searchPath: searchPathValue(location.names.schema),
          tenantId: tenant.id,
          asyncCommit: options.asyncCommit?.(tenant) ?? false,
        },
        options.singleStatement === true,
      );
      let result: T;
      try {
        result = await fn({ tenantId: tenant.id, tenant, db: scopedTransaction(this.#base, connection), backend: location.db.kind });
        await connection.commit();
      } catch (error) {
        try {
          await connection.rollback();
          lease.release();
        } catch {
          lease.release(true);
        }
        throw error;
      }
      lease.release();
      return result;
    } finally {
      location.release();
    }
  }
}

/**
 * Build a cache key that always leads with the tenant. Throws when the tenant is missing, so a cache
 * can never hold an entry that two tenants could read.
 */
export function tenantCacheKey(tenantId: string | undefined | null, ...parts: Array<string | number>): string {
  if (typeof tenantId !== 'string' || tenantId === '') throw new TenantScopeRequiredError('tenantCacheKey');
  return JSON.stringify([tenantId, ...parts]);
}
