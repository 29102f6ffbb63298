import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TenantryConfig } from '../../src/config.js';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli/main.js');

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the worker logged that it started. */
  ready: Promise<void>;
  /** Everything the worker wrote (its JSON log on stdout, and stderr). */
  log: () => string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to release anything. */
  kill(): Promise<void>;
}

/**
 * Start `tenantry worker` (the built CLI, as an operator would) on the test environment's first
 * cluster (a PostgreSQL URL), with `env` added.
 */
export function startWorker(config: TenantryConfig, env: Record<string, string> = {}): WorkerProcess {
  const url = config.clusters[0]!.url;
  if (!url) throw new Error('worker processes need a PostgreSQL cluster');
  const child = spawn(process.execPath, [CLI, 'worker'], {
    // Its health port anywhere free; info, so that it says when it has started.
    env: {
      ...process.env,
      TENANTRY_DATABASE_URL: url,
      TENANTRY_DATA_DIR: config.dataDir,
      ...(config.masterKey && { TENANTRY_MASTER_KEY: config.masterKey }),
      TENANTRY_LOG_LEVEL: 'info',
      TENANTRY_WORKER_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    // Its log (pino, stdout) and anything Node itself says (stderr), in one.
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('tenantry worker started')) resolve();
      });
    }
    void exited.then((code) => reject(new Error(`worker exited (${code}) before starting:\n${stderr}`)));
  });
  ready.catch(() => {});
  return {
    child,
    ready,
    log: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
