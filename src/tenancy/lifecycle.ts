import { LABEL_VALUE } from '../config.js';
import { TenantExistsError, TenantNotFoundError, TenantryError, ValidationError } from '../errors.js';
import type { Migration } from '../storage/migrations/tenant-migrations.js';
import { TENANT_ID_PATTERN } from '../storage/names.js';
import { ISOLATIONS, type Isolation } from '../storage/placement.js';
import type { Storage } from '../storage/storage.js';
import type { Catalog, Tenant } from './catalog.js';
import type { Operation, OperationContext, OperationKind, Operations } from './operations.js';
import type { TenantScopes } from '../storage/scope.js';
import type { DataKeys } from '../crypto/data-keys.js';

interface MoveParams {
  generation: number;
  from: { isolation: Isolation; cluster: string; placementEpoch: number };
  to: { isolation: Isolation; cluster: string; placementEpoch: number };
}
import { checkLimits } from './plans.js';
import { mergePatch } from '../json-merge-patch.js';
import { TIER_DEFAULT_ISOLATION, TIERS, isTier, type Tier } from './tiers.js';

export interface CreateTenantInput {
  id: string;
  name?: string;
  tier?: string;
  isolation?: string;
  cluster?: string;
  /** Free-form settings; `region` restricts where the tenant may be placed (clusters labelled `region=…`). */
  settings?: Record<string, unknown>;
}

/** What the lifecycle knows of each configured cluster besides its name. */
export interface ClusterFacts {
  /** The database server a cluster is on (`host:port`), to refuse moves between two names of one server. */
  server(cluster: string): string | undefined;
  /** The cluster's labels (TENANTRY_CLUSTER_LABELS). */
  labels(cluster: string): Record<string, string>;
}

/**
 * Provision, suspend, resume and delete tenants. The only code that creates or destroys a tenant's
 * storage; every step that can fail leaves the catalog and storage as they were.
 */
/** Tries of a settings patch that keeps losing to concurrent ones before it gives up (503). */
const SETTINGS_ATTEMPTS = 20;

export class TenantLifecycle {
  constructor(
    private readonly catalog: Catalog,
    private readonly storage: Storage,
    private readonly migrations: readonly Migration[],
    private readonly operations: Operations,
    private readonly scopes: TenantScopes,
    private readonly facts: ClusterFacts = { server: () => undefined, labels: () => ({}) },
    /** The tenants' data keys: a deletion destroys them before anything else (crypto-shredding). */
    private readonly keys?: DataKeys,
  ) {}

