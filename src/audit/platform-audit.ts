import type { ControlDb } from '../storage/control-db.js';
import { quoteIdent } from '../storage/names.js';
import { ChainVerifier, auditTime, canonicalEntry, type AuditEntry, type AuditQuery, type AuditRecord, type Verification } from './chain.js';

const VERIFY_PAGE = 2000;

interface PlatformRow {
  seq: string | number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  tenant_id: string | null;
  request_id: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
  hash: string;
}

const record = (row: PlatformRow): AuditRecord => ({
  seq: Number(row.seq),
  at: new Date(row.at).toISOString(),
  actor: row.actor,
  action: row.action,
  target: row.target,
  tenant: row.tenant_id,
  requestId: row.request_id,
  outcome: row.outcome,
  detail: row.detail,
  hash: row.hash,
});

/** Failed authentications are recorded at most once per minute and plane (and tenant, when known), with a count. */
const FAILURE_WINDOW_MS = 60_000;

/**
 * The platform's audit trail in the catalog (catalog migration 9): control-plane actions and failed
 * authentications, as a hash chain like each tenant's (chain.ts). Appending is one statement: the
 * chain's head row advances under its lock and the entry is written with its new sequence number and
 * the hash the database computes.
 */
export class PlatformAudit {
  readonly #control: ControlDb;
  readonly #append: string;
  /** Failed authentications not yet recorded, by minute, plane and tenant. */
  readonly #failures = new Map<string, { minute: number; plane: string; tenant: string | null; count: number }>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(control: ControlDb, flushMs = 10_000) {
    this.#control = control;
    const s = quoteIdent(control.schema);
    this.#append = `WITH head AS (
  INSERT INTO ${s}.platform_audit_chain AS c (id, seq, hash) VALUES (1, 1, sha256(decode(repeat('00', 32), 'hex') || convert_to($1, 'UTF8')))
  ON CONFLICT (id) DO UPDATE SET seq = c.seq + 1, hash = sha256(c.hash || convert_to($1, 'UTF8'))
  RETURNING seq, hash)
INSERT INTO ${s}.platform_audit_log (seq, at, actor, action, target, tenant_id, request_id, outcome, detail, hash)
SELECT seq, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::jsonb, hash FROM head`;
    this.#timer = setInterval(() => void this.flush().catch(() => {}), flushMs);
    this.#timer.unref();
  }

  /** Append an entry (its time is now). */
  async append(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const full: AuditEntry = { ...entry, at: auditTime() };
    await this.#control.executeSql(
      this.#append,
      [
        canonicalEntry(full),
        full.at,
        full.actor,
        full.action,
        full.target,
        full.tenant,
        full.requestId,
        full.outcome,
        full.detail === null ? null : JSON.stringify(full.detail),
      ],
      { name: 'tenantry_platform_audit_append' },
    );
  }

  /**
   * Count a failed authentication: recorded (by flush) as one `auth.failed` entry per minute, plane
   * and tenant with the count, so a flood of bad credentials cannot fill the trail. Costs no query.
   */
  authenticationFailed(plane: 'control' | 'data', tenant: string | null = null): void {
    const minute = Math.floor(Date.now() / FAILURE_WINDOW_MS);
    const key = `${minute}/${plane}/${tenant ?? ''}`;
    const known = this.#failures.get(key);
    if (known) known.count++;
    else this.#failures.set(key, { minute, plane, tenant, count: 1 });
  }

  /** Record the failed authentications counted so far. */
  flush(): Promise<void> {
    // After a failed flush too (what it could not record was kept for this one).
    const previous = this.#flushing.catch(() => {});
    this.#flushing = previous.then(async () => {
      const pending = [...this.#failures.values()];
      this.#failures.clear();
      for (const [i, f] of pending.entries()) {
        try {
          await this.append({
            actor: 'anonymous',
            action: 'auth.failed',
            target: f.plane,
            tenant: f.tenant,
            requestId: null,
            outcome: 'denied',
            detail: { count: f.count, minute: new Date(f.minute * FAILURE_WINDOW_MS).toISOString() },
          });
        } catch (error) {
          // Kept for the next flush (added to what arrives meanwhile).
          for (const left of pending.slice(i)) {
            const key = `${left.minute}/${left.plane}/${left.tenant ?? ''}`;
            const known = this.#failures.get(key);
            if (known) known.count += left.count;
            else this.#failures.set(key, left);
          }
          throw error;
        }
      }
    });
    return this.#flushing;
  }

  /** Record what is pending and stop the timer. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  /** A page of the platform's entries, oldest first, filtered (and by tenant concerned). */
  async list(query: AuditQuery & { tenant?: string }): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    if (query.after !== undefined) add('seq > ?', query.after);
    if (query.tenant !== undefined) add('tenant_id = ?', query.tenant);
    if (query.action !== undefined) add('action = ?', query.action);
    if (query.actor !== undefined) add('actor = ?', query.actor);
    if (query.from !== undefined) add('at >= ?::timestamptz', query.from.toISOString());
    if (query.to !== undefined) add('at < ?::timestamptz', query.to.toISOString());
    params.push(query.limit);
    const rows = await this.#control.executeSql<PlatformRow>(
      `SELECT seq, at, actor, action, target, tenant_id, request_id, outcome, detail, encode(hash, 'hex') AS hash
         FROM ${quoteIdent(this.#control.schema)}.platform_audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(record);
  }

  /** Recompute the platform chain up to its head as it is now: the first broken link, if any. */
  async verify(): Promise<Verification> {
    const s = quoteIdent(this.#control.schema);
    const heads = await this.#control.executeSql<{ seq: string | number; hash: string }>(
      `SELECT seq, encode(hash, 'hex') AS hash FROM ${s}.platform_audit_chain`,
    );
    const head = heads[0] ? { seq: Number(heads[0].seq), hash: heads[0].hash } : null;
    const verifier = new ChainVerifier();
    for (let after = 0; ;) {
      const rows = await this.#control.executeSql<PlatformRow>(
        `SELECT seq, at, actor, action, target, tenant_id, request_id, outcome, detail, encode(hash, 'hex') AS hash
           FROM ${s}.platform_audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
        [after, head?.seq ?? Number.MAX_SAFE_INTEGER, VERIFY_PAGE],
      );
      if (!verifier.feed(rows.map(record)) || rows.length < VERIFY_PAGE) break;
      after = Number(rows.at(-1)!.seq);
    }
    return verifier.finish(head);
  }
}
