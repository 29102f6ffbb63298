/**
 * Encrypted fields against the same operation without them, in one run: a record with three encrypted
 * fields written (POST) and read by id, through RecordsService on PostgreSQL, against the same record
 * in a plain collection of the same tenant. Goal (issue 14): at most 1.15× the plain time.
 *
 *   TENANTRY_BENCH_DATABASE_URL=postgres://… npm run bench:encryption
 *
 * Options (environment): BENCH_SECONDS (per measurement, default 1.5), BENCH_ROUNDS (default 7),
 * BENCH_CONCURRENCY (callers, default 16), BENCH_ROWS (records read from, default 2000).
 *
 * Each round measures plain and encrypted back to back; the ratio reported is the median of the
 * per-round ratios of time per operation (plain ops/s ÷ encrypted ops/s), which keeps a shared VM's
 * drift out of it; each side's CPU time per operation (this process + the PostgreSQL client backends) and
 * the median ratio of those are printed beside it. Then latency, one operation at a time, plain and
 * encrypted alternating operation by operation (BENCH_INTERLEAVED each, default 10,000; an A/A control
 * beside it): what encryption adds for one caller. The codec alone (seal and open of the three fields,
 * no database; and a write's answer decoded from what it sealed) is printed too.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { decodeRecords, storedData, type SealedFields } from '../src/records/codec.js';
import { Services } from '../src/services.js';
import { config, cpuMeter, interleaved, median, withBenchDatabase, type CpuMeter, type CpuRun } from './support.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 1.5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const rows = Number(process.env.BENCH_ROWS ?? 2000);
const GOAL = 1.15;

/** A customer record: three fields worth encrypting, and three that are not. */
const record = (n: number) => ({
  name: `customer ${n}`,
  plan: n % 2 ? 'pro' : 'free',
  seats: n % 50,
  email: `customer${n}@example.com`,
  phone: `+47 ${String(10_000_000 + n)}`,
  address: { street: `Storgata ${n % 200}`, city: 'Oslo', postcode: '0155' },
});

let meter: CpuMeter;

/**
 * Median over rounds of plain ops/s ÷ encrypted ops/s (the encrypted operation's time, relative), and
 * the same of the CPU time per operation (this process + the PostgreSQL backends).
 */
async function paired(plain: () => Promise<unknown>, encrypted: () => Promise<unknown>) {
  const measure = (op: () => Promise<unknown>) => meter.measure(op, concurrency, seconds);
  await measure(plain);
  await measure(encrypted);
  const runs: Array<{ plain: CpuRun; encrypted: CpuRun }> = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      const p = await measure(plain);
      runs.push({ plain: p, encrypted: await measure(encrypted) });
    } else {
      const e = await measure(encrypted);
      runs.push({ plain: await measure(plain), encrypted: e });
    }
  }
  const cpu = (side: 'plain' | 'encrypted') => ({ client: median(runs.map((x) => x[side].client)), database: median(runs.map((x) => x[side].database)) });
  return {
    plain: median(runs.map((x) => x.plain.ops)),
    encrypted: median(runs.map((x) => x.encrypted.ops)),
    ratio: median(runs.map((x) => x.plain.ops / x.encrypted.ops)),
    cpuRatio: median(runs.map((x) => (x.encrypted.client + x.encrypted.database) / (x.plain.client + x.plain.database))),
    plainCpu: cpu('plain'),
    encryptedCpu: cpu('encrypted'),
  };
}

