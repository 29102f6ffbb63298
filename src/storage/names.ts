/**
 * Every schema, database and role name Tenantry creates is derived here, and quoted here, once.
 * Tenant ids are validated against TENANT_ID_PATTERN before they reach this module; quoting is
 * still applied so that no name is ever spliced into SQL unquoted.
 */
export const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{2,39}$/;
/** Collection names; they reach DDL (partial index predicates), so they are checked against this first. */
export const COLLECTION_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
/** Dot-separated data field paths (index declarations, and the query language's field paths). */
export const FIELD_PATH_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Schema holding the control-plane catalog in the control-plane cluster's main database. */
export const CATALOG_SCHEMA = 'tenantry';
/** Schema of the shared (pooled) tenant tables in each cluster's main database. */
export const POOL_SCHEMA = 'tenant_pool';
/** Schema of the tenant tables inside a tenant's own database. */
export const DATABASE_SCHEMA = 'tenant_data';
/** The application role: NOLOGIN, NOINHERIT, NOBYPASSRLS, owns nothing. */
export const APP_ROLE = 'tenantry_app';
/**
 * Schema of the tenant fences in every database that holds tenant tables (each cluster's main database,
 * each tenant database): owner-only, reached by the application through one function (ddl.ts fenceSql).
 */
export const FENCE_SCHEMA = 'tenantry_fence';
/** Table recording applied tenant migrations, in every location. Not a tenant table. */
export const MIGRATIONS_TABLE = '_migrations';

/** Single-quote a string literal for DDL, where parameters cannot go (PostgreSQL rules). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Double-quote an identifier (PostgreSQL rules). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Where one tenant's tables live and as whom its scope runs. */
export interface TenantLocationNames {
  /** Schema holding the tenant's tables. */
  schema: string;
  /** Role the tenant's scope runs as. */
  role: string;
  /** Tenant database name (`database` strategy only). */
  database?: string;
}

/** Prefix of every schema tenant's role. */
export const TENANT_ROLE_PREFIX = 'tenantry_t_';
/**
 * Prefix of every database tenant's login role. It logs in by itself (a startup option, so a plain
 * identifier: the id's '-' becomes '_', which ids never contain) and may connect to its own database only.
 */
export const DATABASE_ROLE_PREFIX = 'tenantry_d_';

export function schemaTenantNames(tenantId: string): TenantLocationNames {
  return { schema: `t_${tenantId}`, role: `${TENANT_ROLE_PREFIX}${tenantId}` };
}

export function pooledNames(): TenantLocationNames {
  return { schema: POOL_SCHEMA, role: APP_ROLE };
}

export function databaseTenantNames(tenantId: string): TenantLocationNames & { database: string } {
  return { schema: DATABASE_SCHEMA, role: `${DATABASE_ROLE_PREFIX}${tenantId.replaceAll('-', '_')}`, database: `tenant_${tenantId}` };
}
