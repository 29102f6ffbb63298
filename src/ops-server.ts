/**
 * The operations listener: /healthz, /readyz and /metrics (without the admin token), for what runs
 * beside the process rather than for its clients — `tenantry worker`'s only HTTP (TENANTRY_WORKER_PORT),
 * and the API's internal metrics port (TENANTRY_METRICS_PORT). Bind it where only the cluster's
 * scrapers and probes reach it: it lists the busiest tenants' ids.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from './logging.js';
import type { Metrics } from './metrics.js';

export interface OpsServerOptions {
  metrics: Metrics;
  /** Undefined when ready, else why not (answered 503). */
  notReady: () => Promise<string | undefined>;
  logger: Logger;
}

export async function buildOpsServer({ metrics, notReady, logger }: OpsServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger.child({ listener: 'ops' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const why = await notReady().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    return why ? reply.code(503).send({ status: why }) : { status: 'ready' };
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  });
  return app;
}
