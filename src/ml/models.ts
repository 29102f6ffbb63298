import { sql } from 'kysely';
import { TenantryError, ValidationError } from '../errors.js';
import { dataField, refuseEncrypted } from '../records/codec.js';
import { inScope, type ScopeRunner, type TenantOrScope } from '../records/scope-runner.js';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN } from '../storage/names.js';
import { tenantIdOf, type TenantRef, type TenantScope } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import type { FeatureSpec } from './features.js';
import type { ModelKind, Prediction } from './fit.js';
import { ModelServing } from './serving.js';
import { ModelTraining, modelFields } from './training.js';
import type { TrainingPool } from './worker-pool.js';

export { PREDICT_MAX } from './serving.js';

export const MODEL_KINDS: readonly ModelKind[] = ['classification', 'regression', 'recommendation'];
const MAX_FEATURES = 50;

export interface ModelDefinition {
  name: string;
  kind: ModelKind;
  collection: string;
  features?: string[];
  target?: string;
  /** Recommendation: the interaction fields. */
  fields?: { user: string; item: string; weight?: string };
  options?: { l2?: number; seed?: number };
}

export interface VersionView {
  version: number;
  status: 'queued' | 'training' | 'ready' | 'failed';
  error: string | null;
  metrics: Record<string, number> | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ModelView {
  name: string;
  kind: ModelKind;
  collection: string;
  features: string[];
  target: string | null;
  fields: NonNullable<ModelDefinition['fields']> | null;
  options: ModelDefinition['options'];
  /** Status of the newest version. */
  status: VersionView['status'];
  versions: VersionView[];
  /** Of the newest ready version: the learned feature spec and (linear models) weights per feature. */
  featureSpec: FeatureSpec[] | null;
  weights: unknown;
  createdAt: string;
}

interface ModelRow {
  name: string;
  kind: string;
  collection: string;
  features: unknown;
  target: string | null;
  options: unknown;
  created_at: Date;
}

/**
 * Models of one tenant: definitions and versions live in the tenant's own tables (models,
 * model_versions) and are checked here, against the definition and against the tenant's records,
 * before anything is created; training (training.ts) reads the records through the tenant's scopes
 * and fits in the training pool; predictions are served from cached artifacts (serving.ts).
 */
export class ModelsService {
  readonly #training: ModelTraining;
  readonly #serving: ModelServing;

  constructor(
    private readonly scopes: ScopeRunner,
    pool: TrainingPool,
    onError: (error: Error, context: Record<string, unknown>) => void = () => {},
    private readonly options: { cacheSize?: number; trainingStarted?: (tenantId: string) => void } = {},
  ) {
    const cacheSize = options.cacheSize ?? 200;
    this.#training = new ModelTraining(scopes, pool, onError);
    this.#serving = new ModelServing(scopes, cacheSize);
  }

  /** Resolves when no training is running (tests, shutdown). */
  idle(): Promise<void> {
    return this.#training.idle();
  }

  /** Trainings running in this process now (metrics). */
  get trainingsRunning(): number {
    return this.#training.running;
  }

  #check(def: ModelDefinition): void {
    if (!COLLECTION_NAME_PATTERN.test(def.name)) throw new ValidationError(`model name '${def.name}' must match ${COLLECTION_NAME_PATTERN}`);
    if (!COLLECTION_NAME_PATTERN.test(def.collection)) throw new ValidationError(`collection name '${def.collection}' must match ${COLLECTION_NAME_PATTERN}`);
    const paths = (list: string[], what: string) => {
      for (const f of list) if (!FIELD_PATH_PATTERN.test(f)) throw new ValidationError(`${what} '${f}' is not a field path`);
    };
    if (def.kind === 'recommendation') {
      if (!def.fields) throw new ValidationError('a recommendation model needs fields: {user, item, weight?}');
      if (def.features?.length || def.target) throw new ValidationError('a recommendation model takes fields, not features or target');
      paths([def.fields.user, def.fields.item, ...(def.fields.weight ? [def.fields.weight] : [])], 'field');
      return;
    }
    if (def.fields) throw new ValidationError(`a ${def.kind} model takes features and target, not fields`);
    if (!def.features || def.features.length === 0) throw new ValidationError(`a ${def.kind} model needs at least one feature`);
    if (def.features.length > MAX_FEATURES) throw new ValidationError(`at most ${MAX_FEATURES} features`);
    if (new Set(def.features).size !== def.features.length) throw new ValidationError('features are listed twice');
    if (!def.target) throw new ValidationError(`a ${def.kind} model needs a target`);
    if (def.features.includes(def.target)) throw new ValidationError(`the target '${def.target}' cannot also be a feature`);
    paths([...def.features, def.target], 'field');
  }

