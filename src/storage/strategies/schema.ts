import { adminTransaction } from '../backends/backend.js';
import { createSchemaSql, createTenantRoleSql, dropRoleSql, dropSchemaSql, grantRoleToAppSql, grantRoleToSelfSql, rethrowNameTaken } from '../ddl.js';
import { applyMigrations } from '../migrations/runner.js';
import type { IsolationStrategy } from './strategy.js';

/** A schema per tenant in the cluster's main database, used through a role that can see only it. */
export const schemaStrategy: IsolationStrategy = {
  isolation: 'schema',

  async open(host, tenant) {
    return { db: host.cluster(tenant.cluster).main, names: host.names.schemaTenant(tenant.id), release: () => {} };
  },

  async provision(host, tenant, migrations) {
    const { schema, role } = host.names.schemaTenant(tenant.id);
    const db = host.cluster(tenant.cluster).main;
    // Role and schema are created strictly — one that already exists (the role may be another
    // deployment's: roles are server-wide) is not ours to adopt or drop — in one transaction, so a
    // failure leaves neither; a failed migration then removes both.
    await adminTransaction(db, (conn) =>
      conn.exec(
        `${createTenantRoleSql(role)};\n${grantRoleToSelfSql(role)};\n${grantRoleToAppSql(role, host.names.appRole)};\n${createSchemaSql(schema, { ifNotExists: false })}`,
      ),
    ).catch((error: unknown) => rethrowNameTaken(error, tenant.id, { role, schema }));
    try {
      await applyMigrations({ db, schema, grantee: role }, migrations);
    } catch (error) {
      // The provisioning error is the one to report; what a failed clean-up leaves is removed by the
      // tenant's deletion (deprovision is idempotent).
      await this.deprovision(host, tenant).catch(() => {});
      throw error;
    }
  },

  async deprovision(host, tenant) {
    const { schema, role } = host.names.schemaTenant(tenant.id);
    await adminTransaction(host.cluster(tenant.cluster).main, (conn) => conn.exec(`${dropSchemaSql(schema)};\n${dropRoleSql(role)}`));
  },

  migrationTarget(host, tenant) {
    const { schema, role } = host.names.schemaTenant(tenant.id);
    return {
      key: `${tenant.cluster}/schema/${schema}`,
      open: async () => ({ target: { db: host.cluster(tenant.cluster).main, schema, grantee: role }, release: () => {} }),
    };
  },
};
