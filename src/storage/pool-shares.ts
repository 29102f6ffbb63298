import { TenantryError } from '../errors.js';

interface Share {
  held: number;
  waiters: Array<() => void>;
}

/**
 * How many connections of each pool every tenant holds. A tenant at its share waits (FIFO, its own
 * queue) for one of its own connections to come back, and past `waitMs` is refused with a 429: its slow
 * queries can fill only its share of a pool, never the connections other tenants need. Keyed by the
 * pool's name (StorageRouter.poolOf), so the share is taken before a tenant database is even opened.
 */
export class PoolShares {
  readonly #pools = new Map<string, Map<string, Share>>();

  constructor(private readonly waitMs = 1500) {}

  /** Take one of `limit` connections `tenantId` may hold on `pool`; call the result to give it back. */
  async acquire(pool: string, tenantId: string, limit: number): Promise<() => void> {
    let shares = this.#pools.get(pool);
    if (!shares) this.#pools.set(pool, (shares = new Map()));
    let share = shares.get(tenantId);
    if (!share) shares.set(tenantId, (share = { held: 0, waiters: [] }));
    const mine = share;
    const release = () => {
      const next = mine.waiters.shift();
      if (next) return next(); // handed over: held stays the same
      mine.held--;
      if (mine.held > 0) return;
      shares.delete(tenantId);
      if (shares.size === 0) this.#pools.delete(pool);
    };
    if (mine.held < limit) {
      mine.held++;
      return release;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        mine.waiters.splice(mine.waiters.indexOf(grant), 1);
        reject(
          new TenantryError('rate_limited', `this tenant already runs ${limit} database requests at once, its share of the pool; retry when one has finished`),
        );
      }, this.waitMs);
      mine.waiters.push(grant);
    });
    return release;
  }
}
