import type { TenantryConfig } from './config.js';
import { ModelsService } from './ml/models.js';
import { TrainingPool } from './ml/worker-pool.js';
import { RecordsService } from './records/records.js';
import { Sandbox } from './sandbox/sandbox.js';
import { Tenantry } from './tenantry.js';
import type { EngineOptions } from './workflows/engine.js';
import { WorkflowRuntime } from './workflows/runtime.js';

/** One JSON line per event on stderr (the same shape as the server's pino lines, without pino). */
export function jsonLog(stream: NodeJS.WritableStream = process.stderr): NonNullable<EngineOptions['log']> {
  const levels = { info: 30, warn: 40, error: 50 } as const;
  return (level, msg, fields = {}) => {
    const err = fields.err as Error | undefined;
    stream.write(
      JSON.stringify({ level: levels[level], time: Date.now(), msg, ...fields, ...(err && { err: { message: err.message, stack: err.stack } }) }) + '\n',
    );
  };
}

/**
 * `tenantry worker`: run workflow steps only (no HTTP). SIGTERM/SIGINT stop claiming, let running steps
 * finish (or hand them back to the queue after the drain period), close pools and exit.
 */
export async function runWorker(config: TenantryConfig): Promise<void> {
  const log = jsonLog();
  const tenantry = await Tenantry.open({ config, onError: (err) => log('error', 'database pool error', { err }) });
  const pool = new TrainingPool();
  const sandbox = new Sandbox();
  const scopes = tenantry.withTenant.bind(tenantry);
  const models = new ModelsService(scopes, pool, (err, context) => log('error', 'model training failed', { err, ...context }));
  const runtime = new WorkflowRuntime(tenantry, new RecordsService(tenantry, sandbox), models, sandbox);
  const engine = runtime.startEngine({ log });
  log('info', 'tenantry worker started', { worker: engine.workerId, concurrency: engine.concurrency });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('info', 'tenantry worker stopping', { signal, running: engine.inFlight });
    try {
      await runtime.stopEngine();
      await pool.close();
      await models.idle();
      await sandbox.close();
    } finally {
      await tenantry.close();
    }
    log('info', 'tenantry worker stopped', { ...engine.stats });
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
