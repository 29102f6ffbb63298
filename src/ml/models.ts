import { sql } from 'kysely';
import { TenantryError, ValidationError } from '../errors.js';
import { inScope, type ScopeRunner, type TenantOrScope } from '../records/scope-runner.js';
import { dataField, dataFieldsArray } from '../records/codec.js';
import { COLLECTION_NAME_PATTERN, FIELD_PATH_PATTERN } from '../storage/names.js';
import { tenantCacheKey, tenantIdOf, type TenantRef, type TenantScope } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import type { FeatureSpec } from './features.js';
import {
  FeatureError,
  predictLinear,
  recommend,
  type Artifact,
  type LinearArtifact,
  type ModelKind,
  type Prediction,
  type RecommendationArtifact,
  type TrainResult,
} from './fit.js';
import { TrainingDataError, type TrainingLimits, type TrainingPool } from './worker-pool.js';

export const MODEL_KINDS: readonly ModelKind[] = ['classification', 'regression', 'recommendation'];
export const PREDICT_MAX = 1000;
/**
 * Rows per read while training; each page is one JSON text aggregated by the database. PGlite runs
 * reads on the event loop, so its pages are small (500 rows of 11 fields block ~15 ms). On a server,
 * 1,000-row pages trained 100k rows as fast as 5,000-row ones (~2.2 s) while 5,000-row pages stalled
 * the event loop 20-70 ms per page (decoding a 600 KB message), so 1,000 it is.
 */
const PAGE = { pglite: 500, postgres: 1_000 } as const;
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
 * model_versions), training reads the tenant's records through its scope and fits in the worker pool,
 * prediction serves from an LRU of artifacts keyed by tenant, model, version and the version's
 * creation time (so a re-created model never hits an old entry).
 */
