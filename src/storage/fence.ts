import { adminQuery, adminTransaction, type DatabaseBackend } from './backends/backend.js';
import { FENCE_ADVANCE_SQL, FENCE_CLOSE_SQL, FENCE_LOCK_SQL, FENCE_OPEN_SQL, fenceSql } from './ddl.js';
import { FENCE_SCHEMA, quoteIdent, quoteLiteral } from './names.js';

/** Bumped whenever fenceSql changes, so running processes' databases get the new definition. */
const FENCE_VERSION = 'tenantry fence v3';
const ENTER = 'enter(text,bigint,bigint)';

/**
 * Make sure `db` has the tenant fence (ddl.ts fenceSql) at the current version. Cheap when it has:
 * one catalog read. Several processes starting at once may race on the DDL; it is idempotent, so the
 * caller retries a concurrent-update error.
 */
export async function ensureFence(db: DatabaseBackend): Promise<void> {
  const current = await adminQuery<{ version: string | null }>(
    db,
    `select obj_description(to_regprocedure(${quoteLiteral(`${FENCE_SCHEMA}.${ENTER}`)}), 'pg_proc') as version`,
  );
  if (current.rows[0]?.version === FENCE_VERSION) return;
  await adminTransaction(db, (conn) => conn.exec(`${fenceSql()};\nCOMMENT ON FUNCTION ${quoteIdent(FENCE_SCHEMA)}.${ENTER} IS ${quoteLiteral(FENCE_VERSION)}`));
}

/** A tenant as the fence knows it: which creation of the id, and which placement of it. */
export interface FenceEntry {
  id: string;
  generation: number;
  placementEpoch: number;
}

/**
 * Admit `tenant`'s generation at its placement epoch to the database holding its tables (the last step
 * of provisioning). The fence itself is there: the router ensures it when it opens a database.
 */
export async function openFence(db: DatabaseBackend, tenant: FenceEntry): Promise<void> {
  await adminQuery(db, FENCE_OPEN_SQL, [tenant.id, tenant.generation, tenant.placementEpoch]);
}

/**
 * Admit only scopes routed at placement epoch `epoch` (or later) to `db` from now on: waits until
 * every scope of the tenant in flight there has ended (they hold its lock shared), then advances the
 * row. The step of a move that retires the old placement; idempotent.
 */
export async function advanceFence(db: DatabaseBackend, tenant: { id: string; generation: number }, epoch: number): Promise<void> {
  await adminTransaction(db, async (conn) => {
    await conn.query(FENCE_LOCK_SQL, [tenant.id]);
    await conn.query(FENCE_ADVANCE_SQL, [tenant.id, epoch, tenant.generation]);
  });
}

/**
 * Shut `tenantId` out of `db` for good (the first step of deletion): waits until every scope of the
 * tenant in flight there has ended, then removes its fence row, so no statement of the tenant runs
 * there again. Idempotent.
 */
export async function closeFence(db: DatabaseBackend, tenantId: string): Promise<void> {
  await adminTransaction(db, async (conn) => {
    const present = await conn.query<{ found: boolean }>('select to_regclass($1) is not null as found', [`${FENCE_SCHEMA}.fences`]);
    if (!present.rows[0]?.found) return;
    await conn.query(FENCE_LOCK_SQL, [tenantId]);
    await conn.query(FENCE_CLOSE_SQL, [tenantId]);
  });
}

/**
 * Give a tenant made before fences existed (an upgrade) its fence row, without ever re-admitting a
 * deleted one: the row is added only when missing, under the tenant's lock, for a generation the
 * catalog calls live (`live`) before — and again after, removing the row if a deletion got in between.
 */
export async function backfillFence(db: DatabaseBackend, tenant: FenceEntry, live: () => Promise<boolean>): Promise<void> {
  const present = await adminQuery(db, `SELECT 1 FROM ${quoteIdent(FENCE_SCHEMA)}.fences WHERE tenant_id = $1`, [tenant.id]);
  if (present.rows.length > 0 || !(await live())) return;
  await adminTransaction(db, async (conn) => {
    await conn.query(FENCE_LOCK_SQL, [tenant.id]);
    await conn.query(`${FENCE_OPEN_SQL.split('ON CONFLICT')[0]} ON CONFLICT (tenant_id) DO NOTHING`, [tenant.id, tenant.generation, tenant.placementEpoch]);
  });
  if (!(await live())) await closeFence(db, tenant.id);
}
