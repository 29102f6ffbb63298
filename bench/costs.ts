/**
 * What per-tenant cost attribution (src/usage/costs.ts) adds to the hot path, measured alone, in CPU
 * time (not wall time, so a busy machine does not inflate it): the clock around one statement, one
 * request's unit with its 'close' listener, and one tick of the sampler with many tenants in the
 * table. The HTTP benchmark's CPU per request (`npm run bench:http`, some 500–1,500 µs per request on
 * a shared 2-core machine) is what these compare with.
 *
 *   npm run bench:costs
 */
import { EventEmitter } from 'node:events';
import { CostAttribution } from '../src/usage/costs.js';

/** CPU nanoseconds per call of `fn` over `n` calls (the median of three runs). */
function cpuNs(n: number, fn: (i: number) => void): number {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn(i);
    const used = process.cpuUsage(start);
    runs.push(((used.user + used.system) * 1000) / n);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

const costs = new CostAttribution(() => {});
const remote = costs.clock('acme', 'postgres');
const local = costs.clock('acme', 'pglite');
const N = 2_000_000;

const statementRemote = cpuNs(N, () => remote.answered(remote.sent()));
const statementLocal = cpuNs(N, () => local.answered(local.sent()));
const bare = cpuNs(N / 4, () => new EventEmitter().emit('close'));
const unit = cpuNs(N / 4, () => {
  const response = new EventEmitter();
  const cost = costs.begin('acme');
  response.once('close', () => cost.end());
  response.emit('close');
});
for (let i = 0; i < 10_000; i++) costs.begin(`tenant-${i}`).end();
const tick = cpuNs(200, () => costs.settleNow());

// ScopedConnection.executeQuery awaits the statement inside a timed wrapper: one async frame more.
const inner = async (i: number) => i;
const timed = async (i: number) => {
  const start = remote.sent();
  try {
    return await inner(i);
  } finally {
    remote.answered(start);
  }
};
async function asyncNs(n: number, fn: (i: number) => Promise<number>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn(i);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / n;
}
const awaited: Array<[number, number]> = [];
for (let r = 0; r < 3; r++) awaited.push([await asyncNs(N / 2, inner), await asyncNs(N / 2, timed)]);
const wrapper = awaited.map(([a, b]) => b - a).sort((a, b) => a - b)[1]!;
costs.close();

console.log('cost attribution, CPU per operation (median of 3 runs)');
console.log(`statement on PostgreSQL (clock sent + answered): ${statementRemote.toFixed(0)} ns`);
console.log(`statement on PGlite: ${statementLocal.toFixed(0)} ns`);
console.log(`statement through the timed async wrapper, clock included: ${wrapper.toFixed(0)} ns`);
console.log(`request unit (begin, 'close' listener, end): ${(unit - bare).toFixed(0)} ns`);
console.log(`sampler tick with 10,000 tenants in the table (every 100 ms): ${(tick / 1000).toFixed(0)} µs`);
