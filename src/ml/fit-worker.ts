/** Training process entry: trains one model per job (see worker-pool.ts), outside the serving process. */
import os from 'node:os';
import { FeatureError, trainLinear, trainRecommender } from './fit.js';
import type { ToWorker, TrainingJob } from './worker-pool.js';

// Lowest CPU priority (on Linux, setpriority on "process 0" applies to the calling thread, here the
// process's JavaScript thread): a fit must never take a core away from the thread serving requests or
// from the database. Raising niceness needs no privilege; where it is unsupported, nothing changes.
try {
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  // not supported here
}

let job: TrainingJob | undefined;
let rows: unknown[][] = [];
/** CPU of this process when the job started: what it used since is the job's (its tenant's, src/usage/costs.ts). */
let cpuAtStart = process.cpuUsage();

function cpuMs(): number {
  const used = process.cpuUsage(cpuAtStart);
  return (used.user + used.system) / 1000;
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    job = message.job;
    rows = [];
    cpuAtStart = process.cpuUsage();
  } else if (message.type === 'rows') {
    if (!job) return; // refused already: the rest of its pages are dropped
    for (const row of JSON.parse(message.json) as unknown[][]) rows.push(row);
    // The design is at least one column per field plus the intercept: past the cells limit with the
    // rows alone, stop holding them now rather than after reading every page (memory the plan bounds).
    const cells = rows.length * ((job.kind === 'recommendation' ? 2 : job.features.length) + 1);
    if (cells > job.limits.trainingCells) {
      const limit = job.limits.trainingCells.toLocaleString('en-US');
      job = undefined;
      rows = [];
      process.send!({
        ok: false,
        message: `the collection has too many records for this model: over ${limit} cells (records × columns), the plan's limit (trainingCells = ${limit}); train on fewer records or features`,
        dataError: true,
        cpuMs: cpuMs(),
      });
    }
  } else if (message.type === 'abort') {
    rows = [];
    process.send!({ ok: false, message: 'aborted', dataError: false, cpuMs: cpuMs() });
  } else if (job) {
    const current = job;
    const data = rows;
    job = undefined;
    rows = [];
    try {
      const t0 = performance.now();
      const result =
        current.kind === 'recommendation'
          ? trainRecommender(data, current.fields!, current.options)
          : trainLinear(current.kind, current.features, current.target!, data, current.options, current.limits);
      // Time in the worker from the last row to the finished model: encoding, fit and holdout metrics.
      result.metrics.fitMs = Math.round(performance.now() - t0);
      process.send!({ ok: true, result, cpuMs: cpuMs() });
    } catch (error) {
      process.send!({ ok: false, message: (error as Error).message, dataError: error instanceof FeatureError, cpuMs: cpuMs() });
    }
  }
});

// The parent went away (it crashed, or was killed): nothing is left to answer to.
process.on('disconnect', () => process.exit(0));
