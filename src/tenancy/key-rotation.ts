import { sql, type RawBuilder } from 'kysely';
import type { DataKeys } from '../crypto/data-keys.js';
import { TenantNotFoundError, TenantryError } from '../errors.js';
import { decodeRecords, ENCRYPTED_DATA_KEY, keysFrom, keyVersionOf, storedData, type RecordRow } from '../records/codec.js';
import type { TenantScopes } from '../storage/scope.js';
import type { Catalog } from './catalog.js';
import type { Operation, OperationContext, Operations } from './operations.js';

/** Records re-encrypted per scope. */
const PAGE = 200;
/** Passes over the records before giving up on writers that keep using the old key (stale processes). */
const PASSES = 5;

interface RotateParams {
  generation: number;
  version: number;
}

/**
 * Tenant key rotation (`tenantry keys rotate <tenant>`, `POST /v1/tenants/{id}/keys/rotate`): a new
 * data key version is added at once — every process encrypts under it within the key cache's
 * lifetime (TENANTRY_CATALOG_CACHE_MS) — then an operation re-encrypts, in the background and page by
 * page, every record still sealed under an older version, and finally destroys the older versions.
 * Until then they stay readable, so the tenant is served throughout. Re-encryption changes no
 * record's version or timestamps: the data is the same. Resumable: a run again finds what is left.
 */
export class KeyRotation {
  constructor(
    private readonly catalog: Catalog,
    private readonly operations: Operations,
    private readonly scopes: TenantScopes,
    private readonly keys: DataKeys,
    /** How long a process may keep encrypting under a key version it cached (TENANTRY_CATALOG_CACHE_MS). */
    private readonly cacheMs: number,
  ) {}

