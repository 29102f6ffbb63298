import os from 'node:os';
import { BoundedProcess, compiledModule } from './bounded-process.js';
import { FairPool, type PoolSlot } from './fair-pool.js';
import type { SandboxReply, SandboxTask } from './sandbox-worker.js';

/**
 * Where tenant-supplied logic runs when it could take unbounded time or memory: JSONata expressions
 * (workflow transform steps and `{"$expr"}` parameters) and JSON Schema validations too large or
 * recursive to run on the request thread. Each task runs in a small child process with a heap limit
 * and a hard deadline: a task that outruns its deadline has its process killed (synchronous code
 * cannot be interrupted any other way), one that exhausts the heap ends only its process, and either
 * way the caller gets a SandboxError saying which limit it hit while every other tenant carries on
 * (see BoundedProcess for why processes and not worker threads).
 *
 * Fair across tenants: a queue per tenant, served round robin, and one tenant holds at most all
 * workers but one, so another tenant's task always finds a worker within one task's deadline.
 */
export class SandboxError extends Error {}

/**
 * The tenant already has as much waiting in the sandbox as it may (tasks or bytes), or a task waited
 * past QUEUE_WAIT_MS: try again later (HTTP 429; a workflow step retries). Not the task's own fault.
 */
export class SandboxBusyError extends Error {}

/** Tasks, and bytes of them, one tenant may have waiting: each holds its data (up to a request body) in memory. */
const MAX_QUEUED = 16;
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;
/** Longest a task waits for an evaluator. */
const QUEUE_WAIT_MS = 10_000;

export interface SandboxOptions {
  /** Evaluator processes (default: one per core, 2 to 4). */
  workers?: number;
  /** Heap of each evaluator, in megabytes (default 256). */
  memoryMb?: number;
  /** Told the CPU seconds an evaluator measured for a task of a tenant (cost attribution). */
  onCpu?: (tenantId: string, seconds: number) => void;
}

interface Queued {
  tenantId: string;
  task: SandboxTask;
  bytes: number;
  timeoutMs: number;
  /** Fails the task if it is still waiting after QUEUE_WAIT_MS. */
  expiry: NodeJS.Timeout;
  resolve: (reply: SandboxReply & { ok: true }) => void;
  reject: (error: Error) => void;
}

/** Longest an evaluator may take to start; past it the task fails as the evaluator's fault, not the tenant's. */
const START_MS = 15_000;

export class Sandbox {
  readonly #memoryMb: number;
  readonly #onCpu: SandboxOptions['onCpu'];
  readonly #pool: FairPool<Queued>;
  /** Each evaluator's start: its first message. A task's deadline counts from then, never its process's boot. */
  readonly #ready = new WeakMap<BoundedProcess, Promise<boolean>>();
  #closed = false;

  constructor(options: SandboxOptions = {}) {
    const size = Math.max(1, options.workers ?? Math.max(2, Math.min(4, os.availableParallelism())));
    this.#memoryMb = options.memoryMb ?? 256;
    this.#onCpu = options.onCpu;
    this.#pool = new FairPool<Queued>({
      size,
      // A tenant may hold every evaluator but one (all of them when there is only one).
      perTenant: Math.max(1, size - 1),
      spawn: () => this.#spawn(),
      start: (slot, task) => this.#start(slot, task),
    });
  }

  /** Run `task` for `tenantId` within `timeoutMs` of its start in an evaluator. */
  run(tenantId: string, task: SandboxTask, timeoutMs: number): Promise<SandboxReply & { ok: true }> {
    if (this.#closed) return Promise.reject(new SandboxError('the sandbox is shut down'));
    const queue = this.#pool.waiting(tenantId);
    const bytes = task.kind === 'jsonata' ? task.expression.length + task.data.length : task.schema.length + task.items.length;
    const queuedBytes = queue.reduce((n, q) => n + q.bytes, 0);
    if (queue.length >= MAX_QUEUED || (queue.length > 0 && queuedBytes + bytes > MAX_QUEUED_BYTES)) {
      return Promise.reject(new SandboxBusyError(`this tenant already has ${queue.length} evaluations waiting; retry when they have finished`));
    }
    return new Promise((resolve, reject) => {
      const expiry = setTimeout(() => {
        if (this.#pool.withdraw(entry)) reject(new SandboxBusyError(`waited ${QUEUE_WAIT_MS / 1000} s behind this tenant's earlier evaluations; retry later`));
      }, QUEUE_WAIT_MS);
      const entry: Queued = { tenantId, task, bytes, timeoutMs, expiry, resolve, reject };
      this.#pool.enqueue(entry);
    });
  }

  /** Evaluate a JSONata expression against `data` (JSON text); resolves its result (undefined for none). */
  async evaluate(tenantId: string, expression: string, data: string, timeoutMs: number): Promise<unknown> {
    const reply = await this.run(tenantId, { kind: 'jsonata', expression, data }, timeoutMs);
    return reply.json === undefined ? undefined : JSON.parse(reply.json);
  }

  /** The first of `items` (JSON text of an array) that `schema` (JSON text) refuses, or null. */
  async validate(tenantId: string, schema: string, items: string, timeoutMs: number): Promise<{ index: number; message: string } | null> {
    const reply = await this.run(tenantId, { kind: 'validate', schema, items }, timeoutMs);
    return reply.invalid ?? null;
  }

  #spawn(): BoundedProcess {
    const evaluator = new BoundedProcess(compiledModule(import.meta.url, 'sandbox-worker', 'sandbox'), { memoryMb: this.#memoryMb });
    this.#ready.set(
      evaluator,
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), START_MS);
        evaluator.child.once('message', () => {
          clearTimeout(timer);
          resolve(true);
        });
        evaluator.onExit(() => resolve(false));
      }),
    );
    return evaluator;
  }

  #start(slot: PoolSlot, queued: Queued): void {
    const { task, timeoutMs, expiry, resolve, reject } = queued;
    const evaluator = slot.process;
    clearTimeout(expiry);
    let settled = false;
    const finish = (outcome: { reply: SandboxReply & { ok: true } } | { error: Error }, broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      evaluator.child.off('message', onMessage);
      stopWatching();
      this.#pool.finished(slot, queued, broken);
      if ('reply' in outcome) resolve(outcome.reply);
      else reject(outcome.error);
    };
    const onMessage = (reply: SandboxReply) => {
      if (reply.cpuMs !== undefined) this.#onCpu?.(queued.tenantId, reply.cpuMs / 1000);
      if (reply.ok) finish({ reply }, false);
      else finish({ error: new SandboxError(reply.message) }, false);
    };
    const stopWatching = evaluator.onExit(() =>
      finish(
        {
          error: evaluator.outOfMemory
            ? new SandboxError(`it used more than the ${this.#memoryMb} MB of memory an evaluation may use`)
            : new SandboxError('the evaluator stopped unexpectedly'),
        },
        true,
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    void this.#ready.get(evaluator)!.then((started) => {
      if (settled) return;
      if (!started) return finish({ error: new SandboxBusyError('an evaluator did not start in time; retry shortly') }, true);
      timer = setTimeout(
        () => finish({ error: new SandboxError(`it ran longer than ${timeoutMs} ms, this tenant's limit (evaluationTimeoutMs)`) }, true),
        timeoutMs,
      );
      evaluator.child.on('message', onMessage);
      evaluator.send(task);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { reject, expiry } of this.#pool.close()) {
      clearTimeout(expiry);
      reject(new SandboxError('the sandbox is shut down'));
    }
  }
}
