import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_STEPS, STEP_KINDS } from '../../workflows/definition.js';
import type { WorkflowRuntime } from '../../workflows/runtime.js';
import type { RunStatus, StepStatus } from '../../workflows/runs.js';
import { ValidationError } from '../../errors.js';
import type { CursorCodec } from '../cursor.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import { tenantContext } from '../plugins/tenant-auth.js';
import { Timestamp, component, empty, json, problems, stringEnum } from '../schemas.js';
import { locate } from '../location.js';

export interface WorkflowsRoutesOptions {
  workflows: WorkflowRuntime;
  cursors: CursorCodec;
}

const Step = Type.Object(
  {
    id: Type.String({ maxLength: 63, description: 'Unique in the workflow: letters, digits, _ and -' }),
    kind: stringEnum(STEP_KINDS),
    needs: Type.Optional(
      Type.Array(Type.String({ maxLength: 63 }), {
        maxItems: MAX_STEPS,
        uniqueItems: true,
        description: 'Steps that must succeed first (their outputs are in steps.<id>)',
      }),
    ),
    with: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'The parameters of the kind; a value {"$expr": "…"} is a JSONata expression over {input, steps}',
      }),
    ),
    retry: Type.Optional(
      Type.Object(
        {
          attempts: Type.Integer({ minimum: 1, maximum: 20 }),
          backoff: Type.Optional(
            Type.Object(
              { type: stringEnum(['exponential', 'fixed']), delayMs: Type.Integer({ minimum: 1, maximum: 3_600_000 }) },
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
  {
    cron: Type.String({ maxLength: 120, description: 'Five or six cron fields' }),
    timezone: Type.Optional(Type.String({ maxLength: 64, description: 'An IANA time zone; default UTC' })),
  },
  { additionalProperties: false, description: 'Start a run on this schedule (no closer than the plan allows)' },
);
const WORKFLOW_EXAMPLE = {
  steps: [
    { id: 'open', kind: 'records.query', with: { collection: 'orders', filter: { status: 'open' } } },
    { id: 'sum', kind: 'transform', needs: ['open'], with: { expression: '$sum(steps.open.items.data.total)' }, retry: { attempts: 3 } },
  ],
  schedule: { cron: '0 * * * *' },
};
const Definition = Type.Object(
  { steps: Type.Array(Step, { minItems: 1, maxItems: MAX_STEPS }), schedule: Type.Optional(Schedule) },
  {
    additionalProperties: false,
    examples: [WORKFLOW_EXAMPLE],
  },
);
const WorkflowStep = component('WorkflowStep', { ...Step, description: 'A step of a workflow definition' });
const Workflow = component(
  'Workflow',
  Type.Object(
    {
      name: Type.String(),
      steps: Type.Array(WorkflowStep.ref),
      schedule: Type.Optional(Schedule),
      revision: Type.Integer({ minimum: 1, description: 'Goes up by one with every replacement' }),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    },
    { description: 'A workflow definition' },
  ),
);
export const WorkflowPage = component('WorkflowPage', pageOf(Workflow.ref, 'A page of workflows'));
const Params = Type.Object({ name: Type.String({ maxLength: 63, description: 'The workflow' }) }, { additionalProperties: false });
const RunParams = Type.Object({ id: Type.String({ maxLength: 36, description: 'The run id' }) }, { additionalProperties: false });
const nullableTime = Type.Union([Timestamp, Type.Null()]);
const runStatus = stringEnum(['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly RunStatus[]);
const runSummaryProperties = {
  id: Type.String({ format: 'uuid' }),
  workflow: Type.String(),
  revision: Type.Integer({ description: 'The revision of the definition it runs' }),
  status: runStatus,
  trigger: stringEnum(['manual', 'schedule']),
  createdAt: Timestamp,
  startedAt: nullableTime,
  finishedAt: nullableTime,
};
const RunSummary = component('RunSummary', Type.Object(runSummaryProperties, { description: 'A run, without its input and steps' }));
export const RunPage = component('RunPage', pageOf(RunSummary.ref, 'A page of runs, newest first'));
const RunStep = component(
  'RunStep',
  Type.Object(
    {
      id: Type.String(),
      kind: Type.String(),
      status: stringEnum(['pending', 'queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const satisfies readonly StepStatus[]),
      attempts: Type.Integer(),
      output: Type.Unknown({ description: 'What the step produced (null until it succeeds)' }),
      error: Type.Union([Type.String(), Type.Null()]),
      startedAt: nullableTime,
      finishedAt: nullableTime,
    },
    { description: 'A step of a run' },
  ),
);
export const Run = component(
  'Run',
  Type.Object(
    { ...runSummaryProperties, input: Type.Unknown({ description: 'The input it was started with (null for none)' }), steps: Type.Array(RunStep.ref) },
    { description: 'A run of a workflow, with its steps' },
  ),
);
const RUN_EXAMPLE = {
  id: '01943c1f-2b3c-7d4e-8f5a-6b7c8d9e0f1a',
  workflow: 'nightly',
  revision: 1,
  status: 'queued',
  trigger: 'manual',
  createdAt: '2026-01-05T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  input: { since: '2026-01-01' },
  steps: [
    { id: 'open', kind: 'records.query', status: 'queued', attempts: 0, output: null, error: null, startedAt: null, finishedAt: null },
    { id: 'sum', kind: 'transform', status: 'pending', attempts: 0, output: null, error: null, startedAt: null, finishedAt: null },
  ],
};
const StartRun = Type.Object(
  { input: Type.Optional(Type.Unknown({ description: "Any JSON: the run's input, as `input` in expressions" })) },
  { additionalProperties: false, examples: [{ input: { since: '2026-01-01' } }] },
);
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
          "Steps run when the steps they need have succeeded; runs already started keep the revision they started with. Admin role. 400 for a definition that does not hold together (unknown step, cycle, bad parameters, a schedule whose slots come closer than the plan's `minScheduleIntervalMs`); 409 `limit_reached` for a new workflow past `maxWorkflows`.",
        tags,
        params: Params,
        body: Definition,
        response: {
          200: json('Replaced: the next revision', Workflow.ref),
          201: json('Created: revision 1', Workflow.ref, {
            headers: ['Location'],
            example: { name: 'nightly', ...WORKFLOW_EXAMPLE, revision: 1, createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z' },
          }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { created, workflow } = await workflows.put(tenantContext(request).tenant, request.params.name, request.body);
      // A 201 says where the new workflow is (API.md: every 201/202 carries Location); a replacement is a 200 at the URL asked.
      if (created) locate(request, reply, 'workflows', workflow.name);
      return reply.code(created ? 201 : 200).send(workflow);
    },
  );

  app.get(
    '/v1/workflows',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'List workflows',
        description: 'Workflow definitions by name, a page at a time. Any role. 400 `invalid_cursor`.',
        tags,
        querystring: PageQuery,
        response: { 200: json('A page of workflows', WorkflowPage.ref), ...problems(400) },
      },
    },
    async (request) => {
      const { tenant } = tenantContext(request);
      const page = await paginate(cursors, `workflows\0${tenant.id}`, request.query, (p) => workflows.list(tenant, p));
      return { items: page.items.map(({ id: _id, ...w }) => w), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/workflows/:name',
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'Read a workflow definition',
        description: 'The current revision. Any role.',
        tags,
        params: Params,
        response: { 200: json('The workflow', Workflow.ref), ...problems(400, 404) },
      },
    },
    async (request) => workflows.get(tenantContext(request).tenant, request.params.name),
  );

  app.delete(
    '/v1/workflows/:name',
    {
      config: { minRole: 'admin' },
      schema: {
        summary: 'Drop a workflow definition',
        description: 'Its schedule stops. Admin role.',
        tags,
        params: Params,
        response: { 204: empty('Dropped'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      await workflows.delete(tenantContext(request).tenant, request.params.name);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/workflows/:name/runs',
    {
      config: { minRole: 'member', shed: true },
      schema: {
        summary: 'Start a run',
        description:
          "Queues a run of the current revision and answers at once (202); poll the run (Location) for its steps. The body may be left out (input null). With an `Idempotency-Key`, repeating the request answers with the same run and `Idempotent-Replayed: true`; the same key with another body is a 422. Member role. 429 also when the tenant's queue of runs is full.",
        tags,
        params: Params,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ maxLength: 200, description: '1-200 visible ASCII characters naming this start' })),
        }),
        body: StartRun,
        response: {
          202: json('The run, queued', Run.ref, { headers: ['Location', 'Idempotent-Replayed'], example: RUN_EXAMPLE }),
          ...problems(400, 404, 422),
        },
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
        description: 'Runs without their input and steps, newest first. Any role. 400 `invalid_cursor`.',
        tags,
        params: Params,
        querystring: PageQuery,
        response: { 200: json('A page of runs', RunPage.ref), ...problems(400, 404) },
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
    {
      config: { minRole: 'viewer' },
      schema: {
        summary: 'Read a run and its steps',
        description: "The run's status, input and every step's status, attempts, output and error. Any role.",
        tags,
        params: RunParams,
        response: { 200: json('The run', Run.ref, { example: RUN_EXAMPLE }), ...problems(400, 404) },
      },
    },
    async (request) => runs.get(tenantContext(request).tenant, request.params.id),
  );

  app.post(
    '/v1/runs/:id/cancel',
    {
      config: { minRole: 'member' },
      schema: {
        summary: 'Cancel a queued or running run',
        description:
          'Unfinished steps become `cancelled`; the result of a step running right now is discarded. Member role. 409 `run_finished` for a run that has finished.',
        tags,
        params: RunParams,
        response: { 200: json('The run, cancelled', Run.ref), ...problems(400, 404, 409) },
      },
    },
    async (request) => runs.cancel(tenantContext(request).tenant, request.params.id),
  );
};
