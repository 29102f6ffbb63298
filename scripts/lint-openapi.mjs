// `npm run lint:openapi` (part of `npm test`, after the build): the OpenAPI document the app serves at
// /openapi.json, linted by Redocly CLI with the rules in redocly.yaml. The app is built from dist/ in
// this process, on embedded PGlite in a temporary data directory (no server, no port, no network);
// the document is written, indented, to a temporary file, and `redocly lint` checks it. Exits non-zero
// when Redocly reports an error (warnings are printed and counted, and do not fail).
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import console from 'node:console';
import os from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = (file) => pathToFileURL(join(root, 'dist', 'src', file)).href;
if (!existsSync(join(root, 'dist', 'src', 'api', 'app.js'))) {
  console.error('lint:openapi: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const { buildApp } = await import(built('api/app.js'));
const { Tenantry } = await import(built('tenantry.js'));
const { defaultConfig } = await import(built('config.js'));

/** The document as GET /openapi.json serves it. */
async function servedDocument(dataDir) {
  const tenantry = await Tenantry.open({
    config: defaultConfig({ dataDir, workers: 0, logLevel: 'silent', port: 0, masterKey: randomBytes(32).toString('base64') }),
  });
  try {
    const app = await buildApp({ tenantry, adminToken: 'lint-openapi-admin-token-not-a-secret', cursorSecret: 'lint-openapi' });
    try {
      const response = await app.inject('/openapi.json');
      if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}`);
      return response.json();
    } finally {
      await app.close();
    }
  } finally {
    await tenantry.close();
  }
}

const dir = await mkdtemp(join(os.tmpdir(), 'tenantry-openapi-'));
let status;
try {
  const file = join(dir, 'openapi.json');
  // Indented, so Redocly's excerpts show the lines around a problem.
  await writeFile(file, `${JSON.stringify(await servedDocument(join(dir, 'data')), null, 2)}\n`);
  const redocly = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'redocly.cmd' : 'redocly');
  const result = spawnSync(redocly, ['lint', file, '--config', join(root, 'redocly.yaml')], {
    stdio: 'inherit',
    // No usage reports and no update check (redocly.yaml says `telemetry: off` too).
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
  });
  if (result.error) throw result.error;
  status = result.status ?? 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = status;
