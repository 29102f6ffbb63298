import { TenantryError } from '../errors.js';
import type { DatabaseBackend } from './backends/backend.js';

/** Longest a scope waits for a place to open its tenant database. */
const OPEN_WAIT_MS = 5_000;

interface Entry {
  key: string;
  db: Promise<DatabaseBackend>;
  users: number;
  lastUsed: number;
}

export interface OpenDatabasesOptions {
  /** At most this many databases open at once; openers past it wait for an idle one to close. */
  max: number;
  /** Close a database unused for this long (milliseconds). */
  idleMs: number;
}

export interface DatabaseHandle {
  db: DatabaseBackend;
  release(): void;
}

/**
 * Tenant databases opened on demand, closed when idle and least-recently-used first when the budget is
 * reached (an embedded PGlite instance holds hundreds of megabytes, so the budget is real).
 */
export class OpenDatabases {
  readonly #entries = new Map<string, Entry>();
  readonly #waiters: Array<() => void> = [];
  readonly #options: OpenDatabasesOptions;
  #closing = 0;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(options: OpenDatabasesOptions) {
    this.#options = options;
  }

  /**
   * One sweep timer for all entries, running only while something is open: a timer per release would
   * cost a setTimeout on every scope of a `database` tenant, a hot path.
   */
  #sweepLater(): void {
    if (this.#sweeper) return;
    this.#sweeper = setInterval(
      () => {
        const now = Date.now();
        for (const entry of this.#entries.values()) {
          if (entry.users === 0 && now - entry.lastUsed >= this.#options.idleMs) void this.close(entry.key, { ifIdle: true });
        }
        if (this.#entries.size === 0) {
          clearInterval(this.#sweeper);
          this.#sweeper = undefined;
        }
      },
      Math.max(100, Math.floor(this.#options.idleMs / 2)),
    );
    this.#sweeper.unref();
  }

  /** Databases open or still closing: both hold memory and connections. */
  get size(): number {
    return this.#entries.size + this.#closing;
  }

  /**
   * Use the database `key`, opening it with `open` if needed. Call `release` when done. With every
   * place taken by databases in use, waits at most `waitMs` for one to come free, then answers 503
   * `busy` (with Retry-After): a request never waits without end behind other tenants' databases.
   */
  async use(key: string, open: () => Promise<DatabaseBackend>, waitMs = OPEN_WAIT_MS): Promise<DatabaseHandle> {
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      let entry = this.#entries.get(key);
      if (!entry) {
        if (this.size >= this.#options.max) {
          // Make room (or wait for it), then look again: others may have opened or closed meanwhile.
          const victim = this.#leastRecentlyUsedIdle();
          if (victim) await this.close(victim.key, { ifIdle: true });
          else await this.#waitForRoom(giveUpAt);
          continue;
        }
        entry = { key, db: open(), users: 0, lastUsed: Date.now() };
        this.#entries.set(key, entry);
        this.#sweepLater();
        const opening = entry;
        opening.db.catch(() => {
          if (this.#entries.get(key) === opening) this.#entries.delete(key);
          this.#wake();
        });
      }
      entry.users++;
      let db: DatabaseBackend;
      try {
        db = await entry.db;
      } catch (error) {
        entry.users--;
        throw error;
      }
      const used = entry;
      let released = false;
      return {
        db,
        release: () => {
          if (released) return;
          released = true;
          this.#release(used);
        },
      };
    }
  }

  #release(entry: Entry): void {
    entry.users--;
    entry.lastUsed = Date.now();
    if (entry.users === 0) this.#wake();
  }

  async #waitForRoom(giveUpAt: number): Promise<void> {
    const left = giveUpAt - Date.now();
    if (left <= 0) {
      throw new TenantryError('busy', `all ${this.#options.max} places for open tenant databases are in use (TENANTRY_MAX_OPEN_DATABASES); retry shortly`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, left);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#waiters.push(done);
    });
  }

  #wake(): void {
    const waiters = this.#waiters.splice(0);
    for (const wake of waiters) wake();
  }

  #leastRecentlyUsedIdle(): Entry | undefined {
    let victim: Entry | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.users === 0 && (!victim || entry.lastUsed < victim.lastUsed)) victim = entry;
    }
    return victim;
  }

  /** Close `key` now (waiting for nobody: callers make sure it is unused), e.g. before dropping it. */
  async close(key: string, options: { ifIdle?: boolean } = {}): Promise<void> {
    const entry = this.#entries.get(key);
    if (!entry) return;
    if (options.ifIdle && entry.users > 0) return;
    this.#entries.delete(key);
    this.#closing++;
    try {
      await (await entry.db).close();
    } catch {
      // an instance that failed to open has nothing to close
    } finally {
      this.#closing--;
      this.#wake();
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    await Promise.all([...this.#entries.keys()].map((key) => this.close(key)));
  }
}
