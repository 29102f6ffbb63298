import type { ClusterBackend, DatabaseBackend } from '../backends/backend.js';
import type { DatabaseHandle } from '../open-databases.js';
import type { DeploymentNames, TenantLocationNames } from '../names.js';
import type { Migration } from '../migrations/tenant-migrations.js';
import type { MigrationTarget } from '../migrations/runner.js';
import type { Isolation, TenantPlacement } from '../placement.js';

/**
 * What a strategy needs from the storage layer, and nothing more (the router implements it; Kysely's
 * `Dialect` is the model): the deployment's names, clusters by name, and tenant databases created,
 * opened and dropped under the router's budget of open databases.
 */
export interface StrategyHost {
  /** Every role and database name of this deployment (names.ts): strategies derive none themselves. */
  readonly names: DeploymentNames;
  cluster(name: string): ClusterBackend;
  /** `waitMs`: how long to wait for a place among the open databases (a request's few seconds by default). */
  openTenantDatabase(cluster: string, database: string, role: string, waitMs?: number): Promise<DatabaseHandle>;
  createTenantDatabase(cluster: string, database: string): Promise<void>;
  dropTenantDatabase(cluster: string, database: string): Promise<void>;
}

/** Where scopes and index maintenance find a tenant's tables (the router implements it). */
export interface TenantLocations {
  /** The pool a tenant's scopes draw from, named without opening anything, and its size. */
  poolOf(tenant: TenantPlacement): { key: string; size: number };
  /** Lease the database holding `tenant`'s tables. */
  open(tenant: TenantPlacement): Promise<OpenLocation>;
}

/** The database a tenant's tables live in, leased for one use. */
export interface OpenLocation {
  db: DatabaseBackend;
  names: TenantLocationNames;
  release(): void;
}

/**
 * One isolation strategy: where a tenant's tables live, and how to create and destroy that place.
 * The scope, migrations and lifecycle are written once against this interface.
 */
export interface IsolationStrategy {
  readonly isolation: Isolation;
  open(host: StrategyHost, tenant: TenantPlacement): Promise<OpenLocation>;
  /** Create the tenant's storage at the latest migration version. */
  provision(host: StrategyHost, tenant: TenantPlacement, migrations: readonly Migration[]): Promise<void>;
  /** Remove everything the tenant owns, leaving other tenants untouched. Idempotent. */
  deprovision(host: StrategyHost, tenant: TenantPlacement): Promise<void>;
  /**
   * The migration target holding this tenant's tables (shared by every pooled tenant of a cluster),
   * and a stable key naming it so a fan-out migrates each place once.
   */
  migrationTarget(host: StrategyHost, tenant: TenantPlacement): MigrationLocation;
}

/** A place the tenant migrations are applied to, named by a key unique across the deployment. */
export interface MigrationLocation {
  key: string;
  open(): Promise<{ target: MigrationTarget; release(): void }>;
}
