import { sql } from 'kysely';
import { TenantryError, ValidationError } from '../errors.js';
import type { ScopeRunner } from '../records/scope-runner.js';
import { tenantCacheKey, tenantIdOf, type TenantRef } from '../storage/scope.js';
import { FeatureError, predictLinear, recommend, type Artifact, type LinearArtifact, type Prediction, type RecommendationArtifact } from './fit.js';

export const PREDICT_MAX = 1000;

/**
 * Predictions and recommendations from a model's ready versions, served from an LRU of artifacts keyed
 * by tenant, model, version and the version's creation time (so a re-created model never hits an old
 * entry).
 */
export class ModelServing {
  readonly #cache = new Map<string, Artifact>();

  constructor(
    private readonly scopes: ScopeRunner,
    private readonly cacheSize: number,
  ) {}

  /** The artifact to serve: the newest ready version, or `version` if it is ready. One read when cached. */
  async #artifact(tenant: TenantRef, name: string, version?: number): Promise<{ version: number; artifact: Artifact }> {
    return this.scopes(tenant, async (scope) => {
      // The hot path reads one small row; why there is none is worked out only when there is none.
      let query = scope.db
        .selectFrom('model_versions')
        .select(['version', sql<string>`created_at::text`.as('stamp')])
        .where('model', '=', name)
        .where('status', '=', 'ready')
        .orderBy('version', 'desc')
        .limit(1);
      if (version !== undefined) query = query.where('version', '=', version);
      const row = await query.executeTakeFirst();
      if (!row) {
        const model = await scope.db.selectFrom('models').select('name').where('name', '=', name).executeTakeFirst();
        if (!model) throw new TenantryError('not_found', `no model '${name}'`);
        if (version === undefined) throw new TenantryError('model_not_ready', `model '${name}' has no ready version yet`);
        const exists = await scope.db.selectFrom('model_versions').select('status').where('model', '=', name).where('version', '=', version).executeTakeFirst();
        if (!exists) throw new TenantryError('not_found', `model '${name}' has no version ${version}`);
        throw new TenantryError('model_not_ready', `version ${version} of model '${name}' is ${exists.status}`);
      }
      const key = tenantCacheKey(tenantIdOf(tenant), 'model', name, row.version, row.stamp);
      let artifact = this.#cache.get(key);
      if (artifact) {
        // LRU: a hit moves to the back.
        this.#cache.delete(key);
      } else {
        const loaded = await scope.db
          .selectFrom('model_versions')
          .select('artifact')
          .where('model', '=', name)
          .where('version', '=', row.version)
          .executeTakeFirstOrThrow();
        artifact = loaded.artifact as Artifact;
      }
      this.#cache.set(key, artifact);
      while (this.#cache.size > this.cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
      return { version: row.version, artifact };
    });
  }

  async predict(
    tenant: TenantRef,
    name: string,
    inputs: Array<Record<string, unknown>>,
    version?: number,
  ): Promise<{ version: number; predictions: Prediction[] }> {
    if (inputs.length > PREDICT_MAX) throw new ValidationError(`at most ${PREDICT_MAX} inputs at once, got ${inputs.length}`);
    const served = await this.#artifact(tenant, name, version);
    if (served.artifact.kind === 'recommendation') throw new ValidationError(`model '${name}' is a recommendation model: use /recommend`);
    try {
      return { version: served.version, predictions: predictLinear(served.artifact as LinearArtifact, inputs) };
    } catch (error) {
      if (error instanceof FeatureError) throw new ValidationError(error.message);
      throw error;
    }
  }

  async recommend(tenant: TenantRef, name: string, user: string, limit: number): Promise<{ version: number; items: Array<{ item: string; score: number }> }> {
    const served = await this.#artifact(tenant, name);
    if (served.artifact.kind !== 'recommendation') throw new ValidationError(`model '${name}' is a ${served.artifact.kind} model: use /predict`);
    return { version: served.version, items: recommend(served.artifact as RecommendationArtifact, user, limit) };
  }
}
