import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_STEPS, STEP_KINDS } from '../../workflows/definition.js';
import type { WorkflowRuntime } from '../../workflows/runtime.js';
import type { RunStatus, StepStatus } from '../../workflows/runs.js';
import { ValidationError } from '../../errors.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { ProblemSchema } from '../schemas.js';
import { locate } from '../location.js';

export interface WorkflowsRoutesOptions {
  workflows: WorkflowRuntime;
  cursors: CursorCodec;
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema };
const conflict = { 409: ProblemSchema };
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
const RunParams = Type.Object({ id: Type.String({ maxLength: 36 }) }, { additionalProperties: false });
const nullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const runStatus = Type.Unsafe<RunStatus>({ type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] });
const RunSummary = Type.Object({
  id: Type.String(),
  workflow: Type.String(),
  revision: Type.Integer(),
  status: runStatus,
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule')]),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: nullableTime,
  finishedAt: nullableTime,
});
const Run = Type.Intersect([
  RunSummary,
  Type.Object({
    input: Type.Unknown(),
    steps: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        status: Type.Unsafe<StepStatus>({ type: 'string', enum: ['pending', 'queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] }),
        attempts: Type.Integer(),
        output: Type.Unknown(),
        error: Type.Union([Type.String(), Type.Null()]),
        startedAt: nullableTime,
        finishedAt: nullableTime,
      }),
    ),
  }),
]);
const StartRun = Type.Object({ input: Type.Optional(Type.Unknown()) }, { additionalProperties: false });
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Workflow definitions (API.md "/v1/workflows/{name}"): define and drop (admin), read (viewer). */
export const workflowsRoutes: FastifyPluginAsyncTypebox<WorkflowsRoutesOptions> = async (app, { workflows: runtime, cursors }) => {
  const { definitions: workflows, runs } = runtime;
  const tags = ['workflows'];

  app.put(
    '/v1/workflows/:name',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Create or replace a workflow definition',
        description:
          "Within the tenant's plan: a new workflow past `maxWorkflows` is a 409 `limit_reached`; a schedule whose slots come closer than `minScheduleIntervalMs` is a 400.",
        tags,
        params: Params,
        body: Definition,
        response: { 200: Workflow, 201: Workflow, ...errors, ...conflict },
      },
    },
    async (request, reply) => {
      const { created, workflow } = await workflows.put(tenantContext(request).tenant, request.params.name, request.body);
      return reply.code(created ? 201 : 200).send(workflow);
    },
  );

  app.get(
    '/v1/workflows',
    { config: { minRole: 'viewer' }, schema: { summary: 'List workflows', tags, querystring: PageQuery, response: { 200: pageOf(Workflow), ...errors } } },
    async (request) => {
      const { tenant } = tenantContext(request);
      const page = await paginate(cursors, `workflows\0${tenant.id}`, request.query, (p) => workflows.list(tenant, p));
      return { items: page.items.map(({ id: _id, ...w }) => w), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/workflows/:name',
    { config: { minRole: 'viewer' }, schema: { summary: 'Read a workflow definition', tags, params: Params, response: { 200: Workflow, ...errors } } },
    async (request) => workflows.get(tenantContext(request).tenant, request.params.name),
  );

  app.delete(
    '/v1/workflows/:name',
    { config: { minRole: 'admin' }, schema: { summary: 'Drop a workflow definition', tags, params: Params, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await workflows.delete(tenantContext(request).tenant, request.params.name);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/workflows/:name/runs',
    {
      config: { minRole: 'member' },
      schema: {
        summary: 'Start a run',
        description: 'Queues the run and answers at once (202). With an `Idempotency-Key` header, repeating the request answers with the same run.',
        tags,
        params: Params,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: StartRun,
        response: { 202: Run, ...errors, 422: ProblemSchema },
      },
      // `curl -X POST …/runs` with no body starts a run with input null.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new ValidationError('Idempotency-Key must be 1-200 visible ASCII characters');
      const { run, created } = await runs.start(tenantContext(request).tenant, request.params.name, {
        input: request.body.input,
        idempotencyKey: key,
      });
      if (!created) reply.header('idempotent-replayed', 'true');
      return locate(request, reply, 'runs', run.id).code(202).send(run);
    },
  );

  app.get(
    '/v1/workflows/:name/runs',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: "List a workflow's runs, newest first",
        tags,
        params: Params,
        querystring: PageQuery,
        response: { 200: pageOf(RunSummary), ...errors },
      },
    },
    async (request) => {
      const { tenant } = tenantContext(request);
      const { name } = request.params;
      return paginate(cursors, `runs\0${tenant.id}\0${name}`, request.query, (p) => runs.list(tenant, name, p));
    },
  );

  app.get(
    '/v1/runs/:id',
    { config: { minRole: 'viewer' }, schema: { summary: 'Read a run and its steps', tags, params: RunParams, response: { 200: Run, ...errors } } },
    async (request) => runs.get(tenantContext(request).tenant, request.params.id),
  );

  app.post(
    '/v1/runs/:id/cancel',
    {
      config: { minRole: 'member' },
      schema: {
        summary: 'Cancel a queued or running run',
        description: 'Unfinished steps become `cancelled`; the result of a step running right now is discarded. A finished run → 409.',
        tags,
        params: RunParams,
        response: { 200: Run, ...errors, ...conflict },
      },
    },
    async (request) => runs.cancel(tenantContext(request).tenant, request.params.id),
  );
};
