import type { BoundedProcess } from './bounded-process.js';

/** One process of a pool, and whether a job holds it. */
export interface PoolSlot {
  process: BoundedProcess;
  busy: boolean;
}

/**
 * Jobs of many tenants spread over a few BoundedProcesses, fairly: a queue per tenant, served round
 * robin (the tenant served longest ago goes first), at most `perTenant` of a tenant's jobs running
 * at once, processes started on demand up to `size`. The owner runs a job on the slot it is given
 * (`start`) and reports its end with `finished`; a broken process (killed for a limit, out of memory)
 * is dropped and a new one started for the next job. Shared by the sandbox and model training.
 */
export class FairPool<J extends { tenantId: string }> {
  readonly #slots: PoolSlot[] = [];
  /** Waiting jobs per tenant; the map's order is the round robin (a tenant served moves to the back). */
  readonly #waiting = new Map<string, J[]>();
  readonly #running = new Map<string, number>();
  #closed = false;

  constructor(
    private readonly options: {
      size: number;
      perTenant: number;
      spawn: () => BoundedProcess;
      start: (slot: PoolSlot, job: J) => void;
    },
  ) {}

  /** The tenant's jobs still waiting for a process. */
  waiting(tenantId: string): readonly J[] {
    return this.#waiting.get(tenantId) ?? [];
  }

  enqueue(job: J): void {
    const queue = this.#waiting.get(job.tenantId);
    if (queue) queue.push(job);
    else this.#waiting.set(job.tenantId, [job]);
    this.#pump();
  }

  /** Take a job out of its queue before it starts; false when it is not waiting (any more). */
  withdraw(job: J): boolean {
    const queue = this.#waiting.get(job.tenantId);
    const at = queue?.indexOf(job) ?? -1;
    if (at < 0) return false;
    queue!.splice(at, 1);
    if (queue!.length === 0) this.#waiting.delete(job.tenantId);
    return true;
  }

  /** A job started on `slot` ended; a `broken` process is killed and replaced, a sound one is reused. */
  finished(slot: PoolSlot, job: J, broken: boolean): void {
    const running = this.#running.get(job.tenantId)! - 1;
    if (running > 0) this.#running.set(job.tenantId, running);
    else this.#running.delete(job.tenantId);
    if (broken) {
      this.#forget(slot);
      slot.process.kill();
    } else {
      slot.busy = false;
      slot.process.hold(false);
    }
    this.#pump();
  }

  /** Stop: every process killed; the jobs still waiting are returned for the owner to fail. */
  close(): J[] {
    this.#closed = true;
    const waiting = [...this.#waiting.values()].flat();
    this.#waiting.clear();
    for (const slot of this.#slots.splice(0)) slot.process.kill();
    return waiting;
  }

  #pump(): void {
    while (!this.#closed) {
      const tenantId = [...this.#waiting.keys()].find((t) => (this.#running.get(t) ?? 0) < this.options.perTenant);
      if (tenantId === undefined) return;
      const slot = this.#slots.find((s) => !s.busy) ?? (this.#slots.length < this.options.size ? this.#spawn() : undefined);
      if (!slot) return;
      const queue = this.#waiting.get(tenantId)!;
      const job = queue.shift()!;
      this.#waiting.delete(tenantId);
      if (queue.length > 0) this.#waiting.set(tenantId, queue);
      slot.busy = true;
      slot.process.hold(true);
      this.#running.set(tenantId, (this.#running.get(tenantId) ?? 0) + 1);
      this.options.start(slot, job);
    }
  }

  #spawn(): PoolSlot {
    const slot: PoolSlot = { process: this.options.spawn(), busy: false };
    // However a process ends, it takes no more jobs; the next one that needs a process starts a new one.
    slot.process.onExit(() => this.#forget(slot));
    this.#slots.push(slot);
    return slot;
  }

  #forget(slot: PoolSlot): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
  }
}
