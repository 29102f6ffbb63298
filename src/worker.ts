import { createLogger, serviceLog } from './logging.js';
import type { TenantryConfig } from './config.js';
import { buildOpsServer } from './ops-server.js';
import { engineDrainMs } from './server.js';
import { Services } from './services.js';
import { exitGracefullyOnSignals } from './shutdown.js';

/**
 * `tenantry worker`: run workflow steps (no API), with /healthz, /readyz and /metrics on
 * TENANTRY_WORKER_PORT. SIGTERM/SIGINT (shutdown.ts): readiness fails, then the engine stops claiming,
 * lets running steps finish (handing back those still running after its drain period), pools close,
 * and the process exits 0.
 */
export async function runWorker(config: TenantryConfig): Promise<void> {
  const log = createLogger({ level: config.logLevel, format: config.logFormat, base: { process: 'worker' } });
  const services = await Services.open({ config, log: serviceLog(log), processMetrics: true, onError: (err) => log.error({ err }, 'database pool error') });
  let draining = false;
  const ops = await buildOpsServer({
    metrics: services.metrics,
    logger: log,
    notReady: async () => {
      if (draining) return 'draining';
      await services.tenantry.catalog.clusterNames();
      return undefined;
    },
  });
  try {
    await ops.listen({ host: config.host, port: config.workerPort });
  } catch (error) {
    await services.close().catch(() => {});
    const { ListenError } = await import('./server.js');
    throw new ListenError(config.host, config.workerPort, error);
  }
  const engine = services.workflows.startEngine({ log: serviceLog(log), drainMs: engineDrainMs(config) });
  log.info({ worker: engine.workerId, concurrency: engine.concurrency, health: ops.addresses()[0] }, 'tenantry worker started');
  exitGracefullyOnSignals({
    log,
    delayMs: config.shutdownDelayMs,
    timeoutMs: config.shutdownTimeoutMs,
    begin: () => void (draining = true),
    drain: async () => {
      log.info({ running: engine.inFlight }, 'tenantry worker stopping');
      await services.close();
      log.info({ ...engine.stats }, 'tenantry worker stopped');
      await ops.close();
    },
  });
}
