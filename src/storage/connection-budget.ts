import { TenantryError } from '../errors.js';

/** Longest a new server connection waits for a place in the budget before the request gets 503 `busy`. */
const BUDGET_WAIT_MS = 5_000;

/**
 * How many connections this process holds open to PostgreSQL servers, all pools together
 * (TENANTRY_MAX_CONNECTIONS): each pool's physical connection takes a place when it connects and
 * gives it back when it ends, so the budget counts what `pg_stat_activity` sees, idle connections
 * included. When it is full, a new connection waits (FIFO) and asks for room: each pool closes one of
 * its idle connections in turn, and a connection given back while others wait is closed rather than
 * kept idle (`waiting`). A connection that waits past `waitMs` fails with 503 `busy`; nothing waits
 * without end.
 */
export class ConnectionBudget {
  #held = 0;
  readonly #waiters: Array<() => void> = [];
  readonly #reclaimers = new Set<() => Promise<boolean>>();
  #reclaiming = false;

  constructor(
    readonly max: number,
    private readonly waitMs = BUDGET_WAIT_MS,
  ) {}

  /** Connections open now. */
  get held(): number {
    return this.#held;
  }

  /** Connections waiting for a place now. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * `reclaim` closes something idle to make room, resolving whether it closed anything; it is asked
   * when a connection has to wait. Call the result to stop asking it (its pool has closed).
   */
  onPressure(reclaim: () => Promise<boolean>): () => void {
    this.#reclaimers.add(reclaim);
    return () => this.#reclaimers.delete(reclaim);
  }

  /** Take a place for one connection; call the result (once) when the connection has ended. */
  async acquire(): Promise<() => void> {
    if (this.#held < this.max && this.#waiters.length === 0) {
      this.#held++;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.#waiters.indexOf(grant);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(new TenantryError('busy', `all ${this.max} database connections of this process are in use (TENANTRY_MAX_CONNECTIONS); retry shortly`));
      }, this.waitMs);
      this.#waiters.push(grant);
      void this.#reclaim();
    });
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next)
        next(); // handed over: held stays the same
      else this.#held--;
    };
  }

  /**
   * While connections wait, ask the reclaimers in turn (the one asked last goes to the back, so no
   * pool gives up all its idle connections first) to close one idle connection each.
   */
  async #reclaim(): Promise<void> {
    if (this.#reclaiming) return;
    this.#reclaiming = true;
    try {
      while (this.#waiters.length > 0) {
        let closed = false;
        for (const reclaim of [...this.#reclaimers]) {
          this.#reclaimers.delete(reclaim);
          this.#reclaimers.add(reclaim);
          if (await reclaim().catch(() => false)) {
            closed = true;
            break;
          }
        }
        // Nothing idle: the waiters get places as connections are given back, or time out.
        if (!closed) return;
      }
    } finally {
      this.#reclaiming = false;
    }
  }
}
