import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TenantryError } from '../../errors.js';
import { bearerToken, secretsMatch } from '../../auth/secrets.js';
import { tenantJson } from '../../tenancy/catalog.js';
import type { Catalog } from '../../tenancy/catalog.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import type { ApiKeys } from '../../auth/api-keys.js';
import { ApiKeyCreated, NewApiKey, ProblemSchema } from '../schemas.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import { admitControlRequest, countFailedAuthentication, refuseFloodingAddress, type AddressLimits } from '../plugins/address-limits.js';
import { locate } from '../location.js';
import type { Operations } from '../../tenancy/operations.js';
import { operationRoutes } from './operations.js';
import { tenantExportRoutes } from './tenant-exports.js';
import type { TenantExports } from '../../tenancy/export/tenant-exports.js';

export interface ControlPlaneOptions {
  /** Provision, read, change, suspend, resume and delete tenants. */
  tenants: TenantLifecycle;
  catalog: Catalog;
  apiKeys: ApiKeys;
  adminToken: string;
  cursors: CursorCodec;
  addressLimits: AddressLimits;
  /** Deletion (and later moves, exports…) as operations, and /v1/operations. */
  operations: Operations;
  /** Whole-tenant export and import. */
  tenantExports: TenantExports;
}

const TenantSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    tier: Type.String(),
    isolation: Type.String(),
    cluster: Type.String(),
    status: Type.String(),
    settings: Type.Record(Type.String(), Type.Unknown()),
    limits: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Tenant' },
);

const TenantId = Type.Object({ id: Type.String({ pattern: TENANT_ID_PATTERN.source }) }, { additionalProperties: false });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };

/** The control plane: platform-admin routes over the tenant catalog (API.md, "Control plane"). */
export const controlTenantRoutes: FastifyPluginAsyncTypebox<ControlPlaneOptions> = async (
  app,
  { tenants, catalog, apiKeys, adminToken, cursors, addressLimits, operations, tenantExports },
) => {
  // One hook for every route in this plugin: no control-plane route can forget the admin check. Per
  // address, first a (generous) request limit, then the failed-authentication budget the data plane
  // shares, so guessing the admin token costs as much as guessing a key.
  app.addHook('onRequest', async (request, reply) => {
    admitControlRequest(addressLimits, request, reply);
    const token = bearerToken(request.headers.authorization);
    // Checking the admin token costs no query: the right one is served even from an address that has
    // spent its failed-authentication budget (whose other requests get 429 before the comparison).
    const valid = !!token && secretsMatch(adminToken, token);
    if (!valid) refuseFloodingAddress(addressLimits, request, reply);
    if (!valid) {
      countFailedAuthentication(addressLimits, request);
      reply.header('WWW-Authenticate', 'Bearer');
      throw new TenantryError('unauthorized', 'the control plane needs the platform admin token as a Bearer credential');
    }
  });
  // Behind the same admin check: registered after the hook, inside this plugin.
  await app.register(operationRoutes, { tenants, operations, cursors });
  await app.register(tenantExportRoutes, { tenantExports });

  app.post(
    '/v1/tenants',
    {
      schema: {
        summary: 'Create and provision a tenant',
        tags: ['control plane'],
        body: Type.Object(
          {
            id: Type.String({ description: 'matches ^[a-z][a-z0-9-]{2,39}$' }),
            name: Type.Optional(Type.String()),
            tier: Type.Optional(Type.String()),
            isolation: Type.Optional(Type.String()),
            cluster: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 201: TenantSchema, ...errors },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.create(request.body);
      return locate(request, reply, 'tenants', tenant.id).code(201).send(tenantJson(tenant));
    },
  );

  app.get(
    '/v1/tenants',
    {
      schema: {
        summary: 'List tenants',
        tags: ['control plane'],
        querystring: PageQuery,
        response: { 200: pageOf(TenantSchema), ...errors },
      },
    },
    async (request) => {
      const page = await paginate(cursors, 'tenants', request.query, (p) => catalog.list(p));
      return { items: page.items.map(tenantJson), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/tenants/:id',
    { schema: { summary: 'Read a tenant', tags: ['control plane'], params: TenantId, response: { 200: TenantSchema, ...errors } } },
    async (request) => tenantJson(await tenants.get(request.params.id)),
  );

  app.patch(
    '/v1/tenants/:id',
    {
      schema: {
        summary: "Change a tenant's name, tier, settings or limits",
        tags: ['control plane'],
        params: TenantId,
        body: Type.Object(
          {
            name: Type.Optional(Type.String()),
            tier: Type.Optional(Type.String()),
            settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
            limits: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: TenantSchema, ...errors },
      },
    },
    async (request) => tenantJson(await tenants.update(request.params.id, request.body)),
  );

  app.post(
    '/v1/tenants/:id/api-keys',
    {
      schema: {
        summary: 'Create an API key for a tenant',
        tags: ['control plane'],
        params: TenantId,
        body: NewApiKey,
        response: { 201: ApiKeyCreated, ...errors },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.get(request.params.id);
      return reply.code(201).send(await apiKeys.create(tenant, request.body.name, request.body.role));
    },
  );

  for (const action of ['suspend', 'resume'] as const) {
    app.post(
      `/v1/tenants/:id/${action}`,
      {
        schema: {
          summary: `${action === 'suspend' ? 'Suspend' : 'Resume'} a tenant`,
          tags: ['control plane'],
          params: TenantId,
          response: { 200: TenantSchema, ...errors },
        },
      },
      async (request) => tenantJson(await tenants[action](request.params.id)),
    );
  }
};