  register(): void {
    this.operations.handle('rotate-key', (ctx) => this.#run(ctx));
  }

  /** Add the next key version and queue the re-encryption; asking while one is under way answers it. */
  async request(tenantId: string): Promise<{ operation: Operation; created: boolean; version: number }> {
    const tenant = await this.catalog.getFresh(tenantId);
    if (!tenant) throw new TenantNotFoundError(tenantId);
    if (tenant.status !== 'active' && tenant.status !== 'suspended') {
      throw new TenantryError('tenant_not_ready', `tenant '${tenantId}' is ${tenant.status}; only an active or suspended tenant's keys rotate`);
    }
    const existing = await this.operations.unfinishedFor(tenantId);
    if (existing?.kind === 'rotate-key') return { operation: existing, created: false, version: (existing.params as unknown as RotateParams).version };
    if (existing) {
      throw new TenantryError(
        'tenant_not_ready',
        `tenant '${tenantId}' has a ${existing.kind} operation under way (${existing.id}); try again when it has finished`,
      );
    }
    const version = await this.keys.addVersion(tenant);
    const queued = await this.operations.enqueue('rotate-key', tenantId, { generation: tenant.generation, version });
    return { ...queued, version };
  }

  async #run(ctx: OperationContext): Promise<void> {
    const id = ctx.operation.tenantId!;
    const { generation, version } = ctx.operation.params as unknown as RotateParams;
    const tenant = await this.catalog.getFresh(id);
    if (!tenant || tenant.generation !== generation) return; // deleted since: its keys went with it
    const ref = { id, generation };
    // Every process encrypts under the new version once its cached keys expire: wait that long.
    const added = (await this.keys.versions(ref)).find((v) => v.version === version);
    if (!added) throw new Error(`key version ${version} of tenant '${id}' is gone; nothing re-encrypted`);
    const settle = added.createdAt.getTime() + 2 * this.cacheMs + 250 - Date.now();
    if (settle > 0) {
      await ctx.progress({ step: `waiting ${settle} ms for every process to encrypt under version ${version}` });
      await new Promise((resolve) => setTimeout(resolve, settle));
    }
    const total = await this.scopes.withTenant(
      ref,
      async (scope) => {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM records WHERE data -> ${ENCRYPTED_DATA_KEY} IS NOT NULL`.execute(scope.db);
        return Number(rows[0]!.n);
      },
      { allowSuspended: true },
    );
    let done = 0;
    await ctx.progress({ done, total, step: `re-encrypting under key version ${version}` });
    // Passes until one finds nothing older (a record a stale process wrote meanwhile is caught by the next).
    for (let pass = 0; pass < PASSES; pass++) {
      let found = 0;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        ctx.signal.throwIfAborted();
        const rows = await this.scopes.withTenant(
          ref,
          async (scope) =>
            (
              await sql<RecordRow & { collection: string }>`
                SELECT id, collection, data, version, created_at, updated_at FROM records
                 WHERE id > ${after}::uuid AND data -> ${ENCRYPTED_DATA_KEY} IS NOT NULL ORDER BY id LIMIT ${PAGE}`.execute(scope.db)
            ).rows,
          { allowSuspended: true },
        );
        if (rows.length === 0) break;
        after = rows.at(-1)!.id;
        const stale = rows.filter((r) => (keyVersionOf(r.data) ?? version) < version);
        found += stale.length;
        if (stale.length > 0) await this.#reseal(ref, version, stale);
        if (pass === 0) {
          done = Math.min(total, done + rows.length);
          await ctx.progress({ done, total });
        }
      }
      if (found === 0) break;
      await ctx.progress({ step: `pass ${pass + 1} re-encrypted ${found} records; checking again` });
    }
    const remaining = await this.#olderLeft(ref, version);
    if (remaining > 0) {
      throw new Error(
        `${remaining} records are still encrypted under versions before ${version} (written by a process with stale keys?); run the rotation again`,
      );
    }
    await ctx.progress({ done: total, total, step: `destroying key versions before ${version}` });
    await this.keys.destroyBefore(ref, version);
    await ctx.progress({ step: `re-encrypted under key version ${version}; older versions destroyed` });
  }

  /** Open `rows` and seal them again under the newest key (outside any scope), then write those still as read. */
  async #reseal(ref: { id: string; generation: number }, version: number, rows: ReadonlyArray<RecordRow & { collection: string }>): Promise<void> {
    const ring = await this.keys.keyring(ref, { refresh: true });
    if (!ring.current || ring.current.version < version) throw new Error(`key version ${version} of tenant '${ref.id}' is not the newest any more`);
    const updates: RawBuilder<unknown>[] = [];
    for (const row of rows) {
      const place = { tenantId: ref.id, generation: ref.generation, collection: row.collection };
      const [plain] = await decodeRecords(keysFrom(this.keys), place, [row]);
      // The sealed fields: those the plaintext has that the stored row does not hold in clear.
      const fields = Object.keys(plain!.data).filter((f) => !Object.hasOwn(row.data as object, f));
      const sealed = storedData(place, row.id, plain!.data, { fields, ring });
      updates.push(sql`(${row.id}::uuid, ${JSON.stringify(row.data)}::jsonb, ${JSON.stringify(sealed)}::jsonb)`);
    }
    // Only a record still as read: one written meanwhile was sealed by its writer.
    await this.scopes.withTenant(
      ref,
      (scope) =>
        sql`UPDATE records r SET data = v.sealed FROM (VALUES ${sql.join(updates)}) AS v (id, old, sealed)
             WHERE r.id = v.id AND r.data = v.old`.execute(scope.db),
      { allowSuspended: true },
    );
  }

  /** Records still sealed under a version before `version`. */
  async #olderLeft(ref: { id: string; generation: number }, version: number): Promise<number> {
    let left = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.scopes.withTenant(
        ref,
        async (scope) =>
          (
            await sql<{ id: string; data: unknown }>`
              SELECT id, data FROM records WHERE id > ${after}::uuid AND data -> ${ENCRYPTED_DATA_KEY} IS NOT NULL ORDER BY id LIMIT ${PAGE * 5}`.execute(
              scope.db,
            )
          ).rows,
        { allowSuspended: true },
      );
      if (rows.length === 0) return left;
      after = rows.at(-1)!.id;
      left += rows.filter((r) => (keyVersionOf(r.data) ?? version) < version).length;
    }
  }
}