  /**
   * Checks before anything is created, so a bad definition is a 400 and not a failed version: the
   * collection exists and has records, every field occurs, a regression target is numeric, a
   * classification target has two values. Each of those is an EXISTS that stops at its first hit in
   * the valid case. Types (one usable type per field) are read from the first 1,000 records only — a
   * full scan of 100k rows cost ~1.8 s; a mixed type further in fails the version with the same
   * reason when training meets it.
   */
  async #precheck(scope: TenantScope, def: ModelDefinition): Promise<void> {
    const columns = modelFields(def);
    // What the database holds of an encrypted field is ciphertext: nothing to train on.
    const declared = await scope.db.selectFrom('collections').select('encrypted').where('name', '=', def.collection).executeTakeFirst();
    refuseEncrypted((declared?.encrypted as string[] | undefined) ?? [], columns, `model '${def.name}'`);
    const TYPES = ['number', 'string', 'boolean', 'object', 'array'] as const;
    const target = dataField(columns.at(-1)!);
    const mine = sql`tenant_id = ${scope.tenantId} AND collection = ${def.collection}`;
    const present = (p: ReturnType<typeof dataField>) => sql`${p} IS NOT NULL AND ${p} <> 'null'::jsonb`;
    const { rows } = await sql<{ present: boolean; any: boolean; varied: boolean; nonnumeric: boolean } & Record<string, boolean | null>>`
      WITH sample AS (SELECT data FROM records WHERE ${mine} ORDER BY created_at, id LIMIT 1000)
      SELECT EXISTS (SELECT 1 FROM collections WHERE name = ${def.collection}) AS present,
             EXISTS (SELECT 1 FROM records WHERE ${mine}) AS any,
             EXISTS (SELECT 1 FROM records WHERE ${mine} AND ${present(target)}
                        AND ${target} <> (SELECT ${target} FROM records WHERE ${mine} AND ${present(target)} LIMIT 1)) AS varied,
             ${def.kind === 'regression' ? sql`EXISTS (SELECT 1 FROM records WHERE ${mine} AND jsonb_typeof(${target}) NOT IN ('number', 'null'))` : sql`false`} AS nonnumeric,
             ${sql.join(columns.map((c, i) => sql`EXISTS (SELECT 1 FROM records WHERE ${mine} AND ${present(dataField(c))}) AS ${sql.ref(`has${i}`)}`))},
             ${sql.join(columns.flatMap((c, i) => TYPES.map((t) => sql`(SELECT bool_or(jsonb_typeof(${dataField(c)}) = ${t}) FROM sample) AS ${sql.ref(`t${i}_${t}`)}`)))}`.execute(
      scope.db,
    );
    const stats = rows[0]!;
    if (!stats.present) throw new ValidationError(`collection '${def.collection}' does not exist`);
    if (!stats.any) throw new ValidationError(`collection '${def.collection}' has no records to train on`);
    columns.forEach((field, i) => {
      const isTarget = def.kind !== 'recommendation' && i === columns.length - 1;
      const role = isTarget ? 'target' : 'field';
      if (!stats[`has${i}`]) throw new ValidationError(`collection '${def.collection}' has no records with ${role} '${field}'`);
      const types = TYPES.filter((t) => stats[`t${i}_${t}`] === true);
      const unusable = types.filter((t) => t === 'object' || t === 'array');
      if (unusable.length > 0) throw new ValidationError(`${role} '${field}' holds ${unusable[0]}s; use numbers, booleans or strings`);
      if (types.length > 1) throw new ValidationError(`${role} '${field}' mixes types (${types.join(' and ')})`);
      if (def.kind === 'recommendation' && field === def.fields!.weight && types.length === 1 && types[0] !== 'number')
        throw new ValidationError(`weight field '${field}' must be a number`);
    });
    if (stats.nonnumeric) throw new ValidationError(`target '${def.target}' must be a number for regression`);
    if (def.kind === 'classification' && !stats.varied)
      throw new ValidationError(`target '${def.target}' has a single value; classification needs at least two`);
  }

  async define(tenant: TenantRef, def: ModelDefinition): Promise<ModelView> {
    if (!MODEL_KINDS.includes(def.kind)) throw new ValidationError(`unknown model kind '${def.kind}'; choose one of ${MODEL_KINDS.join(', ')}`);
    this.#check(def);
    const limits = await this.scopes(tenant, async (scope) => {
      await this.#precheck(scope, def);
      const inserted = await scope.db
        .insertInto('models')
        .values({
          name: def.name,
          kind: def.kind,
          collection: def.collection,
          features: JSON.stringify(def.kind === 'recommendation' ? [] : def.features),
          target: def.target ?? null,
          options: JSON.stringify({ ...def.options, ...(def.fields && { fields: def.fields }) }),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .returning('name')
        .executeTakeFirst();
      if (!inserted) throw new TenantryError('model_exists', `model '${def.name}' already exists; POST /v1/models/${def.name}/train makes a new version`);
      await scope.db.insertInto('model_versions').values({ model: def.name, version: 1, error: null, finished_at: null }).execute();
      return planLimits(scope.tenant);
    });
    this.#training.start(tenant, def, 1, limits);
    this.options.trainingStarted?.(tenantIdOf(tenant));
    return this.get(tenant, def.name);
  }

  async train(tenant: TenantRef, name: string): Promise<VersionView> {
    const { def, version, limits } = await this.scopes(tenant, async (scope) => {
      const definition = await this.#definition(scope, name);
      await this.#precheck(scope, definition);
      // Lock the model row so two concurrent trains get distinct version numbers.
      await scope.db.selectFrom('models').select('name').where('name', '=', name).forUpdate().execute();
      const row = await scope.db
        .insertInto('model_versions')
        .columns(['model', 'version'])
        .expression(
          scope.db
            .selectFrom('model_versions')
            .select([sql<string>`${name}`.as('model'), sql<number>`coalesce(max(version), 0) + 1`.as('version')])
            .where('model', '=', name),
        )
        .returning('version')
        .executeTakeFirstOrThrow();
      return { def: definition, version: row.version, limits: planLimits(scope.tenant) };
    });
    this.#training.start(tenant, def, version, limits);
    this.options.trainingStarted?.(tenantIdOf(tenant));
    return this.scopes(tenant, async (scope) => (await this.#versions(scope, name)).find((v) => v.version === version)!);
  }

  async #definition(scope: TenantScope, name: string): Promise<ModelDefinition & { createdAt: string }> {
    const row = (await scope.db.selectFrom('models').selectAll().where('name', '=', name).executeTakeFirst()) as ModelRow | undefined;
    if (!row) throw new TenantryError('not_found', `no model '${name}'`);
    const { fields, ...options } = (row.options ?? {}) as { fields?: ModelDefinition['fields']; l2?: number; seed?: number };
    return {
      name: row.name,
      kind: row.kind as ModelKind,
      collection: row.collection,
      features: row.features as string[],
      ...(row.target !== null && { target: row.target }),
      ...(fields && { fields }),
      options,
      createdAt: isoTimestamp(row.created_at),
    };
  }

  async #versions(scope: TenantScope, name: string): Promise<VersionView[]> {
    const rows = await scope.db
      .selectFrom('model_versions')
      .select(['version', 'status', 'error', 'metrics', 'created_at', 'finished_at'])
      .where('model', '=', name)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      status: r.status as VersionView['status'],
      error: r.error,
      metrics: (r.metrics as Record<string, number> | null) ?? null,
      createdAt: isoTimestamp(r.created_at),
      finishedAt: r.finished_at === null ? null : isoTimestamp(r.finished_at),
    }));
  }

  /** A model with its versions: in the caller's scope, or in one of its own for a tenant. */
  async get(tenant: TenantOrScope, name: string): Promise<ModelView> {
    return inScope(this.scopes, tenant, (scope) => this.#get(scope, name));
  }

  async #get(scope: TenantScope, name: string): Promise<ModelView> {
    const def = await this.#definition(scope, name);
    const versions = await this.#versions(scope, name);
    const ready = versions.find((v) => v.status === 'ready');
    let featureSpec: FeatureSpec[] | null = null;
    let weights: unknown = null;
    if (ready) {
      const row = await scope.db
        .selectFrom('model_versions')
        .select([sql<FeatureSpec[] | null>`artifact -> 'specs'`.as('specs'), sql<unknown>`artifact -> 'readable'`.as('readable')])
        .where('model', '=', name)
        .where('version', '=', ready.version)
        .executeTakeFirstOrThrow();
      featureSpec = row.specs;
      weights = row.readable;
    }
    return {
      name: def.name,
      kind: def.kind,
      collection: def.collection,
      features: def.features ?? [],
      target: def.target ?? null,
      fields: def.fields ?? null,
      options: def.options,
      status: versions[0]?.status ?? 'queued',
      versions,
      featureSpec,
      weights,
      createdAt: def.createdAt,
    };
  }

  async list(tenant: TenantOrScope): Promise<ModelView[]> {
    return inScope(this.scopes, tenant, async (scope) => {
      const names = await scope.db.selectFrom('models').select('name').orderBy('name').execute();
      const out: ModelView[] = [];
      for (const { name } of names) out.push(await this.#get(scope, name));
      return out;
    });
  }

  predict(tenant: TenantRef, name: string, inputs: Array<Record<string, unknown>>, version?: number): Promise<{ version: number; predictions: Prediction[] }> {
    return this.#serving.predict(tenant, name, inputs, version);
  }

  recommend(tenant: TenantRef, name: string, user: string, limit: number): Promise<{ version: number; items: Array<{ item: string; score: number }> }> {
    return this.#serving.recommend(tenant, name, user, limit);
  }
}
