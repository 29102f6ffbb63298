import os from 'node:os';
import { BoundedProcess, compiledModule } from './bounded-process.js';
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

interface Slot {
  process: BoundedProcess;
  busy: boolean;
}

export class Sandbox {
  readonly #size: number;
  readonly #memoryMb: number;
  readonly #slots: Slot[] = [];
  /** Waiting tasks per tenant; the map's order is the round robin (a tenant served moves to the back). */
  readonly #waiting = new Map<string, Queued[]>();
  readonly #running = new Map<string, number>();
  #closed = false;

  constructor(options: SandboxOptions = {}) {
    this.#size = Math.max(1, options.workers ?? Math.max(2, Math.min(4, os.availableParallelism())));
    this.#memoryMb = options.memoryMb ?? 256;
  }

  /** Run `task` for `tenantId` within `timeoutMs` of its start in a worker. */
  run(tenantId: string, task: SandboxTask, timeoutMs: number): Promise<SandboxReply & { ok: true }> {
    if (this.#closed) return Promise.reject(new SandboxError('the sandbox is shut down'));
    const queue = this.#waiting.get(tenantId) ?? [];
    const bytes = task.kind === 'jsonata' ? task.expression.length + task.data.length : task.schema.length + task.items.length;
    const queuedBytes = queue.reduce((n, q) => n + q.bytes, 0);
    if (queue.length >= MAX_QUEUED || (queue.length > 0 && queuedBytes + bytes > MAX_QUEUED_BYTES)) {
      return Promise.reject(new SandboxBusyError(`this tenant already has ${queue.length} evaluations waiting; retry when they have finished`));
    }
    return new Promise((resolve, reject) => {
      const expiry = setTimeout(() => {
        const waiting = this.#waiting.get(tenantId);
        const at = waiting?.indexOf(entry) ?? -1;
        if (at < 0) return;
        waiting!.splice(at, 1);
        if (waiting!.length === 0) this.#waiting.delete(tenantId);
        reject(new SandboxBusyError(`waited ${QUEUE_WAIT_MS / 1000} s behind this tenant's earlier evaluations; retry later`));
      }, QUEUE_WAIT_MS);
      const entry: Queued = { tenantId, task, bytes, timeoutMs, expiry, resolve, reject };
      queue.push(entry);
      this.#waiting.set(tenantId, queue);
      this.#pump();
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

  /** A tenant may hold every worker but one (all of them when there is only one). */
  get #perTenant(): number {
    return Math.max(1, this.#size - 1);
  }

  #pump(): void {
    while (!this.#closed) {
      const tenantId = [...this.#waiting.keys()].find((t) => (this.#running.get(t) ?? 0) < this.#perTenant);
      if (tenantId === undefined) return;
      const slot = this.#slots.find((s) => !s.busy) ?? (this.#slots.length < this.#size ? this.#spawn() : undefined);
      if (!slot) return;
      const queue = this.#waiting.get(tenantId)!;
      const next = queue.shift()!;
      this.#waiting.delete(tenantId);
      if (queue.length > 0) this.#waiting.set(tenantId, queue);
      clearTimeout(next.expiry);
      this.#start(slot, next);
    }
  }

  #spawn(): Slot {
    const slot: Slot = { process: new BoundedProcess(compiledModule(import.meta.url, 'sandbox-worker', 'sandbox'), { memoryMb: this.#memoryMb }), busy: false };
    slot.process.onExit(() => this.#forget(slot));
    this.#slots.push(slot);
    return slot;
  }

  #forget(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
  }

  #start(slot: Slot, { tenantId, task, timeoutMs, resolve, reject }: Queued): void {
    const { process: evaluator } = slot;
    slot.busy = true;
    evaluator.hold(true);
    this.#running.set(tenantId, (this.#running.get(tenantId) ?? 0) + 1);
    let settled = false;
    const finish = (outcome: { reply: SandboxReply & { ok: true } } | { error: Error }, broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      evaluator.child.off('message', onMessage);
      stopWatching();
      const running = this.#running.get(tenantId)! - 1;
      if (running > 0) this.#running.set(tenantId, running);
      else this.#running.delete(tenantId);
      if (broken) {
        this.#forget(slot);
        evaluator.kill();
      } else {
        slot.busy = false;
        evaluator.hold(false);
      }
      if ('reply' in outcome) resolve(outcome.reply);
      else reject(outcome.error);
      this.#pump();
    };
    const onMessage = (reply: SandboxReply) => {
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
    const timer = setTimeout(
      () => finish({ error: new SandboxError(`it ran longer than ${timeoutMs} ms, this tenant's limit (evaluationTimeoutMs)`) }, true),
      timeoutMs,
    );
    evaluator.child.on('message', onMessage);
    evaluator.send(task);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const queue of this.#waiting.values()) {
      for (const { reject, expiry } of queue) {
        clearTimeout(expiry);
        reject(new SandboxError('the sandbox is shut down'));
      }
    }
    this.#waiting.clear();
    for (const slot of this.#slots.splice(0)) slot.process.kill();
  }
}
