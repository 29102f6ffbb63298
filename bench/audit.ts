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
 * 3. Metering on request throughput: a record's `GET` through the whole HTTP stack (inject, 16 at a
 *    time; no socket, so the server's CPU is all there is and the share metering takes is at its
 *    largest) with everything metering does per request — the count, the tenant's in-flight unit for
 *    CPU attribution, the statement clock — against the same app with all three switched off. Three
 *    figures: requests/s and CPU per request (both noisy to ±5–15 % on a shared 2-core VM), and
 *    metering's own work per request timed alone (200,000 times), as a share of a request's CPU; and
 *    an A/A control (metering on for both sides of the same pairing), whose distance from 1.000 is the
 *    measure's own bias and noise. Then the finest of them: one request at a time, metered and
 *    unmetered alternating request by request (BENCH_INTERLEAVED each, default 20,000), median and
 *    trimmed mean latency, with its own A/A control.
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
import type { StatementClock } from '../src/storage/scope.js';
import type { Isolation } from '../src/storage/placement.js';
import { Tenantry } from '../src/tenantry.js';
import { config, cpuMeter, interleaved, median, withBenchDatabase, type CpuMeter, type CpuRun, type Side } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const embedded = process.env.BENCH_BACKEND === 'pglite';
/** BENCH_PARTS: which of the parts below to run (default all: "123"). */
const parts = process.env.BENCH_PARTS ?? '123';

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

/** Nanoseconds of what metering does for one request: the count, the in-flight unit, one timed statement. */
function microMetering(t: Tenantry, tenant: string): number {
  const costs = t.meter.costs;
  const clock = costs.clock(tenant, 'postgres');
  const once = () => {
    const unit = costs.begin(tenant);
    const start = clock.sent();
    clock.answered(start);
    unit.end();
    t.meter.add(tenant, 'apiRequests');
  };
  for (let i = 0; i < 20_000; i++) once();
  const n = 200_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) once();
  return Number(process.hrtime.bigint() - t0) / n;
}

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

    // 3. Metering: everything it does on a request — the request count, the tenant's in-flight unit for
    // CPU attribution, the statement clock — switched off (baseline) or on.
    if (!parts.includes('3')) return;
    const tenant = tenants.pooled;
    const key = (
      await app.inject({
        method: 'POST',
        url: `/v1/tenants/${tenant}/api-keys`,
        headers: { authorization: 'Bearer bench-admin-token-0123456789' },
        payload: { name: 'bench', role: 'viewer' },
      })
    ).json().key as string;
    const [record] = await services.records.create(tenant, 'items', [{ n: 1, label: 'metered' }]);
    const url = `/v1/collections/items/records/${(record as { id: string }).id}`;
    const request = async () => {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    };
    const costs = t.meter.costs;
    const on = { add: t.meter.add.bind(t.meter), begin: costs.begin.bind(costs) };
    const idle = { end: () => {} };
    // No clock at all is not an option the scopes offer; a clock that does nothing is the nearest.
    const still: StatementClock = { sent: () => 0, answered: () => {}, queued: () => () => {} };
    const meterOff = () => {
      t.meter.add = () => {};
      costs.begin = () => idle as unknown as ReturnType<typeof costs.begin>;
      t.scopes.timeStatements(() => still);
    };
    const meterOn = () => {
      t.meter.add = on.add;
      costs.begin = on.begin;
      t.scopes.timeStatements((tenantId, backend) => costs.clock(tenantId, backend));
    };
    console.log(
      '3. GET a record through the HTTP stack (inject, 16 at a time), metered vs not: request count, CPU attribution, statement clock (goal: <= 3 %)',
    );
    const run = await paired(16, { op: request, before: meterOff }, { op: request, before: meterOn });
    // A/A control: the same pairing with metering on for both sides. Whatever it shows besides 1.000
    // is the measure's own bias and noise, not metering.
    const control = await paired(16, { op: request, before: meterOn }, { op: request, before: meterOn });
    meterOn();
    console.log(
      `unmetered ${fmt(run.base)} req/s, metered ${fmt(run.cand)} req/s; metered/unmetered (median of rounds) ${run.ratio.toFixed(3)}: ${((1 - run.ratio) * 100).toFixed(1)} % fewer requests/s`,
    );
    console.log(
      `CPU per request (µs, this process+PostgreSQL): unmetered ${cpuText(run.baseCpu)}, metered ${cpuText(run.candCpu)}; metered/unmetered ${run.cpuRatio.toFixed(3)}: ${((run.cpuRatio - 1) * 100).toFixed(1)} % more CPU per request`,
    );
    console.log(
      `A/A control, metered on both sides: ${control.ratio.toFixed(3)} requests/s, ${control.cpuRatio.toFixed(3)} CPU per request (1.000 for a measure without bias)`,
    );
    // One request at a time, metered and unmetered alternating request by request, and the same with
    // metering on for both (A/A): the measure whose control stays closest to 1.000 on this VM.
    const n = Number(process.env.BENCH_INTERLEAVED ?? 20_000);
    const alternating = await interleaved(n, { op: request, before: meterOff }, { op: request, before: meterOn });
    const same = await interleaved(n, { op: request, before: meterOn }, { op: request, before: meterOn });
    meterOn();
    const µs = (x: number) => x.toFixed(1);
    console.log(
      `one at a time, alternating request by request (${fmt(n)} each): unmetered median ${µs(alternating.base.median)} µs, metered ${µs(alternating.cand.median)} µs: ` +
        `${((alternating.medianRatio - 1) * 100).toFixed(2)} % longer (mean without the slowest 1 %: ${((alternating.meanRatio - 1) * 100).toFixed(2)} %); ` +
        `A/A control: ${((same.medianRatio - 1) * 100).toFixed(2)} % (mean ${((same.meanRatio - 1) * 100).toFixed(2)} %)`,
    );
    // The same cost without the noise of a whole request: what metering adds per request, alone.
    const perRequestNs = microMetering(t, tenant);
    const requestNs = (run.candCpu.client + run.candCpu.database) * 1000;
    console.log(
      `metering's own work per request, alone (count + unit begin/end + one statement timed, 200,000 times): ${perRequestNs.toFixed(0)} ns = ${((perRequestNs / requestNs) * 100).toFixed(2)} % of a metered request's CPU`,
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
