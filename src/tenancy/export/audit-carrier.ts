import { sql } from 'kysely';
import { GENESIS, auditTime, chainHash } from '../../audit/chain.js';
import { appendQuery } from '../../audit/tenant-audit.js';
import type { TenantScope } from '../../storage/scope.js';
import type { AuditRow } from './format.js';

/**
 * An import's side of the audit trail: the file's entries stored in the target's chain, then the
 * import itself appended as an entry (`tenant.import`, unless the file carried no trail).
 *
 * - **Verbatim** when the target is the tenant the file was exported from (same id) and its chain is
 *   empty (export → delete → re-create → import; a restore): every entry keeps its sequence number
 *   and hash, and the head becomes the file's. The chain verifies exactly as it did at the source — a
 *   link broken there is broken here too.
 * - **Re-chained** otherwise. Each entry's hash covers the tenant id (RFC 8785 JSON of the entry,
 *   `tenant` included), so under another id the original hashes cannot verify; and a target that
 *   already has entries holds the sequence numbers the file's would take. The entries are then
 *   appended after the target's head with their content unchanged (time, actor, action, target,
 *   request id, outcome, detail) and new sequence numbers and hashes, and the import's own entry names
 *   the source tenant and the head hash the file's chain ended with, so the original chain can still
 *   be checked against a copy of the source's trail or of the file.
 */
export class AuditCarrier {
  #mode: 'verbatim' | 'rechained' | undefined;
  #seq = 0;
  #previous: Buffer = GENESIS;
  #entries = 0;
  #last: { seq: number; hash: string } | null = null;

  constructor(
    private readonly scope: TenantScope,
    private readonly source: string,
    private readonly sourceHead: { seq: number; hash: string } | null,
  ) {}

  /** The target's head, locked until the import commits (appends of the tenant wait for it). */
  async #begin(): Promise<void> {
    const { rows } = await sql<{ seq: string | number; hash: Buffer }>`SELECT seq, hash FROM audit_chain FOR UPDATE`.execute(this.scope.db);
    const head = rows[0];
    this.#mode = !head && this.scope.tenantId === this.source ? 'verbatim' : 'rechained';
    if (head) {
      this.#seq = Number(head.seq);
      this.#previous = Buffer.from(head.hash);
    }
  }

  /** Give `row` (an audit line, in chain order) its place in the target's chain, in place. */
  async place(row: AuditRow): Promise<void> {
    if (!this.#mode) await this.#begin();
    this.#entries++;
    this.#last = { seq: row.seq, hash: row.hash };
    if (this.#mode === 'verbatim') return;
    const { type: _, seq: __, hash: ___, ...entry } = row;
    this.#previous = chainHash(this.#previous, { ...entry, tenant: this.scope.tenantId });
    row.seq = ++this.#seq;
    row.hash = this.#previous.toString('hex');
  }

  /** After the entries are stored: the head where they end, then the import's own entry. */
  async finish(): Promise<void> {
    if (!this.#mode) await this.#begin();
    if (this.#mode === 'verbatim' && (this.sourceHead || this.#last)) {
      // The head as the source had it (past the last entry if entries at the end had been removed there).
      const head = this.sourceHead ?? this.#last!;
      await sql`INSERT INTO audit_chain (seq, hash) VALUES (${head.seq}, decode(${head.hash}, 'hex'))`.execute(this.scope.db);
    } else if (this.#mode === 'rechained' && this.#entries > 0) {
      await sql`INSERT INTO audit_chain AS c (seq, hash) VALUES (${this.#seq}, decode(${this.#previous.toString('hex')}, 'hex'))
                ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`.execute(this.scope.db);
    }
    // A file that carried no trail (none at the source, or written before trails were exported) leaves none.
    if (this.#entries === 0 && !this.sourceHead) return;
    const entry = appendQuery(this.scope, {
      at: auditTime(),
      actor: 'admin',
      action: 'tenant.import',
      target: null,
      tenant: this.scope.tenantId,
      requestId: null,
      outcome: 'success',
      detail: { from: this.source, entries: this.#entries, carried: this.#mode!, sourceHead: this.sourceHead },
    });
    await this.scope.db.executeQuery(entry.compile());
  }
}
