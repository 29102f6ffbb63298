import path from 'node:path';
import { buildApp, type TenantryApp } from './api/app.js';
import { JwtVerifier } from './auth/jwt.js';
import { loadSecret } from './auth/secrets.js';
import type { TenantryConfig } from './config.js';
import { Services } from './services.js';

/**
 * Where a generated admin token is: on stderr, never on stdout (which carries the JSON log lines only),
 * and the value itself only when stderr is a terminal.
 */
export function announceAdminToken(token: string, file: string, stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): void {
  if (stderr.isTTY) stderr.write(`\nPlatform admin token (shown once; also in ${file}, mode 0600):\n  ${token}\n\n`);
  else stderr.write(`tenantry: generated the platform admin token into ${file} (mode 0600)\n`);
}

/** Open storage, listen, and shut down gracefully on SIGTERM/SIGINT (fail readiness, drain, close pools). */
export async function serve(config: TenantryConfig): Promise<void> {
  const admin = await loadSecret(config.dataDir, 'admin-token', config.adminToken);
  const cursor = await loadSecret(config.dataDir, 'cursor-secret', config.cursorSecret);
  // Kept in the data directory (mode 0600) for later starts; said once, on the first.
  if (admin.generated) announceAdminToken(admin.value, path.join(config.dataDir, 'admin-token'));
  const jwt = JwtVerifier.fromSettings(config.jwt);
  // Services report through the app's logger, which exists once the app is built.
  const logTo: { app?: TenantryApp } = {};
  const services = await Services.open({ config, log: (level, msg, fields) => logTo.app?.log[level](fields ?? {}, msg) });
  const app = await buildApp({
    services,
    adminToken: admin.value,
    cursorSecret: cursor.value,
    baseDomain: config.baseDomain,
    jwt,
    trustProxy: config.trustProxy,
    logger: { level: config.logLevel },
  });
  logTo.app = app;
  // Workflow steps run in this process too unless TENANTRY_WORKERS=0 (then run `tenantry worker`).
  if (config.workers > 0) {
    app.workflows.startEngine({ log: (level, msg, fields) => app.log[level](fields ?? {}, msg) });
  }
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: readiness failed, draining requests');
    app.draining = true;
    try {
      await app.workflows.stopEngine();
      await app.close();
    } finally {
      await services.close();
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await app.listen({ host: config.host, port: config.port });
  const where = config.clusters.map((c) => (c.url ? `${c.name}=postgres` : `${c.name}=embedded PGlite in ${config.dataDir}`)).join(', ');
  app.log.info(`tenantry serving; clusters: ${where}`);
}
