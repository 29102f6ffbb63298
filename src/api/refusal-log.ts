/** Keys tracked per window at most: past it, refusals of new keys are counted together. */
const MAX_KEYS = 10_000;
const OTHERS = '(others)';

/**
 * Request log lines of rate-limit refusals (429), sampled per tenant — or address, for refusals before
 * a tenant is known — and window: the first refusal of each is logged like any request, the rest at
 * debug level only, and when the window ends one line says how many there were. A tenant flooding the
 * API at many times its limit then writes a few lines a minute to the log every tenant shares, not
 * one per refused request; `tenantry_rate_limited_total` still counts each.
 */
export class RefusalLog {
  /** Refusals not logged in full, per key, in the current window (all of OTHERS' are). */
  readonly #counts = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly report: (key: string, unlogged: number, windowMs: number) => void,
    private readonly windowMs = 60_000,
  ) {
    this.#timer = setInterval(() => this.flush(), windowMs);
    this.#timer.unref();
  }

  /** Count a refusal of `key`; true if it is the first of its window (log it in full). */
  first(key: string): boolean {
    const n = this.#counts.get(key);
    if (n !== undefined) {
      this.#counts.set(key, n + 1);
      return false;
    }
    if (this.#counts.size < MAX_KEYS) {
      this.#counts.set(key, 0);
      return true;
    }
    this.#counts.set(OTHERS, (this.#counts.get(OTHERS) ?? 0) + 1);
    return false;
  }

  /** Report the window's refusals not logged one by one, and start a new window. */
  flush(): void {
    for (const [key, n] of this.#counts) if (n > 0) this.report(key, n, this.windowMs);
    this.#counts.clear();
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
