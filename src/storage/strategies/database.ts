import { adminTransaction, type DatabaseBackend } from '../backends/backend.js';
import { dropRoleSql, ensureRoleSql, rethrowNameTaken } from '../ddl.js';
import { applyMigrations } from '../migrations/runner.js';
import { DATABASE_SCHEMA } from '../names.js';
import type { TenantPlacement } from '../placement.js';
import type { StrategyHost } from './strategy.js';
import type { IsolationStrategy } from './strategy.js';

/**
 * How long a migration waits for a place among the open tenant databases. A request — provisioning a
 * tenant over HTTP included — gives up after seconds (503 busy); an operator's migration fanning out
 * over many databases waits its turn instead of failing a location for being patient.
 */
const OPERATOR_WAIT_MS = 10 * 60_000;

/**
 * The tenant's own login on a server: a role that can connect to the tenant's database and nowhere
 * else (and the only non-owner that can connect there); nothing on PGlite, which has no logins.
 * `adopt`: provisioning creates it strictly (`false`) — a role of that name that exists is another
 * deployment's or someone's, never ours (NameTakenError) — while `tenantry migrate` (`true`) gives
 * databases made before tenants had their own logins one, whatever of it exists already.
 */
async function ensureTenantLogin(host: StrategyHost, tenant: TenantPlacement, adopt: boolean): Promise<void> {
  const { database, role } = host.names.databaseTenant(tenant.id);
  const cluster = host.cluster(tenant.cluster);
  const login = cluster.databaseLoginSql(role, database, { adopt });
  if (login) await adminTransaction(cluster.main, (conn) => conn.exec(login)).catch((error: unknown) => rethrowNameTaken(error, tenant.id, { role }));
}

/** Roles are per server on PostgreSQL but per instance on PGlite: make sure the tenant's exists in `db`'s. */
async function ensureTenantRoleIn(host: StrategyHost, tenant: TenantPlacement, db: DatabaseBackend): Promise<void> {
  await adminTransaction(db, (conn) => conn.exec(ensureRoleSql(host.names.databaseTenant(tenant.id).role)));
}

/** A database per tenant (embedded: its own PGlite data directory), opened on demand. */
export const databaseStrategy: IsolationStrategy = {
  isolation: 'database',

  async open(host, tenant) {
    const names = host.names.databaseTenant(tenant.id);
    const handle = await host.openTenantDatabase(tenant.cluster, names.database, names.role);
    return { db: handle.db, names, release: handle.release };
  },

  async provision(host, tenant, migrations) {
    const { database, role } = host.names.databaseTenant(tenant.id);
    // Fails if the database exists: one we did not create is never adopted (nor dropped on failure).
    await host.createTenantDatabase(tenant.cluster, database).catch((error: unknown) => rethrowNameTaken(error, tenant.id, { database }));
    let madeRole = false;
    try {
      const handle = await host.openTenantDatabase(tenant.cluster, database, role);
      try {
        await ensureTenantLogin(host, tenant, false);
        madeRole = true;
        await ensureTenantRoleIn(host, tenant, handle.db);
        await applyMigrations({ db: handle.db, schema: DATABASE_SCHEMA, grantee: role }, migrations);
      } finally {
        handle.release();
      }
    } catch (error) {
      // The provisioning error is the one to report. Only what this call made is removed — the login
      // not if it was someone else's (NameTakenError) —, and what a failed clean-up leaves is removed by
      // the tenant's deletion (deprovision is idempotent).
      await host.dropTenantDatabase(tenant.cluster, database).catch(() => {});
      if (madeRole) await adminTransaction(host.cluster(tenant.cluster).main, (conn) => conn.exec(dropRoleSql(role))).catch(() => {});
      throw error;
    }
  },

  async deprovision(host, tenant) {
    const { database, role } = host.names.databaseTenant(tenant.id);
    await host.dropTenantDatabase(tenant.cluster, database);
    // On a server the login is server-wide; it had rights on the dropped database only.
    await adminTransaction(host.cluster(tenant.cluster).main, (conn) => conn.exec(dropRoleSql(role)));
  },

  migrationTarget(host, tenant) {
    const { database, role } = host.names.databaseTenant(tenant.id);
    return {
      key: `${tenant.cluster}/database/${database}`,
      open: async () => {
        const handle = await host.openTenantDatabase(tenant.cluster, database, role, OPERATOR_WAIT_MS);
        return {
          target: {
            db: handle.db,
            schema: DATABASE_SCHEMA,
            grantee: role,
            prepare: async () => {
              await ensureTenantLogin(host, tenant, true);
              await ensureTenantRoleIn(host, tenant, handle.db);
            },
          },
          release: handle.release,
        };
      },
    };
  },
};
