import { adminTransaction } from '../backends/backend.js';
import { applyMigrations } from '../migrations/runner.js';
import { dropPooledTenantIndexes } from '../record-indexes.js';
import type { DatabaseBackend } from '../backends/backend.js';
import type { Migration } from '../migrations/migration.js';
import { BOOKKEEPING_TABLES, POOL_SCHEMA, quoteIdent, quoteLiteral } from '../names.js';
import type { IsolationStrategy } from './strategy.js';

/** Per cluster database: the migration sets its pool is known (by this process) to have applied. */
const poolsAtVersion = new WeakMap<DatabaseBackend, WeakSet<readonly Migration[]>>();

/** Shared tables in the cluster's pool schema; RLS on tenant_id is the wall. */
export const pooledStrategy: IsolationStrategy = {
  isolation: 'pooled',

  async open(host, tenant) {
    return { db: host.cluster(tenant.cluster).main, names: host.names.pooled(), release: () => {} };
  },

  async provision(host, tenant, migrations) {
    // The pool is shared; provisioning a tenant makes sure it is at the latest version (once per
    // process and migration set: 10,000 tenants need not check 10,000 times), and that no row of the
    // id is left in it (what a move that could not tidy up left of an earlier tenant).
    const db = host.cluster(tenant.cluster).main;
    let current = poolsAtVersion.get(db);
    if (!current?.has(migrations)) {
      await applyMigrations({ db, schema: POOL_SCHEMA, grantee: host.names.appRole }, migrations);
      if (!current) poolsAtVersion.set(db, (current = new WeakSet()));
      current.add(migrations);
    }
    await this.deprovision(host, tenant);
  },

  async deprovision(host, tenant) {
    const db = host.cluster(tenant.cluster).main;
    // RLS is forced, so an owner that is not a superuser sees only the tenant set here: set this one.
    const scoped = `select set_config('tenantry.tenant_id', ${quoteLiteral(tenant.id)}, true)`;
    const hasCollections = await adminTransaction(db, async (conn) => {
      await conn.query(scoped);
      const { rows } = await conn.query<{ found: boolean }>(
        `select exists (select 1 from ${quoteIdent(POOL_SCHEMA)}.collections where tenant_id = $1) as found`,
        [tenant.id],
      );
      return rows[0]!.found;
    });
    // Its indexes on the shared table first: left behind they would tax every pooled query for ever.
    // (Only collections have them: a new tenant, the common case, skips this.)
    if (hasCollections) await dropPooledTenantIndexes(db, tenant.id);
    // Then its rows, in one round trip: newest tables first, so rows that reference older tables go
    // before what they reference.
    await adminTransaction(db, (conn) =>
      conn.exec(`${scoped};
DO $tenantry$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ${quoteLiteral(POOL_SCHEMA)} AND c.relkind IN ('r', 'p') AND c.relname NOT IN (${BOOKKEEPING_TABLES.map(quoteLiteral).join(', ')})
            ORDER BY c.oid DESC
  LOOP
    EXECUTE format('DELETE FROM %I.%I WHERE tenant_id = %L', ${quoteLiteral(POOL_SCHEMA)}, r.relname, ${quoteLiteral(tenant.id)});
  END LOOP;
END
$tenantry$`),
    );
  },

  migrationTarget(host, tenant) {
    return {
      key: `${tenant.cluster}/pooled`,
      open: async () => ({ target: { db: host.cluster(tenant.cluster).main, schema: POOL_SCHEMA, grantee: host.names.appRole }, release: () => {} }),
    };
  },
};
