import { createHash } from 'node:crypto';
import { TenantryError } from '../errors.js';
import { adminQuery } from './backends/backend.js';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN, POOL_SCHEMA, quoteIdent, quoteLiteral } from './names.js';
import type { TenantPlacement } from './placement.js';
import type { StorageRouter } from './router.js';

function short(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);
}

/**
 * The expression indexes a collection declares, in the tenant's own location: one partial index per
 * field on `data #> '{path}'`, limited to that tenant and collection, named `rx_<collection hash>_<field
 * hash>` so the set can be listed and reconciled. Built CONCURRENTLY so other tenants' writes to a
 * pooled table are never blocked; a build that failed half-way (INVALID) is dropped and made again.
 * Every name and value below is checked against a pattern before it is quoted into the DDL.
 */
export async function syncRecordIndexes(router: StorageRouter, tenant: TenantPlacement, collection: string, fields: readonly string[]): Promise<void> {
  if (!COLLECTION_NAME_PATTERN.test(collection)) throw new Error(`collection name '${collection}' is not valid`);
  for (const field of fields) if (!FIELD_PATH_PATTERN.test(field)) throw new Error(`index field '${field}' is not valid`);
  const location = await router.open(tenant);
  try {
    const { db, names } = location;
    const prefix = `rx_${short(tenant.id, collection)}_`;
    const wanted = new Map(fields.map((f) => [`${prefix}${short(f)}`, f]));
    const existing = await adminQuery<{ name: string; valid: boolean }>(
      db,
      `select c.relname as name, i.indisvalid as valid from pg_index i
         join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relname like $2`,
      [names.schema, `${prefix}%`],
    );
    for (const { name, valid } of existing.rows) {
      if (!wanted.has(name) || !valid) await adminQuery(db, `DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(names.schema)}.${quoteIdent(name)}`);
    }
    const kept = new Set(existing.rows.filter((r) => r.valid && wanted.has(r.name)).map((r) => r.name));
    for (const [name, field] of wanted) {
      if (kept.has(name)) continue;
      const path = quoteLiteral(`{${field.split('.').join(',')}}`);
      await adminQuery(
        db,
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(names.schema)}.records ((data #> ${path}))
          WHERE tenant_id = ${quoteLiteral(tenant.id)} AND collection = ${quoteLiteral(collection)}`,
      );
    }
  } finally {
    location.release();
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
  router: StorageRouter,
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
