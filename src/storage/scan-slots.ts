import { TenantryError } from '../errors.js';

/**
 * Scans a tenant may have waiting for each one it may run (its plan's `concurrentScans`): a waiting
 * scan holds only its request — no connection, no place in the pool — so the bound only stops a
 * tenant's waiting requests from growing without end. Time is bounded separately: a scan waits at most
 * its tenant's statement timeout. Generous on purpose: a refusal that comes at once invites a client
 * that ignores Retry-After to send again at once, and that loop costs the process more than waiting.
 */
export const SCAN_QUEUE_PER_SLOT = 64;

/** A scan holding a place: when it will have ended at the latest (Date.now() ms; its statement timeout). */
interface Holder {
  until: number;
}

/** One line of scans: a tenant's (its budget) or a cluster's (the process-wide cap). */
interface Line {
  readonly holders: Set<Holder>;
  /** FIFO; each takes its place in `holders` when called. */
  readonly waiters: Array<() => void>;
}

/**
 * Scans — record queries no index narrows (src/records/scans.ts) — running at once in this process:
 * at most the tenant's `concurrentScans` per tenant, and at most `maxPerCluster` of all tenants
 * together on one cluster (TENANTRY_MAX_CONCURRENT_SCANS), so that all tenants' scans together leave
 * a core of the database server for everyone's indexed work. A scan takes its tenant's place first
 * (FIFO in the tenant's own queue), then the cluster's (FIFO across tenants, where each tenant has at
 * most its budget's worth in line): one tenant's backlog never queues another tenant's scans, and
 * nothing here is held while a scan waits but its place in the lines. Taken before the scope opens, so
 * a waiting scan holds no connection. Refusals: past the tenant's queue or wait, 429 `rate_limited`
 * (the tenant is asking for more than its plan's scans at once); past the wait for the cluster's
 * place, 503 `busy` (the process is full of other tenants' scans). Both say with Retry-After when a
 * place will have been given back at the latest.
 */
export class ScanSlots {
  readonly #tenants = new Map<string, Line>();
  readonly #clusters = new Map<string, Line>();
  #waiting = 0;

  constructor(readonly maxPerCluster: number) {}

  /** Scans running (holding a cluster's place) and waiting for a place now, in this process. */
  stats(): { running: number; waiting: number } {
    let running = 0;
    for (const line of this.#clusters.values()) running += line.holders.size;
    return { running, waiting: this.#waiting };
  }

  /**
   * Take a place for one scan of `tenantId` on `cluster`, whose budget is `limit` scans at once and
   * whose statements run at most `timeoutMs` (also the longest it waits here); call the result (once)
   * when the scan has ended.
   */
  async acquire(cluster: string, tenantId: string, limit: number, timeoutMs: number): Promise<() => void> {
    const deadline = Date.now() + timeoutMs;
    const holder: Holder = { until: deadline + timeoutMs };
    const mine = this.#line(this.#tenants, tenantId);
    if (mine.holders.size < limit && mine.waiters.length === 0) mine.holders.add(holder);
    else {
      if (mine.waiters.length >= limit * SCAN_QUEUE_PER_SLOT) {
        throw new TenantryError(
          'rate_limited',
          `this tenant already runs ${limit} queries no index narrows at once (concurrentScans) and ${mine.waiters.length} more wait; ` +
            'retry after Retry-After, or index the fields the filter or sort uses',
          { retryAfter: retryAfter(mine) },
        );
      }
      await this.#wait(mine, holder, deadline, () => {
        this.#drop(this.#tenants, tenantId, mine);
        return new TenantryError(
          'rate_limited',
          `this tenant's queries no index narrows waited ${timeoutMs} ms for one of its ${limit} at once (concurrentScans) to finish; ` +
            'retry after Retry-After, or index the fields the filter or sort uses',
          { retryAfter: retryAfter(mine) },
        );
      });
    }
    const releaseTenant = () => this.#release(this.#tenants, tenantId, mine, holder);
    const shared = this.#line(this.#clusters, cluster);
    if (shared.holders.size < this.maxPerCluster && shared.waiters.length === 0) shared.holders.add(holder);
    else {
      try {
        await this.#wait(shared, holder, deadline, () => {
          this.#drop(this.#clusters, cluster, shared);
          return new TenantryError(
            'busy',
            `all ${this.maxPerCluster} queries no index narrows that this process runs at once on the database are running (TENANTRY_MAX_CONCURRENT_SCANS); retry after Retry-After`,
            { retryAfter: retryAfter(shared) },
          );
        });
      } catch (error) {
        releaseTenant();
        throw error;
      }
    }
    holder.until = Date.now() + timeoutMs;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#release(this.#clusters, cluster, shared, holder);
      releaseTenant();
    };
  }

  #line(lines: Map<string, Line>, key: string): Line {
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { holders: new Set(), waiters: [] }));
    return line;
  }

  /** Forget a line nobody holds or waits in. */
  #drop(lines: Map<string, Line>, key: string, line: Line): void {
    if (line.holders.size === 0 && line.waiters.length === 0 && lines.get(key) === line) lines.delete(key);
  }

  /** Give `holder`'s place back: to the next in line, if any. */
  #release(lines: Map<string, Line>, key: string, line: Line, holder: Holder): void {
    line.holders.delete(holder);
    const next = line.waiters.shift();
    if (next) next();
    else this.#drop(lines, key, line);
  }

  /** Wait in `line` until a place is handed to `holder`, or `deadline` passes (then `refuse()` is thrown). */
  #wait(line: Line, holder: Holder, deadline: number, refuse: () => Error): Promise<void> {
    this.#waiting++;
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        this.#waiting--;
        line.holders.add(holder);
        resolve();
      };
      const timer = setTimeout(
        () => {
          const at = line.waiters.indexOf(grant);
          if (at >= 0) line.waiters.splice(at, 1);
          this.#waiting--;
          reject(refuse());
        },
        Math.max(0, deadline - Date.now()),
      );
      line.waiters.push(grant);
    });
  }
}

/** Seconds until a place of `line` will have been given back at the latest: its earliest holder's end. */
function retryAfter(line: Line): number {
  let first = Infinity;
  for (const h of line.holders) first = Math.min(first, h.until);
  return Number.isFinite(first) ? Math.max(1, Math.ceil((first - Date.now()) / 1000)) : 1;
}
