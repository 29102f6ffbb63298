import { sql, type RawBuilder } from 'kysely';
import type { DataKeys, Keyring, TenantKeyRef } from '../crypto/data-keys.js';
import { EnvelopeError, envelopeKeyVersion, openEnvelope, readEnvelope, sealField } from '../crypto/envelope.js';
import { TenantryError, ValidationError } from '../errors.js';
import { jsonPathSql, type DataColumn } from '../storage/json-path.js';
import { isoTimestamp } from '../storage/tenant-db.js';

export { jsonPathSql, type DataColumn } from '../storage/json-path.js';

/**
 * The record codec: the one place where record data as the API shows it becomes what a `records` row
 * stores, and back. Every write of `data` goes through encodeData, every row read through
 * decodeRecords, and whatever reads data fields in SQL (filters, sorts, keyed writes, model training,
 * the collection's expression indexes) spells them with dataField / jsonPathSql.
 *
 * Encrypted fields (a collection's `encrypted`, top-level names) are taken out of the data and sealed
 * together, as the JSON object `{field: value, …}`, into one envelope stored as the record's `$enc`
 * (crypto/envelope.ts: key version, IV, ciphertext, tag, as base64), under the tenant's current data
 * key with AAD naming tenant, collection and record id. The field names are sealed with their values,
 * so a value cannot be moved to another field, nor the envelope to another record, collection or
 * tenant: it does not open. One envelope per record, not per field: one cipher operation per record
 * read or written (the benchmark's goal, bench/encryption.ts).
 * Reading needs nothing but the row: a row without `$enc` decodes as it always did (no key lookup,
 * no cost), one with it is opened with the tenant's keys, whatever the collection declares now.
 * `$enc` cannot be written by a client, and no filter, sort or index can name it (field paths are
 * names of `[A-Za-z_][A-Za-z0-9_]*`).
 */
export const ENCRYPTED_DATA_KEY = '$enc';

/** Where record data belongs: a tenant's collection (the tenant's generation picks its keys). */
export interface DataPlace {
  tenantId: string;
  generation: number;
  collection: string;
}

/** What a write to an encrypted collection needs: its encrypted fields and the tenant's keys. */
export interface FieldCipher {
  fields: readonly string[];
  ring: Keyring;
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

function recordAadText(place: DataPlace, id: string): string {
  return `tenantry:record:v1\u0000${place.tenantId}\u0000${place.collection}\u0000${id}`;
}

function recordAad(place: DataPlace, id: string): Buffer {
  return Buffer.from(recordAadText(place, id));
}

/**
 * What a write sealed, by record id: the JSON text of each record's encrypted fields. The write's own
 * answer (its RETURNING rows, which hold the envelopes just made) is decoded from these instead of
 * decrypting what was encrypted a moment before: the same fields, as JSON.parse of the very text sealed.
 */
export type SealedFields = Map<string, string>;

/**
 * `data` as stored: its encrypted fields sealed into `$enc` (the data as is without a cipher). With
 * `sealed`, the plaintext of what was sealed is kept there (SealedFields).
 */
export function storedData(
  place: DataPlace,
  id: string,
  data: Record<string, unknown>,
  cipher?: FieldCipher,
  sealedFields?: SealedFields,
): Record<string, unknown> {
  if (Object.hasOwn(data, ENCRYPTED_DATA_KEY))
    throw new ValidationError(`'${ENCRYPTED_DATA_KEY}' is reserved (encrypted fields are stored under it); rename the field`);
  if (!cipher || cipher.fields.length === 0) return data;
  const current = cipher.ring.current;
  if (!current) throw new TenantryError('key_unavailable', `tenant '${place.tenantId}' has no data key to encrypt with`);
  const out: Record<string, unknown> = {};
  const sealed: Record<string, unknown> = {};
  let any = false;
  for (const field in data) {
    if (cipher.fields.includes(field)) {
      sealed[field] = data[field];
      any = true;
    } else out[field] = data[field];
  }
  if (any) {
    const text = JSON.stringify(sealed);
    sealedFields?.set(id, text);
    out[ENCRYPTED_DATA_KEY] = sealField(current.key, current.version, Buffer.from(text), recordAad(place, id));
  }
  return out;
}

/** The value to store in `records.data` for `data` of record `id`: a jsonb parameter (see storedData for `sealed`). */
export function encodeData(place: DataPlace, id: string, data: Record<string, unknown>, cipher?: FieldCipher, sealed?: SealedFields): RawBuilder<unknown> {
  return sql`${JSON.stringify(storedData(place, id, data, cipher, sealed))}::jsonb`;
}

/** A key version an envelope names that the keyring lacks (read the keys again, then give up). */
class MissingKeyVersion extends Error {
  constructor(readonly version: number) {
    super(`key version ${version}`);
  }
}

/** Open the `$enc` envelope of record `id` into its plaintext fields. */
function openFields(place: DataPlace, id: string, enc: unknown, ring: Keyring): Record<string, unknown> {
  let fields: unknown;
  try {
    const { bytes, version } = readEnvelope(enc);
    const key = ring.keys.get(version);
    if (!key) throw new MissingKeyVersion(version);
    fields = JSON.parse(openEnvelope(key, bytes, recordAadText(place, id)).toString('utf8'));
  } catch (error) {
    if (error instanceof EnvelopeError) {
      throw new TenantryError(
        'data_corrupt',
        `the encrypted fields of record ${id} in '${place.collection}' failed authentication (${error.message}): altered, or not written for this tenant, collection and record`,
      );
    }
    throw error;
  }
  return fieldsObject(place, id, fields);
}

function fieldsObject(place: DataPlace, id: string, fields: unknown): Record<string, unknown> {
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new TenantryError('data_corrupt', `the encrypted fields of record ${id} in '${place.collection}' are not an object`);
  }
  return fields as Record<string, unknown>;
}

