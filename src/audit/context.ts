import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEntry } from './chain.js';

/**
 * What a request that writes is recorded as, carried to the scopes its work opens (AsyncLocalStorage,
 * set by the HTTP layer for the request's lifetime): the scope hook (tenant-audit.ts) attaches the
 * entry to the first of them that writes for `tenantId`, so it commits with the write or not at all.
 */
export interface RequestAudit {
  /**
   * Who the work is done for (`key:<id>`, `jwt:<subject>`, `workflow:…`), set for reads too: what an
   * audited read of encrypted fields is counted as (TenantAudit.encryptedRead).
   */
  actor?: string;
  /** The entry, once the request is authenticated as a write of `tenantId` (unset for reads). */
  draft?: Omit<AuditEntry, 'at'> & { tenant: string };
  /** The entry committed with a write. */
  recorded: boolean;
  /** The response is on its way: scopes opened from now on (background work the request started) are not its. */
  done: boolean;
}

export const requestAudit = new AsyncLocalStorage<RequestAudit>();

/**
 * Run `fn` as work recorded as `draft` (its own audit context, whatever context it was called from):
 * the first scope it opens for the draft's tenant that writes commits the entry with the write.
 * Background work that is not a request (a schedule starting a run) is audited this way.
 */
export function auditedAs<T>(draft: NonNullable<RequestAudit['draft']>, fn: () => Promise<T>): Promise<T> {
  return requestAudit.run({ actor: draft.actor, draft, recorded: false, done: false }, fn);
}

/** Run `fn` as reads done by `actor` (a workflow step): what its reads of encrypted fields are counted as. */
export function readingAs<T>(actor: string, fn: () => Promise<T>): Promise<T> {
  return requestAudit.run({ actor, recorded: false, done: false }, fn);
}
