import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';
import type { ControlDb } from './control-db.js';
import { checkDeploymentName, DEPLOYMENT_NAME_PATTERN, DeploymentNames, quoteIdent } from './names.js';

/** Longest database name taken as the deployment's name as it is; longer or other ones are hashed. */
const VERBATIM_MAX = 10;

/**
 * The name a deployment on a PostgreSQL server takes when TENANTRY_DEPLOYMENT is not set, from the name
 * of its control-plane database: databases of one server have distinct names, so deployments on
 * different databases of one server get distinct names. A database name that is a deployment name of at
 * most 10 characters is taken as it is (`prod` → `tenantry_prod_t_<id>`); any other is a few letters of
 * it and 8 hex digits of its SHA-256 (`tenantry_test_1f2e3d4c` → `ten` + 8 digits), always 11 characters,
 * so a hashed name never equals a name taken as it is.
 */
export function derivedDeploymentName(database: string): string {
  if (database.length <= VERBATIM_MAX && DEPLOYMENT_NAME_PATTERN.test(database)) return database;
  const head = (/[a-z][a-z0-9]*/.exec(database.toLowerCase())?.[0] ?? 'db').slice(0, 3);
  return (
    head +
    createHash('sha256')
      .update(database)
      .digest('hex')
      .slice(0, 11 - head.length)
  );
}

/**
 * The names of this deployment's server-wide objects (names.ts DeploymentNames), from the name its
 * catalog recorded at the first start. A catalog without one records it now: `configured`
 * (TENANTRY_DEPLOYMENT) if set, else on a server one derived from the control-plane database's name,
 * else (embedded: roles belong to one PGlite instance, and each tenant database is a directory of the
 * data directory) none, which keeps the names Tenantry has always used. Catalogs made before deployment
 * names existed recorded none when they were migrated (catalog migration 6), so an upgraded deployment
 * keeps the roles and databases it has. Once recorded, the name never changes — every role and
 * database is named after it — and a `configured` name that differs is refused at start.
 */
export async function openDeploymentNames(control: ControlDb, backend: 'pglite' | 'postgres', configured: string | undefined): Promise<DeploymentNames> {
  // Before anything is recorded: a name too long for PostgreSQL must never become the deployment's.
  if (configured !== undefined) checkDeploymentName(configured);
  const table = `${quoteIdent(control.schema)}.deployment`;
  let recorded = await control.executeSql<{ name: string }>(`select name from ${table}`);
  if (recorded.length === 0) {
    let name = configured ?? '';
    if (configured === undefined && backend === 'postgres') {
      const [row] = await control.executeSql<{ database: string }>('select current_database() as database');
      name = derivedDeploymentName(row!.database);
    }
    // Processes starting together on a new catalog: the first one's name is the deployment's.
    await control.executeSql(`insert into ${table} (name) values ($1) on conflict (singleton) do nothing`, [name]);
    recorded = await control.executeSql<{ name: string }>(`select name from ${table}`);
  }
  const name = recorded[0]!.name;
  if (configured !== undefined && configured !== name) {
    throw new ValidationError(
      name === ''
        ? `TENANTRY_DEPLOYMENT is '${configured}', but this deployment's roles and databases were named without a deployment name ` +
            `(it was created before deployment names, or without one); unset TENANTRY_DEPLOYMENT`
        : `TENANTRY_DEPLOYMENT is '${configured}', but this deployment's roles and databases are named for deployment '${name}' ` +
            `(recorded in the catalog at its first start); unset TENANTRY_DEPLOYMENT or set it to '${name}'`,
    );
  }
  return new DeploymentNames(name);
}