function setField(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * The record's data as the API shows it: encrypted fields opened with `ring` — or, given the text this
 * process just sealed into the row (`sealedText`, SealedFields), parsed from that.
 */
export function plainData(place: DataPlace, row: { id: string; data: unknown }, ring: Keyring | undefined, sealedText?: string): Record<string, unknown> {
  const data = row.data as Record<string, unknown>;
  const enc = data[ENCRYPTED_DATA_KEY];
  if (enc === undefined) return data;
  let fields: Record<string, unknown>;
  if (sealedText !== undefined) fields = fieldsObject(place, row.id, JSON.parse(sealedText));
  else if (!ring) throw new MissingKeyVersion(0);
  else fields = openFields(place, row.id, enc, ring);
  // Copied key by key: cheaper than a rest pattern with a computed key and two spreads. A field named
  // __proto__ (JSON.parse makes it an own property) stays one, as a spread would keep it.
  const out: Record<string, unknown> = {};
  for (const key in data) if (key !== ENCRYPTED_DATA_KEY) setField(out, key, data[key]);
  for (const key in fields) setField(out, key, fields[key]);
  return out;
}

function view(row: RecordRow, data: Record<string, unknown>): RecordView {
  return { id: row.id, data, version: Number(row.version), createdAt: isoTimestamp(row.created_at), updatedAt: isoTimestamp(row.updated_at) };
}

/** How the decoder gets a tenant's keys: DataKeys outside any scope; only its cache inside one. */
export type KeySource = (tenant: TenantKeyRef, refresh: boolean) => Promise<Keyring | undefined>;

/** Keys from the catalog (cached): for decoding outside any tenant scope. */
export function keysFrom(keys: DataKeys): KeySource {
  return (tenant, refresh) => keys.keyring(tenant, { refresh });
}

/**
 * Keys already cached only: for decoding inside a tenant scope, where a catalog query could wait on the
 * scope's own connection (embedded PGlite). A record then names keys not loaded: a clear error.
 */
export function cachedKeysFrom(keys: DataKeys): KeySource {
  return async (tenant) => {
    const ring = keys.cached(tenant);
    if (!ring) throw new TenantryError('key_unavailable', `the keys of tenant '${tenant.id}' are not loaded; read encrypted records outside a tenant scope`);
    return ring;
  };
}

/**
 * Rows of `place` as the API shows them. Rows without encrypted fields cost no key lookup; nor do the
 * rows a write just sealed, given what it sealed (`sealed`: its RETURNING rows).
 */
export async function decodeRecords(keys: KeySource, place: DataPlace, rows: readonly RecordRow[], sealed?: SealedFields): Promise<RecordView[]> {
  let ring: Keyring | undefined;
  const tenant = { id: place.tenantId, generation: place.generation };
  const out: RecordView[] = [];
  for (const row of rows) {
    if ((row.data as Record<string, unknown>)[ENCRYPTED_DATA_KEY] === undefined) {
      out.push(view(row, row.data as Record<string, unknown>));
      continue;
    }
    const text = sealed?.get(row.id);
    if (text !== undefined) {
      out.push(view(row, plainData(place, row, undefined, text)));
      continue;
    }
    ring ??= await keys(tenant, false);
    try {
      out.push(view(row, plainData(place, row, ring)));
    } catch (error) {
      if (!(error instanceof MissingKeyVersion)) throw error;
      // A version newer than the cached keys (rotated by another process), or one destroyed.
      ring = await keys(tenant, true);
      try {
        out.push(view(row, plainData(place, row, ring)));
      } catch (again) {
        if (!(again instanceof MissingKeyVersion)) throw again;
        throw new TenantryError(
          'data_corrupt',
          `record ${row.id} in '${place.collection}' is encrypted under a data key version this tenant no longer has (destroyed: the data cannot be decrypted)`,
        );
      }
    }
  }
  return out;
}

/** The key version the envelope of stored `data` uses (undefined for a record without encrypted fields, 0 for a malformed one). */
export function keyVersionOf(data: unknown): number | undefined {
  const enc = (data as Record<string, unknown> | null)?.[ENCRYPTED_DATA_KEY];
  if (enc === undefined) return undefined;
  try {
    return envelopeKeyVersion(enc);
  } catch {
    return 0;
  }
}

/** A field of the stored data, as SQL: jsonPathSql, the expression the collection's indexes are built on. */
export function dataField(field: string, column: DataColumn = 'data'): RawBuilder<unknown> {
  return sql.raw(jsonPathSql(field, column));
}

/** Fields of each record as one JSON array, `[f1, f2, …]` (a missing field is null): the rows model training reads. */
export function dataFieldsArray(fields: readonly string[]): RawBuilder<unknown> {
  return sql`json_build_array(${sql.join(fields.map((f) => dataField(f)))})`;
}

/**
 * Refuse (400 field_encrypted) a field path that reaches into an encrypted field: what the database
 * holds there is ciphertext, which no filter, sort, index or model can use. `what` says where it was named.
 */
export function refuseEncrypted(encrypted: readonly string[], paths: Iterable<string>, what: string): void {
  if (encrypted.length === 0) return;
  for (const path of paths) {
    const top = path.split('.')[0]!;
    if (encrypted.includes(top)) {
      throw new ValidationError(
        `${what} names '${path}', which is encrypted (field '${top}'): encrypted fields cannot be filtered, sorted, indexed or used by models`,
        'field_encrypted',
      );
    }
  }
}