  /**
   * The region a tenant's settings name, if any: a string a label value can be (400 otherwise).
   */
  #regionOf(settings: Record<string, unknown> | undefined): string | undefined {
    const region = settings?.region;
    if (region === undefined || region === null) return undefined;
    if (typeof region !== 'string' || !LABEL_VALUE.test(region)) {
      throw new ValidationError(
        `settings.region must be a region name (letters, digits, '_', '.', '-'), got ${JSON.stringify(region)}`,
        'validation_failed',
        '/body/settings/region',
      );
    }
    return region;
  }

  /** The configured clusters labelled `region=<region>` (every cluster when there is no region). */
  #clustersIn(region: string | undefined): string[] {
    const all = this.storage.clusters.map((c) => c.name);
    if (region === undefined) return all;
    const inRegion = all.filter((c) => this.facts.labels(c).region === region);
    if (inRegion.length === 0) {
      throw new TenantryError(
        'region_mismatch',
        `no configured cluster is labelled region=${region} (TENANTRY_CLUSTER_LABELS); clusters: ${this.#describeClusters()}`,
      );
    }
    return inRegion;
  }

  /** Throws `region_mismatch` unless `cluster` is in `region` (always, when there is no region). */
  #assertInRegion(cluster: string, region: string | undefined, what: string): void {
    if (region === undefined || this.#clustersIn(region).includes(cluster)) return;
    throw new TenantryError(
      'region_mismatch',
      `${what}: cluster '${cluster}' is not labelled region=${region}; clusters of that region: ${this.#clustersIn(region).join(', ')}`,
    );
  }

  #describeClusters(): string {
    return this.storage.clusters
      .map((c) => {
        const labels = Object.entries(this.facts.labels(c.name));
        return labels.length === 0 ? c.name : `${c.name} (${labels.map(([k, v]) => `${k}=${v}`).join(', ')})`;
      })
      .join(', ');
  }

  /**
   * Check the input and fill in defaults; throws a ValidationError naming the problem. Without a
   * cluster the tenant goes to `defaultCluster` (the first configured); `create` places it on the
   * least loaded one instead.
   */
  resolve(input: CreateTenantInput, defaultCluster = this.storage.defaultCluster): Pick<Tenant, 'id' | 'name' | 'tier' | 'isolation' | 'cluster'> {
    const { id } = input;
    if (typeof id !== 'string' || !TENANT_ID_PATTERN.test(id)) {
      throw new ValidationError(
        `invalid tenant id '${String(id)}': use 3-40 characters, lowercase letters, digits and '-', starting with a letter`,
        'invalid_tenant_id',
      );
    }
    const tier = input.tier ?? 'free';
    if (!isTier(tier)) throw new ValidationError(`unknown tier '${tier}'; choose one of ${TIERS.join(', ')}`, 'unknown_tier');
    const isolation = input.isolation ?? TIER_DEFAULT_ISOLATION[tier];
    if (!(ISOLATIONS as readonly string[]).includes(isolation)) {
      throw new ValidationError(`unknown isolation '${isolation}'; choose one of ${ISOLATIONS.join(', ')}`, 'unknown_isolation');
    }
    const cluster = input.cluster ?? defaultCluster;
    this.storage.assertCluster(cluster); // throws unknown_cluster
    const name = input.name ?? id;
    if (name.trim().length === 0 || name.length > 200) throw new ValidationError('tenant name must be 1-200 characters');
    return { id, name, tier, isolation: isolation as Isolation, cluster };
  }

  /**
   * The cluster a new tenant of `isolation` goes to when none is named: the configured cluster with
   * the fewest tenants of that strategy (ties: the first configured), so tenants spread as they come.
   */
  async placeOn(isolation: Isolation, region?: string): Promise<string> {
    const clusters = this.#clustersIn(region);
    if (clusters.length === 1) return clusters[0]!;
    const counts = new Map(clusters.map((c) => [c, 0]));
    for (const row of await this.catalog.tenantCounts()) if (row.isolation === isolation && counts.has(row.cluster)) counts.set(row.cluster, row.tenants);
    return clusters.reduce((best, c) => (counts.get(c)! < counts.get(best)! ? c : best));
  }

  /** The configured clusters, in order, with how many live tenants of each strategy each holds. */
  async clusters(): Promise<
    Array<{ name: string; kind: 'pglite' | 'postgres'; labels: Record<string, string>; tenants: Record<Isolation, number>; total: number }>
  > {
    const counts = await this.catalog.tenantCounts();
    return this.storage.clusters.map((c) => {
      const tenants = Object.fromEntries(
        ISOLATIONS.map((isolation) => [isolation, counts.find((r) => r.cluster === c.name && r.isolation === isolation)?.tenants ?? 0]),
      ) as Record<Isolation, number>;
      return { name: c.name, kind: c.kind, labels: this.facts.labels(c.name), tenants, total: Object.values(tenants).reduce((a, b) => a + b, 0) };
    });
  }

  async create(input: CreateTenantInput): Promise<Tenant> {
    // A deletion of an earlier tenant of the id still finishing does not stand in the way: it acts
    // only on the generation it was asked for.
    const tenant = await this.#admit(input, ['delete']);
    await this.#activate(tenant);
    return (await this.catalog.getFresh(tenant.id))!;
  }

  /**
   * Create a tenant and provision its storage as an operation (`POST /v1/tenants` with `Prefer:
   * respond-async`): the tenant is `provisioning` (in the catalog, not served) until the operation
   * has made its storage; a failure removes it again. Resolves the tenant as it is now and the
   * operation.
   */
  async requestCreate(input: CreateTenantInput): Promise<{ tenant: Tenant; operation: Operation }> {
    // Any operation of the id under way stands in the way: the tenant has one at a time.
    const tenant = await this.#admit(input, []);
    try {
      const { operation } = await this.operations.enqueue('provision', tenant.id, { generation: tenant.generation });
      return { tenant, operation };
    } catch (error) {
      await this.catalog.remove(tenant.id, tenant.generation).catch(() => {});
      throw error;
    }
  }

  /**
   * Check the input, place the tenant and record it as `provisioning`. Refused while an operation of
   * an earlier tenant of the id is still under way (a move or provisioning would act on this one),
   * unless its kind is in `finishing`.
   */
  async #admit(input: CreateTenantInput, finishing: readonly OperationKind[]): Promise<Tenant> {
    let resolved = this.resolve(input);
    const pending = await this.operations.unfinishedFor(resolved.id);
    if (pending && !finishing.includes(pending.kind)) {
      throw new TenantryError(
        'tenant_not_ready',
        `a ${pending.kind} of an earlier tenant '${resolved.id}' is still under way (${pending.id}); try again when it has finished`,
      );
    }
    const region = this.#regionOf(input.settings);
    if (input.cluster === undefined) resolved = { ...resolved, cluster: await this.placeOn(resolved.isolation, region) };
    else this.#assertInRegion(resolved.cluster, region, `tenant '${resolved.id}' has settings.region=${region}`);
    if (!(await this.catalog.insert({ ...resolved, status: 'provisioning', settings: input.settings }))) throw new TenantExistsError(resolved.id);
    return (await this.catalog.getFresh(resolved.id))!;
  }

  /**
   * Make a `provisioning` tenant's storage and make it `active`. All or nothing: a failure removes what
   * provisioning created (and nothing it did not create), then the tenant's catalog row — unless
   * `options.keep()` says another run now owns it. `cleanFirst` removes what an earlier, interrupted
   * run left (only this generation's; idempotent); `provisioned` runs between storage and activation.
   */
  async #activate(tenant: Tenant, options: { cleanFirst?: boolean; keep?: () => boolean; provisioned?: () => Promise<void> } = {}): Promise<void> {
    try {
      if (options.cleanFirst) await this.storage.deprovision(tenant);
      await this.storage.provision(tenant, this.migrations);
    } catch (error) {
      // The provisioning error is the one to report.
      if (!options.keep?.()) await this.catalog.remove(tenant.id, tenant.generation).catch(() => {});
      throw error;
    }
    await options.provisioned?.();
    await this.catalog.setStatus(tenant.id, 'active', ['provisioning']);
  }

  /** Provision a `provisioning` tenant (an operation's run; resumable: what an earlier run made is removed first). */
  async #provision(ctx: OperationContext): Promise<void> {
    const id = ctx.operation.tenantId!;
    const { generation } = ctx.operation.params as { generation: number };
    const tenant = await this.catalog.getFresh(id);
    if (!tenant || tenant.generation !== generation || tenant.status !== 'provisioning') return; // done, or no longer ours
    await ctx.progress({ done: 0, total: 2, step: 'making its storage' });
    await this.#activate(tenant, {
      cleanFirst: ctx.operation.attempts > 1,
      keep: () => ctx.signal.aborted,
      provisioned: () => ctx.progress({ done: 1, step: 'activating' }),
    });
  }

  async get(id: string): Promise<Tenant> {
    const tenant = await this.catalog.getFresh(id);
    if (!tenant) throw new TenantNotFoundError(id);
    return tenant;
  }

  /** Change name, tier, settings or limits. The tier's isolation does not follow: moving is its own operation. */
  async update(id: string, changes: { name?: string; tier?: string; settings?: Record<string, unknown>; limits?: Record<string, unknown> }): Promise<Tenant> {
    if (changes.tier !== undefined && !isTier(changes.tier)) {
      throw new ValidationError(`unknown tier '${changes.tier}'; choose one of ${TIERS.join(', ')}`, 'unknown_tier');
    }
    if (changes.name !== undefined && (changes.name.trim().length === 0 || changes.name.length > 200)) {
      throw new ValidationError('tenant name must be 1-200 characters');
    }
    if (changes.limits !== undefined) checkLimits(changes.limits);
    if (changes.settings !== undefined) this.#checkRegionChange(await this.get(id), changes.settings);
    if (!(await this.catalog.update(id, { ...changes, tier: changes.tier as Tier | undefined }))) {
      await this.get(id); // not found → TenantNotFoundError
      throw new TenantryError('tenant_not_ready', `tenant '${id}' is being provisioned or deleted`);
    }
    return this.get(id);
  }

  /** Data residency: a region the tenant's cluster is not in would be a promise already broken. */
  #checkRegionChange(tenant: Tenant, settings: Record<string, unknown>): void {
    const region = this.#regionOf(settings);
    if (region !== undefined && region !== this.#regionOf(tenant.settings) && !this.#clustersIn(region).includes(tenant.cluster)) {
      throw new TenantryError(
        'region_mismatch',
        `tenant '${tenant.id}' is on cluster '${tenant.cluster}', which is not labelled region=${region}: to change its region, remove settings.region, move the tenant to a cluster of region ${region} (${this.#clustersIn(region).join(', ')}), then set it`,
      );
    }
  }

  /**
   * Merge `patch` into the tenant's settings (RFC 7396: null removes a key), against the settings as
   * they are in the catalog: two concurrent patches both apply (a patch that lost the race reads them
   * again), never one over the other's. `keep` names keys the patch may not change (the data plane's
   * `region`: placement is the platform's): 403 `forbidden` naming the key. `maxBytes` bounds the result.
   */
  async patchSettings(id: string, patch: Record<string, unknown>, options: { keep?: readonly string[]; maxBytes?: number } = {}): Promise<Tenant> {
    for (let attempt = 0; attempt < SETTINGS_ATTEMPTS; attempt++) {
      const tenant = await this.get(id);
      // Checked against the settings this try merges into: a platform change made meanwhile is not undone.
      for (const key of options.keep ?? []) {
        if (Object.hasOwn(patch, key) && JSON.stringify(patch[key]) !== JSON.stringify(tenant.settings[key] ?? null)) {
          throw new TenantryError('forbidden', `settings.${key} is set by the platform (PATCH /v1/tenants/{id}), not by the tenant`);
        }
      }
      const settings = mergePatch(tenant.settings, patch);
      const bytes = Buffer.byteLength(JSON.stringify(settings));
      if (options.maxBytes !== undefined && bytes > options.maxBytes) {
        throw new ValidationError(`the settings would take ${bytes} bytes as JSON; at most ${options.maxBytes} are kept`, 'validation_failed', '/body');
      }
      this.#checkRegionChange(tenant, settings);
      if (await this.catalog.update(id, { settings }, tenant.settings)) return this.get(id);
      if (tenant.status !== 'active' && tenant.status !== 'suspended')
        throw new TenantryError('tenant_not_ready', `tenant '${id}' is being provisioned or deleted`);
    }
    throw new TenantryError('busy', `the settings of tenant '${id}' keep changing under this patch; try again`, { retryAfter: 1 });
  }

  async suspend(id: string): Promise<Tenant> {
    return this.#transition(id, 'suspended', ['active', 'suspended']);
  }

  async resume(id: string): Promise<Tenant> {
    return this.#transition(id, 'active', ['suspended', 'active']);
  }

  async #transition(id: string, to: 'active' | 'suspended', from: Array<'active' | 'suspended'>): Promise<Tenant> {
    const tenant = await this.get(id);
    if (!(from as string[]).includes(tenant.status) || !(await this.catalog.setStatus(id, to, from))) {
      throw new TenantryError('tenant_not_ready', `tenant '${id}' is ${tenant.status}; it cannot be made ${to}`);
    }
    return this.get(id);
  }

  /**
   * Delete a tenant: mark it `deleting` (this process's scopes refuse it from then on), destroy its data
   * keys (crypto-shredding: whatever was encrypted under them, wherever a copy survives — a copied
   * table, a backup, an export — can no longer be decrypted, even if a later step fails), close its
   * fence (after the scopes in flight anywhere have ended, none of any process can run again — however
   * long their catalog entry stays cached), drop its storage, then its catalog row, which takes its API
   * keys and schedules with it. Re-running finishes a delete that was interrupted. `onStep` hears
   * each step as it begins (1 to DELETE_STEPS.length).
   */
  async delete(id: string, onStep?: (step: string, done: number) => Promise<void>, generation?: number): Promise<void> {
    const tenant = await this.get(id);
    // Only the creation of the id that was asked for: a tenant made again under it is another one.
    if (generation !== undefined && tenant.generation !== generation) throw new TenantNotFoundError(id);
    await onStep?.(DELETE_STEPS[0], 0);
    await this.catalog.setStatus(id, 'deleting');
    await onStep?.(DELETE_STEPS[1], 1);
    await this.keys?.destroy(id, tenant.generation);
    await onStep?.(DELETE_STEPS[2], 2);
    await this.storage.deprovision(tenant);
    await onStep?.(DELETE_STEPS[3], 3);
    await this.catalog.remove(id, tenant.generation);
  }

  /**
   * Ask for a tenant's deletion as an operation: the tenant is `deleting` at once (its credentials stop
   * working now), and the operation runs the rest (`delete` above) durably. Asking again while it is
   * under way answers the same operation.
   */
  async requestDelete(id: string): Promise<{ operation: Operation; created: boolean }> {
    const tenant = await this.get(id); // 404 for an unknown tenant
    const requested = await this.operations.enqueue('delete', id, { generation: tenant.generation });
    await this.catalog.setStatus(id, 'deleting');
    return requested;
  }

  /**
   * Ask for an online move of a tenant to another strategy and/or cluster, as an operation (see
   * `#move`). The operation records where from and where to, and the placement epoch the move
   * creates, so that a resumed run knows exactly what it was doing.
   */
  async requestMove(id: string, to: { isolation?: string; cluster?: string }): Promise<{ operation: Operation; created: boolean }> {
    const tenant = await this.get(id);
    if (tenant.status !== 'active' && tenant.status !== 'suspended') {
      throw new TenantryError('tenant_not_ready', `tenant '${id}' is ${tenant.status}; only an active or suspended tenant can move`);
    }
    const isolation = to.isolation ?? tenant.isolation;
    if (!(ISOLATIONS as readonly string[]).includes(isolation)) {
      throw new ValidationError(`unknown isolation '${isolation}'; choose one of ${ISOLATIONS.join(', ')}`, 'unknown_isolation');
    }
    const cluster = to.cluster ?? tenant.cluster;
    this.storage.assertCluster(cluster);
    this.#assertInRegion(cluster, this.#regionOf(tenant.settings), `tenant '${id}' has settings.region=${String(tenant.settings.region)}`);
    const existing = await this.operations.unfinishedFor(id);
    if (existing?.kind === 'move') {
      const under = existing.params as unknown as MoveParams;
      if (under.to.isolation === isolation && under.to.cluster === cluster) return { operation: existing, created: false };
      throw new TenantryError(
        'tenant_not_ready',
        `tenant '${id}' is being moved to ${under.to.isolation} on ${under.to.cluster} (${existing.id}); try again when it has finished`,
      );
    }
    if (isolation === tenant.isolation && cluster === tenant.cluster) {
      throw new ValidationError(`tenant '${id}' is ${isolation} on ${cluster} already`);
    }
    // Roles (schema) and databases (database) are named per server: two clusters on one server would
    // have the same names at both ends. The pool's tables are per database, its role shared: fine.
    if (isolation === tenant.isolation && isolation !== 'pooled' && this.facts.server(tenant.cluster) === this.facts.server(cluster)) {
      throw new ValidationError(
        `clusters '${tenant.cluster}' and '${cluster}' are on the same database server: a ${isolation} tenant cannot move between them`,
      );
    }
    // Past any epoch the tenant's fence admits already (a failed move may have switched it), so no
    // earlier switch is ever taken for this move's.
    const fenced = (await this.storage.fenceEpoch(tenant)) ?? tenant.placementEpoch;
    return this.operations.enqueue('move', id, {
      generation: tenant.generation,
      from: { isolation: tenant.isolation, cluster: tenant.cluster, placementEpoch: tenant.placementEpoch },
      to: { isolation, cluster, placementEpoch: Math.max(tenant.placementEpoch, fenced) + 1 },
    });
  }

  /**
   * Move a tenant online (an operation's run; resumable): prepare the new place, copy while the tenant
   * is served, switch under a short pause of its writes (they wait), record the move in the catalog,
   * then remove the old place. A failure before the switch leaves the tenant where it was, intact.
   */
  async #move(ctx: OperationContext): Promise<void> {
    const id = ctx.operation.tenantId!;
    const params = ctx.operation.params as unknown as MoveParams;
    const total = 5;
    // Progress is for people: once the switch has happened, failing to write it must not stop the move.
    const step = (done: number, name: string) => ctx.progress({ done, total, step: name });
    const note = (name: string) => ctx.progress({ step: name }).catch(() => ctx.signal.throwIfAborted());
    const from = { id, generation: params.generation, ...params.from };
    const to = { id, generation: params.generation, ...params.to };
    const at = (t: Tenant | undefined, p: { isolation: string; cluster: string; placementEpoch: number }) =>
      t !== undefined && t.generation === params.generation && t.isolation === p.isolation && t.cluster === p.cluster && t.placementEpoch === p.placementEpoch;
    let tenant = await this.catalog.getFresh(id);
    if (!at(tenant, from) && !at(tenant, to)) {
      throw new Error(`tenant '${id}' is no longer where this move started (deleted, or moved by something else); nothing was done`);
    }
    if (at(tenant, from)) {
      // Not yet recorded. Switched already (an earlier run of this operation died between the switch
      // and the catalog)? The epoch is this operation's own: requestMove chose it past any a fence holds.
      if ((await this.storage.fenceEpoch(from)) !== to.placementEpoch) {
        try {
          await step(0, 'preparing the new place');
          await this.storage.prepareMoveTarget(from, to, this.migrations);
          await step(1, 'copying');
          await this.storage.copyTenant(from, to, async (p) => ctx.progress({ step: `${p.step} (${p.done}/${p.total} rows)` }));
          await step(2, 'switching (the tenant waits)');
          ctx.signal.throwIfAborted();
          const switched = await this.storage.switchPlacement(from, to, to.placementEpoch);
          await note(`switched: the tenant waited ${switched.pauseMs} ms, ${switched.lastChanges} rows caught up meanwhile`);
        } catch (error) {
          // Another run holds the operation now (this one lost its lease): it decides, not this one.
          if (ctx.signal.aborted) throw error;
          // Nothing switched (the fence says so, read under no doubt): the tenant is where it was,
          // intact; remove what was made at the new place. Unsure whether it switched: leave it all.
          const now = await this.storage.fenceEpoch(from).catch(() => undefined);
          if (now !== undefined && now !== to.placementEpoch) await this.storage.removeMovedPlacement(to, from).catch(() => {});
          throw error;
        }
      }
      // Switched: from here on the move only goes forward. Record it, retrying until it is recorded
      // (or another run of this operation recorded it); the tenant waits meanwhile (scopes refused at
      // the old place wait for the catalog).
      await note('recording the move');
      for (let attempt = 0; ; attempt++) {
        ctx.signal.throwIfAborted();
        try {
          if (await this.catalog.movePlacement(id, from, to)) break;
          tenant = await this.catalog.getFresh(id);
          if (at(tenant, to)) break;
          // Deleted or changed by something else after the switch: touch nothing (a tenant re-created
          // under this id may live at either place now).
          throw new Error(`tenant '${id}' changed after the switch (deleted, or moved by something else); left as it is`);
        } catch (error) {
          if (error instanceof Error && error.message.includes('changed after the switch')) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
        }
      }
    }
    // Recorded. What is left only tidies up: retried until done, never undoing the move.
    await note('removing the old place');
    for (let attempt = 0; ; attempt++) {
      ctx.signal.throwIfAborted();
      try {
        // Its collections' indexes at the new place first (the copy moved rows, not indexes).
        const collections = await this.scopes.withTenant(id, (scope) => scope.db.selectFrom('collections').select('name').execute(), {
          allowSuspended: true,
        });
        for (const c of collections) await this.storage.syncRecordIndexes(to, c.name);
        await this.storage.removeMovedPlacement(from, to);
        break;
      } catch (error) {
        if (error instanceof TenantNotFoundError || attempt >= 8) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
    await step(5, `moved to ${to.isolation} on ${to.cluster}`);
  }

  /** The operation handlers this lifecycle provides. */
  registerOperations(): void {
    // An export streams to the client that asked for it, an import reads its request's body: neither
    // can go on in another process. One found running under a lapsed lease lost its process: it ends
    // as failed, saying so (an import wrote nothing: it is all or nothing).
    for (const kind of ['export', 'import'] as const) {
      this.operations.handle(kind, () => {
        throw new Error(
          kind === 'export'
            ? 'the process streaming this export stopped before the end; export again'
            : 'the process running this import stopped before it committed, so nothing was imported; import again',
        );
      });
    }
    this.operations.handle('move', (ctx) => this.#move(ctx));
    this.operations.handle('provision', (ctx) => this.#provision(ctx));
    this.operations.handle('delete', async (ctx) => {
      const id = ctx.operation.tenantId!;
      await ctx.progress({ total: DELETE_STEPS.length, done: 0 });
      try {
        const { generation } = ctx.operation.params as { generation?: number };
        await this.delete(id, (step, done) => ctx.progress({ step, done }), generation);
      } catch (error) {
        // Already gone: an earlier run got as far as removing the catalog row (the id may name a
        // tenant created since: not this operation's to delete).
        if (!(error instanceof TenantNotFoundError)) throw error;
      }
      await ctx.progress({ step: 'deleted', done: DELETE_STEPS.length });
    });
  }
}

/** The steps of a deletion, as its operation reports them. */
export const DELETE_STEPS = ['shutting the tenant out', 'destroying its data keys', 'dropping its storage', 'removing it from the catalog'] as const;
