/**
 * Models on PostgreSQL, in one run:
 *  1. Train a logistic regression on 100,000 records × 10 numeric features: end to end (POST /v1/models
 *     until the version is ready: precheck, paged reads through the tenant scope, worker-thread fit,
 *     storing the artifact) and the fit alone (the worker's own clock).
 *  2. HTTP predict with one input against the records point read, on the same server (a child
 *     process), autocannon with 16 connections, paired rounds: throughput ratio and p99.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:ml
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { buildApp } from '../src/api/app.js';
import { ApiKeys } from '../src/auth/api-keys.js';
import { Tenantry } from '../src/tenantry.js';
import { insertTrainingRows, TRAINING_FEATURES } from './datasets.js';
import { config, connections, type Load, load, median, rounds, seconds, start, withBenchDatabase } from './support.js';

async function main(): Promise<void> {
  await withBenchDatabase('ml', async ({ mainUrl, suffix, children }) => {
    const tenant = `bench-ml-${suffix}`;
    const t = await Tenantry.open({ config: config(mainUrl), onError: () => {} });
    await t.tenants.create({ id: tenant, isolation: 'pooled' });
    await t.tenants.update(tenant, { limits: { requestsPerMinute: 100_000_000 } });
    const key = (await new ApiKeys(t.catalog).create(await t.tenants.get(tenant), 'bench', 'member')).key;
    const features = TRAINING_FEATURES;
    const ids = await t.withTenant(tenant, async ({ db }) => {
      await db
        .insertInto('collections')
        .values([{ name: 'big' }, { name: 'items' }])
        .execute();
      await insertTrainingRows(db, 'big', 100_000);
      const { rows } = await sql<{ id: string }>`
        INSERT INTO records (collection, id, data) SELECT 'items', gen_random_uuid(), jsonb_build_object('title', 'record ' || g, 'n', g)
          FROM generate_series(1, 2000) AS g RETURNING id`.execute(db);
      return rows.map((r) => r.id);
    });

    const app = await buildApp({ tenantry: t, adminToken: randomBytes(16).toString('hex'), cursorSecret: 'bench' });
    const auth = { authorization: `Bearer ${key}` };
    console.log(`models benchmark on PostgreSQL, ${os.cpus().length} cores`);
    const trainings: Array<{ total: number; fit: number; accuracy: number }> = [];
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      const res =
        round === 0
          ? await app.inject({
              method: 'POST',
              url: '/v1/models',
              headers: auth,
              payload: { name: 'big', kind: 'classification', collection: 'big', features, target: 'label' },
            })
          : await app.inject({ method: 'POST', url: '/v1/models/big/train', headers: auth });
      if (res.statusCode !== 202) throw new Error(res.body);
      await app.models.idle();
      const total = performance.now() - t0;
      const model = (await app.inject({ url: '/v1/models/big', headers: auth })).json();
      const metrics = model.versions[0].metrics;
      if (model.versions[0].status !== 'ready') throw new Error(JSON.stringify(model.versions[0]));
      trainings.push({ total, fit: metrics.fitMs, accuracy: metrics.accuracy });
      console.log(
        `train 100,000 × 10 (version ${model.versions[0].version}): end to end ${(total / 1000).toFixed(2)} s, fit ${(metrics.fitMs / 1000).toFixed(2)} s, holdout accuracy ${metrics.accuracy.toFixed(3)}`,
      );
    }
    console.log(
      `median: end to end ${(median(trainings.map((x) => x.total)) / 1000).toFixed(2)} s (goal < 3 s), fit ${(median(trainings.map((x) => x.fit)) / 1000).toFixed(2)} s (goal < 1 s)`,
    );
    await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: auth,
      payload: { name: 'small', kind: 'classification', collection: 'big', features: features.slice(0, 3), target: 'label' },
    });
    await app.models.idle();
    await app.close();
    await t.close();

    const server = await start('tenantry', mainUrl, tenant);
    children.push(server.proc);
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    const read = () => load(server.port, () => ({ method: 'GET', path: `/v1/collections/items/records/${pick()}` }), auth);
    const predict = () =>
      load(
        server.port,
        () => ({ method: 'POST', path: '/v1/models/small/predict', body: JSON.stringify({ inputs: [{ f0: Math.random() - 0.5, f1: 0.1, f2: -0.2 }] }) }),
        auth,
      );
    await read();
    await predict();
    const r: Load[] = [];
    const p: Load[] = [];
    for (let round = 0; round < rounds; round++) {
      r.push(await read());
      p.push(await predict());
    }
    const ratio = median(p.map((x, i) => x.rps / r[i]!.rps));
    console.log(`\nHTTP, autocannon ${connections} connections, ${rounds} paired rounds of ${seconds}s (medians)`);
    console.log(
      `records point read  ${median(r.map((x) => x.rps))
        .toFixed(0)
        .padStart(6)} req/s   p99 ${median(r.map((x) => x.p99))} ms   non-2xx ${r.reduce((n, x) => n + x.errors, 0)}`,
    );
    console.log(
      `predict (1 input)   ${median(p.map((x) => x.rps))
        .toFixed(0)
        .padStart(6)} req/s   p99 ${median(p.map((x) => x.p99))} ms   non-2xx ${p.reduce((n, x) => n + x.errors, 0)}`,
    );
    console.log(`predict / point read: ${ratio.toFixed(2)}x (goal >= 0.8x, p99 < 10 ms)`);
  });
}

await main();
