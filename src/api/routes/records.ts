import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../errors.js';
import type { CursorCodec } from '../cursor.js';
import { NextCursor } from '../pagination.js';
import { parseJsonParameter } from '../plugins/json-limits.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { parseFilter, type FilterNode } from '../../records/query.js';
import { BULK_MAX, type RecordsService } from '../../records/records.js';
import { JsonObject, Timestamp, component, empty, json, problems, stringEnum } from '../schemas.js';
import { locate } from '../location.js';
import { FIELD_PATH_PATTERN } from '../../storage/names.js';

export interface RecordsRoutesOptions {
  records: RecordsService;
  cursors: CursorCodec;
}

const RecordData = Type.Record(Type.String(), Type.Unknown(), { description: "The record's JSON object (checked by the collection's schema, if it has one)" });
const CollectionSchema = Type.Union([JsonObject, Type.Null()], { description: "A JSON Schema every record's data must match, or null for none" });
const Indexes = Type.Array(Type.String({ maxLength: 200 }), {
  maxItems: 16,
  uniqueItems: true,
  description: 'Data fields (dot paths) to index, for filters and sorts on them',
});

const Encrypted = Type.Array(Type.String({ maxLength: 63 }), {
  maxItems: 100,
  uniqueItems: true,
  description:
    "Top-level data fields stored encrypted under the tenant's data key (AES-256-GCM); they cannot be filtered, sorted, indexed or used by models. Changeable only while the collection has no records",
});

const Collection = component(
  'Collection',
  Type.Object(
    {
      name: Type.String(),
      schema: CollectionSchema,
      indexes: Type.Array(Type.String()),
      encrypted: Type.Array(Type.String(), { description: 'Top-level data fields stored encrypted' }),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    },
    { description: "A collection of records: its name, its records' JSON Schema and its indexes" },
  ),
);
const CollectionList = component(
  'CollectionList',
  Type.Object(
    { items: Type.Array(Collection.ref), nextCursor: Type.Null({ description: 'Always null: every collection is in one page' }) },
    { description: 'Every collection' },
  ),
);
const RecordSchema = component(
  'Record',
  Type.Object(
    {
      id: Type.String({ format: 'uuid', description: "Made by the server: a UUIDv7 (time-ordered), or derived from the run by a workflow's records.write" }),
      data: RecordData,
      version: Type.Integer({ minimum: 1, description: 'Goes up by one with every write; the ETag' }),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    },
    { description: 'A record: a JSON object with an id and a version' },
  ),
);
const RecordPage = component(
  'RecordPage',
  Type.Object(
    {
      items: Type.Array(RecordSchema.ref),
      nextCursor: NextCursor,
      total: Type.Optional(Type.Integer({ description: 'With ?count=: the records matching the filter (an estimate with count=estimated)' })),
    },
    { description: 'A page of records' },
  ),
);
const RecordBatch = component('RecordBatch', Type.Object({ items: Type.Array(RecordSchema.ref) }, { description: 'The records created, in the order sent' }));
const RecordWrite = (example: Record<string, unknown>) => Type.Object({ data: RecordData }, { additionalProperties: false, examples: [{ data: example }] });

const COLLECTION_EXAMPLE = {
  name: 'orders',
  schema: { type: 'object', properties: { item: { type: 'string' }, total: { type: 'number' } }, required: ['item'] },
  indexes: ['total'],
  encrypted: [],
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
};
const RECORD_EXAMPLE = {
  id: '01943c1e-8a9b-7c3d-9e4f-5a6b7c8d9e0f',
  data: { item: 'book', total: 12 },
  version: 1,
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
};

const CollectionParams = Type.Object({ name: Type.String({ maxLength: 63, description: 'The collection' }) }, { additionalProperties: false });
const RecordParams = Type.Object(
  { name: Type.String({ maxLength: 63, description: 'The collection' }), id: Type.String({ maxLength: 64, description: 'The record id' }) },
  { additionalProperties: false },
);
const IfMatch = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 32, description: 'Write only if the record is at this version (`"3"`, or `*` for any): 412 otherwise' })),
});
/** Documented on the PATCH routes: JSON Merge Patch (RFC 7396), or the same JSON as application/json. */
const MERGE_PATCH = ['application/merge-patch+json', 'application/json'];

/** `If-Match: 3` or `"3"` → 3; absent, or `*` (any current version: the record must exist) → undefined; anything else → 400. */
function ifMatch(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined || String(raw).trim() === '*') return undefined;
  const value = String(raw)
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw new ValidationError('If-Match must be a record version, e.g. If-Match: "3"');
  return Number(value);
}

