import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearerToken } from '../../auth/secrets.js';
import { tenantJson } from '../../tenancy/catalog.js';
import type { Catalog } from '../../tenancy/catalog.js';
import type { KeyRotation } from '../../tenancy/key-rotation.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import type { ApiKeys } from '../../auth/api-keys.js';
import { API_KEY_EXAMPLE, ApiKeyCreated, NewApiKey, Timestamp, component, documentBody, json, problems, stringEnum } from '../schemas.js';
import { TIERS } from '../../tenancy/tiers.js';
import { ISOLATIONS } from '../../storage/placement.js';
import type { TenantStatus } from '../../storage/scope.js';
import { PLAN_LIMIT_KEYS } from '../../tenancy/plans.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import { admitControlRequest, requireAdminToken, type AddressLimits } from '../plugins/address-limits.js';
import { locate } from '../location.js';
import type { Operations } from '../../tenancy/operations.js';
import { Operation, operationRoutes } from './operations.js';
import { operationJson } from '../../tenancy/operations.js';
import { tenantExportRoutes } from './tenant-exports.js';
import type { TenantExports } from '../../tenancy/export/tenant-exports.js';
import type { TenantAudit } from '../../audit/tenant-audit.js';
import type { PlatformAudit } from '../../audit/platform-audit.js';
import type { UsageService } from '../../usage/usage.js';
import { controlPlaneAuditPlugin } from '../plugins/audit.js';
import { platformAuditRoutes } from './audit.js';
import type { ModelsService } from '../../ml/models.js';
import type { WorkflowRuntime } from '../../workflows/runtime.js';
import { controlTenantDataRoutes } from './control-tenant-data.js';
import { platformRoutes, type PlatformSources } from './platform.js';

export interface ControlPlaneOptions {
  /** Provision, read, change, suspend, resume and delete tenants. */
  tenants: TenantLifecycle;
  catalog: Catalog;
  apiKeys: ApiKeys;
  adminToken: string;
  /** The admin token being replaced, accepted too until it is unset (TENANTRY_ADMIN_TOKEN_PREVIOUS). */
  adminTokenPrevious?: string;
  /** Tenant key rotation: POST /v1/tenants/{id}/keys/rotate. */
  keyRotation: KeyRotation;
  cursors: CursorCodec;
  addressLimits: AddressLimits;
  /** Deletion (and later moves, exports…) as operations, and /v1/operations. */
  operations: Operations;
  /** Whole-tenant export and import. */
  tenantExports: TenantExports;
  /** Tenants' audit trails, the platform's, and usage. */
  audit: TenantAudit;
  platformAudit: PlatformAudit;
  usage: UsageService;
  /** A tenant's models and workflow runs, read for the admin (control-tenant-data.ts). */
  models: ModelsService;
  workflows: WorkflowRuntime;
  /** GET /v1/platform/summary. */
  platform: PlatformSources;
}

const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleting'] as const satisfies readonly TenantStatus[];
const TenantIdSchema = Type.String({ pattern: TENANT_ID_PATTERN.source, description: '3-40 lowercase letters, digits and -, starting with a letter' });

const Tenant = component(
  'Tenant',
  Type.Object(
    {
      id: TenantIdSchema,
      name: Type.String(),
      tier: stringEnum(TIERS),
      isolation: stringEnum(ISOLATIONS, {
        description: 'pooled: rows in shared tables (row-level security); schema: a schema of its own; database: a database of its own',
      }),
      cluster: Type.String({ description: 'The configured cluster (database server) holding its data' }),
      status: stringEnum(TENANT_STATUSES, { description: 'Only an active tenant is served on the data plane (suspended: 403)' }),
      settings: Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form settings (feature flags, branding, defaults)' }),
      limits: Type.Record(Type.String(), Type.Unknown(), { description: `Overrides of its tier's plan limits: ${PLAN_LIMIT_KEYS.join(', ')}` }),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    },
    { description: 'A tenant, as the control plane sees it' },
  ),
);
const TenantPage = component('TenantPage', pageOf(Tenant.ref));

const TENANT_EXAMPLE = {
  id: 'acme',
  name: 'Acme Inc',
  tier: 'pro',
  isolation: 'schema',
  cluster: 'main',
  status: 'active',
  settings: {},
  limits: {},
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
};

/**
 * POST /v1/tenants as Ajv checks it: the lifecycle checks id, tier and isolation itself, for their own
 * codes (400 invalid_tenant_id, unknown_tier, unknown_isolation), so they are plain strings here.
 */
