import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  // An internal error says nothing internal: the detail stays in the log. (503 `busy` says what is full.)
  return { type: `urn:tenantry:error:${code}`, title, status, detail: status >= 500 && code !== 'busy' ? 'an internal error occurred' : detail, code };
}

/** Fastify's own client errors, by status, mapped onto the registry. */
const FASTIFY_CLIENT_ERRORS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
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
    if (body.code === 'busy') request.log.warn({ err: error }, 'request refused: busy');
    else if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    // Every 429 and 503 says when to come back (API.md); refusals that know better set it themselves.
    if ((body.status === 429 || body.code === 'busy') && !reply.hasHeader('Retry-After')) reply.header('Retry-After', 1);
    return reply.code(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(problem('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
});

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route or hook runs (a path with
 * broken percent-encoding, a path parameter past the router's length limit), as problems too.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? problem('uri_too_long', 'a path parameter is longer than any identifier can be')
      : problem('validation_failed', 'the URL is not valid: it has a malformed percent-encoding');
  void reply.code(body.status).type('application/problem+json').send(body);
}

/**
 * Node's `clientError` (Fastify's `clientErrorHandler`): a request Node's HTTP parser refused — headers
 * over its size limit, a timeout, bytes that are not HTTP — answered as a problem, then closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problem('headers_too_large', 'the request line and headers are larger than the server accepts')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? problem('request_timeout', 'the request did not arrive in time')
        : problem('validation_failed', 'the request is not valid HTTP');
  const text = JSON.stringify(body);
  // Written, then the socket dropped, as Fastify's own handler does (Node cannot answer more on it).
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.status} ${body.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
