import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_KEY_ID_PATTERN, type ApiKeys } from '../../auth/api-keys.js';
import type { ModelsService } from '../../ml/models.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';
import type { WorkflowRuntime } from '../../workflows/runtime.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, paginate } from '../pagination.js';
import { empty, json, problems } from '../schemas.js';
import { ApiKeyPage } from './data-plane.js';
import { Model, ModelList } from './models.js';
import { Run, RunPage, WorkflowPage } from './workflows.js';

export interface ControlTenantDataOptions {
  tenants: TenantLifecycle;
  apiKeys: ApiKeys;
  models: ModelsService;
  workflows: WorkflowRuntime;
  cursors: CursorCodec;
}

const TenantIdSchema = Type.String({ pattern: TENANT_ID_PATTERN.source, description: 'The tenant id' });
const TenantId = Type.Object({ id: TenantIdSchema }, { additionalProperties: false });

/**
 * What the platform admin reads of a tenant's own data (the console's tenant page), and its keys: the
 * same answers the tenant's credential gets from the data plane, for the tenant named in the path.
 * Every call goes through the tenant's scope (its generation pinned, as the tenant's own credential
 * would pin it), so nothing of another tenant can be reached; list cursors are bound to the tenant as
 * the data plane binds them, so one tenant's cursor is refused (400) in another's list. A suspended
 * tenant's data answers 403 `tenant_suspended`, as its own credential would be answered.
 */
export const controlTenantDataRoutes: FastifyPluginAsyncTypebox<ControlTenantDataOptions> = async (
  app,
  { tenants, apiKeys, models, workflows: runtime, cursors },
) => {
  const ref = async (id: string) => {
    const tenant = await tenants.get(id);
    return { id: tenant.id, generation: tenant.generation };
  };

  app.get(
    '/v1/tenants/:id/api-keys',
    {
      schema: {
        summary: "List a tenant's live API keys",
        description:
          'As GET /v1/api-keys gives them to the tenant: keys neither revoked nor expired, by id, with when each was last used; never their secrets. 400 `invalid_cursor`; 404 `tenant_not_found`.',
        tags: ['control plane'],
        params: TenantId,
        querystring: PageQuery,
        response: { 200: json('A page of keys', ApiKeyPage.ref), ...problems(400, 404) },
      },
    },
    async (request) => {
      const tenant = await tenants.get(request.params.id);
      return paginate(cursors, `api-keys:${tenant.id}`, request.query, (p) => apiKeys.list(tenant.id, p));
    },
  );

  app.delete(
    '/v1/tenants/:id/api-keys/:keyId',
    {
      schema: {
        summary: "Revoke a tenant's API key",
        description:
          "The key stops working at once in this process, and in others once their key cache (TENANTRY_CATALOG_CACHE_MS) has expired. Only the tenant's own keys: another tenant's key id is 404 `not_found`, and stays live. 404 `tenant_not_found`.",
        tags: ['control plane'],
        params: Type.Object(
          { id: TenantIdSchema, keyId: Type.String({ pattern: API_KEY_ID_PATTERN.source, description: 'The key id' }) },
          { additionalProperties: false },
        ),
        response: { 204: empty('Revoked'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const tenant = await tenants.get(request.params.id);
      await apiKeys.revoke(tenant.id, request.params.keyId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/tenants/:id/models',
    {
      schema: {
        summary: "List a tenant's models",
        description:
          'As GET /v1/models gives them to the tenant: every model with its versions and their metrics, in one page. 403 `tenant_suspended`; 404 `tenant_not_found`.',
        tags: ['control plane'],
        params: TenantId,
        response: { 200: json('The models', ModelList.ref), ...problems(400, 403, 404) },
      },
    },
    async (request) => ({ items: await models.list(await ref(request.params.id)), nextCursor: null }),
  );

  app.get(
    '/v1/tenants/:id/models/:name',
    {
      schema: {
        summary: "A tenant's model with its versions and metrics",
        description: 'As GET /v1/models/{name} gives it to the tenant. 403 `tenant_suspended`; 404 `tenant_not_found`, `not_found`.',
        tags: ['control plane'],
        params: Type.Object({ id: TenantIdSchema, name: Type.String({ maxLength: 63, description: 'The model' }) }, { additionalProperties: false }),
        response: { 200: json('The model', Model.ref), ...problems(400, 403, 404) },
      },
    },
    async (request) => models.get(await ref(request.params.id), request.params.name),
  );

  app.get(
    '/v1/tenants/:id/workflows',
    {
      schema: {
        summary: "List a tenant's workflows",
        description:
          'As GET /v1/workflows gives them to the tenant: definitions by name, a page at a time. 400 `invalid_cursor`; 403 `tenant_suspended`; 404 `tenant_not_found`.',
        tags: ['control plane'],
        params: TenantId,
        querystring: PageQuery,
        response: { 200: json('A page of workflows', WorkflowPage.ref), ...problems(400, 403, 404) },
      },
    },
    async (request) => {
      const tenant = await ref(request.params.id);
      const page = await paginate(cursors, `workflows\0${tenant.id}`, request.query, (p) => runtime.definitions.list(tenant, p));
      return { items: page.items.map(({ id: _id, ...w }) => w), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/tenants/:id/workflows/:name/runs',
    {
      schema: {
        summary: "List a tenant's runs of a workflow, newest first",
        description:
          'As GET /v1/workflows/{name}/runs gives them to the tenant: runs without their input and steps (none for a workflow it has no runs of). 400 `invalid_cursor`; 403 `tenant_suspended`; 404 `tenant_not_found`.',
        tags: ['control plane'],
        params: Type.Object({ id: TenantIdSchema, name: Type.String({ maxLength: 63, description: 'The workflow' }) }, { additionalProperties: false }),
        querystring: PageQuery,
        response: { 200: json('A page of runs', RunPage.ref), ...problems(400, 403, 404) },
      },
    },
    async (request) => {
      const tenant = await ref(request.params.id);
      const { name } = request.params;
      return paginate(cursors, `runs\0${tenant.id}\0${name}`, request.query, (p) => runtime.runs.list(tenant, name, p));
    },
  );

  app.get(
    '/v1/tenants/:id/runs/:runId',
    {
      schema: {
        summary: "Read a tenant's run and its steps",
        description:
          "As GET /v1/runs/{id} gives it to the tenant: the run's status, input and every step's status, attempts, output and error. Another tenant's run id is 404 `not_found`. 403 `tenant_suspended`; 404 `tenant_not_found`.",
        tags: ['control plane'],
        params: Type.Object({ id: TenantIdSchema, runId: Type.String({ maxLength: 36, description: 'The run id' }) }, { additionalProperties: false }),
        response: { 200: json('The run', Run.ref), ...problems(400, 403, 404) },
      },
    },
    async (request) => runtime.runs.get(await ref(request.params.id), request.params.runId),
  );
};