const NewTenant = Type.Object(
  {
    id: Type.String(),
    name: Type.Optional(Type.String()),
    tier: Type.Optional(Type.String()),
    isolation: Type.Optional(Type.String()),
    cluster: Type.Optional(Type.String()),
    settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

/** The same body as the document shows it: the values the lifecycle accepts. */
const NewTenantAccepted = Type.Object(
  {
    id: TenantIdSchema,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Defaults to the id' })),
    tier: Type.Optional(stringEnum(TIERS, { description: 'Default free' })),
    isolation: Type.Optional(stringEnum(ISOLATIONS, { description: 'Default by tier: free pooled, pro schema, enterprise database' })),
    cluster: Type.Optional(
      Type.String({ description: "A configured cluster; default the one with the fewest tenants of the strategy (within the tenant's region)" }),
    ),
    settings: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Free-form settings (feature flags, branding, defaults). `region` (e.g. `eu`) places the tenant only on clusters labelled `region=eu` (TENANTRY_CLUSTER_LABELS), and keeps its moves there: 409 `region_mismatch` otherwise',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      { id: 'acme', name: 'Acme Inc', tier: 'pro' },
      { id: 'acme-eu', tier: 'pro', settings: { region: 'eu' } },
    ],
  },
);

const TenantChanges = Type.Object(
  {
    name: Type.Optional(Type.String()),
    tier: Type.Optional(Type.String()),
    settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    limits: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** The changes as the document shows them (tier: 400 unknown_tier from the lifecycle, as above). */
const TenantChangesAccepted = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tier: Type.Optional(stringEnum(TIERS, { description: 'The isolation stays (moving is its own operation)' })),
    settings: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Replaces the settings' })),
    limits: Type.Optional(
      Type.Record(Type.String(), Type.Number(), {
        description: `Replaces the overrides; keys: ${PLAN_LIMIT_KEYS.join(', ')} (unknown keys and values out of range: 400)`,
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Acme Inc', limits: { requestsPerMinute: 1200 } }] },
);

const TenantId = Type.Object({ id: TenantIdSchema }, { additionalProperties: false });

/** The control plane: platform-admin routes over the tenant catalog (API.md, "Control plane"). */
export const controlTenantRoutes: FastifyPluginAsyncTypebox<ControlPlaneOptions> = async (
  app,
  {
    tenants,
    catalog,
    apiKeys,
    adminToken,
    adminTokenPrevious,
    keyRotation,
    cursors,
    addressLimits,
    operations,
    tenantExports,
    audit,
    platformAudit,
    usage,
    models,
    workflows,
    platform,
  },
) => {
  // One hook for every route in this plugin: no control-plane route can forget the admin check. Per
  // address, first a (generous) request limit, then the failed-authentication budget the data plane
  // shares, so guessing the admin token costs as much as guessing a key.
  app.addHook('onRequest', async (request, reply) => {
    admitControlRequest(addressLimits, request, reply);
    requireAdminToken(
      addressLimits,
      request,
      reply,
      bearerToken(request.headers.authorization),
      { current: adminToken, previous: adminTokenPrevious },
      'the control plane needs the platform admin token as a Bearer credential',
    );
  });
  // Behind the same admin check: registered after the hook, inside this plugin.
  await app.register(controlPlaneAuditPlugin, { platformAudit });
  await app.register(operationRoutes, { tenants, keyRotation, operations, cursors });
  await app.register(platformAuditRoutes, { tenants, audit, platformAudit, usage, cursors });
  await app.register(tenantExportRoutes, { tenantExports });
  await app.register(controlTenantDataRoutes, { tenants, apiKeys, models, workflows, cursors });
  await app.register(platformRoutes, { platform });

  app.post(
    '/v1/tenants',
    {
      schema: {
        summary: 'Create and provision a tenant',
        description:
          "Provisions the tenant's storage (its rows, schema or database, by isolation) and answers when it is active. 400 `invalid_tenant_id`, `unknown_tier`, `unknown_isolation`, `unknown_cluster`, `validation_failed`; 409 `tenant_exists`, or `name_taken` when its role, schema or database exists on the server already.",
        tags: ['control plane'],
        body: NewTenant,
        headers: Type.Object({
          prefer: Type.Optional(
            Type.String({ maxLength: 200, description: '`respond-async`: a schema or database tenant is provisioned as an operation (202)' }),
          ),
        }),
        response: {
          201: json('The tenant, active', Tenant.ref, { headers: ['Location'], example: TENANT_EXAMPLE }),
          202: json(
            'With Prefer: respond-async, a schema or database tenant: the provisioning operation (the tenant is `provisioning` until it succeeds)',
            Operation.ref,
            {
              headers: ['Location'],
            },
          ),
          ...problems(400, 409),
        },
      },
      config: { swaggerTransform: documentBody(NewTenantAccepted) },
    },
    async (request, reply) => {
      // `Prefer: respond-async` (RFC 7240): a schema or database tenant is provisioned as an
      // operation (202); without it, or for a pooled tenant (a row in the catalog), the answer waits.
      const prefer = String(request.headers.prefer ?? '').toLowerCase();
      if (/(^|[,;\s])respond-async($|[,;\s])/.test(prefer) && tenants.resolve(request.body).isolation !== 'pooled') {
        const { operation } = await tenants.requestCreate(request.body);
        reply.header('preference-applied', 'respond-async');
        return locate(request, reply, 'operations', operation.id)
          .code(202)
          .send(operationJson(operation) as never);
      }
      const tenant = await tenants.create(request.body);
      return locate(request, reply, 'tenants', tenant.id).code(201).send(tenantJson(tenant));
    },
  );

  app.get(
    '/v1/tenants',
    {
      schema: {
        summary: 'List tenants',
        description: 'Every tenant in the catalog, by id, a page at a time. 400 `invalid_cursor` for a cursor this list did not sign.',
        tags: ['control plane'],
        querystring: PageQuery,
        response: { 200: json('A page of tenants', TenantPage.ref, { example: { items: [TENANT_EXAMPLE], nextCursor: null } }), ...problems(400) },
      },
    },
    async (request) => {
      const page = await paginate(cursors, 'tenants', request.query, (p) => catalog.list(p));
      return { items: page.items.map(tenantJson), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/tenants/:id',
    {
      schema: {
        summary: 'Read a tenant',
        description: 'The tenant, whatever its status. 404 `tenant_not_found`.',
        tags: ['control plane'],
        params: TenantId,
        response: { 200: json('The tenant', Tenant.ref), ...problems(400, 404) },
      },
    },
    async (request) => tenantJson(await tenants.get(request.params.id)),
  );

  app.patch(
    '/v1/tenants/:id',
    {
      schema: {
        summary: "Change a tenant's name, tier, settings or limits",
        description:
          'At least one of name, tier, settings, limits; settings and limits replace what was there. 400 `unknown_tier`, `validation_failed` (an unknown limit key, a value out of range); 404 `tenant_not_found`; 409 `tenant_not_ready` while it is provisioned or deleted.',
        tags: ['control plane'],
        params: TenantId,
        body: TenantChanges,
        response: { 200: json('The tenant, changed', Tenant.ref), ...problems(400, 404, 409) },
      },
      config: { swaggerTransform: documentBody(TenantChangesAccepted) },
    },
    async (request) => tenantJson(await tenants.update(request.params.id, request.body)),
  );

  app.post(
    '/v1/tenants/:id/api-keys',
    {
      schema: {
        summary: 'Create an API key for a tenant',
        description:
          "A key of the tenant's with one role, for its data plane; the secret is in `key` in this answer only (stored hashed). The way to a tenant's first key. 404 `tenant_not_found`.",
        tags: ['control plane'],
        params: TenantId,
        body: NewApiKey,
        response: { 201: json('The key, with its secret', ApiKeyCreated.ref, { headers: ['Location'], example: API_KEY_EXAMPLE }), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.get(request.params.id);
      const key = await apiKeys.create(tenant, request.body.name, request.body.role, { expiresAt: request.body.expiresAt });
      // Where the key can be revoked (DELETE /v1/tenants/{id}/api-keys/{keyId}), as the data plane's POST /v1/api-keys does.
      return locate(request, reply, 'tenants', tenant.id, 'api-keys', key.id).code(201).send(key);
    },
  );

  for (const action of ['suspend', 'resume'] as const) {
    app.post(
      `/v1/tenants/:id/${action}`,
      {
        schema: {
          summary: `${action === 'suspend' ? 'Suspend' : 'Resume'} a tenant`,
          description:
            action === 'suspend'
              ? 'Its data plane answers 403 `tenant_suspended` until it is resumed; its data stays. Repeating is harmless. 404 `tenant_not_found`; 409 `tenant_not_ready` while it is provisioned or deleted.'
              : 'Serves its data plane again. Repeating is harmless. 404 `tenant_not_found`; 409 `tenant_not_ready` while it is provisioned or deleted.',
          tags: ['control plane'],
          params: TenantId,
          response: { 200: json('The tenant', Tenant.ref), ...problems(400, 404, 409) },
        },
      },
      async (request) => tenantJson(await tenants[action](request.params.id)),
    );
  }
};
