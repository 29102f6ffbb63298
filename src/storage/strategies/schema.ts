import { adminTransaction } from '../backends/backend.js';
import { createSchemaSql, createTenantRoleSql, dropRoleSql, dropSchemaSql, grantRoleToAppSql, grantRoleToSelfSql } from '../ddl.js';
import { applyMigrations } from '../migrations/runner.js';
import { schemaTenantNames } from '../names.js';
import type { IsolationStrategy } from './strategy.js';

/** A schema per tenant in the cluster's main database, used through a role that can see only it. */
export const schemaStrategy: IsolationStrategy = {
  isolation: 'schema',
  names: schemaTenantNames,

  async open(router, tenant) {
    return { db: router.cluster(tenant.cluster).main, names: schemaTenantNames(tenant.id), release: () => {} };
  },

  async provision(router, tenant, migrations) {
    const { schema, role } = schemaTenantNames(tenant.id);
    const db = router.cluster(tenant.cluster).main;
    // Role and schema are created strictly — one that already exists is not ours to adopt or drop —
    // in one transaction, so a failure leaves neither; a failed migration then removes both.
    await adminTransaction(db, (conn) =>
      conn.exec(`${createTenantRoleSql(role)};\n${grantRoleToSelfSql(role)};\n${grantRoleToAppSql(role)};\n${createSchemaSql(schema, { ifNotExists: false })}`),
    );
    try {
      await applyMigrations({ db, schema, grantee: role }, migrations);
    } catch (error) {
      await this.deprovision(router, tenant).catch(() => {});
      throw error;
    }
  },

  async deprovision(router, tenant) {
    const { schema, role } = schemaTenantNames(tenant.id);
    await adminTransaction(router.cluster(tenant.cluster).main, (conn) => conn.exec(`${dropSchemaSql(schema)};\n${dropRoleSql(role)}`));
  },

  migrationTarget(router, tenant) {
    const { schema, role } = schemaTenantNames(tenant.id);
    return {
      key: `${tenant.cluster}/schema/${schema}`,
      open: async () => ({ target: { db: router.cluster(tenant.cluster).main, schema, grantee: role }, release: () => {} }),
    };
  },
};