const RecordsQuery = Type.Object(
  {
    filter: Type.Optional(
      Type.String({
        maxLength: 8192,
        description: 'JSON filter: field equality, operators $eq $ne $gt $gte $lt $lte $in $nin $exists $contains $ilike $prefix, combined with $and $or $not',
        examples: ['{"status":"open","total":{"$gte":10}}'],
      }),
    ),
    sort: Type.Optional(
      Type.String({
        maxLength: 256,
        description: 'Comma-separated fields (createdAt, updatedAt, id or data fields), - for descending',
        examples: ['-total,createdAt'],
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Records per page' })),
    cursor: Type.Optional(Type.String({ maxLength: 8192, description: 'The `nextCursor` of the page before (bound to the filter and sort)' })),
    fields: Type.Optional(
      Type.String({ maxLength: 2048, description: 'comma-separated data fields (dot paths) to return, e.g. title,owner.name; the rest of data is left out' }),
    ),
    count: Type.Optional(
      stringEnum(['exact', 'estimated'], {
        description: 'also return `total`: the records matching the filter, counted (exact) or as the planner estimates them (estimated, cheap)',
      }),
    ),
  },
  { additionalProperties: false },
);

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** `?fields=` → dot paths (400 for anything else), at most 50. */
function fieldsOf(text: string | undefined): string[][] | undefined {
  if (text === undefined) return undefined;
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length === 0 || fields.length > 50) throw new ValidationError('fields takes 1 to 50 comma-separated field paths');
  for (const field of fields) {
    if (!FIELD_PATH_PATTERN.test(field)) throw new ValidationError(`fields: '${field}' is not a field path (dot-separated names of [A-Za-z_][A-Za-z0-9_]*)`);
    // Names an object inherits are not data: projecting them would read (or write) Object.prototype.
    if (field.split('.').some((name) => FORBIDDEN_NAMES.has(name)))
      throw new ValidationError(`fields: '${field}' names ${[...FORBIDDEN_NAMES].join(', ')}, which are not data fields`);
  }
  return fields.map((f) => f.split('.'));
}

/** `data` with only the values at `paths` (nested objects kept as far as a path goes). */
function project(data: unknown, paths: readonly string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    let from: unknown = data;
    for (const key of path)
      from = from !== null && typeof from === 'object' && !Array.isArray(from) && Object.hasOwn(from, key) ? (from as Record<string, unknown>)[key] : undefined;
    if (from === undefined) continue;
    let into = out;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[path.at(-1)!] = from;
  }
  return out;
}

/**
 * `?filter=` text → tree (400 for bad JSON or anything outside the language), and its canonical JSON
 * (whitespace-free) that cursors are bound to.
 */
function filterOf(text: string | undefined): { node: FilterNode; canonical: string } | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = parseJsonParameter(text, 'filter');
  return { node: parseFilter(value), canonical: JSON.stringify(value) };
}

/** Whether an If-None-Match list (`"3"`, `W/"3", "4"`, `*`) names version `version`. */
function noneMatchHits(header: string, version: number): boolean {
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === `"${version}"`;
  });
}

function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('ETag', `"${record.version}"`);
  return record;
}

