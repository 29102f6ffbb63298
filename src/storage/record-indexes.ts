import { createHash } from 'node:crypto';
import { TenantryError } from '../errors.js';
import { adminQuery, type DatabaseBackend, type SqlConnection } from './backends/backend.js';
import { jsonPathSql } from './json-path.js';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN, POOL_SCHEMA, quoteIdent, quoteLiteral } from './names.js';
import type { TenantPlacement } from './placement.js';
import type { TenantLocations } from './strategies/strategy.js';

/** Longest an index change waits for the one before it in the same location. */
const INDEX_LOCK_WAIT_MS = 120_000;

function short(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);
}

/**
 * The expression indexes a collection declares, in the tenant's own location: one partial index per
 * field on `data #> '{path}'` (spelled by jsonPathSql), limited to that tenant and collection, named
 * `rx_<collection hash>_<field hash>` so the set can be listed and reconciled. Built CONCURRENTLY so other tenants' writes to a
 * pooled table are never blocked; a build that failed half-way (INVALID) is dropped and made again.
 *
 * Index changes of one location run one at a time (a session lock per schema): concurrent builds and
 * drops deadlocked each other (a 500), and two changes of one collection applied out of order left
 * indexes nobody declared. Under the lock, the declaration is read from the collection itself, so the
 * location ends up with exactly what the collection says now, whichever change committed last. Every
 * name and value below is checked against a pattern before it is quoted into the DDL.
 */
export async function syncRecordIndexes(router: TenantLocations, tenant: TenantPlacement, collection: string): Promise<void> {
  if (!COLLECTION_NAME_PATTERN.test(collection)) throw new Error(`collection name '${collection}' is not valid`);
  const location = await router.open(tenant);
  try {
    const { db, names } = location;
    await withIndexLock(db, names.schema, async (conn) => {
      const fields = (await declaredIndexes(conn, names.schema, tenant.id, collection)).filter((f) => FIELD_PATH_PATTERN.test(f));
      const prefix = `rx_${short(tenant.id, collection)}_`;
      const wanted = new Map(fields.map((f) => [`${prefix}${short(f)}`, f]));
      const existing = await conn.query<{ name: string; valid: boolean }>(
        `select c.relname as name, i.indisvalid as valid from pg_index i
           join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1 and c.relname like $2`,
        [names.schema, `${prefix}%`],
      );
      for (const { name, valid } of existing.rows) {
        if (!wanted.has(name) || !valid) await conn.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(names.schema)}.${quoteIdent(name)}`);
      }
      const kept = new Set(existing.rows.filter((r) => r.valid && wanted.has(r.name)).map((r) => r.name));
      for (const [name, field] of wanted) {
        if (kept.has(name)) continue;
        // The very expression record queries compile (json-path.ts), or the planner would not use it.
        await conn.query(
          `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(names.schema)}.records (${jsonPathSql(field)})
            WHERE tenant_id = ${quoteLiteral(tenant.id)} AND collection = ${quoteLiteral(collection)}`,
        );
      }
    });
  } finally {
    location.release();
  }
}

/**
 * Drop every record index of `tenantId`'s collections in the pooled schema: the first step of deleting
 * a pooled tenant (its rows go next). Left behind, they would tax every pooled query for ever and
 * count against the pool's index budget.
 */
export async function dropPooledTenantIndexes(db: DatabaseBackend, tenantId: string): Promise<void> {
  await withIndexLock(db, POOL_SCHEMA, async (conn) => {
    await conn.query('BEGIN');
    let collections: string[];
    try {
      await conn.query(`select set_config('tenantry.tenant_id', $1, true)`, [tenantId]);
      collections = (await conn.query<{ name: string }>(`select name from ${quoteIdent(POOL_SCHEMA)}.collections where tenant_id = $1`, [tenantId])).rows.map(
        (r) => r.name,
      );
    } finally {
      await conn.query('COMMIT');
    }
    for (const collection of collections) {
      const { rows } = await conn.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'i' and c.relname like $2`,
        [POOL_SCHEMA, `rx_${short(tenantId, collection)}_%`],
      );
      for (const { name } of rows) await conn.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(POOL_SCHEMA)}.${quoteIdent(name)}`);
    }
  });
}

/** The index fields a collection declares now, read as the owner (RLS forced: the tenant set first). */
async function declaredIndexes(conn: SqlConnection, schema: string, tenantId: string, collection: string): Promise<string[]> {
  await conn.query('BEGIN');
  try {
    await conn.query(`select set_config('tenantry.tenant_id', $1, true)`, [tenantId]);
    const { rows } = await conn.query<{ indexes: unknown }>(`select indexes from ${quoteIdent(schema)}.collections where tenant_id = $1 and name = $2`, [
      tenantId,
      collection,
    ]);
    const indexes = rows[0]?.indexes;
    return Array.isArray(indexes) ? indexes.filter((f): f is string => typeof f === 'string') : [];
  } finally {
    await conn.query('COMMIT');
  }
}

/**
 * Run `fn` on one admin connection holding the schema's index-change lock (a session lock: index DDL
 * runs outside transactions). Taken by polling, never by waiting in pg_advisory_lock: a statement
 * waiting for the lock holds a snapshot, which the holder's CREATE INDEX CONCURRENTLY waits out — a
 * deadlock PostgreSQL breaks by failing one of them.
 */
async function withIndexLock<T>(db: DatabaseBackend, schema: string, fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
  const lease = await db.acquireAdmin();
  let broken = false;
  try {
    for (const give = Date.now() + INDEX_LOCK_WAIT_MS; ;) {
      const { rows } = await lease.conn.query<{ got: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as got', [`tenantry:indexes:${schema}`]);
      if (rows[0]?.got) break;
      if (Date.now() > give) throw new TenantryError('rate_limited', 'indexes are being changed in this location; retry shortly');
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    }
    try {
      return await fn(lease.conn);
    } finally {
      await lease.conn.query('select pg_advisory_unlock(hashtextextended($1, 0))', [`tenantry:indexes:${schema}`]).catch(() => (broken = true));
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    lease.release(broken);
  }
}

/**
 * Every index on the shared pooled table is paid for by every pooled tenant: each query on it locks
 * and plans around all of them, each insert evaluates every partial index's predicate. So the pool as
 * a whole holds at most `cap` record indexes; a pooled tenant whose new indexes would pass that is
 * refused (409 limit_reached) and told to move to schema isolation, where its indexes tax only itself.
 * Checked before the collection changes; two tenants racing for the last places may pass it by a few.
 */
export async function checkPoolIndexBudget(
  router: TenantLocations,
  tenant: TenantPlacement,
  collection: string,
  fields: readonly string[],
  cap: number,
): Promise<void> {
  if (tenant.isolation !== 'pooled' || fields.length === 0) return;
  const location = await router.open(tenant);
  try {
    const mine = `rx_${short(tenant.id, collection)}_%`;
    const { rows } = await adminQuery<{ n: number }>(
      location.db,
      `select count(*)::int as n from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relname like 'rx\\_%' and c.relname not like $2`,
      [POOL_SCHEMA, mine],
    );
    const others = rows[0]?.n ?? 0;
    if (others + fields.length > cap) {
      throw new TenantryError(
        'limit_reached',
        `the shared pool holds ${others} of its ${cap} record indexes; ${fields.length} more do not fit. ` +
          'Indexes on a pooled collection slow every pooled tenant: declare fewer, or move this tenant to schema isolation',
      );
    }
  } finally {
    location.release();
  }
}
