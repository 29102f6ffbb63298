import os from 'node:os';
import { BoundedProcess, compiledModule } from '../sandbox/bounded-process.js';
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

interface Slot {
  process: BoundedProcess;
  busy: boolean;
}

interface Queued {
  tenantId: string;
  job: TrainingJob;
  pages: AsyncIterable<string>;
  resolve: (r: TrainResult) => void;
  reject: (e: Error) => void;
}

type FromWorker = { ok: true; result: TrainResult } | { ok: false; message: string; dataError: boolean };

/**
 * A small pool of training processes (BoundedProcess), so a long fit never blocks the event loop that
 * serves requests, and one that exhausts its memory ends alone. It is fair across tenants: each tenant has its own queue, a free worker takes the
 * next job of the tenant served least recently (round robin), and a tenant runs one training at a
 * time. With at least two workers, one tenant's training never holds every worker, so a small model
 * of another tenant starts at once instead of waiting behind a long fit. A job that outruns the
 * tenant's trainingTimeMs, or a worker that runs out of memory or dies, fails that job; the worker is
 * replaced.
 */
export class TrainingPool {
  readonly #size: number;
  readonly #slots: Slot[] = [];
  /** Waiting jobs per tenant; the map's order is the round robin (a tenant served moves to the back). */
  readonly #waiting = new Map<string, Queued[]>();
  /** Tenants with a training running. */
  readonly #running = new Set<string>();
  #closed = false;

  /** Two workers at least (see above), four at most: each may hold a gigabyte of heap. */
  constructor(size = Math.max(2, Math.min(4, os.availableParallelism() - 1))) {
    this.#size = size;
  }

  /**
   * Train on rows streamed from `pages` (JSON texts): each page goes to the worker as it is read, so
   * the request thread holds at most one page, as one string. The time limit counts from the start
   * in a worker, reading included, not from the wait in the queue.
   */
  run(tenantId: string, job: TrainingJob, pages: AsyncIterable<string>): Promise<TrainResult> {
    if (this.#closed) return Promise.reject(interrupted());
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(tenantId);
      if (queue) queue.push({ tenantId, job, pages, resolve, reject });
      else this.#waiting.set(tenantId, [{ tenantId, job, pages, resolve, reject }]);
      this.#pump();
    });
  }

  #pump(): void {
    while (!this.#closed) {
      const tenantId = [...this.#waiting.keys()].find((t) => !this.#running.has(t));
      if (tenantId === undefined) return;
      const slot = this.#slots.find((s) => !s.busy) ?? (this.#slots.length < this.#size ? this.#spawn() : undefined);
      if (!slot) return;
      const queue = this.#waiting.get(tenantId)!;
      const next = queue.shift()!;
      this.#waiting.delete(tenantId);
      if (queue.length > 0) this.#waiting.set(tenantId, queue);
      this.#start(slot, next);
    }
  }

  #spawn(): Slot {
    // 'advanced' serialization: results keep NaN metrics (undefined on a tiny holdout) and typed arrays.
    const process = new BoundedProcess(compiledModule(import.meta.url, 'fit-worker', 'ml'), { memoryMb: WORKER_HEAP_MB, serialization: 'advanced' });
    const slot: Slot = { process, busy: false };
    // However a process ends, it takes no more jobs; the next one that needs a worker starts a new one.
    process.onExit(() => this.#forget(slot));
    this.#slots.push(slot);
    return slot;
  }

  #forget(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
  }

  #start(slot: Slot, { tenantId, job, pages, resolve, reject }: Queued): void {
    const { process: worker } = slot;
    slot.busy = true;
    worker.hold(true);
    this.#running.add(tenantId);
    let settled = false;
    /** The job's end, whichever comes first; `broken` workers are replaced rather than reused. */
    const finish = (outcome: { result: TrainResult } | { error: Error }, broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.child.off('message', onMessage);
      stopWatching();
      this.#running.delete(tenantId);
      if (broken) {
        this.#forget(slot);
        worker.kill();
      } else {
        slot.busy = false;
        worker.hold(false);
      }
      // After a failed read the promise is already rejected; settling again is a no-op.
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
      this.#pump();
    };
    const onMessage = (m: FromWorker) => {
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
    for (const queue of this.#waiting.values()) for (const { reject } of queue) reject(interrupted());
    this.#waiting.clear();
    for (const slot of this.#slots.splice(0)) slot.process.kill();
  }
}
