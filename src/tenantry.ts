import { loadConfig, type TenantryConfig } from './config.js';
import { TENANT_MIGRATIONS, type Migration } from './storage/migrations/tenant-migrations.js';
import { StorageRouter } from './storage/router.js';
import { checkPoolIndexBudget, syncRecordIndexes } from './storage/record-indexes.js';
import { TenantNotFoundError } from './errors.js';
import { TenantScopes, type TenantRef, type TenantScope, type WithTenantOptions } from './storage/scope.js';
import { Catalog } from './tenancy/catalog.js';
import { TenantLifecycle } from './tenancy/lifecycle.js';
import { migrateTenants, type MigrateOptions, type MigrateReport } from './tenancy/migrate.js';

export interface OpenOptions {
  config?: TenantryConfig;
  /** Tenant migration set; the built-in one unless a test or an extension adds to it. */
  migrations?: readonly Migration[];
  onError?: (error: unknown) => void;
}

/** One Tenantry instance: storage router, catalog, lifecycle and tenant scopes, wired together. */
export class Tenantry {
  private constructor(
    readonly config: TenantryConfig,
    readonly router: StorageRouter,
    readonly catalog: Catalog,
    readonly tenants: TenantLifecycle,
    readonly scopes: TenantScopes,
    readonly migrations: readonly Migration[],
  ) {}

  static async open(options: OpenOptions = {}): Promise<Tenantry> {
    const config = options.config ?? loadConfig();
    const migrations = options.migrations ?? TENANT_MIGRATIONS;
    const onError = options.onError ?? ((error: unknown) => console.error('tenantry:', error));
    const router = await StorageRouter.open(config, onError);
    try {
      const catalog = await Catalog.open(
        router.controlCluster.main,
        router.clusters.map((c) => ({ name: c.name, kind: c.kind })),
        config.catalogCacheMs,
      );
      const tenants = new TenantLifecycle(catalog, router, migrations);
      const scopes = new TenantScopes(router, catalog);
      return new Tenantry(config, router, catalog, tenants, scopes, migrations);
    } catch (error) {
      await router.close();
      throw error;
    }
  }

  /** Run `fn` in a transaction scoped to one tenant. See TenantScopes.withTenant. */
  withTenant<T>(tenant: TenantRef, fn: (scope: TenantScope) => Promise<T>, options?: WithTenantOptions): Promise<T> {
    return this.scopes.withTenant(tenant, fn, options);
  }

  /**
   * Make the expression indexes of a tenant's collection match what it declares now (none once it is
   * dropped). Runs as the owner outside any scope: call it after the scope that changed the collection
   * committed.
   */
  async syncRecordIndexes(tenantId: string, collection: string): Promise<void> {
    const tenant = await this.catalog.get(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    await syncRecordIndexes(this.router, tenant, collection);
  }

  /**
   * Refuse (409) indexes that would take a pooled tenant's collection past the shared pool's budget
   * of record indexes (TENANTRY_POOL_MAX_INDEXES); call it before the collection changes.
   */
  async checkIndexBudget(tenantId: string, collection: string, fields: readonly string[]): Promise<void> {
    const tenant = await this.catalog.get(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    await checkPoolIndexBudget(this.router, tenant, collection, fields, this.config.poolMaxIndexes);
  }

  migrate(options?: MigrateOptions): Promise<MigrateReport> {
    return migrateTenants(this.catalog, this.router, this.migrations, options);
  }

  close(): Promise<void> {
    return this.router.close();
  }
}
