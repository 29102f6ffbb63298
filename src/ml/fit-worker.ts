/** Worker-thread entry: trains one model per job (see worker-pool.ts), off the request thread. */
import { parentPort } from 'node:worker_threads';
import { FeatureError, trainLinear, trainRecommender } from './fit.js';
import type { ToWorker, TrainingJob } from './worker-pool.js';

let job: TrainingJob | undefined;
let rows: unknown[][] = [];

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    job = message.job;
    rows = [];
  } else if (message.type === 'rows') {
    for (const row of message.rows) rows.push(row);
  } else if (message.type === 'abort') {
    rows = [];
    parentPort!.postMessage({ ok: false, message: 'aborted', dataError: false });
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
          : trainLinear(current.kind, current.features, current.target!, data, current.options);
      // Time in the worker from the last row to the finished model: encoding, fit and holdout metrics.
      result.metrics.fitMs = Math.round(performance.now() - t0);
      parentPort!.postMessage({ ok: true, result });
    } catch (error) {
      parentPort!.postMessage({ ok: false, message: (error as Error).message, dataError: error instanceof FeatureError });
    }
  }
});
