import { Readable } from 'node:stream';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { TenantryError } from '../../errors.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import { COUNT_KEYS } from '../../tenancy/export/format.js';
import type { TenantExports } from '../../tenancy/export/tenant-exports.js';
import { component, json, problems } from '../schemas.js';

export interface TenantExportRoutesOptions {
  tenantExports: TenantExports;
}

const NDJSON = 'application/x-ndjson';
const TenantId = Type.Object({ id: Type.String({ pattern: TENANT_ID_PATTERN.source, description: 'The tenant id' }) }, { additionalProperties: false });
const Counts = Type.Object(
  Object.fromEntries(COUNT_KEYS.map((k) => [k, Type.Integer()])) as Record<(typeof COUNT_KEYS)[number], ReturnType<typeof Type.Integer>>,
);
const ImportSummary = component(
  'ImportSummary',
  Type.Object(
    {
      tenantId: Type.String(),
      lines: Type.Integer({ description: 'Lines read, the header and the end line included' }),
      bytes: Type.Integer(),
      counts: Counts,
      interrupted: Type.Object(
        { runs: Type.Integer(), modelVersions: Type.Integer() },
        { description: 'Runs that were queued or running when the tenant was exported arrive cancelled; versions that were training arrive failed' },
      ),
      settingsRestored: Type.Boolean({ description: "Whether the tenant's settings were replaced by the file's" }),
    },
    { description: 'What an import restored' },
  ),
);

/**
 * `GET /v1/tenants/{id}/export` and `POST /v1/tenants/{id}/import` (API.md, control plane): a whole
 * tenant as NDJSON, streamed both ways. Registered inside the control plane's plugin, behind its admin
 * check; its own encapsulated context reads request bodies only as NDJSON, as a stream, so an import
 * is never bounded by the 1 MiB JSON body limit (TENANTRY_IMPORT_MAX_BYTES bounds it instead).
 */
export const tenantExportRoutes: FastifyPluginAsyncTypebox<TenantExportRoutesOptions> = async (app, { tenantExports }) => {
  const tags = ['control plane'];
  const bodies = new WeakMap<FastifyRequest, Readable>();
  // Any other media type (JSON included) is a 415 here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(NDJSON, (request, payload, done) => {
    bodies.set(request, payload as Readable);
    done(null, 'ndjson'); // what the body schema sees; the stream is read by the handler
  });

  app.get(
    '/v1/tenants/:id/export',
    {
      schema: {
        summary: 'Export everything a tenant owns (NDJSON)',
        description:
          'A header line (format, version, the tenant, counts at the start), one line per collection, record, model, model version, workflow, run and run step, and an end line with the counts written and the SHA-256 of the lines between the header and it (the same for two exports of the same data). Streamed as it is read, page by page (each page its own snapshot: suspend the tenant first for a point-in-time export). API keys are not exported. The export is an operation (kind `export`, listed at /v1/operations with the lines sent as its progress) until the last line is sent; 409 `tenant_not_ready` while another operation of the tenant (a move, a deletion, an import) is under way.',
        tags,
        params: TenantId,
        response: { 200: { description: 'The export', content: { [NDJSON]: { schema: Type.String() } } }, ...problems(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { header, chunks } = await tenantExports.export(request.params.id);
      request.log.info({ tenant: header.tenant.id, counts: header.counts }, 'tenant export started');
      return (
        reply
          .type(NDJSON)
          .header('content-disposition', `attachment; filename="${header.tenant.id}.ndjson"`)
          // A stream of the document the 200 describes (its type provider knows only the text).
          .send(Readable.from(chunks, { objectMode: false }) as unknown as string)
      );
    },
  );

  app.post(
    '/v1/tenants/:id/import',
    {
      schema: {
        summary: 'Restore an export into an empty tenant',
        description:
          'The body is an export (`application/x-ndjson`, up to TENANTRY_IMPORT_MAX_BYTES). Every line is checked before anything is written, and then all of it is written in one transaction: a malformed, truncated or altered file, or one past the tenant’s plan, changes nothing. A record that does not match its collection’s schema is a 400 unless ?validate=false, which restores it as it is (an export of a collection whose schema was changed with ?validate=false holds such records) and skips only that check. The tenant must be empty (409 `tenant_not_empty`). The import is an operation (kind `import`, with the lines read as its progress); 409 `tenant_not_ready` while another operation of the tenant is under way.',
        tags,
        params: TenantId,
        querystring: Type.Object(
          {
            validate: Type.Optional(
              Type.Boolean({
                default: true,
                description:
                  "Check each record against its collection's schema (400 for the first that does not match); false restores such records as they are. Everything else is checked either way",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        body: { content: { [NDJSON]: { schema: Type.String() } } },
        response: { 200: json('What was restored', ImportSummary.ref), ...problems(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const body = bodies.get(request);
      if (!body) throw new TenantryError('unsupported_media_type', `send the export as the request body, as ${NDJSON}`);
      const validate = request.query.validate ?? true;
      const summary = await tenantExports.import(request.params.id, body, { validate });
      request.log.info({ tenant: summary.tenantId, counts: summary.counts, validate }, 'tenant imported');
      return summary;
    },
  );
};