await withBenchDatabase('encryption', async ({ mainUrl, suffix }) => {
  const services = await Services.open({
    config: {
      ...config(mainUrl),
      dataDir: path.join(os.tmpdir(), `tenantry-bench-encryption-${suffix}`),
      masterKey: randomBytes(32).toString('base64'),
    },
    onError: () => {},
  });
  meter = await cpuMeter(mainUrl);
  try {
    const { records, tenantry } = services;
    const id = `bench-enc-${suffix}`;
    await tenantry.tenants.create({ id, isolation: 'pooled' });
    // The whole pool for the 16 callers (a free plan's 0.4 share holds 6 connections, and a caller
    // queued past the statement timeout is refused with 429, which ended a run on a loaded machine).
    await tenantry.tenants.update(id, { limits: { poolShare: 1 } });
    const tenant = await tenantry.tenants.get(id);
    await records.createCollection(tenant, { name: 'plain' });
    await records.createCollection(tenant, { name: 'secret', encrypted: ['email', 'phone', 'address'] });
    const ids: Record<'plain' | 'secret', string[]> = { plain: [], secret: [] };
    for (const collection of ['plain', 'secret'] as const) {
      for (let start = 0; start < rows; start += 500) {
        const batch = Array.from({ length: Math.min(500, rows - start) }, (_, i) => record(start + i));
        ids[collection].push(...(await records.create(tenant, collection, batch)).map((r) => r.id));
      }
    }
    const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)]!;
    let n = rows;

    console.log(
      `encrypted fields (3 of 6, AES-256-GCM) vs plain, pooled tenant on PostgreSQL, ${concurrency} callers, ${rounds} paired rounds of ${seconds}s (medians), ${os.cpus().length} cores`,
    );
    console.log('operation   plain ops/s   encrypted ops/s   time ratio   goal            CPU µs/op client+db: plain  encrypted  ratio');
    const cpuText = (c: { client: number; database: number }) => `${c.client.toFixed(0)}+${c.database.toFixed(0)}`;
    const line = (name: string, r: Awaited<ReturnType<typeof paired>>) =>
      console.log(
        `${name.padEnd(10)}  ${r.plain.toFixed(0).padStart(11)}   ${r.encrypted.toFixed(0).padStart(15)}   ${r.ratio.toFixed(3).padStart(9)}x   <= ${GOAL}x ${(r.ratio <= GOAL ? 'met' : 'MISSED').padEnd(6)}  ${cpuText(r.plainCpu).padStart(26)}  ${cpuText(r.encryptedCpu).padStart(9)}  ${r.cpuRatio.toFixed(3)}x`,
      );
    line(
      'write',
      await paired(
        () => records.create(tenant, 'plain', [record(n++)]),
        () => records.create(tenant, 'secret', [record(n++)]),
      ),
    );
    line(
      'read',
      await paired(
        () => records.getRecord(tenant, 'plain', pick(ids.plain)),
        () => records.getRecord(tenant, 'secret', pick(ids.secret)),
      ),
    );

    // A/A control: plain reads on both sides of the same pairing. Its distance from 1.000 is the
    // measure's own bias and noise, against which the read's ratio is to be read.
    const control = await paired(
      () => records.getRecord(tenant, 'plain', pick(ids.plain)),
      () => records.getRecord(tenant, 'plain', pick(ids.plain)),
    );
    console.log(
      `A/A control, plain read on both sides: time ratio ${control.ratio.toFixed(3)}x, CPU ratio ${control.cpuRatio.toFixed(3)}x (1.000 for a measure without bias)`,
    );

    // Latency, one operation at a time, plain and encrypted alternating operation by operation: the
    // cost of encryption to one caller, without the contention of 16 (where this process's one thread
    // is the limit and the ratio is its CPU per operation).
    const each = Number(process.env.BENCH_INTERLEAVED ?? 10_000);
    const latency = (name: string, r: Awaited<ReturnType<typeof interleaved>>) =>
      console.log(
        `${name.padEnd(10)}  median ${r.base.median.toFixed(0)} → ${r.cand.median.toFixed(0)} µs: ${r.medianRatio.toFixed(3)}x   <= ${GOAL}x ${r.medianRatio <= GOAL ? 'met' : 'MISSED'}   (mean without the slowest 1 %: ${r.meanRatio.toFixed(3)}x)`,
      );
    console.log(`one at a time, alternating operation by operation (${each.toLocaleString('en')} each): plain → encrypted latency`);
    latency(
      'write',
      await interleaved(each, { op: () => records.create(tenant, 'plain', [record(n++)]) }, { op: () => records.create(tenant, 'secret', [record(n++)]) }),
    );
    latency(
      'read',
      await interleaved(
        each,
        { op: () => records.getRecord(tenant, 'plain', pick(ids.plain)) },
        { op: () => records.getRecord(tenant, 'secret', pick(ids.secret)) },
      ),
    );
    latency(
      'A/A read',
      await interleaved(
        each,
        { op: () => records.getRecord(tenant, 'plain', pick(ids.plain)) },
        { op: () => records.getRecord(tenant, 'plain', pick(ids.plain)) },
      ),
    );

    // The codec alone: what sealing and opening the three fields costs per record, without a database.
    const ring = await tenantry.keys.keyring(tenant);
    const place = { tenantId: tenant.id, generation: tenant.generation, collection: 'secret' };
    const cipher = { fields: ['email', 'phone', 'address'], ring };
    const iterations = 20_000;
    const data = record(1);
    let started = process.hrtime.bigint();
    const sealed = [];
    for (let i = 0; i < iterations; i++) sealed.push(storedData(place, ids.secret[0]!, data, cipher));
    const sealUs = Number(process.hrtime.bigint() - started) / 1000 / iterations;
    const row = { id: ids.secret[0]!, data: sealed[0], version: 1, created_at: new Date(), updated_at: new Date() };
    const keys = async () => ring;
    started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await decodeRecords(keys, place, [row]);
    const openUs = Number(process.hrtime.bigint() - started) / 1000 / iterations;
    // A write's answer: its own RETURNING row, decoded from the text it sealed (SealedFields) instead of opened.
    const own: SealedFields = new Map();
    storedData(place, ids.secret[0]!, data, cipher, own);
    started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await decodeRecords(keys, place, [row], own);
    const ownUs = Number(process.hrtime.bigint() - started) / 1000 / iterations;
    console.log(
      `codec alone: seal 3 fields ${sealUs.toFixed(1)} µs, open 3 fields ${openUs.toFixed(1)} µs per record; a write's answer from what it sealed ${ownUs.toFixed(1)} µs`,
    );
  } finally {
    for (const tenant of await services.tenantry.catalog.list()) await services.tenantry.tenants.delete(tenant.id).catch(() => {});
    await meter.close();
    await services.close();
  }
});
