import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

/**
 * RFC 8785 (JCS) serialisation. The package is CommonJS (`module.exports = serialize`) with typings
 * written as an ES default export, which Node's ESM import resolves to the function itself.
 */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * One entry of an audit trail, as it is hashed: who (`actor`: `admin`, `key:<id>`, `jwt:<subject>`),
 * did what (`action`: the route, `POST /v1/collections/{name}/records`), to what (`target`: the path),
 * for which request, with what outcome, when. A tenant's entries name the tenant; the platform's name
 * the tenant concerned, if any.
 */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  tenant: string | null;
  requestId: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
}

/** A stored entry: its place in the chain and its hash. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  hash: string;
}

/** The predecessor of a chain's first entry. */
export const GENESIS = Buffer.alloc(32);

/** The text an entry is hashed as: its RFC 8785 (JCS) canonical JSON. */
export function canonicalEntry(entry: AuditEntry): string {
  const { at, actor, action, target, tenant, requestId, outcome, detail } = entry;
  // Every entry written has this shape: its members in JCS order (keys sorted by UTF-16 code units),
  // strings as JSON.stringify writes them (what JCS prescribes, and what canonicalize itself calls),
  // only `detail` serialised by the library. The same text as the general case, without sorting keys.
  if (
    typeof at === 'string' &&
    typeof actor === 'string' &&
    typeof action === 'string' &&
    typeof outcome === 'string' &&
    textOrNull(target) &&
    textOrNull(tenant) &&
    textOrNull(requestId) &&
    detail !== undefined
  ) {
    const json = JSON.stringify;
    return `{"action":${json(action)},"actor":${json(actor)},"at":${json(at)},"detail":${detail === null ? 'null' : canonicalize(detail)!},"outcome":${json(outcome)},"requestId":${json(requestId)},"target":${json(target)},"tenant":${json(tenant)}}`;
  }
  return canonicalize({ at, actor, action, target, tenant, requestId, outcome, detail })!;
}

const textOrNull = (value: unknown) => value === null || typeof value === 'string';

/** sha256(previous hash || canonical JSON of the entry): what the database computes when it appends. */
export function chainHash(previous: Buffer, entry: AuditEntry): Buffer {
  return createHash('sha256').update(previous).update(canonicalEntry(entry), 'utf8').digest();
}

/** The instant as stored: a timestamptz keeps microseconds, so an entry's time has whole milliseconds. */
export function auditTime(date = new Date()): string {
  return date.toISOString();
}

export interface BrokenLink {
  /** The first entry that does not follow from the one before it (or the first one missing). */
  seq: number;
  reason: string;
}

export interface Verification {
  ok: boolean;
  /** Entries checked. */
  entries: number;
  /** The chain's head: its last sequence number and hash (hex), as the database recorded them. */
  head: { seq: number; hash: string } | null;
  firstBroken: BrokenLink | null;
}

/**
 * Walks a chain in sequence order, page by page, recomputing every hash: the first entry whose
 * sequence number skips (a row removed), or whose hash is not sha256(previous || entry) (a row altered,
 * or rows reordered), is the first broken link. The head must then be the last entry (rows removed at
 * the end).
 */
export class ChainVerifier {
  #previous: Buffer = GENESIS;
  #expected = 1;
  #entries = 0;
  #broken: BrokenLink | null = null;

  /** Check the next entries; false once a link is broken (no need to read further). */
  feed(records: readonly AuditRecord[]): boolean {
    for (const record of records) {
      if (this.#broken) return false;
      if (record.seq !== this.#expected) {
        this.#broken =
          record.seq > this.#expected
            ? { seq: this.#expected, reason: `entry ${this.#expected} is missing (the next one is ${record.seq})` }
            : { seq: record.seq, reason: `entry ${record.seq} is out of order` };
        return false;
      }
      const hash = chainHash(this.#previous, record);
      if (hash.toString('hex') !== record.hash) {
        this.#broken = { seq: record.seq, reason: `entry ${record.seq} does not match its hash: it was altered, or entries were reordered` };
        return false;
      }
      this.#previous = hash;
      this.#expected++;
      this.#entries++;
    }
    return true;
  }

  /** The verdict, given the chain's head as recorded. */
  finish(head: { seq: number; hash: string } | null): Verification {
    let broken = this.#broken;
    if (!broken && head && head.seq !== this.#expected - 1) {
      broken =
        head.seq > this.#expected - 1
          ? { seq: this.#expected, reason: `entries ${this.#expected} to ${head.seq} are missing (the chain's head is at ${head.seq})` }
          : { seq: head.seq + 1, reason: `the chain's head is at ${head.seq}, behind its entries` };
    }
    if (!broken && head && head.hash !== this.#previous.toString('hex')) {
      broken = { seq: head.seq, reason: `the chain's head does not match entry ${head.seq}` };
    }
    if (!broken && !head && this.#entries > 0) broken = { seq: 1, reason: "the chain's head is missing" };
    return { ok: broken === null, entries: this.#entries, head, firstBroken: broken };
  }
}

/** Filters of an audit listing (GET /v1/audit). */
export interface AuditQuery {
  action?: string;
  actor?: string;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
  /** Entries after this sequence number (the cursor). */
  after?: number;
  limit: number;
}
