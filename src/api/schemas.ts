import { Type } from '@fastify/type-provider-typebox';

/** RFC 9457 problem details (src/api/plugins/problem.ts). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
  },
  { $id: 'Problem' },
);
