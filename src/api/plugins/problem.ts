import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERROR_CODES, TenantryError, type ErrorCode, type ValidationError } from '../../errors.js';

/** RFC 9457 problem details, the only error body the API sends. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  /** The request path the problem is about. */
  instance?: string;
  /** The request id (honoured from X-Request-Id, echoed in the response header). */
  requestId?: string;
  /** Every problem found in the request (a 400 from schema validation). */
  errors?: FieldProblem[];
}

/** One problem with one part of a request: where (a JSON pointer) and what. */
export interface FieldProblem {
  pointer: string;
  message: string;
}

/** At most this many field problems are listed (the first ones found). */
const MAX_FIELD_PROBLEMS = 20;

interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Ajv's errors as field problems: unknown properties and missing ones named in the pointer, enums and
 * unions of constants listing their allowed values once (not "must be equal to constant" per value).
 */
export function fieldProblems(errors: readonly AjvError[], context: string | undefined): FieldProblem[] {
  const where = context === 'querystring' ? '/query' : context === 'params' ? '/path' : context === 'headers' ? '/headers' : '';
  const allowed = new Map<string, unknown[]>();
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  // Bounded: a 1 MiB body of unknown properties is ~100k errors; the first ones say enough.
  for (const e of errors.slice(0, MAX_FIELD_PROBLEMS * 10)) {
    if (problems.length >= MAX_FIELD_PROBLEMS) break;
    let pointer = `${where}${e.instancePath}`;
    let message = e.message ?? e.keyword;
    if (e.keyword === 'additionalProperties') {
      pointer += `/${escapePointer(String(e.params.additionalProperty))}`;
      message = `unknown property '${String(e.params.additionalProperty)}'`;
    } else if (e.keyword === 'required') {
      pointer += `/${escapePointer(String(e.params.missingProperty))}`;
      message = 'is required';
    } else if (e.keyword === 'const' || e.keyword === 'enum') {
      const values = e.keyword === 'const' ? [e.params.allowedValue] : (e.params.allowedValues as unknown[]);
      allowed.set(pointer, [...(allowed.get(pointer) ?? []), ...values]);
      continue;
    } else if (e.keyword === 'anyOf' && allowed.has(pointer)) {
      continue;
    }
    const key = `${pointer}\0${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ pointer, message });
    }
  }
  for (const [pointer, values] of allowed) {
    const list = [...new Set(values.map((v) => JSON.stringify(v)))].join(', ');
    problems.push({ pointer, message: `must be one of ${list}` });
  }
  // An anyOf whose branches were all constants was answered by the list above.
  return problems.filter((p) => !(allowed.has(p.pointer) && /anyOf/.test(p.message))).slice(0, MAX_FIELD_PROBLEMS);
}

/** A problem's `detail` from its field problems: the first few, each with where it is. */
function describe(problems: readonly FieldProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.pointer || 'the body'}: ${p.message}`);
  return shown.join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}

/**
 * Server-side errors whose detail is written for the caller: what is full (`busy`), why the request
 * was shed (`overloaded`: the plan and the pressure, never another tenant's anything), which record's
 * encrypted field failed authentication (`data_corrupt`), which key version is missing (`key_unavailable`).
 */
const TOLD_5XX: ReadonlySet<ErrorCode> = new Set(['busy', 'overloaded', 'data_corrupt', 'key_unavailable']);

export function problem(code: ErrorCode, detail: string): Problem {
  const { status, title } = ERROR_CODES[code];
  // An internal error says nothing internal: the detail stays in the log.
  return { type: `urn:tenantry:error:${code}`, title, status, detail: status >= 500 && !TOLD_5XX.has(code) ? 'an internal error occurred' : detail, code };
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

/** Any error as the problem it is answered with (TenantryError by its code; Fastify's and other frameworks' client errors by `statusCode`; anything else 500). */
export function toProblem(error: FastifyError | Error): Problem {
  if (error instanceof TenantryError) {
    // A 400 always lists its problems, so clients read one shape: here the one the service found.
    if (error.code === 'validation_failed') {
      return { ...problem(error.code, error.message), errors: [{ pointer: (error as ValidationError).pointer ?? '', message: error.message }] };
    }
    return problem(error.code, error.message);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = fieldProblems(fastifyError.validation as unknown as AjvError[], fastifyError.validationContext);
    return { ...problem('validation_failed', errors.length > 0 ? describe(errors) : error.message), errors };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status < 500) return problem(FASTIFY_CLIENT_ERRORS[status] ?? 'validation_failed', error.message);
  return problem('internal', error.message);
}

/**
 * A problem's `instance`: the request's path, without its query, and with the tenant a `/t/{tenant}`
 * path names left out — an error never carries another tenant's id, even one the caller sent.
 */
function instanceOf(request: FastifyRequest): string {
  return request.url.split('?')[0]!.replace(/^\/t\/[^/]*/, '/t/{tenant}');
}

/** Every error as application/problem+json (the error handler of problemPlugin and of tenantry/fastify). */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body: Problem = { ...toProblem(error), instance: instanceOf(request), requestId: request.id };
  if (body.code === 'busy') request.log.warn({ err: error }, 'request refused: busy');
  // A shed request is counted (tenantry_shed_requests_total) and has its completion line; a warning
  // each would add to the overload it is shed for.
  else if (body.code === 'overloaded') request.log.debug('request shed');
  else if (body.status >= 500) request.log.error({ err: error }, 'request failed');
  // Every 429 and 503 says when to come back (API.md); refusals that know better set it themselves.
  if ((body.status === 429 || body.status === 503) && !reply.hasHeader('Retry-After')) {
    reply.header('Retry-After', (error instanceof TenantryError && error.retryAfter) || 1);
  }
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Every error and every unknown route becomes application/problem+json. */
export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({ ...problem('not_found', `no route ${request.method} ${instanceOf(request)}`), instance: instanceOf(request), requestId: request.id }),
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
