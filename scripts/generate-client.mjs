// The typed client's types (src/client/schema.ts) come from the OpenAPI document the server serves at
// GET /openapi.json, so they cannot drift from the route schemas: this builds the app in-process on a
// throwaway embedded data directory (no port, no network), asks it for the document, and turns that into
// TypeScript with openapi-typescript.
//
//   node scripts/generate-client.mjs           write src/client/schema.ts (npm run client:generate)
//   node scripts/generate-client.mjs --check   exit 1 if the committed file differs (npm run client:check, npm test)
//
// It reads the built app (dist/), so run `npm run build` first; the npm scripts do.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'src', 'client', 'schema.ts');
const relativeTarget = path.relative(root, target);
const check = process.argv.includes('--check');

const HEADER = `// Generated — do not edit. Run \`npm run client:generate\` after changing a route's schema.
// The types of the OpenAPI document served at GET /openapi.json, made by scripts/generate-client.mjs with
// openapi-typescript; \`npm run client:check\` (part of \`npm test\`) fails while this file is stale.

`;

/** The document exactly as GET /openapi.json serves it, from an app built on a temporary embedded data directory. */
async function servedDocument() {
  const dist = path.join(root, 'dist', 'src');
  if (!existsSync(path.join(dist, 'api', 'app.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
  const [{ buildApp }, { Tenantry }, { defaultConfig }] = await Promise.all([load('api/app.js'), load('tenantry.js'), load('config.js')]);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tenantry-client-'));
  let tenantry;
  let app;
  try {
    const config = defaultConfig({ dataDir, clusters: [{ name: 'main' }], logLevel: 'silent', workers: 0, masterKey: randomBytes(32).toString('base64') });
    tenantry = await Tenantry.open({ config, onError: () => {} });
    // Throwaway secrets: the document does not depend on them.
    app = await buildApp({ tenantry, adminToken: 'generate-client-admin-token', cursorSecret: 'generate-client-cursor-secret' });
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}: ${res.body}`);
    return res.json();
  } finally {
    await app?.close();
    await tenantry?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ast = await openapiTS(await servedDocument());
const generated = HEADER + astToString(ast);
const committed = existsSync(target) ? readFileSync(target, 'utf8') : undefined;

if (check) {
  if (committed === generated) {
    console.log(`${relativeTarget} matches the OpenAPI document`);
  } else {
    const lines = (committed ?? '').split('\n');
    const wanted = generated.split('\n');
    const differs = wanted.findIndex((line, i) => line !== lines[i]);
    const at = differs === -1 ? wanted.length : differs;
    console.error(
      committed === undefined
        ? `${relativeTarget} is missing: run \`npm run client:generate\` and commit it`
        : `${relativeTarget} is stale: the OpenAPI document changed (first difference at line ${at + 1}). Run \`npm run client:generate\` and commit the result.`,
    );
    process.exitCode = 1;
  }
} else if (committed === generated) {
  console.log(`${relativeTarget} is up to date`);
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${relativeTarget}`);
}
