/**
 * Full-stack HTTP (API key auth + tenant resolution + rate limit + RLS scope) against a bare Fastify + pg
 * server on the same PostgreSQL, both driven by autocannon from this process while each server runs in
 * its own child process:
 *   GET  /v1/collections/items/records/{id}   vs  bare  WHERE tenant_id = $1 AND id = $2
 *   POST /v1/collections/items/records        vs  bare  plain INSERT
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:http
 *
 * Then the noisy neighbour: tenant B's point reads alone, and again while tenant A (limit 600/min)
 * floods the same server with as many requests as 16 more connections can send, nearly all refused
 * with 429 before touching the database.
 *
 * Options: BENCH_SECONDS (default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 16); BENCH_CASES
 * (`read,write` by default), BENCH_SERVER=serve (Tenantry as shipped: `tenantry serve` with its defaults,
 * instead of the benchmark's child server with logs off and no worker), BENCH_NOISY=0 leaves out the noisy neighbour, BENCH_CPU_PROF=<dir> has
 * both servers write CPU profiles there.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { ApiKeys } from '../src/auth/api-keys.js';
import { Tenantry } from '../src/tenantry.js';
import pg from 'pg';
import { config, connections, type Load, load, loadWithCpu, median, rounds, seconds, start, startServe, withBenchDatabase } from './support.js';

async function main(): Promise<void> {
  await withBenchDatabase('http', async ({ mainUrl, suffix, children }) => {
    const tenant = `bench-http-${suffix}`;
    const t = await Tenantry.open({ config: config(mainUrl), onError: () => {} });
    await t.tenants.create({ id: tenant, isolation: 'pooled' });
    const key = (await new ApiKeys(t.catalog).create(await t.tenants.get(tenant), 'bench', 'member')).key;
    const ids = await t.withTenant(tenant, async ({ db }) => {
      await db.insertInto('collections').values({ name: 'items' }).execute();
      const rows = Array.from({ length: 2000 }, (_, i) => ({ collection: 'items', id: uuidv7(), data: JSON.stringify({ title: `record ${i}`, n: i }) }));
      await db.insertInto('records').values(rows).execute();
      return rows.map((r) => r.id);
    });
    await t.tenants.update(tenant, {
      limits: { requestsPerMinute: 100_000_000, ...(process.env.BENCH_POOL_SHARE && { poolShare: Number(process.env.BENCH_POOL_SHARE) }) },
    });
    const noisy = `bench-noisy-${suffix}`;
    await t.tenants.create({ id: noisy, isolation: 'pooled' });
    await t.tenants.update(noisy, { limits: { requestsPerMinute: 600 } });
    const noisyKey = (await new ApiKeys(t.catalog).create(await t.tenants.get(noisy), 'bench', 'member')).key;
    await t.close();

    const bare = await start('bare', mainUrl, tenant);
    // BENCH_SERVER=serve: `tenantry serve` with its shipped defaults instead of the tuned child server.
    const asShipped = process.env.BENCH_SERVER === 'serve';
    const full = asShipped ? await startServe(mainUrl, mkdtempSync(path.join(os.tmpdir(), 'tenantry-bench-serve-'))) : await start('tenantry', mainUrl, tenant);
    children.push(bare.proc, full.proc);
    const admin = new pg.Client({ connectionString: mainUrl });
    await admin.connect();
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    const body = () => JSON.stringify({ data: { title: 'new', n: Math.random() } });
    const auth = { authorization: `Bearer ${key}` };
    const cases = {
      read: {
        bare: () => loadWithCpu(admin, bare.proc.pid!, () => load(bare.port, () => ({ method: 'GET', path: `/records/${pick()}` }), {})),
        full: () => loadWithCpu(admin, full.proc.pid!, () => load(full.port, () => ({ method: 'GET', path: `/v1/collections/items/records/${pick()}` }), auth)),
      },
      write: {
        bare: () => loadWithCpu(admin, bare.proc.pid!, () => load(bare.port, () => ({ method: 'POST', path: '/records', body: body() }), {})),
        full: () =>
          loadWithCpu(admin, full.proc.pid!, () => load(full.port, () => ({ method: 'POST', path: '/v1/collections/items/records', body: body() }), auth)),
      },
    };
    if (asShipped) console.log('Tenantry server: `tenantry serve` with its defaults (BENCH_SERVER=serve)');
    console.log(
      `HTTP, autocannon ${connections} connections, ${rounds} paired rounds of ${seconds}s (medians), servers in child processes, ${os.cpus().length} cores`,
    );
    console.log('case    bare req/s   tenantry req/s   ratio   bare p99   tenantry p99   p99 ratio   errors');
    const cpuLines: string[] = [];
    const only = process.env.BENCH_CASES?.split(',');
    for (const [name, c] of Object.entries(cases)) {
      if (only && !only.includes(name)) continue;
      await c.bare();
      await c.full();
      const b: Load[] = [];
      const f: Load[] = [];
      for (let r = 0; r < rounds; r++) {
        b.push(await c.bare());
        f.push(await c.full());
      }
      const ratio = median(f.map((x, i) => x.rps / b[i]!.rps));
      const p99b = median(b.map((x) => x.p99));
      const p99f = median(f.map((x) => x.p99));
      const errors = [...b, ...f].reduce((n, x) => n + x.errors, 0);
      const cpu = (xs: Load[], k: 'server' | 'database') => median(xs.map((x) => x.cpu![k]));
      cpuLines.push(
        `${name.padEnd(7)} ${cpu(b, 'server').toFixed(0).padStart(11)}   ${cpu(b, 'database').toFixed(0).padStart(11)}   ${cpu(f, 'server').toFixed(0).padStart(15)}   ${cpu(f, 'database').toFixed(0).padStart(15)}   ${((cpu(f, 'server') + cpu(f, 'database')) / (cpu(b, 'server') + cpu(b, 'database'))).toFixed(2)}x`,
      );
      console.log(
        `${name.padEnd(7)} ${median(b.map((x) => x.rps))
          .toFixed(0)
          .padStart(10)}   ${median(f.map((x) => x.rps))
          .toFixed(0)
          .padStart(14)}   ${ratio.toFixed(2)}x   ${String(p99b).padStart(6)} ms   ${String(p99f).padStart(10)} ms   ${(p99f / p99b).toFixed(2)}x   ${errors}`,
      );
    }

    console.log('\nCPU ms per 1,000 requests (medians): each server process, and the PostgreSQL backends of the database');
    console.log('case    bare server   bare pg       tenantry server   tenantry pg       total ratio');
    for (const line of cpuLines) console.log(line);
    await admin.end();
    if (process.env.BENCH_NOISY === '0') return;
    // Noisy neighbour, paired rounds: B alone, then B while A floods.
    const readB = () => load(full.port, () => ({ method: 'GET', path: `/v1/collections/items/records/${pick()}` }), auth);
    const flood = () => load(full.port, () => ({ method: 'GET', path: `/v1/collections/items/records/${pick()}` }), { authorization: `Bearer ${noisyKey}` });
    const alone: Load[] = [];
    const during: Load[] = [];
    const floods: Load[] = [];
    for (let r = 0; r < rounds; r++) {
      alone.push(await readB());
      const [b, a] = await Promise.all([readB(), flood()]);
      during.push(b);
      floods.push(a);
    }
    const m = (xs: Load[], f: (x: Load) => number) => median(xs.map(f));
    console.log('\nnoisy neighbour: tenant B point reads (16 connections) alone, and while tenant A floods (16 more connections, limit 600/min)');
    console.log(
      `B alone       ${m(alone, (x) => x.rps)
        .toFixed(0)
        .padStart(6)} req/s   p50 ${m(alone, (x) => x.p50)} ms   p99 ${m(alone, (x) => x.p99)} ms   non-2xx ${alone.reduce((n, x) => n + x.errors, 0)}`,
    );
    console.log(
      `B during A    ${m(during, (x) => x.rps)
        .toFixed(0)
        .padStart(6)} req/s   p50 ${m(during, (x) => x.p50)} ms   p99 ${m(during, (x) => x.p99)} ms   non-2xx ${during.reduce((n, x) => n + x.errors, 0)}`,
    );
    console.log(
      `A (flooding)  ${m(floods, (x) => x.rps)
        .toFixed(0)
        .padStart(
          6,
        )} req/s   ${m(floods, (x) => (x.statuses['4xx']! / Math.max(1, x.statuses['2xx']! + x.statuses['4xx']!)) * 100).toFixed(1)}% refused with 429   p99 ${m(floods, (x) => x.p99)} ms`,
    );
    console.log(
      `B's p99 during the flood / alone: ${(m(during, (x) => x.p99) / m(alone, (x) => x.p99)).toFixed(2)}x; B's throughput: ${(m(during, (x) => x.rps) / m(alone, (x) => x.rps)).toFixed(2)}x (the two loads share 2 cores)`,
    );
  });
}

await main();
