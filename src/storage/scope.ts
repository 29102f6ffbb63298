import type { Compilable, Kysely, Transaction } from 'kysely';
import { defaultMaxConcurrentScans } from '../config.js';
import { TenantNotFoundError, TenantScopeRequiredError, TenantSuspendedError, TenantryError } from '../errors.js';
import { countedQuotas, planLimits } from '../tenancy/plans.js';
import { FENCED_SQLSTATE, MOVED_SQLSTATE, QUOTA_SQLSTATE, searchPathValue } from './ddl.js';
import { ScopedConnection, scopeBaseKysely, scopedTransaction, type AttachOptions, type StatementClock } from './kysely.js';
import type { TenantPlacement } from './placement.js';
import { PoolShares } from './pool-shares.js';
import { ScanSlots } from './scan-slots.js';
import type { TenantLocations } from './strategies/strategy.js';
import type { TenantDatabase } from './tenant-db.js';

export type { AttachOptions, StatementClock } from './kysely.js';

export type TenantStatus = 'provisioning' | 'active' | 'suspended' | 'deleting';

/** Tenant metadata a scope carries (a catalog row as the storage layer sees it). */
export interface TenantInfo extends TenantPlacement {
  /**
   * Which creation of this tenant id the entry describes. A scope carries it into its transaction,
   * where the tenant's fence must still hold the same generation: a deleted tenant's in-flight or
   * cached work can never write into a re-created tenant of the same id.
   */
  generation: number;
  /**
   * Which placement of the tenant the entry describes (advanced by every move). The fence at the
   * location refuses a scope routed by an epoch that is no longer current there.
   */
  placementEpoch: number;
  name: string;
  tier: string;
  status: TenantStatus;
  settings: Record<string, unknown>;
  limits: Record<string, unknown>;
}

/** Where scopes look tenants up (the control-plane catalog implements it, with its cache). */
export interface TenantDirectory {
  get(tenantId: string): Promise<TenantInfo | undefined>;
  /** Forget a cached entry (its generation was refused by the tenant's fence). */
  invalidate(tenantId: string): void;
}

/**
 * A scope refused before it changed anything, that may simply run again: its catalog entry predates a
 * move, or a statement it prepared earlier on its connection must be prepared afresh.
 */
class StalePlacementError extends Error {
  constructor(tenantId: string) {
    super(`tenant '${tenantId}' was routed by a placement that is no longer current`);
  }
}

/** SQLSTATE of a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';
/** SQLSTATE of a prepared statement whose result columns changed under it (among other things). */
const FEATURE_NOT_SUPPORTED = '0A000';
/** SQLSTATE of a connection to a database that does not exist (a tenant database dropped meanwhile). */
const INVALID_CATALOG_NAME = '3D000';

/** No tables of an application's own: the default of TenantScope's type parameter. */
export type NoAppTables = Record<never, never>;

/**
 * What tenant-plane code receives: the tenant, and a Kysely transaction in which the database already
 * enforces that tenant (RLS on tenant_id; for `schema`, a role that can use only its own schema; for
 * `database`, its own database). The transaction commits when the callback returns and rolls back if it throws.
 */
export interface TenantScope<AppDB extends object = NoAppTables> {
  /** The scope's tenant's id (what `tenant_id` is filled in with on insert). */
  readonly tenantId: string;
  /** The tenant as the catalog had it when the scope opened: plan, limits, placement. */
  readonly tenant: TenantInfo;
  /** Typed with Tenantry's tables and, for an application (Tenantry.open<AppDB>), its own. */
  readonly db: Transaction<TenantDatabase & AppDB>;
  /**
   * Where the tenant's data lives: an embedded PGlite runs queries on this thread (a long read blocks
   * the event loop), a server does not. Bulk readers size their pages by it.
   */
  readonly backend: 'pglite' | 'postgres';
  /**
   * Work that must commit with the scope or not at all — an audit entry, a usage counter, an outbox
   * row: `query` (built from `db`, not executed) runs in the scope's transaction. In a
   * `singleStatement` scope it rides in the statement's own round trip (attach it before running the
   * statement); otherwise it is sent just before COMMIT. Nothing attached costs nothing. With
   * `ifWritten`, only if the scope writes (see AttachOptions).
   */
  attach(query: Compilable, options?: AttachOptions): void;
}

