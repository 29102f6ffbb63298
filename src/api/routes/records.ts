import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../errors.js';
import type { CursorCodec } from '../cursor.js';
import { parseJsonParameter } from '../plugins/json-limits.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { parseFilter, type FilterNode } from '../../records/query.js';
import { BULK_MAX, type RecordsService } from '../../records/records.js';
import { ProblemSchema } from '../schemas.js';
import { locate } from '../location.js';
import { FIELD_PATH_PATTERN } from '../../storage/names.js';

export interface RecordsRoutesOptions {
  records: RecordsService;
  cursors: CursorCodec;
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 412: ProblemSchema, 429: ProblemSchema };
const JsonObject = Type.Record(Type.String(), Type.Unknown());
const Collection = Type.Object({
  name: Type.String(),
  schema: Type.Union([JsonObject, Type.Null()]),
  indexes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const RecordSchema = Type.Object({
  id: Type.String(),
  data: JsonObject,
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const CollectionParams = Type.Object({ name: Type.String({ maxLength: 63 }) }, { additionalProperties: false });
const RecordParams = Type.Object({ name: Type.String({ maxLength: 63 }), id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 32 })) });

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
    filter: Type.Optional(Type.String({ maxLength: 8192, description: 'JSON filter, e.g. {"status":"open","score":{"$gte":10}}' })),
    sort: Type.Optional(Type.String({ maxLength: 256, description: 'comma-separated fields, - for descending, e.g. -score,createdAt' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 8192 })),
    fields: Type.Optional(
      Type.String({ maxLength: 2048, description: 'comma-separated data fields (dot paths) to return, e.g. title,owner.name; the rest of data is left out' }),
    ),
    count: Type.Optional(
      Type.Union([Type.Literal('exact'), Type.Literal('estimated')], {
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
        tags,
        body: Type.Object(
          {
            name: Type.String({ maxLength: 63 }),
            schema: Type.Optional(Type.Union([JsonObject, Type.Null()])),
            indexes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 16, uniqueItems: true })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Collection, ...errors },
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
      schema: { summary: 'List collections', tags, response: { 200: Type.Object({ items: Type.Array(Collection), nextCursor: Type.Null() }), ...errors } },
    },
    async (request) => ({ items: await records.listCollections(tenantOf(request)), nextCursor: null }),
  );

  app.get(
    '/v1/collections/:name',
    { config: { minRole: 'viewer' }, schema: { summary: 'Read a collection', tags, params: CollectionParams, response: { 200: Collection, ...errors } } },
    async (request) => records.getCollection(tenantOf(request), request.params.name),
  );

  app.patch(
    '/v1/collections/:name',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "Change a collection's schema or indexes",
        tags,
        params: CollectionParams,
        body: Type.Object(
          {
            schema: Type.Optional(Type.Union([JsonObject, Type.Null()])),
            indexes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 16, uniqueItems: true })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        querystring: Type.Object(
          {
            validate: Type.Boolean({
              default: true,
              description: 'Check a new schema against the records already there first (409 records_do_not_match if any fail); false changes it anyway',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Collection, ...errors },
      },
    },
    async (request) => records.updateCollection(tenantOf(request), request.params.name, request.body, { validate: request.query.validate }),
  );

  app.delete(
    '/v1/collections/:name',
    {
      config: { minRole: 'admin' },
      schema: { summary: 'Drop a collection and its records', tags, params: CollectionParams, response: { 204: Type.Null(), ...errors } },
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
        tags,
        params: CollectionParams,
        body: Type.Object({ data: JsonObject }, { additionalProperties: false }),
        response: { 201: RecordSchema, ...errors },
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
        tags,
        params: CollectionParams,
        querystring: RecordsQuery,
        response: {
          200: Type.Object({
            items: Type.Array(RecordSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Optional(Type.Integer({ description: 'with ?count=: the records matching the filter (an estimate with count=estimated)' })),
          }),
          ...errors,
        },
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
        tags,
        params: CollectionParams,
        body: Type.Object(
          { records: Type.Array(Type.Object({ data: JsonObject }, { additionalProperties: false }), { minItems: 1, maxItems: BULK_MAX }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(RecordSchema) }), ...errors },
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
        tags,
        params: RecordParams,
        headers: Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 1024 })) }),
        response: { 200: RecordSchema, ...errors },
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
          tags,
          params: RecordParams,
          headers: IfMatch,
          body: Type.Object({ data: JsonObject }, { additionalProperties: false }),
          response: { 200: RecordSchema, ...errors },
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
      schema: { summary: 'Delete a record', tags, params: RecordParams, headers: IfMatch, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const version = ifMatch(request);
      await records.deleteRecord(tenantOf(request), request.params.name, request.params.id, version);
      return reply.code(204).send(null);
    },
  );
};
