import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * `Location` of what a 201 or 202 created (RFC 9110 §10.2.2), on the path the client used: under
 * `/t/{tenant}` when the request came that way.
 */
export function locate(request: FastifyRequest, reply: FastifyReply, ...segments: string[]): FastifyReply {
  const tenant = (request.params as { tenant?: string } | undefined)?.tenant;
  const path = `/v1/${segments.map(encodeURIComponent).join('/')}`;
  return reply.header('location', tenant !== undefined ? `/t/${encodeURIComponent(tenant)}${path}` : path);
}
