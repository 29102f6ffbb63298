import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { TenantScope } from '../../storage/scope.js';
import type { Tenantry } from '../../tenantry.js';
import { MAX_STEPS, STEP_KINDS } from '../../workflows/definition.js';
import type { WorkflowsService } from '../../workflows/workflows.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { ProblemSchema } from '../schemas.js';

export interface WorkflowsRoutesOptions {
  tenantry: Tenantry;
  workflows: WorkflowsService;
  cursors: CursorCodec;
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema };
const Step = Type.Object(
  {
    id: Type.String({ maxLength: 63 }),
    kind: Type.Union(STEP_KINDS.map((k) => Type.Literal(k))),
    needs: Type.Optional(Type.Array(Type.String({ maxLength: 63 }), { maxItems: MAX_STEPS, uniqueItems: true })),
    with: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    retry: Type.Optional(
      Type.Object(
        {
          attempts: Type.Integer({ minimum: 1, maximum: 20 }),
          backoff: Type.Optional(
            Type.Object(
              { type: Type.Union([Type.Literal('exponential'), Type.Literal('fixed')]), delayMs: Type.Integer({ minimum: 1, maximum: 3_600_000 }) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400_000 })),
  },
  { additionalProperties: false },
);
const Schedule = Type.Object(
  { cron: Type.String({ maxLength: 120 }), timezone: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
const Definition = Type.Object(
  { steps: Type.Array(Step, { minItems: 1, maxItems: MAX_STEPS }), schedule: Type.Optional(Schedule) },
  { additionalProperties: false },
);
const Workflow = Type.Object({
  name: Type.String(),
  steps: Type.Array(Type.Unknown()),
  schedule: Type.Optional(Type.Unknown()),
  revision: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const Params = Type.Object({ name: Type.String({ maxLength: 63 }) }, { additionalProperties: false });

/** Workflow definitions (API.md "/v1/workflows/{name}"): define and drop (admin), read (viewer). */
export const workflowsRoutes: FastifyPluginAsyncTypebox<WorkflowsRoutesOptions> = async (app, { tenantry, workflows, cursors }) => {
  const tags = ['workflows'];
  const inScope = <T>(request: FastifyRequest, fn: (scope: TenantScope) => Promise<T>): Promise<T> => tenantry.withTenant(tenantContext(request).tenant.id, fn);

  app.put(
    '/v1/workflows/:name',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Create or replace a workflow definition',
        tags,
        params: Params,
        body: Definition,
        response: { 200: Workflow, 201: Workflow, ...errors },
      },
    },
    async (request, reply) => {
      const { created, workflow } = await inScope(request, (s) => workflows.put(s, request.params.name, request.body));
      return reply.code(created ? 201 : 200).send(workflow);
    },
  );

  app.get(
    '/v1/workflows',
    { config: { minRole: 'viewer' }, schema: { summary: 'List workflows', tags, querystring: PageQuery, response: { 200: pageOf(Workflow), ...errors } } },
    async (request) => {
      const tenant = tenantContext(request).tenant.id;
      const page = await paginate(cursors, `workflows\0${tenant}`, request.query, (p) => inScope(request, (s) => workflows.list(s, p)));
      return { items: page.items.map(({ id: _id, ...w }) => w), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/workflows/:name',
    { config: { minRole: 'viewer' }, schema: { summary: 'Read a workflow definition', tags, params: Params, response: { 200: Workflow, ...errors } } },
    async (request) => inScope(request, (s) => workflows.get(s, request.params.name)),
  );

  app.delete(
    '/v1/workflows/:name',
    { config: { minRole: 'admin' }, schema: { summary: 'Drop a workflow definition', tags, params: Params, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await inScope(request, (s) => workflows.delete(s, request.params.name));
      return reply.code(204).send(null);
    },
  );
};