export class ModelsService {
  readonly #cache = new Map<string, Artifact>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly scopes: ScopeRunner,
    private readonly pool: TrainingPool,
    private readonly onError: (error: Error, context: Record<string, unknown>) => void = () => {},
    private readonly cacheSize = 200,
  ) {}

  /** Resolves when no training is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
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

  /** The fields a model reads, in row order: features then target, or user, item, weight. */
  #columns(def: ModelDefinition): string[] {
    if (def.kind === 'recommendation') return [def.fields!.user, def.fields!.item, ...(def.fields!.weight ? [def.fields!.weight] : [])];
    return [...def.features!, def.target!];
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
    const columns = this.#columns(def);
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
    this.#startTraining(tenant, def, 1, limits);
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
    this.#startTraining(tenant, def, version, limits);
    return this.scopes(tenant, async (scope) => (await this.#versions(scope, name)).find((v) => v.version === version)!);
  }

  #startTraining(tenant: TenantRef, def: ModelDefinition, version: number, limits: TrainingLimits): void {
    const run = this.#train(tenant, def, version, limits).finally(() => this.#inFlight.delete(run));
    this.#inFlight.add(run);
  }

  /** A ready version also prunes the model's old versions, in the same transaction (see #prune). */
  async #setStatus(
    tenant: TenantRef,
    model: string,
    version: number,
    changes: { status: string; error?: string | null; metrics?: unknown; artifact?: unknown },
  ): Promise<void> {
    await this.scopes(tenant, async (scope) => {
      await scope.db
        .updateTable('model_versions')
        .set({
          status: changes.status,
          ...(changes.error !== undefined && { error: changes.error }),
          ...(changes.metrics !== undefined && { metrics: JSON.stringify(changes.metrics) }),
          ...(changes.artifact !== undefined && { artifact: JSON.stringify(changes.artifact) }),
          ...(changes.status === 'ready' || changes.status === 'failed' ? { finished_at: sql<Date>`clock_timestamp()` } : {}),
        })
        .where('model', '=', model)
        .where('version', '=', version)
        .execute();
      if (changes.status === 'ready') await this.#prune(scope, model);
    });
  }

  /**
   * Delete the model's versions beyond the newest `modelVersionsKept` (the tenant's plan), so
   * artifacts do not pile up forever. Never one still queued or training (its training would lose its
   * row), and never the newest ready one, which serves predictions even when newer versions are
   * still training or failed.
   */
  async #prune(scope: TenantScope, model: string): Promise<void> {
    const kept = planLimits(scope.tenant).modelVersionsKept;
    await scope.db
      .deleteFrom('model_versions')
      .where('model', '=', model)
      .where('status', 'in', ['ready', 'failed'])
      .where('version', 'not in', (eb) => eb.selectFrom('model_versions').select('version').where('model', '=', model).orderBy('version', 'desc').limit(kept))
      .where('version', '<>', (eb) =>
        eb
          .selectFrom('model_versions')
          .select((e) => e.fn.max('version').as('newest'))
          .where('model', '=', model)
          .where('status', '=', 'ready'),
      )
      .execute();
  }

  /**
   * The model's fields from every record of its collection, page by page, each page one statement in
   * its own single-statement scope. A page arrives as one JSON text (`[[f1, f2, …, target], …]`)
   * aggregated by the database: the request thread never builds an object per row, and the text goes
   * to the worker as it is (copying a string is cheap; parsing happens there).
   */
  async *#pages(tenant: TenantRef, def: ModelDefinition): AsyncGenerator<string> {
    const columns = this.#columns(def);
    // Keyset pages in (created_at, id) order: the records_collection_created index serves them
    // directly, with or without planner statistics.
    let after: { at: string; id: string } | undefined;
    for (;;) {
      let size = 0;
      const page = await this.scopes(
        tenant,
        async (scope) => {
          size = PAGE[scope.backend];
          const { rows } = await sql<{ n: number; at: string | null; id: string | null; rows: string }>`
            WITH page AS MATERIALIZED (
              SELECT created_at, id, ${dataFieldsArray(columns)} AS v FROM records
               WHERE tenant_id = ${scope.tenantId} AND collection = ${def.collection}
                     ${after ? sql`AND (created_at, id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
               ORDER BY created_at, id LIMIT ${size})
            SELECT (SELECT count(*)::int FROM page) AS n,
                   last.at, last.id,
                   (SELECT coalesce(json_agg(v ORDER BY created_at, id), '[]')::text FROM page) AS rows
              FROM (SELECT NULL) AS one
              LEFT JOIN (SELECT created_at::text AS at, id::text AS id FROM page ORDER BY created_at DESC, id DESC LIMIT 1) AS last ON true`.execute(scope.db);
          return rows[0]!;
        },
        { singleStatement: true },
      );
      if (page.n > 0) yield page.rows;
      if (page.n < size) return;
      after = { at: page.at!, id: page.id! };
    }
  }

  async #train(tenant: TenantRef, def: ModelDefinition, version: number, limits: TrainingLimits): Promise<void> {
    try {
      await this.#setStatus(tenant, def.name, version, { status: 'training' });
      const job = { kind: def.kind, features: def.features ?? [], target: def.target, fields: def.fields, options: def.options ?? {}, limits };
      const result: TrainResult = await this.pool.run(tenantIdOf(tenant), job, this.#pages(tenant, def));
      const artifact = { ...result.artifact, readable: result.weights ?? null };
      await this.#setStatus(tenant, def.name, version, {
        status: 'ready',
        error: null,
        metrics: { ...result.metrics, rows: result.rows, ...(result.iterations && { iterations: result.iterations }) },
        artifact,
      });
    } catch (error) {
      const reason = error instanceof TrainingDataError || error instanceof FeatureError ? (error as Error).message : 'training failed on an internal error';
      if (!(error instanceof TrainingDataError || error instanceof FeatureError))
        this.onError(error as Error, { tenantId: tenantIdOf(tenant), model: def.name, version });
      await this.#setStatus(tenant, def.name, version, { status: 'failed', error: reason }).catch((e: Error) =>
        this.onError(e, { tenantId: tenantIdOf(tenant), model: def.name, version }),
      );
    }
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
