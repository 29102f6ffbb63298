import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_KEY_ID_PATTERN, type ApiKeys } from '../../auth/api-keys.js';
import type { JwtVerifier } from '../../auth/jwt.js';
import type { Catalog, Tenant } from '../../tenancy/catalog.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import type { TenantRateLimiter } from '../rate-limit.js';
import type { RecordsService } from '../../records/records.js';
import type { ModelsService } from '../../ml/models.js';
import { modelsRoutes } from './models.js';
import { workflowsRoutes } from './workflows.js';
import type { WorkflowRuntime } from '../../workflows/runtime.js';
import { recordsRoutes } from './records.js';
import { tenantAuthPlugin, tenantContext } from '../plugins/tenant-auth.js';
import type { LoadShedder } from '../load-shedding.js';
import type { AddressLimits } from '../plugins/address-limits.js';
import { API_KEY_EXAMPLE, ApiKey, ApiKeyCreated, ApiKeyRotation, NewApiKey, component, empty, json, problems, stringEnum } from '../schemas.js';
import { TIERS } from '../../tenancy/tiers.js';
import { locate } from '../location.js';
import type { TenantAudit } from '../../audit/tenant-audit.js';
import type { UsageService } from '../../usage/usage.js';
import { dataPlaneAuditPlugin } from '../plugins/audit.js';
import { tenantAuditRoutes, UsageSummary } from './audit.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';

export interface DataPlaneOptions {
  catalog: Catalog;
  /** Where a tenant admin's settings patch goes (PATCH /v1/tenant/settings). */
  tenants: TenantLifecycle;
  apiKeys: ApiKeys;
  jwt?: JwtVerifier;
  rateLimiter: TenantRateLimiter;
  onRateLimited?: (tenant: Tenant) => void;
  records: RecordsService;
  models: ModelsService;
  workflows: WorkflowRuntime;
  cursors: CursorCodec;
  baseDomain?: string;
  addressLimits: AddressLimits;
  audit: TenantAudit;
  usage: UsageService;
  /** Load shedding (load-shedding.ts): none when absent. */
  shedder?: LoadShedder;
  /** Told of each request shed (metrics). */
  onShed?: (tenant: { tier: string }) => void;
}

/** `{tenant}` of `/t/{tenant}/v1/…`: it must name the tenant the credential is for (403 tenant_mismatch otherwise). */
const TenantInPath = Type.String({ minLength: 1, maxLength: 64, description: 'The tenant the credential is for (checked against it)' });

const OwnTenant = component(
  'OwnTenant',
  Type.Object(
    {
      id: Type.String(),
      name: Type.String(),
      tier: stringEnum(TIERS),
      settings: Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form settings the platform admin set' }),
      limits: Type.Record(Type.String(), Type.Unknown(), { description: "Overrides of its tier's plan limits" }),
      usage: UsageSummary,
    },
    { description: 'The calling tenant, as its own credentials see it' },
  ),
);
export const ApiKeyPage = component('ApiKeyPage', pageOf(ApiKey.ref));

const OWN_TENANT_EXAMPLE = {
  id: 'acme',
  name: 'Acme Inc',
  tier: 'pro',
  settings: { features: { beta: true } },
  limits: {},
  usage: {
    month: '2026-12',
    totals: { apiRequests: 1520, modelTrainings: 2, workflowStepSeconds: 14.2, databaseSeconds: 3.1, cpuSeconds: 1.7 },
    current: { records: 1200, collections: 3, models: 1, storageBytes: 482133 },
  },
};

/** The most a tenant's own settings patch may make its settings, as JSON (they live in the catalog row). */
const SETTINGS_MAX_BYTES = 64 * 1024;

