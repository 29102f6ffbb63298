import type { Migration } from '../storage/migrations/tenant-migrations.js';
import { applyMigrations, pendingMigrations } from '../storage/migrations/runner.js';
import type { StorageRouter } from '../storage/router.js';
import type { MigrationLocation } from '../storage/strategies/strategy.js';
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
  /** Versions applied (or, in a dry run, pending). */
  versions: number[];
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
  router: StorageRouter,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<MigrateReport> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');

  const locations = new Map<string, { tenants: Tenant[]; open: MigrationLocation['open'] }>();
  // Every cluster's pool is kept current, so pooled tenants created later start at the latest version.
  for (const cluster of router.clusterNames) {
    const target = router.strategy('pooled').migrationTarget(router, { id: '', isolation: 'pooled', cluster });
    locations.set(target.key, { tenants: [], open: target.open });
  }
  for (const tenant of await catalog.list({ status: ['active', 'suspended'] })) {
    if (!router.clusterNames.includes(tenant.cluster)) continue;
    const target = router.strategy(tenant.isolation).migrationTarget(router, tenant);
    const entry = locations.get(target.key) ?? { tenants: [], open: target.open };
    entry.tenants.push(tenant);
    locations.set(target.key, entry);
  }

  const queue = [...locations.entries()];
  const results: LocationResult[] = [];
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, { tenants, open }] = next;
      const result: LocationResult = { key, tenants: tenants.map((t) => t.id), versions: [] };
      try {
        const { target, release } = await open();
        try {
          result.versions = options.dryRun ? (await pendingMigrations(target, migrations)).map((m) => m.version) : await applyMigrations(target, migrations);
        } finally {
          release();
        }
        if (!options.dryRun) {
          // Tenants made before fences existed get their row (never one deleted meanwhile).
          for (const tenant of tenants) await router.backfillFence(tenant, () => stillLive(catalog, tenant));
        }
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
      results.push(result);
      options.onProgress?.({ done: ++done, total: locations.size, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
  results.sort((a, b) => a.key.localeCompare(b.key));
  return { total: locations.size, dryRun: options.dryRun ?? false, results, failed: results.filter((r) => r.error !== undefined) };
}
