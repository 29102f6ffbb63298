import { loadConfig, type TenantryConfig } from './config.js';
import { DataKeys, type KeysDatabase } from './crypto/data-keys.js';
import { loadMasterKeys } from './crypto/master-key.js';
import { appMigrationSet, TENANT_MIGRATIONS, type Migration } from './storage/migrations/tenant-migrations.js';
import { TenantNotFoundError, ValidationError } from './errors.js';
import type { NoAppTables, TenantRef, TenantScope, TenantScopes, WithTenantOptions } from './storage/scope.js';
import { Storage } from './storage/storage.js';
import { Catalog } from './tenancy/catalog.js';
import { KeyRotation } from './tenancy/key-rotation.js';
import { TenantLifecycle } from './tenancy/lifecycle.js';
import { migrateTenants, type MigrateOptions, type MigrateReport } from './tenancy/migrate.js';
import { Operations, type OperationsDatabase } from './tenancy/operations.js';
import { PlatformAudit } from './audit/platform-audit.js';
import { TenantAudit } from './audit/tenant-audit.js';
import { Meter } from './usage/meter.js';
import { Jobs } from './jobs/jobs.js';
import { WorkQueue } from './workflows/queue.js';

/** What `Tenantry.open` is given; everything is optional. */
export interface OpenOptions {
  /** The settings; read from the environment (TENANTRY_*, loadConfig) unless given. */
  config?: TenantryConfig;
  /** Hears where a master key was generated (no TENANTRY_MASTER_KEY); stderr by default. */
  onMasterKeyGenerated?: (file: string) => void;
  /** Tenant migration set; the built-in one unless a test or an extension adds to it. */
  migrations?: readonly Migration[];
  /**
   * The application's own tenant tables: a folder of numbered SQL files (`000001-notes.sql`, the
   * format of Tenantry's own; a `file:` URL or a path) or the migrations themselves. Applied after
   * Tenantry's to every tenant location (the pool, each schema, each database) when a tenant is
   * provisioned and by `migrate()`, recorded apart (`_app_migrations`); each is refused, rolled back,
   * if it leaves a table without `tenant_id` leading its primary key or without forced RLS and
   * Tenantry's policy (TENANT_ID_COLUMN, tenantRlsSql).
   */
  appMigrations?: URL | string | readonly Migration[];
  /** Hears failures of background work no caller waits for (operations, jobs' bookkeeping); stderr by default. */
  onError?: (error: unknown) => void;
}

/**
 * One Tenantry instance: storage, catalog, lifecycle and tenant scopes, wired together. It hands out
 * tenant scopes, never a connection: control-plane code reaches the control-plane database through
 * `storage.control` (named statements, nothing else).
 */
