import { TenantNotFoundError } from '../errors.js';
import type { AuditEntry } from './chain.js';

/** Reads of encrypted fields are recorded at most once per window, tenant, collection and actor. */
export const READ_WINDOW_MS = 60_000;

interface Window {
  tenant: { id: string; generation: number };
  collection: string;
  actor: string;
  minute: number;
  /** Read operations (a page, a record by id) that opened encrypted fields. */
  reads: number;
  /** Records whose encrypted fields they opened. */
  records: number;
}

/** Appends entries to a tenant's chain, in one transaction (TenantAudit.appendAll). */
export type AppendEntries = (tenant: { id: string; generation: number }, entries: Array<Omit<AuditEntry, 'at' | 'tenant'>>) => Promise<void>;

/**
 * Audited reads of encrypted fields, aggregated: a read only counts in memory (a Map increment, no
 * query, nothing on the read's round trip), and a flush appends one `encrypted.read` entry per minute,
 * tenant (generation), collection and actor, with the number of reads and of records opened — so a
 * flood of reads adds at most one entry per minute and reader to the tenant's chain.
 *
 * Why a background flush rather than riding the read's own statement: a read's scope is a single
 * SELECT; an attached append would make every encrypted read a write (a row lock on the tenant's chain
 * head, serialising the tenant's reads, and a WAL flush at commit). Riding the tenant's next write
 * instead would leave a read-only tenant's reads unrecorded. The timer flushes windows whose minute
 * is over (so each window is one entry); close() flushes everything. Counts since the last flush are
 * lost if the process is killed (as the meter's are).
 */
export class EncryptedReads {
  readonly #append: AppendEntries;
  readonly #pending = new Map<string, Window>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(append: AppendEntries, flushMs = 10_000) {
    this.#append = append;
    this.#timer = setInterval(() => void this.flush({ all: false }).catch(() => {}), flushMs);
    this.#timer.unref();
  }

  /** Count a read of `records` records' encrypted fields in `collection` by `actor`. Costs no query. */
  read(tenant: { id: string; generation: number }, collection: string, actor: string, records: number): void {
    const minute = Math.floor(Date.now() / READ_WINDOW_MS);
    const key = `${minute}\u0000${tenant.id}\u0000${tenant.generation}\u0000${collection}\u0000${actor}`;
    const known = this.#pending.get(key);
    if (known) {
      known.reads++;
      known.records += records;
    } else {
      this.#pending.set(key, { tenant: { id: tenant.id, generation: tenant.generation }, collection, actor, minute, reads: 1, records });
    }
  }

  /** Windows counted and not yet recorded. */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Record the windows counted so far: those whose minute is over, or (`all`, the default: shutdown,
   * tests) every one. One transaction per tenant. A tenant deleted meanwhile loses its windows; any
   * other failure keeps them for the next flush.
   */
  flush(options: { all?: boolean } = {}): Promise<void> {
    const all = options.all ?? true;
    // After a failed flush too (its windows were kept for this one).
    this.#flushing = this.#flushing
      .catch(() => {})
      .then(async () => {
        const current = Math.floor(Date.now() / READ_WINDOW_MS);
        const byTenant = new Map<string, Window[]>();
        for (const [key, w] of this.#pending) {
          if (!all && w.minute >= current) continue;
          this.#pending.delete(key);
          const k = `${w.tenant.id}\u0000${w.tenant.generation}`;
          const list = byTenant.get(k);
          if (list) list.push(w);
          else byTenant.set(k, [w]);
        }
        let failure: unknown;
        for (const windows of byTenant.values()) {
          try {
            await this.#append(
              windows[0]!.tenant,
              windows.map((w) => ({
                actor: w.actor,
                action: 'encrypted.read',
                target: `/v1/collections/${w.collection}/records`,
                requestId: null,
                outcome: 'success',
                detail: { reads: w.reads, records: w.records, minute: new Date(w.minute * READ_WINDOW_MS).toISOString() },
              })),
            );
          } catch (error) {
            if (error instanceof TenantNotFoundError) continue;
            failure ??= error;
            for (const w of windows) {
              const key = `${w.minute}\u0000${w.tenant.id}\u0000${w.tenant.generation}\u0000${w.collection}\u0000${w.actor}`;
              const known = this.#pending.get(key);
              if (known) {
                known.reads += w.reads;
                known.records += w.records;
              } else this.#pending.set(key, w);
            }
          }
        }
        if (failure) throw failure;
      });
    return this.#flushing;
  }

  /** Record what is pending and stop the timer. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush({ all: true });
  }
}
