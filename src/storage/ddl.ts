/**
 * Raw DDL in one place: roles, schemas, grants and the row-level-security policy. Names come from
 * names.ts and are quoted here with quoteIdent; nothing else in the code base writes DDL for them.
 */
import { NameTakenError } from '../errors.js';
import { FENCE_SCHEMA, quoteIdent, quoteLiteral } from './names.js';

/** The expression every policy and default uses: the transaction's tenant, or NULL (matches nothing). */
export const CURRENT_TENANT_SQL = "(select nullif(current_setting('tenantry.tenant_id', true), ''))";

/**
 * Create a role that can never log in, inherit, or bypass RLS, unless it exists. Concurrent creators
 * (several processes bootstrapping one server) race on pg_authid, so duplicates are swallowed.
 * When the connected user is not a superuser it is granted the role so that SET ROLE works.
 */
export function ensureRoleSql(role: string): string {
  const literal = quoteLiteral(role);
  return `DO $tenantry$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal}) THEN
    BEGIN
      CREATE ROLE ${quoteIdent(role)} NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END
$tenantry$;
${grantRoleToSelfSql(role)}`;
}

/** Create a tenant's own role; fails if a role of that name exists (it is not ours to adopt). */
export function createTenantRoleSql(role: string): string {
  return `CREATE ROLE ${quoteIdent(role)} NOLOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`;
}

/** Let the connected user SET ROLE to `role` when it is not a superuser (a superuser already can). */
export function grantRoleToSelfSql(role: string): string {
  const literal = quoteLiteral(role);
  return `DO $tenantry$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT %I TO %I', ${literal}, current_user);
  END IF;
END
$tenantry$`;
}

/**
 * Let the application role log in by itself (PostgreSQL servers), with the password whose SCRAM
 * verifier (scram.ts) is `verifier`: the password itself is never in the statement, so never in a log. Its sessions then
 * start as a role that is not superuser: `RESET ROLE` leads nowhere above it. It is a member of the
 * schema tenants' roles provisioned through it (grantRoleToAppSql), never of every tenant role on the
 * server; and each deployment has its own (names.ts DeploymentNames), since the password is derived
 * from the owner's credentials, which deployments sharing a server need not share.
 */
export function appLoginSql(role: string, verifier: string): string {
  if (!verifier.startsWith('SCRAM-SHA-256$')) throw new TypeError('appLoginSql takes a SCRAM verifier, never a password');
  return `ALTER ROLE ${quoteIdent(role)} WITH LOGIN PASSWORD ${quoteLiteral(verifier)}`;
}

/**
 * A database tenant's own login (PostgreSQL servers): a role that logs in with the password whose
 * SCRAM verifier is `verifier` (the password never in the statement) and may
 * connect to `database` only — nobody else but the owner may (CONNECT revoked from PUBLIC), the
 * application role included. Provisioning creates the role strictly (`adopt: false`): one that exists
 * is not this tenant's (another deployment's, or made by hand) and fails with duplicate_object.
 * `tenantry migrate` adopts it (`adopt: true`), giving databases made before tenants had their own
 * logins one: the name is then the tenant's own, from the catalog.
 */
export function databaseLoginSql(role: string, verifier: string, database: string, options: { adopt: boolean }): string {
  if (!verifier.startsWith('SCRAM-SHA-256$')) throw new TypeError('databaseLoginSql takes a SCRAM verifier, never a password');
  const r = quoteIdent(role);
  const d = quoteIdent(database);
  const create = `CREATE ROLE ${r} NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`;
  return `${
    options.adopt
      ? `DO $tenantry$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN
    BEGIN
      ${create};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END
$tenantry$`
      : create
  };
ALTER ROLE ${r} WITH LOGIN PASSWORD ${quoteLiteral(verifier)};
REVOKE CONNECT, TEMPORARY ON DATABASE ${d} FROM PUBLIC;
GRANT CONNECT ON DATABASE ${d} TO ${r}`;
}

/** Let the application role (`appRole`) SET ROLE to a schema tenant's role. */
export function grantRoleToAppSql(role: string, appRole: string): string {
  return `GRANT ${quoteIdent(role)} TO ${quoteIdent(appRole)}`;
}

