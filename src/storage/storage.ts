import type { TenantryConfig } from '../config.js';
import { ConnectionBudget } from './connection-budget.js';
import { adminQuery, type PoolStats } from './backends/backend.js';
import { openControlDb, type ControlDb } from './control-db.js';
import { openDeploymentNames } from './deployment.js';
import type { FenceEntry } from './fence.js';
import { inspectStorage, type StorageInspection } from './inspect.js';
import { registerRouter } from './internals.js';
import { applyMigrations, pendingMigrations } from './migrations/runner.js';
import type { Migration } from './migrations/tenant-migrations.js';
import type { TenantPlacement } from './placement.js';
import { checkPoolIndexBudget, syncRecordIndexes } from './record-indexes.js';
import { openClusters, StorageRouter } from './router.js';
import { copyTenant, fenceEpoch, retreatFence, sameDatabase, switchPlacement, type MoveProgress, type SwitchResult } from './move.js';
import { TenantScopes, type TenantDirectory } from './scope.js';

/** A place the tenant migrations are applied to: a cluster's pool, a tenant schema or a tenant database. */
export interface MigrationLocation<T extends TenantPlacement = TenantPlacement> {
  /** Unique across the deployment, so a fan-out migrates each place once. */
  key: string;
  /** Tenants whose tables live there (every pooled tenant of the cluster for a pool). */
  tenants: T[];
  /** Apply what is pending (or, on a dry run, list it) and return those migrations. */
  apply(migrations: readonly Migration[], dryRun: boolean): Promise<Migration[]>;
}

/**
 * The storage layer as the rest of Tenantry sees it: tenant scopes, the control-plane executor, and
 * the storage side of a tenant's lifecycle — never a connection. The router, strategies, backends and
 * Kysely wiring behind it stay inside `src/storage/` (ESLint's no-restricted-imports guards that).
 */
export type { ClusterInspection, StorageInspection } from './inspect.js';

export class Storage {
  readonly #router: StorageRouter;

  readonly #maxConcurrentScans: number;

  private constructor(
    router: StorageRouter,
    /** The only door to the control-plane database (catalog, queue). */
    readonly control: ControlDb,
    maxConcurrentScans: number,
  ) {
    this.#router = router;
    this.#maxConcurrentScans = maxConcurrentScans;
    registerRouter(this, router);
  }

  /**
   * Open every configured cluster, migrate the control-plane catalog on the first, and read from it the
   * deployment's name (recording it at the first start), which names the roles and databases the
   * router and strategies create — the application role included, so it is set up only then.
   */
  static async open(config: TenantryConfig, onError?: (error: Error) => void): Promise<Storage> {
    const budget = new ConnectionBudget(config.maxConnections);
    const clusters = await openClusters(config, onError, budget);
    try {
      const control = await openControlDb(clusters[0]!.main);
      const names = await openDeploymentNames(control, clusters[0]!.kind, config.deployment);
      const router = await StorageRouter.open(clusters, names, {
        maxOpenDatabases: config.maxOpenDatabases,
        databaseIdleMs: config.databaseIdleMs,
        budget,
      });
      return new Storage(router, control, config.maxConcurrentScans);
    } catch (error) {
      await Promise.allSettled(clusters.map((c) => c.close()));
      throw error;
    }
  }

  /**
   * Read-only facts about every configured cluster for `tenantry doctor` (inspect.ts): reachability,
   * the owner's rights, connections, clock skew, the catalog's pending migrations. Opens nothing it
   * does not close, and changes nothing — unlike `open`, which migrates the catalog.
   */
  static inspect(config: TenantryConfig): Promise<StorageInspection> {
    return inspectStorage(config);
  }

  /** This deployment's name ('' for none), which its roles and databases carry (names.ts DeploymentNames). */
  get deployment(): string {
    return this.#router.names.deployment;
  }

  /** Connections of each cluster's main database pools now (metrics). */
  /** The connection budget of this process (TENANTRY_MAX_CONNECTIONS): connections open and waiting. */
  connectionBudget(): { held: number; waiting: number; max: number } | undefined {
    const budget = this.#router.budget;
    return budget && { held: budget.held, waiting: budget.waiting, max: budget.max };
  }

  poolStats(): Array<PoolStats & { cluster: string }> {
    return this.#router.clusters.flatMap((c) => c.main.poolStats().map((p) => ({ cluster: c.name, ...p })));
  }

  /** The configured clusters, the control-plane one first. */
  get clusters(): Array<{ name: string; kind: 'pglite' | 'postgres' }> {
    return this.#router.clusters.map((c) => ({ name: c.name, kind: c.kind }));
  }

  /** Where tenants go unless told otherwise: the control-plane cluster. */
  get defaultCluster(): string {
    return this.#router.controlCluster.name;
  }

