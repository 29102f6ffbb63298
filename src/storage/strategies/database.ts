import { adminTransaction } from '../backends/backend.js';
import { ensureRoleSql } from '../ddl.js';
import { applyMigrations } from '../migrations/runner.js';
import { APP_ROLE, DATABASE_SCHEMA, databaseTenantNames } from '../names.js';
import type { IsolationStrategy } from './strategy.js';

/** A database per tenant (embedded: its own PGlite data directory), opened on demand. */
export const databaseStrategy: IsolationStrategy = {
  isolation: 'database',
  names: databaseTenantNames,

  async open(router, tenant) {
    const names = databaseTenantNames(tenant.id);
    const handle = await router.openTenantDatabase(tenant.cluster, names.database);
    return { db: handle.db, names, release: handle.release };
  },

  async provision(router, tenant, migrations) {
    const { database } = databaseTenantNames(tenant.id);
    // Fails if the database exists: one we did not create is never adopted (nor dropped on failure).
    await router.createTenantDatabase(tenant.cluster, database);
    try {
      const handle = await router.openTenantDatabase(tenant.cluster, database);
      try {
        // Roles are per server on PostgreSQL but per instance on PGlite: make sure it exists here.
        await adminTransaction(handle.db, (conn) => conn.exec(ensureRoleSql(APP_ROLE)));
        await applyMigrations({ db: handle.db, schema: DATABASE_SCHEMA, grantee: APP_ROLE }, migrations);
      } finally {
        handle.release();
      }
    } catch (error) {
      await this.deprovision(router, tenant).catch(() => {});
      throw error;
    }
  },

  async deprovision(router, tenant) {
    const { database } = databaseTenantNames(tenant.id);
    await router.dropTenantDatabase(tenant.cluster, database);
  },

  migrationTarget(router, tenant) {
    const { database } = databaseTenantNames(tenant.id);
    return {
      key: `${tenant.cluster}/database/${database}`,
      open: async () => {
        const handle = await router.openTenantDatabase(tenant.cluster, database);
        return { target: { db: handle.db, schema: DATABASE_SCHEMA, grantee: APP_ROLE }, release: handle.release };
      },
    };
  },
};
