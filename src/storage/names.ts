import { ValidationError } from '../errors.js';

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
/**
 * Schema of the tenant fences in every database that holds tenant tables (each cluster's main database,
 * each tenant database): owner-only, reached by the application through one function (ddl.ts fenceSql).
 */
export const FENCE_SCHEMA = 'tenantry_fence';
/** Table recording applied tenant migrations, in every location. Not a tenant table. */
export const MIGRATIONS_TABLE = '_migrations';
/** Table recording an application's own migrations (Tenantry.open `appMigrations`), in every location. Not a tenant table. */
export const APP_MIGRATIONS_TABLE = '_app_migrations';
/** The bookkeeping tables of a location: not tenant tables, never granted, moved or checked. */
export const BOOKKEEPING_TABLES: readonly string[] = [MIGRATIONS_TABLE, APP_MIGRATIONS_TABLE];

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

/** PostgreSQL's limit for a name, in bytes (NAMEDATALEN - 1); a longer one is cut short silently. */
export const MAX_NAME_BYTES = 63;
/** The longest tenant id TENANT_ID_PATTERN admits: the names of a deployment must fit for it. */
const LONGEST_TENANT_ID = 'a'.repeat(40);
/**
 * A deployment's name (TENANTRY_DEPLOYMENT): letters and digits, at least two, so that a named
 * deployment's names never look like those of a deployment without one (`tenantry_t_<id>` and
 * `tenantry_d_<id>`: a name `t` or `d` would make `tenantry_t_t_…` ambiguous), and without `_`, which
 * separates it from the rest. How long it may be is checked against MAX_NAME_BYTES (checkDeploymentName).
 */
export const DEPLOYMENT_NAME_PATTERN = /^[a-z][a-z0-9]+$/;

/**
 * Every server-wide name one deployment creates, derived here and nowhere else: on a PostgreSQL server
 * roles and databases belong to the server, not to a database, so two deployments sharing one (staging
 * beside production, a database per developer) would collide on the same tenant id. A deployment named
 * `prod` names them `tenantry_prod_app`, `tenantry_prod_t_<id>`, `tenantry_prod_d_<id>` and
 * `tenant_prod_<id>`; the unnamed deployment (`''`: catalogs made before deployments had names, and
 * embedded ones) keeps `tenantry_app`, `tenantry_t_<id>`, `tenantry_d_<id>` and `tenant_<id>`.
 * Schemas belong to their database and keep one name. The router owns one of these, chosen when
 * storage opens (storage/deployment.ts), and hands it to the strategies through StrategyHost.
 */
export class DeploymentNames {
  /** The application role: NOLOGIN (or its own login on a server), NOINHERIT, NOBYPASSRLS, owns nothing. */
  readonly appRole: string;
  readonly #roles: string;
  readonly #databases: string;

  /** `deployment`: '' (unnamed), or a name checkDeploymentName accepts (throws otherwise). */
  constructor(readonly deployment: string) {
    if (deployment !== '') checkDeploymentName(deployment);
    const infix = deployment === '' ? '' : `${deployment}_`;
    this.#roles = `tenantry_${infix}`;
    this.#databases = `tenant_${infix}`;
    this.appRole = `${this.#roles}app`;
  }

  /** A schema tenant: its schema in the cluster's main database, and its own role (NOLOGIN). */
  schemaTenant(tenantId: string): TenantLocationNames {
    return { schema: `t_${tenantId}`, role: `${this.#roles}t_${tenantId}` };
  }

  /**
   * A database tenant: its database, the schema inside it, and its own login. The login is given by
   * name in a startup option, so it is a plain identifier: the id's '-' becomes '_', which ids never contain.
   */
  databaseTenant(tenantId: string): TenantLocationNames & { database: string } {
    return { schema: DATABASE_SCHEMA, role: `${this.#roles}d_${tenantId.replaceAll('-', '_')}`, database: `${this.#databases}${tenantId}` };
  }

  /** Pooled tenants: the shared schema, used as the application role. */
  pooled(): TenantLocationNames {
    return { schema: POOL_SCHEMA, role: this.appRole };
  }
}

/**
 * Refuse a deployment name that is not DEPLOYMENT_NAME_PATTERN, or that would make a name longer than
 * PostgreSQL keeps (63 bytes) for the longest tenant id — PostgreSQL would cut it short, and two
 * tenants could end up sharing a role.
 */
export function checkDeploymentName(deployment: string, setting = 'TENANTRY_DEPLOYMENT'): void {
  if (!DEPLOYMENT_NAME_PATTERN.test(deployment)) {
    throw new ValidationError(`${setting} '${deployment}' must be at least two lowercase letters and digits, starting with a letter (no '_' or '-')`);
  }
  const infix = `${deployment}_`;
  const longest = [`tenantry_${infix}t_${LONGEST_TENANT_ID}`, `tenantry_${infix}d_${LONGEST_TENANT_ID}`, `tenant_${infix}${LONGEST_TENANT_ID}`].sort(
    (a, b) => Buffer.byteLength(b) - Buffer.byteLength(a),
  )[0]!;
  const over = Buffer.byteLength(longest) - MAX_NAME_BYTES;
  if (over > 0) {
    throw new ValidationError(
      `${setting} '${deployment}' is too long: a tenant with a 40-character id would get the name '${longest}', ` +
        `${Buffer.byteLength(longest)} bytes, over PostgreSQL's limit of ${MAX_NAME_BYTES}; use at most ${deployment.length - over} characters`,
    );
  }
}
