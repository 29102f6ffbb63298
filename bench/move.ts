/**
 * An online move under a writer (PostgreSQL): a pooled tenant with BENCH_MOVE_RECORDS records (default
 * 100,000) moves to `database` while a writer creates records one at a time without pause. Prints the
 * move's total time, the pause the operation reports (its writes waiting under the fence lock), and
 * the writer's latencies before and during the move — the longest write is the pause as a client
 * sees it — with ratios against the writer's own median measured in the same run before the move.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:move
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/api/app.js';
import { Services } from '../src/services.js';
import type { Isolation } from '../src/storage/placement.js';
import { config, withBenchDatabase } from './support.js';

const RECORDS = Number(process.env.BENCH_MOVE_RECORDS ?? 100_000);
const TO = (process.env.BENCH_MOVE_TO ?? 'database') as Isolation;
const ADMIN = randomBytes(16).toString('hex');

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

await withBenchDatabase('move', async ({ mainUrl, suffix }) => {
  const services = await Services.open({ config: { ...config(mainUrl), workers: 0 }, onError: () => {} });
  const { tenantry, records } = services;
  const app = await buildApp({ services, adminToken: ADMIN, cursorSecret: 'bench' });
  const id = `move-${suffix}`;
  try {
    await tenantry.tenants.create({ id, isolation: 'pooled' });
    await tenantry.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, storageBytes: 10_000_000_000 } });
    const key = (
      await app.inject({
        method: 'POST',
        url: `/v1/tenants/${id}/api-keys`,
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: { name: 'b', role: 'admin' },
      })
    ).json().key as string;
    const made = await app.inject({
      method: 'POST',
      url: '/v1/collections',
      headers: { authorization: `Bearer ${key}` },
      payload: { name: 'items', indexes: ['n'] },
    });
    if (made.statusCode !== 201) throw new Error(made.body);
    // The bulk of the tenant, server-side.
    const loadStarted = Date.now();
    const admin = new pg.Client({ connectionString: mainUrl });
    await admin.connect();
    await admin.query(
      `INSERT INTO tenant_pool.records (tenant_id, collection, id, data)
       SELECT $1, 'items', gen_random_uuid(), jsonb_build_object('n', g, 'text', 'item ' || g, 'tags', jsonb_build_array('a', g % 7))
         FROM generate_series(1, $2) g`,
      [id, RECORDS],
    );
    await admin.query('ANALYZE tenant_pool.records');
    await admin.end();
    console.log(`loaded ${RECORDS.toLocaleString('en')} records in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

    // The writer: one create after another, each timed.
    const before: number[] = [];
    const during: number[] = [];
    let phase: number[] | undefined = before;
    let errors = 0;
    const writer = (async () => {
      for (let i = 0; phase; i++) {
        const started = performance.now();
        try {
          await records.create(id, 'items', [{ n: -i, text: 'live' }]);
        } catch {
          errors++;
        }
        phase?.push(performance.now() - started);
      }
    })();
    await new Promise((r) => setTimeout(r, 3000));

    phase = during;
    const moveStarted = performance.now();
    const { operation } = await tenantry.tenants.requestMove(id, { isolation: TO });
    let reported = '';
    const finished = await tenantry.operations.wait(operation.id, (op) => {
      if (op.step?.startsWith('switched')) reported = op.step;
    });
    const total = performance.now() - moveStarted;
    await new Promise((r) => setTimeout(r, 500));
    phase = undefined;
    await writer;
    if (finished.status !== 'succeeded') throw new Error(`the move failed: ${finished.error}`);

    const base = quantile(before, 0.5);
    const longest = Math.max(...during);
    console.log(`move pooled → ${TO} of ${RECORDS.toLocaleString('en')} records: ${(total / 1000).toFixed(1)} s in all; ${reported}`);
    console.log(`writer before the move: ${before.length} writes, p50 ${ms(base)}, p99 ${ms(quantile(before, 0.99))}`);
    console.log(
      `writer during the move: ${during.length} writes, p50 ${ms(quantile(during, 0.5))} (${(quantile(during, 0.5) / base).toFixed(2)}×), p99 ${ms(quantile(during, 0.99))} (${(quantile(during, 0.99) / base).toFixed(1)}×), longest ${ms(longest)} (${(longest / base).toFixed(0)}×); errors ${errors}`,
    );
  } finally {
    await tenantry.tenants.delete(id).catch(() => {});
    await app.close();
    await services.close();
  }
});
