import type { Migration } from '../storage/migrations/tenant-migrations.js';
import type { Storage } from '../storage/storage.js';
import type { Catalog, Tenant } from './catalog.js';

/** Whether the catalog still has this generation of the tenant, not being deleted. */
async function stillLive(catalog: Catalog, tenant: Tenant): Promise<boolean> {
  const now = await catalog.getFresh(tenant.id);
  return now !== undefined && now.generation === tenant.generation && (now.status === 'active' || now.status === 'suspended');
}

export interface MigrateOptions {
  /** Locations migrated at once (default 4). */
  concurrency?: number;
  /** Report what would be applied; change nothing. */
  dryRun?: boolean;
  onProgress?: (event: MigrateProgress) => void;
}

/** One location: the pool of a cluster, a tenant schema, or a tenant database. */
export interface LocationResult {
  key: string;
  /** Tenants whose tables live there (every pooled tenant of the cluster for a pool). */
  tenants: string[];
  /** Versions of Tenantry's migrations applied (or, in a dry run, pending). */
  versions: number[];
  /** Versions of the application's own migrations (Tenantry.open `appMigrations`) applied (or pending). */
  appVersions: number[];
  error?: string;
}

export interface MigrateProgress {
  done: number;
  total: number;
  result: LocationResult;
}

export interface MigrateReport {
  total: number;
  dryRun: boolean;
  results: LocationResult[];
  failed: LocationResult[];
}

/**
 * Fan the tenant migrations out to every location, `concurrency` at a time. A failing location is
 * recorded and the rest carry on; since each location records what it applied, running again resumes.
 */
export async function migrateTenants(
  catalog: Catalog,
  storage: Storage,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<MigrateReport> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');

  const locations = storage.migrationLocations(await catalog.list({ status: ['active', 'suspended'] }));

  const queue = [...locations];
  const results: LocationResult[] = [];
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { key, tenants } = next;
      const result: LocationResult = { key, tenants: tenants.map((t) => t.id), versions: [], appVersions: [] };
      try {
        const applied = await next.apply(migrations, options.dryRun ?? false);
        result.versions = applied.filter((m) => !m.app).map((m) => m.version);
        result.appVersions = applied.filter((m) => m.app).map((m) => m.version);
        if (!options.dryRun) {
          // Tenants made before fences existed get their row (never one deleted meanwhile).
          for (const tenant of tenants) await storage.backfillFence(tenant, () => stillLive(catalog, tenant));
        }
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
      results.push(result);
      options.onProgress?.({ done: ++done, total: locations.length, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
  results.sort((a, b) => a.key.localeCompare(b.key));
  return { total: locations.length, dryRun: options.dryRun ?? false, results, failed: results.filter((r) => r.error !== undefined) };
}
