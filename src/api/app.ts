import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Tenantry } from '../tenantry.js';

export interface AppOptions {
  tenantry: Tenantry;
  logger?: FastifyServerOptions['logger'];
}

/**
 * The Fastify application, apart from listening (server.ts), so tests drive it with `inject`.
 * The tenant API (/v1) arrives with the HTTP API issue; for now the operations endpoints.
 */
export async function buildApp({ tenantry, logger = false }: AppOptions): Promise<FastifyInstance & { draining: boolean }> {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 }) as unknown as FastifyInstance & { draining: boolean };
  app.decorate('draining', false);

  app.get('/healthz', { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } }, async () => ({
    status: 'ok',
  }));

  app.get('/readyz', async (_request, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining' });
    try {
      await tenantry.catalog.clusterNames();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  return app;
}