export class Tenantry<AppDB extends object = NoAppTables> {
  private constructor(
    /** The settings this instance was opened with. */
    readonly config: TenantryConfig,
    /** The databases: the control plane's and every tenant location's (internal; applications use withTenant). */
    readonly storage: Storage,
    /** The tenant catalog: each tenant's id, plan, status and placement (read through a short cache). */
    readonly catalog: Catalog,
    /** Tenant lifecycle: create (provision), suspend, resume, delete. */
    readonly tenants: TenantLifecycle,
    /** The scope machinery behind withTenant (hooks plug in here: `scopes.use`). */
    readonly scopes: TenantScopes,
    /** The tenant migrations applied to every location: Tenantry's own, then the application's. */
    readonly migrations: readonly Migration[],
    /** Long-running control-plane work (deletion, …): durable, resumable; `operations.start()` runs them in the background. */
    readonly operations: Operations,
    /** Per-tenant data keys, wrapped by the master key (crypto-shredding destroys them first on deletion). */
    readonly keys: DataKeys,
    /** Tenant key rotation: a new key version, and the re-encryption operation. */
    readonly keyRotation: KeyRotation,
    /** Each tenant's audit trail; its scope hook records the writes made for requests. */
    readonly audit: TenantAudit,
    /** The platform's audit trail (control-plane actions, failed authentications), in the catalog. */
    readonly platformAudit: PlatformAudit,
    /** Metering: per-tenant counters, accumulated in memory and flushed to the catalog. */
    readonly meter: Meter,
  ) {
    this.jobs = new Jobs<AppDB>(
      (tenant, fn, options) => (this as unknown as Tenantry).withTenant(tenant, fn, options),
      new WorkQueue(storage.control),
      async (jobs, options) => {
        // Tenantry's worker (the workflow engine) runs the jobs: services.ts needs this module, hence the late import.
        const { Services } = await import('./services.js');
        const services = Services.over(this as unknown as Tenantry);
        services.workflows.startEngine(options);
        return { wake: () => services.workflows.engine?.wake(), stop: () => services.close() };
      },
      (level, message, fields) => (level === 'error' ? this.#onError({ message, ...fields }) : undefined),
    );
  }

  /**
   * The application's background jobs on Tenantry's fair per-tenant queue, each run in its tenant's
   * scope: `jobs.define(kind, handler)`, `jobs.enqueue(tenant, kind, payload)`, `jobs.start()` (see Jobs).
   */
  readonly jobs: Jobs<AppDB>;
  #onError: (error: unknown) => void = (error) => console.error('tenantry:', error);

  /** `AppDB`: the Kysely types of the application's own tables (`appMigrations`), for typed scopes. */
  static async open<AppDB extends object = NoAppTables>(options: OpenOptions = {}): Promise<Tenantry<AppDB>> {
    const config = options.config ?? loadConfig();
    const core = options.migrations ?? TENANT_MIGRATIONS;
    const migrations = options.appMigrations ? [...core, ...appMigrationSet(options.appMigrations)] : core;
    const onError = options.onError ?? ((error: unknown) => console.error('tenantry:', error));
    // A bad master key is a startup error, before any storage is opened.
    const masters = await loadMasterKeys(config, options.onMasterKeyGenerated);
    const storage = await Storage.open(config, onError);
    try {
      const catalog = await Catalog.open(storage.control, storage.clusters, config.catalogCacheMs);
      const operations = new Operations(storage.control.kysely<OperationsDatabase>(), { leaseMs: config.operationLeaseMs, onError });
      const scopes = storage.scopes(catalog);
      const keys = new DataKeys(storage.control.kysely<KeysDatabase>(), masters, { cacheMs: config.catalogCacheMs });
      await keys.checkMasters();
      // Two cluster names for one database would make a move delete what it copies: refused here.
      const places = await storage.clusterPlaces();
      for (const [i, a] of places.entries()) {
        const b = places.slice(0, i).find((p) => p.server === a.server && p.database === a.database);
        if (b)
          throw new ValidationError(`clusters '${b.name}' and '${a.name}' are the same database (${a.database}); name each database once in TENANTRY_CLUSTERS`);
      }
      const servers = new Map(places.map((p) => [p.name, p.server]));
      const labels = new Map(config.clusters.map((c) => [c.name, c.labels ?? {}]));
      const tenants = new TenantLifecycle(
        catalog,
        storage,
        migrations,
        operations,
        scopes,
        {
          server: (cluster) => servers.get(cluster),
          labels: (cluster) => labels.get(cluster) ?? {},
        },
        keys,
      );
      tenants.registerOperations();
      const keyRotation = new KeyRotation(catalog, operations, scopes, keys, config.catalogCacheMs);
      keyRotation.register();
      const audit = new TenantAudit((tenant, fn, o) => scopes.withTenant(tenant, fn, o), config.usageFlushMs);
      scopes.use(audit.hook);
      const meter = new Meter(storage.control, config.usageFlushMs);
      // Each tenant's statement time, metered with its usage (src/usage/costs.ts).
      scopes.timeStatements((tenantId, backend) => meter.costs.clock(tenantId, backend));
      const platformAudit = new PlatformAudit(storage.control, config.usageFlushMs);
      const tenantry = new Tenantry<AppDB>(config, storage, catalog, tenants, scopes, migrations, operations, keys, keyRotation, audit, platformAudit, meter);
      tenantry.#onError = onError;
      return tenantry;
    } catch (error) {
      await storage.close();
      throw error;
    }
  }

  /** Told how long each scope took (seconds) and whether it succeeded: the metrics' scope latency. */
  onScope: ((seconds: number, ok: boolean) => void) | undefined;

  /** Run `fn` in a transaction scoped to one tenant; `db` is typed with the application's tables too. See TenantScopes.withTenant. */
  withTenant<T>(tenant: TenantRef, scoped: (scope: TenantScope<AppDB>) => Promise<T>, options?: WithTenantOptions): Promise<T> {
    // The same transaction, seen with the application's table types added.
    const fn = scoped as unknown as (scope: TenantScope) => Promise<T>;
    const observe = this.onScope;
    if (!observe) return this.scopes.withTenant(tenant, fn, options);
    const started = performance.now();
    return this.scopes.withTenant(tenant, fn, options).then(
      (result) => {
        observe((performance.now() - started) / 1000, true);
        return result;
      },
      (error: unknown) => {
        observe((performance.now() - started) / 1000, false);
        throw error;
      },
    );
  }

  /**
   * Make the expression indexes of a tenant's collection match what it declares now (none once it is
   * dropped). Runs as the owner outside any scope: call it after the scope that changed the collection
   * committed.
   */
  async syncRecordIndexes(tenantId: string, collection: string): Promise<void> {
    const tenant = await this.catalog.get(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    await this.storage.syncRecordIndexes(tenant, collection);
  }

  /**
   * Refuse (409) indexes that would take a pooled tenant's collection past the shared pool's budget
   * of record indexes (TENANTRY_POOL_MAX_INDEXES); call it before the collection changes.
   */
  async checkIndexBudget(tenantId: string, collection: string, fields: readonly string[]): Promise<void> {
    const tenant = await this.catalog.get(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    await this.storage.checkIndexBudget(tenant, collection, fields, this.config.poolMaxIndexes);
  }

  /**
   * Bring every tenant location (the pool, each schema, each database) up to the latest migration —
   * Tenantry's and the application's — resumably; the report lists each location's outcome.
   */
  migrate(options?: MigrateOptions): Promise<MigrateReport> {
    return migrateTenants(this.catalog, this.storage, this.migrations, options);
  }

  /** Stop this process's job worker and background operations, flush what is buffered, close every pool. */
  async close(): Promise<void> {
    await this.jobs.stop();
    await this.operations.stop();
    // What was metered and counted but not yet written goes before the pools close.
    await this.meter.close().catch(() => {});
    await this.audit.close().catch(() => {});
    await this.platformAudit.close().catch(() => {});
    await this.storage.close();
  }
}
