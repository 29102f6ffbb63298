import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TenantryError } from '../../errors.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';
import { OPERATION_KINDS, OPERATION_STATUSES, operationJson, type Operations } from '../../tenancy/operations.js';
import type { CursorCodec } from '../cursor.js';
import { locate } from '../location.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import { ProblemSchema } from '../schemas.js';

export interface OperationRoutesOptions {
  tenants: TenantLifecycle;
  operations: Operations;
  cursors: CursorCodec;
}

const enumOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const OperationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: enumOf(OPERATION_KINDS, 'What the operation does'),
    tenantId: Type.Union([Type.String(), Type.Null()]),
    status: enumOf(OPERATION_STATUSES, 'queued → running → succeeded or failed'),
    step: Type.Union([Type.String(), Type.Null()], { description: 'What it is doing now, or did last' }),
    progress: Type.Object({ done: Type.Integer(), total: Type.Union([Type.Integer(), Type.Null()]) }),
    error: Type.Union([Type.String(), Type.Null()]),
    attempts: Type.Integer({ description: 'Runs started; more than one when a process resumed it' }),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Operation' },
);

const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };
const OperationId = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const TenantId = Type.Object({ id: Type.String({ pattern: TENANT_ID_PATTERN.source }) }, { additionalProperties: false });
const ListQuery = Type.Object(
  {
    ...PageQuery.properties,
    tenant: Type.Optional(Type.String({ pattern: TENANT_ID_PATTERN.source, description: "Only this tenant's operations" })),
    status: Type.Optional(enumOf(OPERATION_STATUSES, 'Only operations in this status')),
    kind: Type.Optional(enumOf(OPERATION_KINDS, 'Only operations of this kind')),
  },
  { additionalProperties: false },
);

/**
 * Long-running control-plane work (API.md: `DELETE /v1/tenants/{id}` → 202 operation, `GET
 * /v1/operations[/{id}]`). Registered inside the control plane's plugin, behind its admin check.
 */
export const operationRoutes: FastifyPluginAsyncTypebox<OperationRoutesOptions> = async (app, { tenants, operations, cursors }) => {
  const tags = ['control plane'];

  app.delete(
    '/v1/tenants/:id',
    {
      schema: {
        summary: 'Delete a tenant (an operation)',
        description:
          'Its credentials stop working at once (the tenant is `deleting`); the operation then shuts the tenant out of its storage, drops it (rows, schema or database) and removes the tenant from the catalog, with its API keys and schedules. Asking again while it runs answers the same operation. Follow it at the `Location` given.',
        tags,
        params: TenantId,
        response: { 202: OperationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { operation } = await tenants.requestDelete(request.params.id);
      return locate(request, reply, 'operations', operation.id).code(202).send(operationJson(operation));
    },
  );

  app.get(
    '/v1/operations',
    {
      schema: {
        summary: 'List operations, newest first',
        tags,
        querystring: ListQuery,
        response: { 200: pageOf(OperationSchema), ...errors },
      },
    },
    async (request) => {
      const { tenant, status, kind } = request.query;
      const binding = `operations:${tenant ?? ''}:${status ?? ''}:${kind ?? ''}`;
      const page = await paginate(cursors, binding, request.query, (p) =>
        operations.list({ tenantId: tenant, status: status && [status], kind: kind && [kind], before: p.after, limit: p.limit }),
      );
      return { items: page.items.map(operationJson), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/operations/:id',
    { schema: { summary: 'Read an operation: status, progress, error', tags, params: OperationId, response: { 200: OperationSchema, ...errors } } },
    async (request) => {
      const operation = await operations.get(request.params.id);
      if (!operation) throw new TenantryError('not_found', `operation '${request.params.id}' does not exist`);
      return operationJson(operation);
    },
  );
};
