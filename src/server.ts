import net from 'node:net';
import path from 'node:path';
import { buildApp, type TenantryApp } from './api/app.js';
import { JwtVerifier } from './auth/jwt.js';
import { loadSecret } from './auth/secrets.js';
import type { TenantryConfig } from './config.js';
import { Services } from './services.js';

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
 * Open storage, listen, and shut down gracefully on SIGTERM/SIGINT (fail readiness, drain, close pools).
 * When it cannot listen (or anything else fails before it serves) it closes what it opened — pools,
 * the sandbox's and the training pool's child processes — and rejects, so the process can exit.
 */
export async function serve(config: TenantryConfig): Promise<void> {
  await checkCanListen(config.host, config.port);
  const admin = await loadSecret(config.dataDir, 'admin-token', config.adminToken);
  const cursor = await loadSecret(config.dataDir, 'cursor-secret', config.cursorSecret);
  // Kept in the data directory (mode 0600) for later starts; said once, on the first.
  if (admin.generated) announceAdminToken(admin.value, path.join(config.dataDir, 'admin-token'));
  const jwt = JwtVerifier.fromSettings(config.jwt);
  // Services report through the app's logger, which exists once the app is built.
  const logTo: { app?: TenantryApp } = {};
  const services = await Services.open({ config, log: (level, msg, fields) => logTo.app?.log[level](fields ?? {}, msg) });
  let app: TenantryApp | undefined;
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
      logger: { level: config.logLevel },
    });
    logTo.app = app;
    await app.listen({ host: config.host, port: config.port }).catch((error: unknown) => {
      throw new ListenError(config.host, config.port, error);
    });
  } catch (error) {
    // The app does not own the services it was given: close both.
    await app?.close().catch(() => {});
    await services.close().catch(() => {});
    throw error;
  }
  const running = app;
  // Control-plane operations (deletions, …) run here, and those a dead process left are resumed.
  services.tenantry.operations.start();
  // Workflow steps run in this process too unless TENANTRY_WORKERS=0 (then run `tenantry worker`).
  if (config.workers > 0) {
    running.workflows.startEngine({ log: (level, msg, fields) => running.log[level](fields ?? {}, msg) });
  }
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down: readiness failed, draining requests');
    running.draining = true;
    try {
      await running.workflows.stopEngine();
      await running.close();
    } finally {
      await services.close();
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  const where = config.clusters.map((c) => (c.url ? `${c.name}=postgres` : `${c.name}=embedded PGlite in ${config.dataDir}`)).join(', ');
  const { deployment } = services.tenantry.storage;
  running.log.info(`tenantry serving; clusters: ${where}; roles and databases named for ${deployment ? `deployment '${deployment}'` : 'no deployment name'}`);
}