/**
 * Called as every scope opens, before its callback runs (audit, metering and outbox plug in here):
 * attach what must commit with the scope's work. It must not run statements itself.
 */
export type ScopeHook = (scope: TenantScope, options: WithTenantOptions) => void;

/** How a scope runs (all optional; the defaults suit request handlers). */
export interface WithTenantOptions {
  /** Control-plane work (export, delete) may enter a suspended tenant's scope. */
  allowSuspended?: boolean;
  /**
   * The scope runs exactly one statement, sent with its set-up in one round trip and committed by the
   * server with it (no BEGIN, no COMMIT). A second statement in the scope throws. For hot paths whose
   * whole work is one statement (see RecordsService.create).
   */
  singleStatement?: boolean;
  /**
   * Commit without waiting for the WAL to reach disk (synchronous_commit = off) when this returns true
   * for the tenant. A server crash may then lose the last fraction of a second of such commits (never
   * corrupt them): only for bookkeeping the caller repeats anyway (the workflow engine's step states).
   */
  asyncCommit?: (tenant: TenantInfo) => boolean;
  /**
   * The scope runs a query no index narrows (a scan: src/records/scans.ts). It first takes one of the
   * tenant's `concurrentScans` places and one of the process's on the tenant's cluster (ScanSlots),
   * waiting in line without a connection, and its statements run without parallel workers, so one scan
   * takes one core of the database server, never three.
   */
  scan?: boolean;
}

/**
 * A tenant to open a scope for: its id, or the tenant a request was authenticated for (id and
 * generation). With a generation, the scope refuses any other (TenantNotFoundError): a request — or
 * work it started that outlives it, such as a training — of a tenant deleted and re-created under the
 * same id meanwhile never reaches the new one.
 */
export type TenantRef = string | { readonly id: string; readonly generation: number };

/** The id of a TenantRef. */
export function tenantIdOf(tenant: TenantRef): string {
  return typeof tenant === 'string' ? tenant : tenant.id;
}

/**
 * How long a scope refused for a placement that is no longer current waits for the catalog to say
 * where the tenant is now: the gap between a move's fence switch and its catalog update.
 */
const MOVE_WAIT_MS = 10_000;

/**
 * Opens tenant scopes: routes each to the tenant's location, takes the tenant's share of the pool, sets
 * the tenant on the connection, and runs the scope hooks (`use`). Applications call Tenantry.withTenant.
 */
export class TenantScopes {
  readonly #router: TenantLocations;
  readonly #directory: TenantDirectory;
  readonly #base: Kysely<TenantDatabase> = scopeBaseKysely<TenantDatabase>();
  readonly #shares = new PoolShares();
  readonly #scans: ScanSlots;
  readonly #hooks: ScopeHook[] = [];
  #clocks: ((tenantId: string, backend: 'pglite' | 'postgres') => StatementClock) | undefined;

  readonly #moveWaitMs: number;

  /**
   * `moveWaitMs`: how long a scope waits for the catalog to record a move (MOVE_WAIT_MS);
   * `maxConcurrentScans`: scans of all tenants at once per cluster (ScanSlots; default one less than
   * this machine's cores, at least one).
   */
  constructor(router: TenantLocations, directory: TenantDirectory, options: { moveWaitMs?: number; maxConcurrentScans?: number } = {}) {
    this.#router = router;
    this.#directory = directory;
    this.#moveWaitMs = options.moveWaitMs ?? MOVE_WAIT_MS;
    this.#scans = new ScanSlots(options.maxConcurrentScans ?? defaultMaxConcurrentScans());
  }

