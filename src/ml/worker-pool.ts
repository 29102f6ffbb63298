import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelKind, TrainOptions, TrainResult } from './fit.js';

export interface TrainingJob {
  kind: ModelKind;
  features: string[];
  target?: string;
  fields?: { user: string; item: string; weight?: string };
  options: TrainOptions;
}

/**
 * Messages to a worker: a job, its rows page by page as they are read (each page a JSON text of
 * `[[…], …]`, parsed in the worker), then the end (or abort).
 */
export type ToWorker = { type: 'start'; job: TrainingJob } | { type: 'rows'; json: string } | { type: 'end' } | { type: 'abort' };

/** A training failure whose message is meant for the tenant (shown as the version's reason). */
export class TrainingDataError extends Error {}

const interrupted = () => new TrainingDataError('training was interrupted because the server stopped; train a new version');

/**
 * The compiled worker. Under the test runner this module is TypeScript source, which a worker thread
 * cannot load, so it uses the build (`npm test` builds first); the running server is the build itself.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/ml/fit-worker.js', here) : new URL('./fit-worker.js', here);
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * A small pool of worker threads for model training, so a long fit never blocks the event loop that
 * serves requests. Jobs queue FIFO; a worker that dies fails its job and is replaced.
 */
export class TrainingPool {
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Array<{ job: TrainingJob; pages: AsyncIterable<string>; resolve: (r: TrainResult) => void; reject: (e: Error) => void }> = [];
  #closed = false;

  constructor(size = Math.max(1, Math.min(2, os.availableParallelism() - 1))) {
    this.#size = size;
  }

  /**
   * Train on rows streamed from `pages` (JSON texts): each page goes to the worker as it is read, so
   * the request thread holds at most one page, as one string.
   */
  run(job: TrainingJob, pages: AsyncIterable<string>): Promise<TrainResult> {
    if (this.#closed) return Promise.reject(interrupted());
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, pages, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => !s.busy);
      if (!slot && this.#slots.length < this.#size) {
        slot = { worker: new Worker(workerUrl()), busy: false };
        slot.worker.unref();
        this.#slots.push(slot);
      }
      if (!slot) return;
      const { job, pages, resolve, reject } = this.#queue.shift()!;
      const s = slot;
      s.busy = true;
      s.worker.ref();
      const done = () => {
        s.busy = false;
        s.worker.unref();
        s.worker.off('message', onMessage);
        s.worker.off('error', onError);
        s.worker.off('exit', onExit);
        this.#pump();
      };
      const onMessage = (m: { ok: true; result: TrainResult } | { ok: false; message: string; dataError: boolean }) => {
        done();
        // After an abort the promise is already rejected; settling again is a no-op.
        if (m.ok) resolve(m.result);
        else reject(m.dataError ? new TrainingDataError(m.message) : new Error(m.message));
      };
      const onError = (error: Error) => {
        this.#slots.splice(this.#slots.indexOf(s), 1);
        void s.worker.terminate();
        done();
        reject(error);
      };
      // Terminated mid-job (shutdown): the job fails instead of waiting forever.
      const onExit = () => {
        const at = this.#slots.indexOf(s);
        if (at >= 0) this.#slots.splice(at, 1);
        done();
        reject(interrupted());
      };
      s.worker.on('message', onMessage);
      s.worker.on('error', onError);
      s.worker.on('exit', onExit);
      const send = (message: ToWorker) => s.worker.postMessage(message);
      send({ type: 'start', job });
      void (async () => {
        try {
          for await (const json of pages) {
            if (!this.#slots.includes(s)) return; // the worker is gone (shutdown): stop reading
            send({ type: 'rows', json });
          }
          send({ type: 'end' });
        } catch (error) {
          // Reading failed: the worker drops the job and answers, which frees the slot.
          send({ type: 'abort' });
          reject(error as Error);
        }
      })();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { reject } of this.#queue.splice(0)) reject(interrupted());
    await Promise.all(this.#slots.splice(0).map((s) => s.worker.terminate()));
  }
}