/** Shared-catalog indexes a CREATE of each kind collides on when another session creates the name at once. */
const CATALOG_NAME_INDEXES = { role: 'pg_authid_rolname_index', schema: 'pg_namespace_nspname_index', database: 'pg_database_datname_index' } as const;
/** SQLSTATEs of a CREATE whose name exists: duplicate_object (a role), duplicate_schema, duplicate_database. */
const DUPLICATE_SQLSTATES = { role: '42710', schema: '42P06', database: '42P04' } as const;

/**
 * Rethrow the failure of a CREATE of `names` as NameTakenError naming the object that exists already —
 * told by SQLSTATE, or, when another session created it at the same moment (unique_violation), by the
 * shared catalog's index — and any other failure as it is.
 */
export function rethrowNameTaken(error: unknown, tenantId: string, names: Partial<Record<NameTakenError['kind'], string>>): never {
  const { code, constraint, message } = (error ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  for (const [kind, name] of Object.entries(names) as Array<[NameTakenError['kind'], string]>) {
    const index = CATALOG_NAME_INDEXES[kind];
    const raced = code === '23505' && (constraint === index || (typeof message === 'string' && message.includes(index)));
    if (code === DUPLICATE_SQLSTATES[kind] || raced) throw new NameTakenError(tenantId, kind, name);
  }
  throw error;
}

export function dropRoleSql(role: string): string {
  return `DROP ROLE IF EXISTS ${quoteIdent(role)}`;
}

export function createSchemaSql(schema: string, options: { ifNotExists?: boolean } = { ifNotExists: true }): string {
  return `CREATE SCHEMA ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdent(schema)}`;
}

export function dropSchemaSql(schema: string): string {
  return `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`;
}

/** The search_path value a scope sets: exactly the tenant's schema, nothing else. */
export function searchPathValue(schema: string): string {
  return quoteIdent(schema);
}

/** Tenant tables the application may only read and append to (the audit trail, tenant migration 7). */
export const APPEND_ONLY_TABLES: readonly string[] = ['audit_log'];

/**
 * Let `role` use the tables of `schema` (and nothing else there): usage on the schema, DML on its
 * tenant tables (only SELECT and INSERT on APPEND_ONLY_TABLES). The migrations table stays owner-only.
 */
export function grantSchemaSql(schema: string, role: string, tables: readonly string[]): string {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  const lines = [`REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`, `GRANT USAGE ON SCHEMA ${s} TO ${r}`];
  for (const table of tables) {
    const privileges = APPEND_ONLY_TABLES.includes(table) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
    lines.push(`GRANT ${privileges} ON ${s}.${quoteIdent(table)} TO ${r}`);
  }
  return lines.join(';\n');
}

/**
 * Row-level security for a tenant table: enabled, forced (so even the owner is filtered), and one
 * policy for every command comparing `tenant_id` with the transaction's tenant. The released tenant
 * migrations hold this text frozen (migrations/tenant/*.sql): changing it here changes none of them,
 * only the migrations tests add of their own.
 */
export function tenantRlsSql(table: string): string {
  const t = quoteIdent(table);
  return [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = ${CURRENT_TENANT_SQL}) WITH CHECK (tenant_id = ${CURRENT_TENANT_SQL})`,
  ].join(';\n');
}

/**
 * Column definition for `tenant_id`: filled from the scope, so a scope never has to name its tenant.
 * Frozen in the released tenant migrations like tenantRlsSql; changing it here changes none of them.
 */
export const TENANT_ID_COLUMN = `tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), '')`;

/** SQLSTATE the fence raises for a tenant (generation) that may no longer be entered. */
export const FENCED_SQLSTATE = 'TN001';
/** SQLSTATE the fence raises for a scope routed by a placement that is no longer current (the tenant moved). */
export const MOVED_SQLSTATE = 'TN002';
/** SQLSTATE `count_quota` (tenant migration 8) raises for an insert past a counted quota. */
export const QUOTA_SQLSTATE = 'TN003';

/** The advisory lock key of a tenant's fence in one database (shared by scopes, exclusive for deletion). */
const fenceLockKey = (tenant: string) => `pg_catalog.hashtextextended('tenantry:fence:' OPERATOR(pg_catalog.||) ${tenant}, 0)`;

/**
 * The tenant fence of one database: a row per tenant whose tables live there, holding the generation
 * (catalog `tenants.generation`) allowed in, and `enter`, which every scope calls first in its
 * transaction. `enter` takes the tenant's lock shared, then checks the row; deletion takes the lock
 * exclusively (waiting out every scope in flight), removes the row, and only then drops data — so no
 * request, cached catalog entry or workflow step of a deleted tenant can write after the fence, and a
 * tenant re-created under the same id (a new generation) never sees or receives the old one's rows.
 * The row also holds the tenant's placement epoch (catalog `tenants.placement_epoch`, advanced by every
 * move): a scope routed by a catalog entry cached before a move carries the old epoch and is refused
 * (MOVED_SQLSTATE) wherever it lands — at the old location after the move advanced its row, or at a
 * location shared with the new one — so a stale process can never write where the tenant no longer lives.
 * `enter` is VOLATILE so that its check takes a snapshot after the lock is granted, not before. It is
 * SECURITY DEFINER without a `SET search_path` (which costs every scope a configuration save and
 * restore): every name and operator in it is qualified instead, so the caller's search_path changes nothing.
 * Idempotent: run at every start (cluster main databases) and when a tenant database is provisioned.
 */
export function fenceSql(): string {
  const s = quoteIdent(FENCE_SCHEMA);
  return `CREATE SCHEMA IF NOT EXISTS ${s};