/** The tenant data plane (API.md, "Data plane"): every route here runs behind tenantAuthPlugin. */
export const dataPlaneRoutes: FastifyPluginAsyncTypebox<DataPlaneOptions> = async (
  app,
  { catalog, tenants, apiKeys, jwt, rateLimiter, onRateLimited, records, models, workflows, cursors, baseDomain, addressLimits, audit, usage, shedder, onShed },
) => {
  if (app.prefix.includes(':tenant')) {
    // The /t/{tenant} copy of every route: its path has one parameter more than the route's own
    // (strict) params schema declares, which Ajv refused as an additional property. Declare it.
    app.addHook('onRoute', (route) => {
      const params = route.schema?.params as { properties?: Record<string, unknown>; required?: string[] } | undefined;
      if (!params || params.properties?.tenant) return;
      route.schema = {
        ...route.schema,
        params: { ...params, properties: { tenant: TenantInPath, ...params.properties }, required: ['tenant', ...(params.required ?? [])] },
      };
    });
  }
  // Load shedding is checked by the tenant resolution itself: once the tenant is known, before its
  // rate limit takes a token and before anything is drafted or done for the request.
  await app.register(tenantAuthPlugin, { catalog, apiKeys, jwt, baseDomain, rateLimiter, addressLimits, onRateLimited, costs: usage.costs, shedder, onShed });
  await app.register(dataPlaneAuditPlugin, { audit });
  await app.register(tenantAuditRoutes, { audit, usage, cursors });
  await app.register(recordsRoutes, { records, cursors });
  await app.register(modelsRoutes, { models });
  await app.register(workflowsRoutes, { workflows, cursors });

  /** A tenant as its own credentials see it: no placement, no catalog internals; with its usage. */
  const ownTenant = async (tenant: Tenant) => {
    const { id, name, tier, settings, limits } = tenant;
    return { id, name, tier, settings, limits, usage: await usage.summary(tenant) };
  };

  app.get(
    '/v1/tenant',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'The calling tenant',
        description:
          "The tenant the credential is for: id, name, tier, settings, limit overrides, and its usage — this month's metered totals and what it holds now. Any role.",
        tags: ['data plane'],
        response: {
          200: json('The tenant', OwnTenant.ref, { example: OWN_TENANT_EXAMPLE }),
        },
      },
    },
    async (request) => ownTenant(tenantContext(request).tenant),
  );

  app.patch(
    '/v1/tenant/settings',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "Change the calling tenant's settings",
        description:
          "A JSON merge patch (RFC 7396) of the tenant's settings — feature flags, branding, defaults: keys given are set, `null` removes one, objects merge. `region` decides where the tenant's data is kept and only the platform sets it (`PATCH /v1/tenants/{id}`): a patch changing it is 403 `forbidden`. The settings are at most 64 KiB as JSON (400). Concurrent patches both apply. Admin role.",
        tags: ['data plane'],
        body: Type.Record(Type.String(), Type.Unknown(), {
          description: 'The merge patch (application/json or application/merge-patch+json)',
          examples: [{ features: { beta: true }, branding: { color: '#0a5' }, obsolete: null }],
        }),
        response: {
          200: json('The tenant, as GET /v1/tenant shows it after the change', OwnTenant.ref, { example: OWN_TENANT_EXAMPLE }),
          ...problems(400, 403, 409, 503),
        },
      },
    },
    async (request) => {
      const { tenant } = tenantContext(request);
      return ownTenant(await tenants.patchSettings(tenant.id, request.body, { keep: ['region'], maxBytes: SETTINGS_MAX_BYTES }));
    },
  );

  app.post(
    '/v1/api-keys',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Create an API key',
        description:
          "A key of the calling tenant's with one role, optionally expiring at `expiresAt`; the secret is in `key` in this answer only (stored hashed). Admin role.",
        tags: ['data plane'],
        body: NewApiKey,
        response: { 201: json('The key, with its secret', ApiKeyCreated.ref, { headers: ['Location'], example: API_KEY_EXAMPLE }), ...problems(400) },
      },
    },
    async (request, reply) => {
      const key = await apiKeys.create(tenantContext(request).tenant, request.body.name, request.body.role, { expiresAt: request.body.expiresAt });
      return locate(request, reply, 'api-keys', key.id).code(201).send(key);
    },
  );

  app.get(
    '/v1/api-keys',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: "List the tenant's live API keys",
        description:
          'Keys neither revoked nor expired, by id, a page at a time, with when each was last used (to the minute); never their secrets. Admin role. 400 `invalid_cursor`.',
        tags: ['data plane'],
        querystring: PageQuery,
        response: { 200: json('A page of keys', ApiKeyPage.ref), ...problems(400) },
      },
    },
    async (request) => {
      const tenantId = tenantContext(request).tenant.id;
      return paginate(cursors, `api-keys:${tenantId}`, request.query, (p) => apiKeys.list(tenantId, p));
    },
  );

  app.post(
    '/v1/api-keys/:id/rotate',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Rotate an API key',
        description:
          'A new key with the same name and role (its secret in `key`, this once); the old key keeps working for `overlapSeconds` (default 3600), then expires — switch clients over meanwhile. Admin role. 404 for a key that is not live or was replaced already.',
        tags: ['data plane'],
        params: Type.Object({ id: Type.String({ pattern: API_KEY_ID_PATTERN.source, description: 'The key id' }) }, { additionalProperties: false }),
        body: ApiKeyRotation,
        response: {
          201: json('The replacement, with its secret', ApiKeyCreated.ref, { headers: ['Location'], example: API_KEY_EXAMPLE }),
          ...problems(400, 404),
        },
      },
      // The body may be left out: the default overlap.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request, reply) => {
      const key = await apiKeys.rotate(tenantContext(request).tenant.id, request.params.id, request.body);
      return locate(request, reply, 'api-keys', key.id).code(201).send(key);
    },
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Revoke an API key',
        description: 'The key stops working at once in this process, and in others once their key cache (TENANTRY_CATALOG_CACHE_MS) has expired. Admin role.',
        tags: ['data plane'],
        params: Type.Object({ id: Type.String({ pattern: API_KEY_ID_PATTERN.source, description: 'The key id' }) }, { additionalProperties: false }),
        response: { 204: empty('Revoked'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      await apiKeys.revoke(tenantContext(request).tenant.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
