import os from 'node:os';
import { BoundedProcess, compiledModule } from '../sandbox/bounded-process.js';
import { FairPool, type PoolSlot } from '../sandbox/fair-pool.js';
import type { PlanLimits } from '../tenancy/plans.js';
import type { ModelKind, TrainOptions, TrainResult } from './fit.js';

/** The tenant's plan limits a training runs under: time here in the pool, design size in the worker. */
export type TrainingLimits = Pick<PlanLimits, 'trainingTimeMs' | 'trainingCells' | 'trainingWidth'>;

export interface TrainingJob {
  kind: ModelKind;
  features: string[];
  target?: string;
  fields?: { user: string; item: string; weight?: string };
  options: TrainOptions;
  limits: TrainingLimits;
}

/**
 * Messages to a worker: a job, its rows page by page as they are read (each page a JSON text of
 * `[[…], …]`, parsed in the worker), then the end (or abort).
 */
export type ToWorker = { type: 'start'; job: TrainingJob } | { type: 'rows'; json: string } | { type: 'end' } | { type: 'abort' };

/** A training failure whose message is meant for the tenant (shown as the version's reason). */
export class TrainingDataError extends Error {}

const interrupted = () => new TrainingDataError('training was interrupted because the server stopped; train a new version');

/** Heap of one training process: past it V8 ends that process alone, and the training fails with the reason. */
const WORKER_HEAP_MB = 1024;

interface Queued {
  tenantId: string;
  job: TrainingJob;
  pages: AsyncIterable<string>;
  resolve: (r: TrainResult) => void;
  reject: (e: Error) => void;
}

/** A job's end; `cpuMs`: the CPU the training process used on it (milliseconds). */
type FromWorker = ({ ok: true; result: TrainResult } | { ok: false; message: string; dataError: boolean }) & { cpuMs?: number };

/**
 * A small pool of training processes (BoundedProcess), so a long fit never blocks the event loop that
 * serves requests, and one that exhausts its memory ends alone. Fair across tenants (FairPool): each
 * tenant has its own queue, a free process takes the next job of the tenant served least recently,
 * and a tenant runs one training at a time. With at least two processes, one tenant's training never
 * holds every process, so a small model of another tenant starts at once instead of waiting behind a
 * long fit. A job that outruns the tenant's trainingTimeMs, or a process that runs out of memory or
 * dies, fails that job; the process is replaced.
 */
export class TrainingPool {
  readonly #pool: FairPool<Queued>;
  #closed = false;

  /** Two processes at least (see above), four at most: each may hold a gigabyte of heap. */
  /** `onCpu`: told the CPU seconds a training process measured for a job of a tenant (cost attribution). */
  constructor(
    size = Math.max(2, Math.min(4, os.availableParallelism() - 1)),
    private readonly onCpu?: (tenantId: string, seconds: number) => void,
  ) {
    this.#pool = new FairPool<Queued>({
      size,
      perTenant: 1,
      // 'advanced' serialization: results keep NaN metrics (undefined on a tiny holdout) and typed arrays.
      spawn: () => new BoundedProcess(compiledModule(import.meta.url, 'fit-worker', 'ml'), { memoryMb: WORKER_HEAP_MB, serialization: 'advanced' }),
      start: (slot, queued) => this.#start(slot, queued),
    });
  }

  /**
   * Train on rows streamed from `pages` (JSON texts): each page goes to the worker as it is read, so
   * the request thread holds at most one page, as one string. The time limit counts from the start
   * in a worker, reading included, not from the wait in the queue.
   */
  run(tenantId: string, job: TrainingJob, pages: AsyncIterable<string>): Promise<TrainResult> {
    if (this.#closed) return Promise.reject(interrupted());
    return new Promise((resolve, reject) => this.#pool.enqueue({ tenantId, job, pages, resolve, reject }));
  }

  #start(slot: PoolSlot, queued: Queued): void {
    const { job, pages, resolve, reject } = queued;
    const worker = slot.process;
    let settled = false;
    /** The job's end, whichever comes first; a `broken` process is replaced rather than reused. */
    const finish = (outcome: { result: TrainResult } | { error: Error }, broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.child.off('message', onMessage);
      stopWatching();
      this.#pool.finished(slot, queued, broken);
      // After a failed read the promise is already rejected; settling again is a no-op.
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
    };
    const onMessage = (m: FromWorker) => {
      if (m.cpuMs !== undefined) this.onCpu?.(queued.tenantId, m.cpuMs / 1000);
      if (m.ok) finish({ result: m.result }, false);
      else finish({ error: m.dataError ? new TrainingDataError(m.message) : new Error(m.message) }, false);
    };
    // Out of memory, or killed mid-job (shutdown): the job fails instead of waiting forever.
    const stopWatching = worker.onExit(() =>
      finish(
        {
          error: worker.outOfMemory
            ? new TrainingDataError(
                `training ran out of memory (${WORKER_HEAP_MB} MB per training); use fewer records or features, or fewer distinct string values`,
              )
            : interrupted(),
        },
        true,
      ),
    );
    const timer = setTimeout(() => {
      const limit = job.limits.trainingTimeMs;
      const reason = `training stopped after ${limit / 1000} s, the plan's limit (trainingTimeMs = ${limit}); use fewer records or features`;
      finish({ error: new TrainingDataError(reason) }, true);
    }, job.limits.trainingTimeMs);
    worker.child.on('message', onMessage);
    const send = (message: ToWorker) => worker.send(message);
    send({ type: 'start', job });
    void (async () => {
      try {
        for await (const json of pages) {
          if (settled) return; // stopped (time limit, shutdown): stop reading
          send({ type: 'rows', json });
        }
        send({ type: 'end' });
      } catch (error) {
        // Reading failed: the worker drops the job and answers, which frees the slot.
        if (!settled) send({ type: 'abort' });
        reject(error as Error);
      }
    })();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { reject } of this.#pool.close()) reject(interrupted());
  }
}
