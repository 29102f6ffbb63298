/**
 * The HTTP requests this process is serving now, for its in-process workflow worker to yield to
 * (EngineOptions.interactive): a backlog of background steps on the same event loop, pool and cores
 * as the API otherwise runs beside a quiet tenant's reads and lengthens them (issue 16 c).
 *
 * A request counts from its arrival until its response is sent or its connection closes, and for at
 * most `windowMs`: a long request (an export download, a slow client) must not hold the worker back
 * for as long as it lasts, and a request whose end went unheard stops counting by itself.
 *
 * Requests arrive in time order, so they are kept in a queue: counting drops ended and expired ones
 * from its head (amortized O(1) per request, no timer per request).
 */
export class InteractiveLoad {
  #entries: Array<{ at: number; open: boolean }> = [];
  #head = 0;
  #open = 0;
  /** When the last request was answered (-Infinity: none yet). */
  #lastEnd = -Infinity;

  /**
   * `windowMs`: the longest a request counts while it is served. `holdMs`: how long the last answered
   * request still counts as one, so steady traffic (a request every few milliseconds, each answered
   * before the next arrives) keeps the worker yielding between its requests instead of taking every
   * slot back in each gap — the steps it claimed in a gap would still be running when the next
   * request came.
   */
  constructor(
    private readonly windowMs = 1000,
    private readonly holdMs = 100,
  ) {}

  /**
   * A request arrived: returns what to call once it has been answered (or abandoned), with the time
   * if not now; calling it again does nothing.
   */
  begin(now = performance.now()): (endedAt?: number) => void {
    this.#prune(now);
    const entry = { at: now, open: true };
    this.#entries.push(entry);
    this.#open++;
    return (endedAt?: number) => {
      if (!entry.open) return;
      entry.open = false;
      this.#open--;
      this.#lastEnd = Math.max(this.#lastEnd, endedAt ?? performance.now());
    };
  }

  /**
   * Requests being served now that arrived within the last `windowMs`, and one more while the last
   * one answered was answered within `holdMs`.
   */
  waiting(now = performance.now()): number {
    this.#prune(now);
    return this.#open + (now - this.#lastEnd < this.holdMs ? 1 : 0);
  }

  #prune(now: number): void {
    const entries = this.#entries;
    while (this.#head < entries.length) {
      const entry = entries[this.#head]!;
      if (entry.open && now - entry.at < this.windowMs) break;
      if (entry.open) {
        entry.open = false;
        this.#open--;
      }
      this.#head++;
    }
    // Drop the passed head now and then (not per request: a copy of what is left).
    if (this.#head >= 1024 && this.#head * 2 >= entries.length) {
      this.#entries = entries.slice(this.#head);
      this.#head = 0;
    }
  }
}