  /** Throws ValidationError `unknown_cluster` unless `name` is configured. */
  assertCluster(name: string): void {
    this.#router.cluster(name);
  }

  /**
   * Whether a tenant's tables are written to the same WAL as the control-plane database (the queue).
   * On a PostgreSQL server every database shares the server's one WAL; on an embedded cluster the
   * pooled and schema tenants share the main PGlite instance with the queue, while each database
   * tenant is a PGlite instance (and WAL) of its own. Only then may the tenant's step bookkeeping
   * commit asynchronously: a WAL is written in order and a crash loses only its tail, so a queue change
   * that survived (an ack, the next steps) implies the step state it followed did too. Across two WALs
   * a crash could keep the ack and lose the step's completion, leaving a step `running` that no queue
   * item will ever claim again.
   */
  sharesControlWal(tenant: TenantPlacement): boolean {
    const control = this.#router.controlCluster;
    if (tenant.cluster !== control.name) return false;
    return control.kind === 'postgres' || tenant.isolation !== 'database';
  }

  /** Number of tenant databases open right now (bounded by TENANTRY_MAX_OPEN_DATABASES). */
  get openDatabaseCount(): number {
    return this.#router.openDatabaseCount;
  }

  /** Tenant scopes over this storage, looking tenants up in `directory` (the catalog). */
  scopes(directory: TenantDirectory): TenantScopes {
    return new TenantScopes(this.#router, directory, { maxConcurrentScans: this.#maxConcurrentScans });
  }

  /**
   * Create `tenant`'s storage at the latest migration version and let its generation in (its fence):
   * all or nothing — a failure removes what this call created, and nothing else.
   */
  async provision(tenant: TenantPlacement & FenceEntry, migrations: readonly Migration[]): Promise<void> {
    const strategy = this.#router.strategy(tenant.isolation);
    await strategy.provision(this.#router, tenant, migrations);
    try {
      await this.#router.openFence(tenant);
    } catch (error) {
      // The provisioning error is what the caller needs; a failed clean-up is left to a later delete.
      await strategy.deprovision(this.#router, tenant).catch(() => {});
      throw error;
    }
  }

  /**
   * Remove `tenant`'s storage: close its fence first (waits out its scopes in flight anywhere, and
   * none can start after), then drop its data. Idempotent, so an interrupted deletion can run again.
   */
  async deprovision(tenant: TenantPlacement): Promise<void> {
    await this.#router.closeFence(tenant);
    await this.#router.strategy(tenant.isolation).deprovision(this.#router, tenant);
  }

  /**
   * The switch step of a move from `from` to `to` (`to.placementEpoch` past `from`'s, same tenant and
   * generation): wait out the tenant's scopes in flight at the old location and admit only the new
   * epoch there from then on — the old location is frozen — then let the new epoch in at the new
   * location. A move copies the data before (in bulk, while the tenant is served) and after this step
   * (what changed since, now that nothing more changes at the old place), then records the move
   * (Catalog.movePlacement); scopes routed by the old entry meanwhile are refused and re-routed, or
   * answered 503 until the catalog says where the tenant is. Idempotent: after a failure, run it again.
   */
  async advancePlacement(from: TenantPlacement & FenceEntry, to: TenantPlacement & FenceEntry): Promise<void> {
    if (to.id !== from.id || to.generation !== from.generation || to.placementEpoch <= from.placementEpoch) {
      throw new Error('advancePlacement: the same tenant and generation, at a later placement epoch');
    }
    await this.#router.advanceFence(from, to.placementEpoch);
    await this.#router.openFence(to);
  }

  /**
   * Make the place a move goes to: `to`'s storage at the latest migration version, empty of the
   * tenant — what an earlier, interrupted attempt left there is removed first. The fence there is not
   * opened: the switch does that (switchPlacement).
   */
  async prepareMoveTarget(from: TenantPlacement, to: TenantPlacement, migrations: readonly Migration[]): Promise<void> {
    if (from.isolation === to.isolation && from.cluster === to.cluster) throw new Error('prepareMoveTarget: the tenant is there already');
    const strategy = this.#router.strategy(to.isolation);
    // The pool's provisioning clears the id's rows itself (pooled.ts); a schema or database is made
    // strictly, so what an earlier attempt made goes first.
    if (to.isolation !== 'pooled') await strategy.deprovision(this.#router, to);
    await strategy.provision(this.#router, to, migrations);
  }

  /** Copy the tenant's rows to `to` while it is served (move.ts copyTenant). */
  copyTenant(from: TenantPlacement, to: TenantPlacement, progress: MoveProgress): Promise<void> {
    return copyTenant(this.#router, from, to, progress);
  }

  /** Catch up, verify and switch the fences (move.ts switchPlacement); the catalog is the caller's next step. */
  switchPlacement(from: TenantPlacement & FenceEntry, to: TenantPlacement, toEpoch: number): Promise<SwitchResult> {
    return switchPlacement(this.#router, from, to, toEpoch);
  }

  /** The placement epoch `tenant`'s fence at its placement admits (undefined: none). */
  fenceEpoch(tenant: TenantPlacement & { generation: number }): Promise<number | undefined> {
    return fenceEpoch(this.#router, tenant);
  }

  /** Undo a fence switch the catalog never recorded (move.ts retreatFence). */
  retreatFence(tenant: TenantPlacement & FenceEntry, toEpoch: number): Promise<void> {
    return retreatFence(this.#router, tenant, toEpoch);
  }

  /**
   * Remove what a move left at a place that is not (or no longer) the tenant's: its tables' rows, schema
   * or database — and its fence row there, unless that database is also where the tenant is now.
   */
  async removeMovedPlacement(old: TenantPlacement, current: TenantPlacement): Promise<void> {
    const strategy = this.#router.strategy(old.isolation);
    if (!sameDatabase(old, current) && old.isolation !== 'database') await this.#router.closeFence(old);
    await strategy.deprovision(this.#router, old);
  }

  /**
   * Where each cluster's main database really is: its server (PostgreSQL's system identifier, so
   * `localhost` and `127.0.0.1` are one server) and the database on it. Roles and databases are
   * per server; a pool and tenant schemas per database.
   */
  async clusterPlaces(): Promise<Array<{ name: string; server: string; database: string }>> {
    const places = [];
    for (const cluster of this.#router.clusters) {
      if (cluster.kind === 'pglite') {
        places.push({ name: cluster.name, server: `embedded:${cluster.name}`, database: 'main' });
        continue;
      }
      const { rows } = await adminQuery<{ server: string; database: string }>(
        cluster.main,
        `SELECT coalesce((SELECT system_identifier::text FROM pg_control_system()), inet_server_addr()::text || ':' || inet_server_port()) AS server, current_database() AS database`,
      ).catch(() =>
        adminQuery<{ server: string; database: string }>(
          cluster.main,
          `SELECT inet_server_addr()::text || ':' || inet_server_port() AS server, current_database() AS database`,
        ),
      );
      places.push({ name: cluster.name, ...rows[0]! });
    }
    return places;
  }

  /** Give a tenant made before fences existed its fence row, if `live` (fence.ts backfillFence). */
  backfillFence(tenant: TenantPlacement & FenceEntry, live: () => Promise<boolean>): Promise<void> {
    return this.#router.backfillFence(tenant, live);
  }

  /**
   * Every place tenant migrations go for `tenants`: each configured cluster's pool (kept current even
   * without pooled tenants, so new ones start at the latest version), and each tenant schema or
   * database. Tenants on clusters not configured here are left out.
   */
  migrationLocations<T extends TenantPlacement>(tenants: readonly T[]): Array<MigrationLocation<T>> {
    const locations = new Map<string, MigrationLocation<T>>();
    const add = (tenant: TenantPlacement, owner: T | undefined): void => {
      const target = this.#router.strategy(tenant.isolation).migrationTarget(this.#router, tenant);
      let location = locations.get(target.key);
      if (!location) {
        location = {
          key: target.key,
          tenants: [],
          async apply(migrations, dryRun) {
            const { target: at, release } = await target.open();
            try {
              return dryRun ? await pendingMigrations(at, migrations) : await applyMigrations(at, migrations);
            } finally {
              release();
            }
          },
        };
        locations.set(target.key, location);
      }
      if (owner) location.tenants.push(owner);
    };
    for (const cluster of this.#router.clusterNames) add({ id: '', isolation: 'pooled', cluster }, undefined);
    for (const tenant of tenants) if (this.#router.clusterNames.includes(tenant.cluster)) add(tenant, tenant);
    return [...locations.values()];
  }

  /**
   * Make the expression indexes of a tenant's collection match what it declares now (none once it is
   * dropped). Runs as the owner outside any scope, after the scope that changed the collection committed.
   */
  syncRecordIndexes(tenant: TenantPlacement, collection: string): Promise<void> {
    return syncRecordIndexes(this.#router, tenant, collection);
  }

  /** Refuse (409) indexes that would take a pooled collection past the pool's budget (`max`). */
  checkIndexBudget(tenant: TenantPlacement, collection: string, fields: readonly string[], max: number): Promise<void> {
    return checkPoolIndexBudget(this.#router, tenant, collection, fields, max);
  }

  close(): Promise<void> {
    return this.#router.close();
  }
}