REVOKE ALL ON SCHEMA ${s} FROM PUBLIC;
GRANT USAGE ON SCHEMA ${s} TO PUBLIC;
CREATE TABLE IF NOT EXISTS ${s}.fences (tenant_id text PRIMARY KEY, generation bigint NOT NULL);
ALTER TABLE ${s}.fences ADD COLUMN IF NOT EXISTS epoch bigint NOT NULL DEFAULT 0;
REVOKE ALL ON ${s}.fences FROM PUBLIC;
CREATE OR REPLACE FUNCTION ${s}.enter(tenant text, gen bigint, epoch bigint) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $fence$
DECLARE
  here_epoch bigint;
BEGIN
  PERFORM pg_catalog.pg_advisory_xact_lock_shared(${fenceLockKey('tenant')});
  SELECT f.epoch INTO here_epoch FROM ${s}.fences f WHERE f.tenant_id OPERATOR(pg_catalog.=) tenant AND f.generation OPERATOR(pg_catalog.=) gen;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'tenant % (generation %) is fenced: deleted, or not provisioned here', tenant, gen USING ERRCODE = '${FENCED_SQLSTATE}';
  END IF;
  IF here_epoch OPERATOR(pg_catalog.<>) epoch THEN
    RAISE EXCEPTION 'tenant % has moved: placement epoch % is not current here', tenant, epoch USING ERRCODE = '${MOVED_SQLSTATE}';
  END IF;
  RETURN true;
END
$fence$`;
}

/** Let a tenant generation in at a placement epoch (provisioning, a move; re-running is harmless). Parameters: tenant, generation, epoch. */
export const FENCE_OPEN_SQL = `INSERT INTO ${quoteIdent(FENCE_SCHEMA)}.fences (tenant_id, generation, epoch) VALUES ($1, $2, $3)
  ON CONFLICT (tenant_id) DO UPDATE SET generation = excluded.generation, epoch = excluded.epoch`;

/**
 * After FENCE_LOCK_SQL: only scopes routed at placement epoch `$2` (or later) enter here from its
 * commit on — for generation `$3` only (a tenant deleted and re-created meanwhile is left alone).
 * Parameters: tenant, epoch, generation.
 */
export const FENCE_ADVANCE_SQL = `UPDATE ${quoteIdent(FENCE_SCHEMA)}.fences SET epoch = $2 WHERE tenant_id = $1 AND generation = $3 AND epoch < $2`;

/** First statement of the fencing transaction: waits until no scope of the tenant is in flight here. Parameter: tenant. */
export const FENCE_LOCK_SQL = `SELECT pg_advisory_xact_lock(${fenceLockKey('$1::text')})`;

/** Second statement: from its commit on, every scope of the tenant fails in `enter`. Parameter: tenant. */
export const FENCE_CLOSE_SQL = `DELETE FROM ${quoteIdent(FENCE_SCHEMA)}.fences WHERE tenant_id = $1`;
