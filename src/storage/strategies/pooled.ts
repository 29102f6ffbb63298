import { adminTransaction } from '../backends/backend.js';
import { applyMigrations } from '../migrations/runner.js';
import { dropPooledTenantIndexes } from '../record-indexes.js';
import { MIGRATIONS_TABLE, POOL_SCHEMA, quoteIdent } from '../names.js';
import type { IsolationStrategy } from './strategy.js';

/** Shared tables in the cluster's pool schema; RLS on tenant_id is the wall. */
export const pooledStrategy: IsolationStrategy = {
  isolation: 'pooled',

  async open(host, tenant) {
    return { db: host.cluster(tenant.cluster).main, names: host.names.pooled(), release: () => {} };
  },

  async provision(host, tenant, migrations) {
    // The pool is shared; provisioning a tenant makes sure it is at the latest version, and that no
    // row of the id is left in it (what a move that could not tidy up left of an earlier tenant).
    await applyMigrations({ db: host.cluster(tenant.cluster).main, schema: POOL_SCHEMA, grantee: host.names.appRole }, migrations);
    await this.deprovision(host, tenant);
  },

  async deprovision(host, tenant) {
    // Its indexes on the shared table first: left behind they would tax every pooled query for ever.
    await dropPooledTenantIndexes(host.cluster(tenant.cluster).main, tenant.id);
    await adminTransaction(host.cluster(tenant.cluster).main, async (conn) => {
      // RLS is forced, so an owner that is not a superuser sees only the tenant set here: set this one.
      await conn.query(`select set_config('tenantry.tenant_id', $1, true)`, [tenant.id]);
      // Newest tables first, so rows that reference older tables go before what they reference.
      const tables = await conn.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1 and c.relkind in ('r', 'p') and c.relname <> $2 order by c.oid desc`,
        [POOL_SCHEMA, MIGRATIONS_TABLE],
      );
      for (const { relname } of tables.rows) {
        await conn.query(`delete from ${quoteIdent(POOL_SCHEMA)}.${quoteIdent(relname)} where tenant_id = $1`, [tenant.id]);
      }
    });
  },

  migrationTarget(host, tenant) {
    return {
      key: `${tenant.cluster}/pooled`,
      open: async () => ({ target: { db: host.cluster(tenant.cluster).main, schema: POOL_SCHEMA, grantee: host.names.appRole }, release: () => {} }),
    };
  },
};
