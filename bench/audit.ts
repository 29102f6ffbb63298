/**
 * What the audit trail, the counted quotas and metering cost, each against the same operation without
 * it, measured in the same run (paired rounds, median of the per-round ratios):
 *
 * 1. An audited record write against the same write unaudited: `RecordsService.create` of one record
 *    called inside a request's audit context (the scope hook attaches the chain append, which rides in
 *    the insert's own round trip) and outside one (the hook attaches nothing) — the same code path,
 *    the same tenant, nothing switched off. Per strategy, with 1 caller (latency) and with 8 (every
 *    audited write of a tenant serialises on its chain head, so this is the contended case).
 * 2. The counted quotas (tenant migration 8): the same unaudited write with the counting triggers
 *    disabled on the tenant's own table (`schema` tenant; ALTER TABLE … DISABLE TRIGGER, as the owner,
 *    in this benchmark only) against enabled.
 * 3. Metering on request throughput: `GET /v1/tenant` through the whole HTTP stack (inject, 16 at a
 *    time; no socket, so the server's CPU is all there is and the share metering takes is at its
 *    largest) with the meter counting against the same app with its counting replaced by a no-op.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:audit
 *
 * Options (environment): BENCH_SECONDS (per measurement, default 1.5), BENCH_ROUNDS (default 7),
 * BENCH_PARTS (which parts to run, default "123").
 * BENCH_BACKEND=pglite measures parts 1 and 3 on embedded PGlite instead (no server needed).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/api/app.js';
import { requestAudit, type RequestAudit } from '../src/audit/context.js';
import { defaultConfig } from '../src/config.js';
import { Services } from '../src/services.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import { quoteIdent } from '../src/storage/names.js';
import type { Isolation } from '../src/storage/placement.js';
import { Tenantry } from '../src/tenantry.js';
import { config, cpuMeter, median, withBenchDatabase, type CpuMeter, type CpuRun } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const embedded = process.env.BENCH_BACKEND === 'pglite';
/** BENCH_PARTS: which of the parts below to run (default all: "123"). */
const parts = process.env.BENCH_PARTS ?? '123';

interface Side {
  op: () => Promise<unknown>;
  /** Run before each measurement of this side (e.g. switch something off). */
  before?: () => Promise<void> | void;
}

let meter: CpuMeter;

/**
 * Median over rounds of candidate/baseline throughput; each round measures both back to back, which
 * one goes first alternating from round to round. With the CPU time per operation of each side (this
 * process, and the PostgreSQL backends) and the median of the per-round ratios of their sum.
 */
async function paired(concurrency: number, baseline: Side, candidate: Side) {
  const measure = async (side: Side) => {
    await side.before?.();
    return meter.measure(side.op, concurrency, seconds);
  };
  await measure(baseline);
  await measure(candidate);
  const bases: CpuRun[] = [];
  const cands: CpuRun[] = [];
  for (let r = 0; r < rounds; r++) {
    let b: CpuRun;
    let c: CpuRun;
    if (r % 2 === 0) {
      b = await measure(baseline);
      c = await measure(candidate);
    } else {
      c = await measure(candidate);
      b = await measure(baseline);
    }
    bases.push(b);
    cands.push(c);
  }
  const cpu = (runs: CpuRun[]) => ({ client: median(runs.map((x) => x.client)), database: median(runs.map((x) => x.database)) });
  return {
    base: median(bases.map((x) => x.ops)),
    cand: median(cands.map((x) => x.ops)),
    ratio: median(bases.map((b, i) => cands[i]!.ops / b.ops)),
    cpuRatio: median(bases.map((b, i) => (cands[i]!.client + cands[i]!.database) / (b.client + b.database))),
    baseCpu: cpu(bases),
    candCpu: cpu(cands),
  };
}

