import { sql, type RawBuilder } from 'kysely';
import { jsonPathSql, type DataColumn } from '../storage/json-path.js';
import { isoTimestamp } from '../storage/tenant-db.js';

export { jsonPathSql, type DataColumn } from '../storage/json-path.js';

/**
 * The record codec: the one place where record data as the API shows it becomes what a `records` row
 * stores, and back. Every write of `data` goes through encodeData, every row read through
 * decodeRecord, and whatever reads data fields in SQL (filters, sorts, keyed writes, model training,
 * the collection's expression indexes) spells them with dataField / jsonPathSql. Per-tenant encryption
 * of declared fields (ARCHITECTURE.md, crypto) plugs in here: that is why encode and decode already
 * take the place the data belongs to, which the ciphertext will be bound to.
 */

/** Where record data belongs: a tenant's collection. */
export interface DataPlace {
  tenantId: string;
  collection: string;
}

/** A `records` row as read. */
export interface RecordRow {
  id: string;
  data: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A record as the API shows it. */
export interface RecordView {
  id: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The value to store in `records.data` for `data`: a jsonb parameter. */
export function encodeData(place: DataPlace, data: Record<string, unknown>): RawBuilder<unknown> {
  return sql`${JSON.stringify(data)}::jsonb`;
}

/** A row of `place` as the API shows it. */
export function decodeRecord(place: DataPlace, row: RecordRow): RecordView {
  return {
    id: row.id,
    data: row.data as Record<string, unknown>,
    version: Number(row.version),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** A field of the stored data, as SQL: jsonPathSql, the expression the collection's indexes are built on. */
export function dataField(field: string, column: DataColumn = 'data'): RawBuilder<unknown> {
  return sql.raw(jsonPathSql(field, column));
}

/** Fields of each record as one JSON array, `[f1, f2, …]` (a missing field is null): the rows model training reads. */
export function dataFieldsArray(fields: readonly string[]): RawBuilder<unknown> {
  return sql`json_build_array(${sql.join(fields.map((f) => dataField(f)))})`;
}
