export { Tenantry, type OpenOptions } from './tenantry.js';
export { defaultConfig, loadConfig, type TenantryConfig, type ClusterConfig } from './config.js';
export { Services, type ServicesOptions, type ServiceLog } from './services.js';
export * from './errors.js';
export {
  tenantCacheKey,
  type NoAppTables,
  type ScopeHook,
  type TenantRef,
  type TenantScope,
  type TenantScopes,
  type TenantInfo,
  type WithTenantOptions,
} from './storage/scope.js';
export type { TenantDatabase } from './storage/tenant-db.js';
export {
  TENANT_MIGRATIONS,
  TENANT_ID_COLUMN,
  TenantTableError,
  appMigrationSet,
  readMigrations,
  tenantRlsSql,
  type Migration,
} from './storage/migrations/tenant-migrations.js';
export type { Isolation } from './storage/placement.js';
export type { Tenant } from './tenancy/catalog.js';
export { TIERS, TIER_DEFAULT_ISOLATION, type Tier } from './tenancy/tiers.js';
export type { MigrateReport, MigrateOptions, LocationResult } from './tenancy/migrate.js';
export {
  Jobs,
  JOB_KIND_PATTERN,
  DEFAULT_JOB_TIMEOUT_MS,
  MAX_JOB_DELAY_MS,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type EnqueueOptions,
  type JobStatus,
  type JobView,
  type JobWorker,
} from './jobs/jobs.js';
