import net from 'node:net';
import path from 'node:path';
import { buildApp, type TenantryApp } from './api/app.js';
import { JwtVerifier } from './auth/jwt.js';
import { loadSecret } from './auth/secrets.js';
import { loadSheddingOn, type TenantryConfig } from './config.js';
import type { FastifyInstance } from 'fastify';
import { createLogger, serviceLog } from './logging.js';
import { buildOpsServer } from './ops-server.js';
import { Services } from './services.js';
import { exitGracefullyOnSignals } from './shutdown.js';

/** Why `listen` failed, in words, for the common causes. */
const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'address not available on this machine',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'host name lookup failed',
};

/** The server could not listen: one line saying where and why. */
export class ListenError extends Error {
  constructor(host: string, port: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const reason = (code && LISTEN_ERRORS[code]) ?? (cause instanceof Error ? cause.message : String(cause));
    super(`cannot listen on ${host.includes(':') ? `[${host}]` : host}:${port}: ${reason}`, { cause });
    this.name = 'ListenError';
  }
}

/**
 * Fail fast when the address is taken: bind it and let it go again, before opening storage (seconds for
 * embedded PGlite). Only a hint — the real listen can still fail, and is handled the same way.
 */
async function checkCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(new ListenError(host, port, error)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * Where a generated admin token is: on stderr, never on stdout (which carries the JSON log lines only),
 * and the value itself only when stderr is a terminal.
 */
export function announceAdminToken(token: string, file: string, stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): void {
  if (stderr.isTTY) stderr.write(`\nPlatform admin token (shown once; also in ${file}, mode 0600):\n  ${token}\n\n`);
  else stderr.write(`tenantry: generated the platform admin token into ${file} (mode 0600)\n`);
}

/**
 * Open storage, listen, and shut down gracefully on SIGTERM/SIGINT (shutdown.ts: fail readiness, keep
 * serving for TENANTRY_SHUTDOWN_DELAY_MS, drain within TENANTRY_SHUTDOWN_TIMEOUT_MS, close pools, exit).
 * When it cannot listen (or anything else fails before it serves) it closes what it opened — pools,
 * the sandbox's and the training pool's child processes — and rejects, so the process can exit.
 */
export async function serve(config: TenantryConfig): Promise<void> {
  await checkCanListen(config.host, config.port);
  if (config.metricsPort !== undefined) await checkCanListen(config.host, config.metricsPort);
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const admin = await loadSecret(config.dataDir, 'admin-token', config.adminToken);
  const cursor = await loadSecret(config.dataDir, 'cursor-secret', config.cursorSecret);
  // Kept in the data directory (mode 0600) for later starts; said once, on the first.
  if (admin.generated) announceAdminToken(admin.value, path.join(config.dataDir, 'admin-token'));
  const jwt = JwtVerifier.fromSettings(config.jwt);
  const services = await Services.open({
    config,
    log: serviceLog(log),
    processMetrics: true,
    onError: (err) => log.error({ err }, 'database pool error'),
  });
  let app: TenantryApp | undefined;
  let ops: FastifyInstance | undefined;
  try {
    app = await buildApp({
      services,
      adminToken: admin.value,
      adminTokenPrevious: config.adminTokenPrevious,
      cursorSecret: cursor.value,
      baseDomain: config.baseDomain,
      jwt,
      trustProxy: config.trustProxy,
      corsOrigins: config.corsOrigins,
      loggerInstance: log,
      rateLimits: { redisUrl: config.redisUrl, fail: config.redisFail, timeoutMs: config.redisTimeoutMs },
      loadShedding: loadSheddingOn(config)
        ? { eventLoopDelayMs: config.shedEventLoopDelayMs, dbWaiting: config.shedDbWaiting, sampleMs: config.shedSampleMs }
        : undefined,
    });
    await app.listen({ host: config.host, port: config.port }).catch((error: unknown) => {
      throw new ListenError(config.host, config.port, error);
    });
    if (config.metricsPort !== undefined) {
      const served = app;
      ops = await buildOpsServer({ metrics: services.metrics, logger: log, notReady: () => notReady(served, services) });
      const port = config.metricsPort;
      await ops.listen({ host: config.host, port }).catch((error: unknown) => {
        throw new ListenError(config.host, port, error);
      });
    }
  } catch (error) {
    // The app does not own the services it was given: close both.
    await ops?.close().catch(() => {});
    await app?.close().catch(() => {});
    await services.close().catch(() => {});
    throw error;
  }
  const running = app;
  // Control-plane operations (deletions, …) run here, and those a dead process left are resumed.
  services.tenantry.operations.start();
  // Workflow steps run in this process too unless TENANTRY_WORKERS=0 (then run `tenantry worker`).
  // It yields to the requests this process serves: its backlog runs in their gaps (InteractiveLoad).
  if (config.workers > 0)
    running.workflows.startEngine({ log: serviceLog(log), drainMs: engineDrainMs(config), interactive: () => running.interactive.waiting() });
  const connections = { last: performance.now() };
  running.server.on('connection', () => void (connections.last = performance.now()));
  exitGracefullyOnSignals({
    log,
    delayMs: config.shutdownDelayMs,
    timeoutMs: config.shutdownTimeoutMs,
    begin: () => void (running.draining = true),
    drain: async () => {
      // Connections the kernel has queued but this process has not accepted yet would be reset by
      // closing the listener: first let the event loop take them in (a busy loop, e.g. embedded PGlite
      // answering a backlog, accepts late), until none has come for a moment.
      await acceptQueued(connections, QUIET_MS, config.shutdownTimeoutMs / 4);
      // Stop accepting and let in-flight requests finish, while workers stop claiming and finish (or
      // hand back) their steps; then the services (trainings, meters, pools), then the metrics listener.
      const closing = await Promise.allSettled([running.close(), running.workflows.stopEngine()]);
      await services.close();
      await ops?.close();
      for (const c of closing) if (c.status === 'rejected') throw c.reason;
    },
  });
  const where = config.clusters.map((c) => (c.url ? `${c.name}=postgres` : `${c.name}=embedded PGlite in ${config.dataDir}`)).join(', ');
  const { deployment } = services.tenantry.storage;
  running.log.info(
    `tenantry serving; clusters: ${where}; roles and databases named for ${deployment ? `deployment '${deployment}'` : 'no deployment name'}` +
      (config.redisUrl ? '; rate limits shared in Redis' : '; rate limits in process') +
      (loadSheddingOn(config) ? '; load shedding on' : '; load shedding off'),
  );
}

/** How long no new connection must arrive before the listener is closed. */
const QUIET_MS = 100;

/** Resolves once no connection has been accepted for `quietMs` (checked on timers, so the loop turns), or after `maxMs`. */
async function acceptQueued(connections: { last: number }, quietMs: number, maxMs: number): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, quietMs / 2));
    await new Promise((resolve) => setImmediate(resolve));
    if (performance.now() - connections.last >= quietMs) return;
  }
}

/** Why the server is not ready (undefined when it is): shutting down, or the catalog unreachable. */
export async function notReady(app: TenantryApp, services: Services): Promise<string | undefined> {
  if (app.draining) return 'draining';
  try {
    await services.tenantry.catalog.clusterNames();
    return undefined;
  } catch {
    return 'database unreachable';
  }
}

/** How long stopping workers wait for running steps before handing them back: within the shutdown timeout. */
export function engineDrainMs(config: TenantryConfig): number {
  return Math.max(0, Math.min(10_000, Math.floor(config.shutdownTimeoutMs / 2)));
}
