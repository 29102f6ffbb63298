import { buildApp, type TenantryApp } from './api/app.js';
import { JwtVerifier } from './auth/jwt.js';
import { loadSecret } from './auth/secrets.js';
import type { TenantryConfig } from './config.js';
import { Services } from './services.js';

/** Open storage, listen, and shut down gracefully on SIGTERM/SIGINT (fail readiness, drain, close pools). */
export async function serve(config: TenantryConfig): Promise<void> {
  const admin = await loadSecret(config.dataDir, 'admin-token', config.adminToken);
  const cursor = await loadSecret(config.dataDir, 'cursor-secret', config.cursorSecret);
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
  const { deployment } = services.tenantry.storage;
  app.log.info(`tenantry serving; clusters: ${where}; roles and databases named for ${deployment ? `deployment '${deployment}'` : 'no deployment name'}`);
  if (admin.generated) {
    // Printed once, on the first start; it stays in the data directory (mode 0600) for later starts.
    process.stdout.write(`\nPlatform admin token (shown once; also in ${config.dataDir}/admin-token):\n  ${admin.value}\n\n`);
  }
}
