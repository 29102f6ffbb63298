import { sql } from 'kysely';
import { dataFieldsArray } from '../records/codec.js';
import type { ScopeRunner } from '../records/scope-runner.js';
import { tenantIdOf, type TenantRef, type TenantScope } from '../storage/scope.js';
import { planLimits } from '../tenancy/plans.js';
import { FeatureError, type TrainResult } from './fit.js';
import type { ModelDefinition } from './models.js';
import { TrainingDataError, type TrainingLimits, type TrainingPool } from './worker-pool.js';

/**
 * Rows per read while training; each page is one JSON text aggregated by the database. PGlite runs
 * reads on the event loop, so its pages are small (500 rows of 11 fields block ~15 ms). On a server,
 * 1,000-row pages trained 100k rows as fast as 5,000-row ones (~2.2 s) while 5,000-row pages stalled
 * the event loop 20-70 ms per page (decoding a 600 KB message), so 1,000 it is.
 */
const PAGE = { pglite: 500, postgres: 1_000 } as const;

/** The fields a model reads, in row order: features then target, or user, item, weight. */
export function modelFields(def: ModelDefinition): string[] {
  if (def.kind === 'recommendation') return [def.fields!.user, def.fields!.item, ...(def.fields!.weight ? [def.fields!.weight] : [])];
  return [...def.features!, def.target!];
}

/**
 * Trainings of model versions: each reads the tenant's records through its scopes, page by page, fits
 * in the training pool (child processes), and records its outcome on the version — its status, and
 * when ready its metrics and artifact. Runs after the request that queued it has answered.
 */
export class ModelTraining {
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly scopes: ScopeRunner,
    private readonly pool: TrainingPool,
    private readonly onError: (error: Error, context: Record<string, unknown>) => void,
  ) {}

  /** Train `version` of the model in the background; its row says how it went. */
  start(tenant: TenantRef, def: ModelDefinition, version: number, limits: TrainingLimits): void {
    const run = this.#run(tenant, def, version, limits).finally(() => this.#inFlight.delete(run));
    this.#inFlight.add(run);
  }

  /** Trainings running now (metrics). */
  get running(): number {
    return this.#inFlight.size;
  }

  /** Resolves when no training is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
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
    const columns = modelFields(def);
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

  async #run(tenant: TenantRef, def: ModelDefinition, version: number, limits: TrainingLimits): Promise<void> {
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
}
