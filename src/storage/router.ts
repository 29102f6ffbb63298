import path from 'node:path';
import type { TenantryConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import { adminTransaction, type ClusterBackend } from './backends/backend.js';
import { PgliteCluster } from './backends/pglite.js';
import { PgCluster } from './backends/postgres.js';
import { ConnectionBudget } from './connection-budget.js';
import { ensureRoleSql } from './ddl.js';
import { advanceFence, backfillFence, closeFence, ensureFence, openFence, type FenceEntry } from './fence.js';
import type { DeploymentNames } from './names.js';
import { OpenDatabases, type DatabaseHandle } from './open-databases.js';
import type { Isolation, TenantPlacement } from './placement.js';
import { databaseStrategy } from './strategies/database.js';
import { pooledStrategy } from './strategies/pooled.js';
import { schemaStrategy } from './strategies/schema.js';
import type { IsolationStrategy, OpenLocation, StrategyHost, TenantLocations } from './strategies/strategy.js';

const STRATEGIES: Record<Isolation, IsolationStrategy> = {
  pooled: pooledStrategy,
  schema: schemaStrategy,
  database: databaseStrategy,
};

export interface RouterOptions {
  maxOpenDatabases: number;
  databaseIdleMs: number;
  /** The connection budget the clusters' pools share (openClusters), for metrics and tests. */
  budget?: ConnectionBudget;
}

/**
 * Two sessions changing one shared-catalog row at once: concurrent GRANTs of one membership collide on
 * pg_auth_members' unique index (unique_violation, 23505); a concurrent ALTER ROLE fails with "tuple
 * concurrently updated", which PostgreSQL raises as internal_error (XX000) with no code of its own —
 * so that one case is told by its message, and only under XX000.
 */
function concurrentCatalogUpdate(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '23505' || (code === 'XX000' && typeof message === 'string' && message.includes('tuple concurrently updated'));
}

/**
 * Roles live in the server's shared catalog: processes starting together (replicas, test files on one
 * server) may ALTER the same role or GRANT the same membership at once, which PostgreSQL answers with
 * "tuple concurrently updated" or a duplicate key. The statements are idempotent: try again.
 */
async function retryConcurrentUpdate(fn: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return;
    } catch (error) {
      if (attempt >= 8 || !concurrentCatalogUpdate(error)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

/** Open every configured cluster, the control-plane one first; on failure, close those already open. */
export async function openClusters(
  config: TenantryConfig,
  onError?: (error: Error) => void,
  budget = new ConnectionBudget(config.maxConnections),
): Promise<ClusterBackend[]> {
  const clusters: ClusterBackend[] = [];
  try {
    for (const c of config.clusters) {
      clusters.push(
        c.url
          ? new PgCluster(c.name, c.url, config.poolSize, config.tenantPoolSize, onError, budget)
          : await PgliteCluster.open(c.name, path.join(config.dataDir, 'clusters'), { sharedBuffersMb: config.pgliteSharedBuffersMb }),
      );
    }
  } catch (error) {
    await Promise.allSettled(clusters.map((c) => c.close()));
    throw error;
  }
  return clusters;
}

/**
 * Finds a tenant's tables: catalog placement → strategy → cluster → database. Owns every connection
 * pool and PGlite instance, and the budget of open tenant databases.
 */
export class StorageRouter implements StrategyHost, TenantLocations {
  readonly #clusters: Map<string, ClusterBackend>;
  readonly #databases: OpenDatabases;

  private constructor(
    clusters: ClusterBackend[],
    /** The names of this deployment's roles and databases, for the strategies (StrategyHost). */
    readonly names: DeploymentNames,
    options: RouterOptions,
  ) {
    this.#clusters = new Map(clusters.map((c) => [c.name, c]));
    this.#databases = new OpenDatabases({ max: options.maxOpenDatabases, idleMs: options.databaseIdleMs });
    this.budget = options.budget;
  }

  /** Every server connection of the process together (TENANTRY_MAX_CONNECTIONS), when on PostgreSQL. */
  readonly budget: ConnectionBudget | undefined;

  /**
   * Route over `clusters` (opened by openClusters; the caller closes them if this fails), making sure
   * the deployment's application role exists on each, and each main database has the current fence.
   */
  static async open(clusters: ClusterBackend[], names: DeploymentNames, options: RouterOptions): Promise<StorageRouter> {
    for (const cluster of clusters) {
      await adminTransaction(cluster.main, (conn) => conn.exec(ensureRoleSql(names.appRole)));
      const login = cluster.appLoginSql(names.appRole);
      if (login) await retryConcurrentUpdate(() => adminTransaction(cluster.main, (conn) => conn.exec(login)));
      cluster.main.enableAppRole(names.appRole);
      await retryConcurrentUpdate(() => ensureFence(cluster.main));
    }
    return new StorageRouter(clusters, names, options);
  }

  /** The cluster holding the control-plane catalog. */
  get controlCluster(): ClusterBackend {
    return this.#clusters.values().next().value as ClusterBackend;
  }

  get clusterNames(): string[] {
    return [...this.#clusters.keys()];
  }

  get clusters(): ClusterBackend[] {
    return [...this.#clusters.values()];
  }

  cluster(name: string): ClusterBackend {
    const cluster = this.#clusters.get(name);
    if (!cluster) throw new ValidationError(`unknown cluster '${name}'; configured: ${this.clusterNames.join(', ')}`, 'unknown_cluster');
    return cluster;
  }

  strategy(isolation: Isolation): IsolationStrategy {
    return STRATEGIES[isolation];
  }

  /**
   * The pool a tenant's scopes draw from, named without opening anything (a tenant database's pool
   * exists only while it is open), and how many connections it holds.
   */
  poolOf(tenant: TenantPlacement): { key: string; size: number } {
    const cluster = this.cluster(tenant.cluster);
    if (tenant.isolation === 'database') return { key: `${tenant.cluster}/${this.names.databaseTenant(tenant.id).database}`, size: cluster.tenantPoolSize };
    return { key: `${tenant.cluster}/main`, size: cluster.main.appPoolSize };
  }

  /** Lease the database holding `tenant`'s tables. */
  open(tenant: TenantPlacement): Promise<OpenLocation> {
    return STRATEGIES[tenant.isolation].open(this, tenant);
  }

  /** Let `tenant`'s generation into the database holding its tables: the last step of provisioning. */
  async openFence(tenant: TenantPlacement & FenceEntry): Promise<void> {
    const location = await this.open(tenant);
    try {
      await openFence(location.db, tenant);
    } finally {
      location.release();
    }
  }

  /** Give a tenant made before fences existed its fence row, if `live` (fence.ts backfillFence). */
  /** Admit only scopes routed at placement epoch `epoch` (or later) where `tenant` lives now (fence.ts advanceFence). */
  async advanceFence(tenant: TenantPlacement & { generation: number }, epoch: number): Promise<void> {
    const location = await this.open(tenant);
    try {
      await advanceFence(location.db, tenant, epoch);
    } finally {
      location.release();
    }
  }

  async backfillFence(tenant: TenantPlacement & FenceEntry, live: () => Promise<boolean>): Promise<void> {
    const location = await this.open(tenant);
    try {
      await backfillFence(location.db, tenant, live);
    } finally {
      location.release();
    }
  }

  /**
   * Shut `tenant` out of the database holding its tables, after every scope of it in flight there has
   * ended: the first step of deletion, before any data is dropped (fence.ts closeFence).
   */
  async closeFence(tenant: TenantPlacement): Promise<void> {
    let location: OpenLocation;
    try {
      location = await this.open(tenant);
    } catch (error) {
      // A tenant database already dropped (an interrupted deletion run again) has nothing to fence;
      // dropping one cuts every session on it anyway.
      if (tenant.isolation === 'database') return;
      throw error;
    }
    try {
      await closeFence(location.db, tenant.id);
    } finally {
      location.release();
    }
  }

  /** Number of tenant databases open right now (bounded by TENANTRY_MAX_OPEN_DATABASES). */
  get openDatabaseCount(): number {
    return this.#databases.size;
  }

  /** Lease a tenant database whose application sessions run as `role` (its own login, on a server). */
  openTenantDatabase(clusterName: string, database: string, role: string, waitMs?: number): Promise<DatabaseHandle> {
    const cluster = this.cluster(clusterName);
    const key = `${clusterName}/${database}`;
    // A scope working from a stale catalog entry must not open a database while it is created or
    // dropped: two embedded instances on one directory corrupt it (and a drop would leave files behind).
    if (this.#changing.has(key)) return Promise.reject(new Error(`database '${database}' is being created or dropped`));
    return this.#databases.use(
      key,
      async () => {
        const db = await cluster.openDatabase(database, role);
        db.enableAppRole(role);
        // A tenant database provisioned by an older version has an older fence (the clusters' main
        // databases get theirs at start): bring it up to date before any scope enters. One catalog read when current.
        try {
          await retryConcurrentUpdate(() => ensureFence(db));
        } catch (error) {
          await db.close();
          throw error;
        }
        return db;
      },
      waitMs,
    );
  }

  /** Create a tenant database; no one opens it until it exists. */
  async createTenantDatabase(clusterName: string, database: string): Promise<void> {
    await this.#changingDatabase(clusterName, database, () => this.cluster(clusterName).createDatabase(database));
  }

  /** Close and drop a tenant database; no one opens it meanwhile. */
  async dropTenantDatabase(clusterName: string, database: string): Promise<void> {
    await this.#changingDatabase(clusterName, database, async () => {
      await this.#databases.close(`${clusterName}/${database}`);
      await this.cluster(clusterName).dropDatabase(database);
    });
  }

  readonly #changing = new Set<string>();

  async #changingDatabase(clusterName: string, database: string, fn: () => Promise<void>): Promise<void> {
    const key = `${clusterName}/${database}`;
    if (this.#changing.has(key)) throw new Error(`database '${database}' is already being created or dropped`);
    this.#changing.add(key);
    try {
      await fn();
    } finally {
      this.#changing.delete(key);
    }
  }

  async close(): Promise<void> {
    await this.#databases.closeAll();
    await Promise.allSettled([...this.#clusters.values()].map((c) => c.close()));
  }
}
