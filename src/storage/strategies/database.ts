import { adminTransaction, type DatabaseBackend } from '../backends/backend.js';
import { dropRoleSql, ensureRoleSql } from '../ddl.js';
import { applyMigrations } from '../migrations/runner.js';
import { DATABASE_SCHEMA, databaseTenantNames } from '../names.js';
import type { TenantPlacement } from '../placement.js';
import type { StorageRouter } from '../router.js';
import type { IsolationStrategy } from './strategy.js';

/**
 * The tenant's own role: on a server, a login that can connect to the tenant's database and nowhere
 * else (and the only non-owner that can connect there); on PGlite, a role of the tenant's instance its
 * session switches to. Idempotent, so `tenantry migrate` gives databases made before tenants had their
 * own logins one.
 */
async function ensureTenantRole(router: StorageRouter, tenant: TenantPlacement, db: DatabaseBackend): Promise<void> {
  const { database, role } = databaseTenantNames(tenant.id);
  const cluster = router.cluster(tenant.cluster);
  const login = cluster.databaseLoginSql(role, database);
  if (login) await adminTransaction(cluster.main, (conn) => conn.exec(login));
  // Roles are per server on PostgreSQL but per instance on PGlite: make sure it exists in this one.
  await adminTransaction(db, (conn) => conn.exec(ensureRoleSql(role)));
}

/** A database per tenant (embedded: its own PGlite data directory), opened on demand. */
export const databaseStrategy: IsolationStrategy = {
  isolation: 'database',
  names: databaseTenantNames,

  async open(router, tenant) {
    const names = databaseTenantNames(tenant.id);
    const handle = await router.openTenantDatabase(tenant.cluster, names.database, names.role);
    return { db: handle.db, names, release: handle.release };
  },

  async provision(router, tenant, migrations) {
    const { database, role } = databaseTenantNames(tenant.id);
    // Fails if the database exists: one we did not create is never adopted (nor dropped on failure).
    await router.createTenantDatabase(tenant.cluster, database);
    try {
      const handle = await router.openTenantDatabase(tenant.cluster, database, role);
      try {
        await ensureTenantRole(router, tenant, handle.db);
        await applyMigrations({ db: handle.db, schema: DATABASE_SCHEMA, grantee: role }, migrations);
      } finally {
        handle.release();
      }
    } catch (error) {
      await this.deprovision(router, tenant).catch(() => {});
      throw error;
    }
  },

  async deprovision(router, tenant) {
    const { database, role } = databaseTenantNames(tenant.id);
    await router.dropTenantDatabase(tenant.cluster, database);
    // On a server the login is server-wide; it had rights on the dropped database only.
    await adminTransaction(router.cluster(tenant.cluster).main, (conn) => conn.exec(dropRoleSql(role)));
  },

  migrationTarget(router, tenant) {
    const { database, role } = databaseTenantNames(tenant.id);
    return {
      key: `${tenant.cluster}/database/${database}`,
      open: async () => {
        const handle = await router.openTenantDatabase(tenant.cluster, database, role);
        return {
          target: { db: handle.db, schema: DATABASE_SCHEMA, grantee: role, prepare: () => ensureTenantRole(router, tenant, handle.db) },
          release: handle.release,
        };
      },
    };
  },
};
