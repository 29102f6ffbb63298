import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TenantryError } from '../../errors.js';
import { TENANT_ID_PATTERN } from '../../storage/names.js';
import { ISOLATIONS } from '../../storage/placement.js';
import type { KeyRotation } from '../../tenancy/key-rotation.js';
import type { TenantLifecycle } from '../../tenancy/lifecycle.js';
import { OPERATION_KINDS, OPERATION_STATUSES, operationJson, type Operations } from '../../tenancy/operations.js';
import type { CursorCodec } from '../cursor.js';
import { locate } from '../location.js';
import { PageQuery, pageOf, paginate } from '../pagination.js';
import { Timestamp, component, json, problems, stringEnum } from '../schemas.js';

export interface OperationRoutesOptions {
  tenants: TenantLifecycle;
  keyRotation: KeyRotation;
  operations: Operations;
  cursors: CursorCodec;
}

export const Operation = component(
  'Operation',
  Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      kind: stringEnum(OPERATION_KINDS, { description: 'What the operation does' }),
      tenantId: Type.Union([Type.String(), Type.Null()], { description: 'The tenant it works on' }),
      status: stringEnum(OPERATION_STATUSES, { description: 'queued → running → succeeded or failed' }),
      step: Type.Union([Type.String(), Type.Null()], { description: 'What it is doing now, or did last' }),
      progress: Type.Object({ done: Type.Integer(), total: Type.Union([Type.Integer(), Type.Null()]) }, { description: 'Steps (or items) done of total' }),
      error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed' }),
      attempts: Type.Integer({ description: 'Runs started; more than one when a process resumed it' }),
      createdAt: Timestamp,
      startedAt: Type.Union([Timestamp, Type.Null()]),
      finishedAt: Type.Union([Timestamp, Type.Null()]),
      updatedAt: Timestamp,
    },
    { description: 'Long-running control-plane work (a deletion, …) and where it stands' },
  ),
);
const OperationPage = component('OperationPage', pageOf(Operation.ref));

const OPERATION_EXAMPLE = {
  id: '01936d2a-7c4e-7b1a-9f3e-2d5c8a1b4e6f',
  kind: 'delete',
  tenantId: 'acme',
  status: 'running',
  step: 'dropping its storage',
  progress: { done: 2, total: 4 },
  error: null,
  attempts: 1,
  createdAt: '2026-01-05T10:00:00.000Z',
  startedAt: '2026-01-05T10:00:00.050Z',
  finishedAt: null,
  updatedAt: '2026-01-05T10:00:00.120Z',
};

const OperationId = Type.Object({ id: Type.String({ format: 'uuid', description: 'The operation id' }) }, { additionalProperties: false });
const TenantId = Type.Object({ id: Type.String({ pattern: TENANT_ID_PATTERN.source, description: 'The tenant id' }) }, { additionalProperties: false });
const ListQuery = Type.Object(
  {
    ...PageQuery.properties,
    tenant: Type.Optional(Type.String({ pattern: TENANT_ID_PATTERN.source, description: "Only this tenant's operations" })),
    status: Type.Optional(stringEnum(OPERATION_STATUSES, { description: 'Only operations in this status' })),
    kind: Type.Optional(stringEnum(OPERATION_KINDS, { description: 'Only operations of this kind' })),
  },
  { additionalProperties: false },
);

/**
 * Long-running control-plane work (API.md: `DELETE /v1/tenants/{id}` → 202 operation, `GET
 * /v1/operations[/{id}]`). Registered inside the control plane's plugin, behind its admin check.
 */
export const operationRoutes: FastifyPluginAsyncTypebox<OperationRoutesOptions> = async (app, { tenants, keyRotation, operations, cursors }) => {
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
        response: {
          202: json('The deletion, queued or under way', Operation.ref, { headers: ['Location'], example: OPERATION_EXAMPLE }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { operation } = await tenants.requestDelete(request.params.id);
      return locate(request, reply, 'operations', operation.id).code(202).send(operationJson(operation));
    },
  );

  app.post(
    '/v1/tenants/:id/move',
    {
      schema: {
        summary: 'Move a tenant to another strategy or cluster (an operation)',
        description:
          'Online: the tenant keeps reading and writing while its data is copied; at the switch its writes wait (they do not fail) while the last changes are caught up and every table is verified (row count and checksum), then the catalog records the new place and the old one is removed. A failure before the switch leaves the tenant where it was. 400 `unknown_isolation`, `unknown_cluster`, `validation_failed` (already there); 409 `tenant_not_ready` (not active or suspended, or another operation under way).',
        tags,
        params: TenantId,
        body: Type.Object(
          {
            isolation: Type.Optional(stringEnum(ISOLATIONS, { description: 'Where to: default, where it is' })),
            cluster: Type.Optional(Type.String({ description: 'A configured cluster; default, where it is' })),
          },
          { additionalProperties: false, minProperties: 1, examples: [{ isolation: 'database' }] },
        ),
        response: {
          202: json('The move, queued or under way', Operation.ref, {
            headers: ['Location'],
            example: { ...OPERATION_EXAMPLE, kind: 'move', step: 'copying' },
          }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { operation } = await tenants.requestMove(request.params.id, request.body);
      return locate(request, reply, 'operations', operation.id).code(202).send(operationJson(operation));
    },
  );

  app.post(
    '/v1/tenants/:id/keys/rotate',
    {
      schema: {
        summary: "Rotate a tenant's data key (an operation)",
        description:
          'Adds a new data key version at once (new writes are encrypted under it), then re-encrypts every record sealed under an older version in the background and destroys the older versions; until then they stay readable. Asking while a rotation is under way answers it. 404 `tenant_not_found`; 409 `tenant_not_ready` (not active or suspended, or another operation under way).',
        tags,
        params: TenantId,
        response: {
          202: json('The re-encryption, queued or under way', Operation.ref, {
            headers: ['Location'],
            example: { ...OPERATION_EXAMPLE, kind: 'rotate-key', step: 're-encrypting under key version 2', progress: { done: 200, total: 1000 } },
          }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { operation } = await keyRotation.request(request.params.id);
      return locate(request, reply, 'operations', operation.id).code(202).send(operationJson(operation));
    },
  );

  app.get(
    '/v1/operations',
    {
      schema: {
        summary: 'List operations, newest first',
        description:
          'Every operation, newest first, a page at a time; filtered by tenant, status and kind. 400 `invalid_cursor` for a cursor this list (with these filters) did not sign.',
        tags,
        querystring: ListQuery,
        response: { 200: json('A page of operations', OperationPage.ref, { example: { items: [OPERATION_EXAMPLE], nextCursor: null } }), ...problems(400) },
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
    {
      schema: {
        summary: 'Read an operation',
        description: 'Its status, current step, progress and error. 404 `not_found`.',
        tags,
        params: OperationId,
        response: { 200: json('The operation', Operation.ref, { example: OPERATION_EXAMPLE }), ...problems(400, 404) },
      },
    },
    async (request) => {
      const operation = await operations.get(request.params.id);
      if (!operation) throw new TenantryError('not_found', `operation '${request.params.id}' does not exist`);
      return operationJson(operation);
    },
  );
};