/** Collections, records by id, and record queries (API.md). */
export const recordsRoutes: FastifyPluginAsyncTypebox<RecordsRoutesOptions> = async (app, { records, cursors }) => {
  // The tenant the request was authenticated for (id and generation): every scope is pinned to it.
  const tenantOf = (request: FastifyRequest) => tenantContext(request).tenant;
  const tags = ['records'];

  app.post(
    '/v1/collections',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Create a collection',
        description:
          "A collection with an optional JSON Schema for its records' data and up to 16 indexed fields; `encrypted` fields are stored encrypted with the tenant's data key. Admin role. 400 for a bad name, schema or index path, or an index on an encrypted field (`field_encrypted`); 409 `collection_exists`, `limit_reached` (the plan's collections or indexes).",
        tags,
        body: Type.Object(
          {
            name: Type.String({ maxLength: 63, description: 'Lowercase letters, digits and _, starting with a letter' }),
            schema: Type.Optional(CollectionSchema),
            indexes: Type.Optional(Indexes),
            encrypted: Type.Optional(Encrypted),
          },
          {
            additionalProperties: false,
            examples: [{ name: COLLECTION_EXAMPLE.name, schema: COLLECTION_EXAMPLE.schema, indexes: COLLECTION_EXAMPLE.indexes }],
          },
        ),
        response: { 201: json('The collection', Collection.ref, { headers: ['Location'], example: COLLECTION_EXAMPLE }), ...problems(400, 409) },
      },
    },
    async (request, reply) => {
      const created = await records.createCollection(tenantOf(request), request.body);
      return locate(request, reply, 'collections', created.name).code(201).send(created);
    },
  );

  app.get(
    '/v1/collections',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'List collections',
        description: "Every collection of the tenant's, in one page. Any role.",
        tags,
        response: { 200: json('The collections', CollectionList.ref) },
      },
    },
    async (request) => ({ items: await records.listCollections(tenantOf(request)), nextCursor: null }),
  );

  app.get(
    '/v1/collections/:name',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'Read a collection',
        description: 'Its schema and indexes. Any role.',
        tags,
        params: CollectionParams,
        response: { 200: json('The collection', Collection.ref, { example: COLLECTION_EXAMPLE }), ...problems(400, 404) },
      },
    },
    async (request) => records.getCollection(tenantOf(request), request.params.name),
  );

  app.patch(
    '/v1/collections/:name',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "Change a collection's schema or indexes",
        description:
          'At least one of schema (null removes it), indexes and encrypted (each replaces what was). A new schema is checked against the records already there unless ?validate=false. Admin role. 400 `field_encrypted` (an index on an encrypted field); 409 `records_do_not_match` (how many, which), `limit_reached`, `collection_not_empty` (encrypted fields change only while there are no records).',
        tags,
        params: CollectionParams,
        consumes: MERGE_PATCH,
        body: Type.Object(
          { schema: Type.Optional(CollectionSchema), indexes: Type.Optional(Indexes), encrypted: Type.Optional(Encrypted) },
          { additionalProperties: false, minProperties: 1 },
        ),
        querystring: Type.Object(
          {
            validate: Type.Optional(
              Type.Boolean({
                default: true,
                description: 'Check a new schema against the records already there first (409 records_do_not_match if any fail); false changes it anyway',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: json('The collection, changed', Collection.ref), ...problems(400, 404, 409) },
      },
    },
    async (request) => records.updateCollection(tenantOf(request), request.params.name, request.body, { validate: request.query.validate ?? true }),
  );

  app.delete(
    '/v1/collections/:name',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Drop a collection and its records',
        description: 'The collection, its records and its indexes are gone. Admin role.',
        tags,
        params: CollectionParams,
        response: { 204: empty('Dropped'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      await records.deleteCollection(tenantOf(request), request.params.name);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/collections/:name/records',
    {
      config: { minRole: 'member' },
      schema: {
        summary: 'Create a record',
        description:
          "Stores `data` (checked by the collection's schema, if any) as version 1, with an id the server makes. Member role. 400 names what the schema refused; 409 `limit_reached` (storage), `collection_changed`.",
        tags,
        params: CollectionParams,
        body: RecordWrite(RECORD_EXAMPLE.data),
        response: { 201: json('The record', RecordSchema.ref, { headers: ['Location', 'ETag'], example: RECORD_EXAMPLE }), ...problems(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const [created] = await records.create(tenantOf(request), request.params.name, [request.body.data]);
      locate(request, reply, 'collections', request.params.name, 'records', created!.id);
      return reply.code(201).send(withEtag(reply, created!));
    },
  );

  app.get(
    '/v1/collections/:name/records',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'Query records (filter, sort, cursor pagination)',
        description:
          "Records matching `filter`, in `sort` order, a page at a time; `fields` projects data, `count` adds `total`. Filters compile to parameterised SQL. Any role. 400 `validation_failed` (a filter outside the language, or whose value contradicts the schema; an encrypted field), `invalid_cursor`, `query_too_expensive` (no index narrows it), `query_timeout`. A query no index narrows over 10,000 records or more (a scan) waits for one of the tenant's `concurrentScans` first: 429 `rate_limited` past its wait or line, 503 `busy` when the process runs all the scans it may; Retry-After says when a place will have been given back.",
        tags,
        params: CollectionParams,
        querystring: RecordsQuery,
        response: { 200: json('A page of records', RecordPage.ref, { example: { items: [RECORD_EXAMPLE], nextCursor: null } }), ...problems(400, 404) },
      },
    },
    async (request) => {
      const { filter: filterText, sort, limit = 50, cursor, fields: fieldsText, count } = request.query;
      const filter = filterOf(filterText);
      const fields = fieldsOf(fieldsText);
      const tenant = tenantOf(request).id;
      // The cursor is bound to everything that shapes the list: a cursor from another tenant,
      // collection, filter or sort fails its HMAC check (400 invalid_cursor).
      const binding = ['records', tenant, request.params.name, filter?.canonical ?? '', sort ?? ''].join('\0');
      const after = cursor === undefined ? undefined : cursors.decode<string[]>(binding, cursor);
      const page = await records.queryRecords(tenantOf(request), request.params.name, { filter: filter?.node, sort, limit, after, count });
      const items = fields ? page.items.map((item) => ({ ...item, data: project(item.data, fields) })) : page.items;
      return { items, nextCursor: page.next ? cursors.encode(binding, page.next) : null, ...(page.total !== undefined && { total: page.total }) };
    },
  );

  app.post(
    '/v1/collections/:name/records/bulk',
    {
      config: { minRole: 'member' },
      schema: {
        summary: `Create up to ${BULK_MAX} records, all or nothing`,
        description:
          'Every record is checked first; one refused (400 naming `records[i].data`) and none is stored. Member role. 409 `limit_reached` (storage), `collection_changed`.',
        tags,
        params: CollectionParams,
        body: Type.Object(
          { records: Type.Array(Type.Object({ data: RecordData }, { additionalProperties: false }), { minItems: 1, maxItems: BULK_MAX }) },
          { additionalProperties: false, examples: [{ records: [{ data: RECORD_EXAMPLE.data }, { data: { item: 'pen', total: 2 } }] }] },
        ),
        response: { 201: json('The records, each version 1', RecordBatch.ref), ...problems(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const items = await records.create(
        tenantOf(request),
        request.params.name,
        request.body.records.map((r) => r.data),
      );
      return reply.code(201).send({ items });
    },
  );

  app.get(
    '/v1/collections/:name/records/:id',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'Read a record',
        description: 'The record and its version (ETag). With If-None-Match naming the current version: 304, no body. Any role.',
        tags,
        params: RecordParams,
        headers: Type.Object({
          'if-none-match': Type.Optional(
            Type.String({ maxLength: 1024, description: 'ETags of the copies the client has (`"3"`, `W/"3"`, `*`): 304 if one is current' }),
          ),
        }),
        response: {
          200: json('The record', RecordSchema.ref, { headers: ['ETag'], example: RECORD_EXAMPLE }),
          304: empty('Not modified: the client has the current version', ['ETag']),
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      const record = withEtag(reply, await records.getRecord(tenantOf(request), request.params.name, request.params.id));
      // If-None-Match (RFC 9110 §13.1.2, weak comparison): the client's copy is current → 304, no body.
      const tags = request.headers['if-none-match'];
      if (tags !== undefined && noneMatchHits(String(tags), record.version)) return reply.code(304).send(undefined as never);
      return record;
    },
  );

  for (const [method, merge] of [
    ['put', false],
    ['patch', true],
  ] as const) {
    app[method](
      '/v1/collections/:name/records/:id',
      {
        config: { minRole: 'member' },
        schema: {
          summary: merge ? 'Merge into a record (RFC 7396)' : 'Replace a record',
          description: `${
            merge ? '`data` is merged into the record (JSON Merge Patch: null removes a field)' : "`data` replaces the record's"
          }, checked by the collection's schema; the version goes up by one. With If-Match, only if the record is at that version (412 \`version_conflict\` otherwise). A record that does not exist is a 404, not created. Member role.`,
          tags,
          params: RecordParams,
          headers: IfMatch,
          ...(merge && { consumes: MERGE_PATCH }),
          body: RecordWrite(merge ? { total: 14 } : { item: 'book', total: 14 }),
          response: { 200: json('The record, written', RecordSchema.ref, { headers: ['ETag'] }), ...problems(400, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const version = ifMatch(request);
        const written = await records.writeRecord(tenantOf(request), request.params.name, request.params.id, request.body.data, {
          merge,
          ifMatch: version,
        });
        return withEtag(reply, written);
      },
    );
  }

  app.delete(
    '/v1/collections/:name/records/:id',
    {
      config: { minRole: 'member' },
      schema: {
        summary: 'Delete a record',
        description: 'With If-Match, only if the record is at that version (412 `version_conflict` otherwise). Member role.',
        tags,
        params: RecordParams,
        headers: IfMatch,
        response: { 204: empty('Deleted'), ...problems(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const version = ifMatch(request);
      await records.deleteRecord(tenantOf(request), request.params.name, request.params.id, version);
      return reply.code(204).send(null);
    },
  );
};