  /** Scans (WithTenantOptions.scan) running and waiting for a place now, in this process. */
  scanStats(): { running: number; waiting: number; max: number } {
    return { ...this.#scans.stats(), max: this.#scans.maxPerCluster };
  }

  /** Call `hook` as every scope opens from now on (see ScopeHook). */
  use(hook: ScopeHook): void {
    this.#hooks.push(hook);
  }

  /**
   * Time every scope's statements from now on with the clock `clocks` gives for its tenant and
   * backend (the tenant's database time: src/usage/costs.ts). Round trips only — set-up and statement
   * batches, BEGIN, COMMIT, ROLLBACK — not the wait for a connection nor the handler between them.
   */
  timeStatements(clocks: (tenantId: string, backend: 'pglite' | 'postgres') => StatementClock): void {
    this.#clocks = clocks;
  }

  /**
   * Run `fn` inside a transaction scoped to `ref` (see TenantRef). A scope routed by a catalog entry
   * that predates a move of the tenant is refused by the fence at its first statement, before `fn`
   * did anything in the database; it runs again, routed by the catalog as it is now — waiting up to
   * MOVE_WAIT_MS for the catalog to record a move whose fence switch it ran into.
   */
  async withTenant<T>(ref: TenantRef, fn: (scope: TenantScope) => Promise<T>, options: WithTenantOptions = {}): Promise<T> {
    // Refused again, the catalog has not caught up with the fence yet (a move is recording its switch):
    // wait for it, briefly, rather than fail.
    const deadline = Date.now() + this.#moveWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#scope(ref, fn, options);
      } catch (error) {
        if (!(error instanceof StalePlacementError)) throw error;
      }
      if (Date.now() >= deadline) throw new TenantryError('busy', `tenant '${tenantIdOf(ref)}' is being moved; try again in a moment`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25));
      this.#directory.invalidate(tenantIdOf(ref));
    }
  }

  async #scope<T>(ref: TenantRef, fn: (scope: TenantScope) => Promise<T>, options: WithTenantOptions): Promise<T> {
    const tenantId = tenantIdOf(ref);
    if (!tenantId) throw new TenantScopeRequiredError('withTenant');
    const tenant = await this.#directory.get(tenantId);
    if (!tenant || tenant.status === 'provisioning' || tenant.status === 'deleting') throw new TenantNotFoundError(tenantId);
    if (typeof ref !== 'string' && ref.generation !== tenant.generation) throw new TenantNotFoundError(tenantId);
    if (tenant.status === 'suspended' && !options.allowSuspended) throw new TenantSuspendedError(tenantId);

    const limits = planLimits(tenant);
    // The tenant's share of the pool first, before its database is even opened: past its share, its
    // requests queue behind its own — never ahead of other tenants, nor holding a database open.
    const pool = this.#router.poolOf(tenant);
    // Waiting for a place and a connection is queueing: counted as neither running nor database time.
    const stopWaiting = this.#clocks?.(tenant.id, 'postgres').queued?.();
    // A scan's places first, so that a scan waiting its turn holds no share of the pool either.
    let unscan: (() => void) | undefined;
    let unshare;
    try {
      if (options.scan) unscan = await this.#scans.acquire(tenant.cluster, tenant.id, limits.concurrentScans, limits.statementTimeoutMs);
      unshare = await this.#shares.acquire(pool.key, tenant.id, Math.max(1, Math.floor(pool.size * limits.poolShare)));
    } catch (error) {
      stopWaiting?.();
      unscan?.();
      throw error;
    }
    let location;
    try {
      location = await this.#router.open(tenant);
    } catch (error) {
      stopWaiting?.();
      unshare();
      unscan?.();
      throw await this.#gone(tenant, error);
    }
    try {
      let lease;
      try {
        lease = await location.db.acquireApp();
      } catch (error) {
        throw await this.#gone(tenant, error);
      } finally {
        stopWaiting?.();
      }
      const connection = new ScopedConnection(
        lease.conn,
        {
          role: location.names.role,
          searchPath: searchPathValue(location.names.schema),
          tenantId: tenant.id,
          generation: tenant.generation,
          placementEpoch: tenant.placementEpoch,
          statementTimeoutMs: limits.statementTimeoutMs,
          asyncCommit: options.asyncCommit?.(tenant) ?? false,
          quotas: countedQuotas(limits),
          serial: options.scan === true,
        },
        options.singleStatement === true,
        this.#clocks?.(tenant.id, location.db.kind),
      );
      let result: T;
      try {
        const scope: TenantScope = {
          tenantId: tenant.id,
          tenant,
          db: scopedTransaction(this.#base, connection),
          backend: location.db.kind,
          attach: (query, attachOptions) => connection.attach(query.compile(), attachOptions),
        };
        for (const hook of this.#hooks) hook(scope, options);
        result = await fn(scope);
        await connection.commit();
      } catch (error) {
        try {
          await connection.rollback();
          lease.release();
        } catch {
          lease.release(true);
        }
        throw await this.#translate(tenant, limits.statementTimeoutMs, error, connection.changedAnything);
      }
      lease.release();
      return result;
    } finally {
      unshare();
      unscan?.();
      location.release();
    }
  }

  /** Database errors that mean something to the tenant, as the errors the API answers with. */
  async #translate(tenant: TenantInfo, timeoutMs: number, error: unknown, changed: boolean): Promise<unknown> {
    const code = (error as { code?: unknown }).code;
    if (code === MOVED_SQLSTATE) {
      // Routed by an entry from before a move: forget it. Refused before it changed anything (at its
      // first statement, or opening its transaction after plain reads), the scope may run again; once
      // it may have changed something (a move between two statements of a transaction) it must not.
      this.#directory.invalidate(tenant.id);
      return this.#stale(tenant, changed);
    }
    if (code === FENCED_SQLSTATE) {
      // Deleted (or deleted and re-created) since this entry was cached — or moved, and its old
      // location already retired: forget it, so the next request sees the catalog as it is now.
      this.#directory.invalidate(tenant.id);
      if (await this.#movedSince(tenant)) return this.#stale(tenant, changed);
      return new TenantNotFoundError(tenant.id);
    }
    if (code === QUERY_CANCELED) {
      return new TenantryError(
        'query_timeout',
        `the query ran longer than this tenant's limit of ${timeoutMs} ms; narrow the filter, index the fields it uses, or ask for fewer records`,
      );
    }
    if (code === INVALID_CATALOG_NAME) return this.#gone(tenant, error, changed);
    // A counted quota (tenant migration 9): the statement that would pass it was refused, and with it the scope.
    if (code === QUOTA_SQLSTATE) return new TenantryError('quota_exceeded', (error as Error).message);
    // A statement prepared on this connection before a migration changed its columns (prepared.ts): the
    // backend prepares it afresh at its next use, so a scope refused before it changed anything runs
    // again, as for a placement no longer current, instead of failing the request.
    if (code === FEATURE_NOT_SUPPORTED && !changed && /cached plan must not change result type/.test(String((error as Error).message))) {
      return new StalePlacementError(tenant.id);
    }
    return error;
  }

  /**
   * The tenant's location could not be reached (its database dropped or closed under a scope working
   * from a cached entry): if the catalog now says the tenant is gone or re-created, that is what the
   * caller hears; otherwise the failure itself.
   */
  async #gone(tenant: TenantInfo, error: unknown, changed = false): Promise<unknown> {
    this.#directory.invalidate(tenant.id);
    const now = await this.#directory.get(tenant.id).catch(() => tenant);
    if (!now || now.generation !== tenant.generation || now.status === 'deleting') return new TenantNotFoundError(tenant.id);
    // A location retired by a move is simply the wrong door.
    if (now.placementEpoch !== tenant.placementEpoch) return this.#stale(tenant, changed);
    return error;
  }

  /**
   * Refused for a placement no longer current: before it changed anything, the scope may run again
   * (StalePlacementError: its reads so far were at the old place, which the switch made equal to the
   * new one, and they are read again); once it may have, its work at the old place was rolled back —
   * the caller hears 503 and tries again.
   */
  #stale(tenant: TenantInfo, changed: boolean): Error {
    if (!changed) return new StalePlacementError(tenant.id);
    return new TenantryError('busy', `tenant '${tenant.id}' was moved during the request; try again`);
  }

  /** Whether the catalog now has the same generation of the tenant at another placement epoch. */
  async #movedSince(tenant: TenantInfo): Promise<boolean> {
    const now = await this.#directory.get(tenant.id).catch(() => undefined);
    return now !== undefined && now.generation === tenant.generation && now.placementEpoch !== tenant.placementEpoch;
  }
}

/**
 * Build a cache key that always leads with the tenant. Throws when the tenant is missing, so a cache
 * can never hold an entry that two tenants could read.
 */
export function tenantCacheKey(tenantId: string | undefined | null, ...parts: Array<string | number>): string {
  if (typeof tenantId !== 'string' || tenantId === '') throw new TenantScopeRequiredError('tenantCacheKey');
  return JSON.stringify([tenantId, ...parts]);
}
