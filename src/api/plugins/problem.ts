import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ERROR_CODES, TenantryError, type ErrorCode } from '../../errors.js';

/** RFC 9457 problem details, the only error body the API sends. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
}

export function problem(code: ErrorCode, detail: string): Problem {
  const { status, title } = ERROR_CODES[code];
  // A 5xx says nothing internal: the detail stays in the log.
  return { type: `urn:tenantry:error:${code}`, title, status, detail: status >= 500 ? 'an internal error occurred' : detail, code };
}

/** Fastify's own client errors, by status, mapped onto the registry. */
const FASTIFY_CLIENT_ERRORS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function toProblem(error: FastifyError | Error): Problem {
  if (error instanceof TenantryError) return problem(error.code, error.message);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return problem('validation_failed', error.message);
  const status = fastifyError.statusCode;
  if (status !== undefined && status < 500) return problem(FASTIFY_CLIENT_ERRORS[status] ?? 'validation_failed', error.message);
  return problem('internal', error.message);
}

/** Every error and every unknown route becomes application/problem+json. */
export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    // Every 429 says when to come back (API.md); refusals that know better set it themselves.
    if (body.status === 429 && !reply.hasHeader('Retry-After')) reply.header('Retry-After', 1);
    return reply.code(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(problem('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
});
