/**
 * `npm start` in examples/notes: the notes API on the embedded default (data in ./.tenantry here),
 * with a demo tenant and an admin key on first start.
 */
import { ApiKeys } from '../../src/fastify.js';
import { loadConfig } from '../../src/index.js';
import { buildNotesApp, openNotes } from './app.js';

const tenantry = await openNotes({ config: loadConfig() });
let demo = await tenantry.catalog.get('demo');
if (!demo) {
  demo = await tenantry.tenants.create({ id: 'demo', isolation: 'pooled' });
  const { key } = await new ApiKeys(tenantry.catalog).create(demo, 'demo admin', 'admin');
  console.warn(`tenant demo created; its admin key (shown once): ${key}`);
}
// Tenants made before the app's latest migration (or by another process) catch up at every start.
const report = await tenantry.migrate();
if (report.failed.length > 0) throw new Error(`migration failed: ${report.failed.map((r) => `${r.key}: ${r.error}`).join('; ')}`);

const app = await buildNotesApp(tenantry);
// This process also runs the app's jobs (any number of processes may: the queue is shared).
await tenantry.jobs.start();
const port = Number(process.env.PORT ?? 3000);
await app.listen({ port, host: '127.0.0.1' });
console.warn(`notes on http://127.0.0.1:${port} — try: curl -H "Authorization: Bearer <key>" http://127.0.0.1:${port}/notes`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => tenantry.close()));
}