/** "client+database µs" of one side. */
const cpuText = (c: { client: number; database: number }) => `${c.client.toFixed(0)}+${c.database.toFixed(0)}`;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function measure(t: Tenantry, label: string): Promise<void> {
  const services = Services.over(t);
  const app = await buildApp({ services, adminToken: 'bench-admin-token-0123456789', cursorSecret: 'c' });
  try {
    const strategies: Isolation[] = ['pooled', 'schema'];
    const tenants = {} as Record<Isolation, string>;
    for (const isolation of strategies) {
      const id = `bench-audit-${isolation}-${Math.random().toString(36).slice(2, 8)}`;
      await t.tenants.create({ id, isolation });
      await t.tenants.update(id, { limits: { requestsPerMinute: 1e12 } });
      await services.records.createCollection(id, { name: 'items' });
      tenants[isolation] = id;
    }
    const write = (id: string) => services.records.create(id, 'items', [{ n: Math.random(), label: 'x'.repeat(40) }]);
    const audited = (id: string) => {
      const context: RequestAudit = {
        recorded: false,
        done: false,
        draft: {
          actor: 'key:bench',
          action: 'POST /v1/collections/{name}/records',
          target: '/v1/collections/items/records',
          tenant: id,
          requestId: 'bench',
          outcome: 'success',
          detail: null,
        },
      };
      return requestAudit.run(context, () => write(id));
    };

    console.log(`\n${label}: ${rounds} paired rounds of ${seconds}s (medians), ${os.cpus().length} cores`);
    console.log('1. record write, audited vs unaudited (goal: audited time <= 1.15x)');
    console.log('strategy  callers  unaudited ops/s  audited ops/s  audited time  CPU µs/op client+db: unaudited  audited  ratio');
    for (const isolation of parts.includes('1') ? strategies : []) {
      for (const callers of [1, 8]) {
        const id = tenants[isolation];
        const { base, cand, ratio, cpuRatio, baseCpu, candCpu } = await paired(callers, { op: () => write(id) }, { op: () => audited(id) });
        console.log(
          `${isolation.padEnd(8)}  ${String(callers).padStart(7)}  ${fmt(base).padStart(15)}  ${fmt(cand).padStart(13)}  ${(1 / ratio).toFixed(2).padStart(11)}x  ${cpuText(baseCpu).padStart(34)}  ${cpuText(candCpu).padStart(7)}  ${cpuRatio.toFixed(2)}x`,
        );
      }
    }
    const verify = await t.audit.verify(tenants.pooled);
    console.log(`(the pooled tenant's chain after the run: ${verify.entries} entries, ${verify.ok ? 'intact' : 'BROKEN'})`);

    if (!embedded && parts.includes('2')) {
      // 2. The counting triggers of the schema tenant's own records table, off (baseline) and on.
      const id = tenants.schema;
      const location = await routerOf(t).open((await t.catalog.getFresh(id))!);
      const table = `${quoteIdent(location.names.schema)}.records`;
      const triggers = (on: boolean) =>
        adminQuery(
          location.db,
          `ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER records_count_added; ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER records_count_removed`,
        );
      console.log('2. record write, counted quotas vs the same with the counting triggers disabled (schema tenant)');
      console.log('callers  uncounted ops/s  counted ops/s  counted time  CPU µs/op client+db: uncounted  counted  ratio');
      try {
        for (const callers of [1, 8]) {
          const { base, cand, ratio, cpuRatio, baseCpu, candCpu } = await paired(
            callers,
            { op: () => write(id), before: () => triggers(false).then(() => {}) },
            { op: () => write(id), before: () => triggers(true).then(() => {}) },
          );
          console.log(
            `${String(callers).padStart(7)}  ${fmt(base).padStart(15)}  ${fmt(cand).padStart(13)}  ${(1 / ratio).toFixed(2).padStart(11)}x  ${cpuText(baseCpu).padStart(34)}  ${cpuText(candCpu).padStart(7)}  ${cpuRatio.toFixed(2)}x`,
          );
        }
      } finally {
        await triggers(true);
        location.release();
      }
    }

    // 3. Metering: the meter's counting replaced by a no-op (baseline) or not.
    if (!parts.includes('3')) return;
    const key = (
      await app.inject({
        method: 'POST',
        url: `/v1/tenants/${tenants.pooled}/api-keys`,
        headers: { authorization: 'Bearer bench-admin-token-0123456789' },
        payload: { name: 'bench', role: 'viewer' },
      })
    ).json().key as string;
    const request = async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/tenant', headers: { authorization: `Bearer ${key}` } });
      if (res.statusCode !== 200) throw new Error(`GET /v1/tenant: ${res.statusCode} ${res.body}`);
    };
    const counting = t.meter.add.bind(t.meter);
    const silent = () => {};
    console.log('3. GET /v1/tenant through the HTTP stack (inject, 16 at a time), metered vs not (goal: <= 3 % fewer requests/s)');
    const { base, cand, ratio } = await paired(
      16,
      { op: request, before: () => void (t.meter.add = silent) },
      { op: request, before: () => void (t.meter.add = counting) },
    );
    t.meter.add = counting;
    console.log(
      `unmetered ${fmt(base)} req/s, metered ${fmt(cand)} req/s; metered/unmetered (median of rounds) ${ratio.toFixed(3)}: ${((1 - ratio) * 100).toFixed(1)} % cost`,
    );
  } finally {
    await app.close();
    await services.close();
  }
}

if (embedded) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenantry-bench-audit-'));
  const t = await Tenantry.open({ config: defaultConfig({ dataDir, logLevel: 'silent', workers: 0, port: 0 }), onError: () => {} });
  meter = await cpuMeter();
  try {
    await measure(t, 'embedded PGlite');
  } finally {
    await t.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
} else {
  await withBenchDatabase('audit', async ({ mainUrl }) => {
    const t = await Tenantry.open({ config: config(mainUrl), onError: () => {} });
    meter = await cpuMeter(mainUrl);
    try {
      await measure(t, 'PostgreSQL');
    } finally {
      await meter.close();
      await t.close();
    }
  });
}
