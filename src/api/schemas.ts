import { Type } from '@fastify/type-provider-typebox';

/** RFC 9457 problem details (src/api/plugins/problem.ts). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String({ description: 'The request path this problem is about' })),
    requestId: Type.Optional(Type.String({ description: 'The request id (X-Request-Id), for the logs' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name>' }),
          message: Type.String(),
        }),
        { description: 'Every problem a 400 found in the request' },
      ),
    ),
  },
  { $id: 'Problem' },
);

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('member'), Type.Literal('viewer')]);

export const NewApiKey = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), role: RoleSchema }, { additionalProperties: false });

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** The only response that ever carries a key's secret. */
export const ApiKeyCreated = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  key: Type.String({ description: 'tnty_<keyId>_<secret>; shown once' }),
});
