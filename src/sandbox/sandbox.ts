import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SandboxReply, SandboxTask } from './sandbox-worker.js';

/**
 * Where tenant-supplied logic runs when it could take unbounded time or memory: JSONata expressions
 * (workflow transform steps and `{"$expr"}` parameters) and JSON Schema validations too large or
 * recursive to run on the request thread. Each task runs in a small child process with a heap limit
 * and a hard deadline: a task that outruns its deadline has its process killed (synchronous code
 * cannot be interrupted any other way), one that exhausts the heap ends only its process, and either
 * way the caller gets a SandboxError saying which limit it hit while every other tenant carries on.
 * Processes, not worker threads: V8 ends the whole process when one large allocation fails past a
 * worker's heap limit (`[1..1e7].[1..1e7]` did), which a worker's resourceLimits cannot prevent.
 *
 * Fair across tenants: a queue per tenant, served round robin, and one tenant holds at most all
 * workers but one, so another tenant's task always finds a worker within one task's deadline.
 */
export class SandboxError extends Error {}

export interface SandboxOptions {
  /** Evaluator processes (default: one per core, 2 to 4). */
  workers?: number;
  /** Heap of each evaluator, in megabytes (default 256). */
  memoryMb?: number;
}

interface Queued {
  tenantId: string;
  task: SandboxTask;
  timeoutMs: number;
  resolve: (reply: SandboxReply & { ok: true }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  child: ChildProcess;
  busy: boolean;
  /** The end of what the process wrote to stderr (V8 says there why it died). */
  stderr: string;
}

/** The compiled worker (under the test runner this module is TypeScript source; see ml/worker-pool.ts). */
function workerPath(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL('../../dist/src/sandbox/sandbox-worker.js', here) : new URL('./sandbox-worker.js', here));
}

/** Let the process exit while `child` idles (and keep it alive while `child` works). */
function hold(child: ChildProcess, busy: boolean): void {
  const handles = [child, child.channel].filter(Boolean) as Array<{ ref(): void; unref(): void }>;
  for (const h of handles) {
    if (busy) h.ref();
    else h.unref();
  }
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
    return new Promise((resolve, reject) => {
      const entry: Queued = { tenantId, task, timeoutMs, resolve, reject };
      const queue = this.#waiting.get(tenantId);
      if (queue) queue.push(entry);
      else this.#waiting.set(tenantId, [entry]);
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
      this.#start(slot, next);
    }
  }

  #spawn(): Slot {
    const child = fork(workerPath(), [], {
      execArgv: [`--max-old-space-size=${this.#memoryMb}`, '--max-semi-space-size=16'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const slot: Slot = { child, busy: false, stderr: '' };
    child.stderr!.on('data', (chunk: Buffer) => (slot.stderr = (slot.stderr + chunk.toString()).slice(-2_000)));
    hold(child, false);
    // A process killed for its deadline may report an error on its way out, with nobody listening
    // any more; unhandled, that 'error' event would throw on the request thread.
    child.on('error', () => {});
    child.once('exit', () => this.#forget(slot));
    this.#slots.push(slot);
    return slot;
  }

  #forget(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
  }

  #start(slot: Slot, { tenantId, task, timeoutMs, resolve, reject }: Queued): void {
    const { child } = slot;
    slot.busy = true;
    hold(child, true);
    this.#running.set(tenantId, (this.#running.get(tenantId) ?? 0) + 1);
    let settled = false;
    const finish = (outcome: { reply: SandboxReply & { ok: true } } | { error: Error }, broken: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      const running = this.#running.get(tenantId)! - 1;
      if (running > 0) this.#running.set(tenantId, running);
      else this.#running.delete(tenantId);
      if (broken) {
        this.#forget(slot);
        child.kill('SIGKILL');
      } else {
        slot.busy = false;
        hold(child, false);
      }
      if ('reply' in outcome) resolve(outcome.reply);
      else reject(outcome.error);
      this.#pump();
    };
    const onMessage = (reply: SandboxReply) => {
      if (reply.ok) finish({ reply }, false);
      else finish({ error: new SandboxError(reply.message) }, false);
    };
    const onExit = () => {
      // Let the last of stderr arrive: V8 writes why it gave up just before the process ends.
      setImmediate(() =>
        finish(
          {
            error: /heap out of memory|Allocation failed|invalid (array|table) size/i.test(slot.stderr)
              ? new SandboxError(`it used more than the ${this.#memoryMb} MB of memory an evaluation may use`)
              : new SandboxError('the evaluator stopped unexpectedly'),
          },
          true,
        ),
      );
    };
    const timer = setTimeout(() => finish({ error: new SandboxError(`it ran longer than ${timeoutMs} ms, this tenant's limit (evaluationTimeoutMs)`) }, true), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(task);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const queue of this.#waiting.values()) for (const { reject } of queue) reject(new SandboxError('the sandbox is shut down'));
    this.#waiting.clear();
    for (const slot of this.#slots.splice(0)) slot.child.kill('SIGKILL');
  }
}
