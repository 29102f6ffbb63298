import type { DatabaseBackend } from '../backends/backend.js';
import type { TenantLocationNames } from '../names.js';
import type { Migration } from '../migrations/tenant-migrations.js';
import type { MigrationTarget } from '../migrations/runner.js';
import type { Isolation, TenantPlacement } from '../placement.js';
import type { StorageRouter } from '../router.js';

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
  names(tenantId: string): TenantLocationNames;
  open(router: StorageRouter, tenant: TenantPlacement): Promise<OpenLocation>;
  /** Create the tenant's storage at the latest migration version. */
  provision(router: StorageRouter, tenant: TenantPlacement, migrations: readonly Migration[]): Promise<void>;
  /** Remove everything the tenant owns, leaving other tenants untouched. Idempotent. */
  deprovision(router: StorageRouter, tenant: TenantPlacement): Promise<void>;
  /**
   * The migration target holding this tenant's tables (shared by every pooled tenant of a cluster),
   * and a stable key naming it so a fan-out migrates each place once.
   */
  migrationTarget(router: StorageRouter, tenant: TenantPlacement): MigrationLocation;
}

/** A place the tenant migrations are applied to, named by a key unique across the deployment. */
export interface MigrationLocation {
  key: string;
  open(): Promise<{ target: MigrationTarget; release(): void }>;
}
