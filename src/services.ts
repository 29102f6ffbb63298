/**
 * The one composition root: storage, catalog and lifecycle (Tenantry), then the services over them —
 * records, models, workflows and the sandbox they share — built once, in one place, and closed in the
 * right order. `tenantry serve`, `tenantry worker`, the tests and the benchmarks all build through here.
 */
import { ApiKeys } from './auth/api-keys.js';
import { Metrics } from './metrics.js';
import { ModelsService } from './ml/models.js';
import { TrainingPool } from './ml/worker-pool.js';
import { RecordsService } from './records/records.js';
import { Sandbox } from './sandbox/sandbox.js';
import { TenantExports } from './tenancy/export/tenant-exports.js';
import { Tenantry, type OpenOptions } from './tenantry.js';
import type { EngineOptions } from './workflows/engine.js';
import { WorkflowRuntime } from './workflows/runtime.js';
import { UsageService } from './usage/usage.js';

/** A structured log line: level, message, fields (`err` for an error); logging.ts serviceLog makes one over pino. */
export type ServiceLog = NonNullable<EngineOptions['log']>;

/** Options of the service layer (logging, process metrics). */
export interface ServicesOptions {
  /** Where the services report what no caller is waiting for (a training that failed). Silent by default. */
  log?: ServiceLog;
  /** Node's process metrics in the registry too (a server's or worker's own process; not in tests). */
  processMetrics?: boolean;
}

/**
 * Tenantry's services over one Tenantry (records, models, workflows, usage, metrics, exports): what its
 * HTTP API and `tenantry worker` run on. An application on Tenantry as a library rarely needs them.
 */
export class Services {
  readonly records: RecordsService;
  readonly models: ModelsService;
  readonly workflows: WorkflowRuntime;
  /** API keys with their bounded caches (the catalog holds the keys). */
  readonly apiKeys: ApiKeys;
  /** Whole-tenant export and import (NDJSON). */
  readonly tenantExports: TenantExports;
  /** This process's Prometheus registry and instruments (metrics.ts), served at /metrics. */
  readonly metrics: Metrics;
  /** Usage reports: the metered counters, and what a tenant holds now. */
  readonly usage: UsageService;
  readonly #sandbox: Sandbox;
  readonly #training: TrainingPool;
  readonly #ownsTenantry: boolean;
  #closed: Promise<void> | undefined;

  private constructor(
    readonly tenantry: Tenantry,
    ownsTenantry: boolean,
    options: ServicesOptions,
  ) {
    this.#ownsTenantry = ownsTenantry;
    const log = options.log ?? (() => {});
    // Tenant-supplied logic (JSONata, heavy schema checks) and training run in child processes, bounded.
    // Their CPU is measured in the child, per task, and charged to the task's tenant (src/usage/costs.ts).
    const childCpu = (tenantId: string, seconds: number) => tenantry.meter.costs.childCpu(tenantId, seconds);
    this.#sandbox = new Sandbox({ onCpu: childCpu });
    this.#training = new TrainingPool(undefined, childCpu);
    const scopes = tenantry.withTenant.bind(tenantry);
    this.records = new RecordsService(tenantry, this.#sandbox);
    this.models = new ModelsService(scopes, this.#training, (err, context) => log('error', 'model training failed', { err, ...context }), {
      trainingStarted: (tenantId) => tenantry.meter.add(tenantId, 'modelTrainings'),
    });
    this.metrics = new Metrics({
      processMetrics: options.processMetrics,
      topTenants: tenantry.config.metricsTopTenants,
      sources: {
        pools: () => tenantry.storage.poolStats(),
        connections: () => tenantry.storage.connectionBudget(),
        scans: () => tenantry.scopes.scanStats(),
        queueDepth: () => this.workflows.queue.depthByTier(),
        trainings: () => this.models.trainingsRunning,
        operations: () => tenantry.operations.inProgress(),
        costs: () => tenantry.meter.costs.totals,
      },
    });
    // The first services over a Tenantry time its scopes (tests build several over one).
    tenantry.onScope ??= (seconds, ok) => this.metrics.scopeDuration.observe({ outcome: ok ? 'ok' : 'error' }, seconds);
    const stepDuration = this.metrics.stepDuration;
    this.workflows = new WorkflowRuntime(tenantry, this.records, this.models, this.#sandbox, {
      // The tier from the catalog's cache (a lookup only when it has expired).
      onStep: (item, seconds, outcome) =>
        void tenantry.catalog.get(item.tenantId).then(
          (tenant) => stepDuration.observe({ tier: tenant?.tier ?? 'unknown', outcome }, seconds),
          () => {},
        ),
    });
    this.apiKeys = new ApiKeys(tenantry.catalog, tenantry.config.catalogCacheMs);
    this.tenantExports = new TenantExports(tenantry, this.#sandbox, this.workflows.schedules);
    this.usage = new UsageService(tenantry.meter, scopes, (scope) => this.records.storedBytes(scope));
  }

  /** Open storage (TenantryConfig from the environment unless given) and build every service on it. */
  static async open(options: OpenOptions & ServicesOptions = {}): Promise<Services> {
    return new Services(await Tenantry.open(options), true, options);
  }

  /** Build the services over a Tenantry the caller opened and will close itself (tests, embedding). */
  static over(tenantry: Tenantry, options: ServicesOptions = {}): Services {
    return new Services(tenantry, false, options);
  }

  /**
   * Stop in dependency order: the workflow engine first (its steps use the sandbox and the training
   * pool), then trainings, then the child processes, then storage if these services opened it.
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      // Each step runs even when one before it failed; the first failure is reported.
      const failures: unknown[] = [];
      const step = async (fn: () => Promise<void>) => fn().catch((error: unknown) => void failures.push(error));
      await step(() => this.workflows.stopEngine());
      await step(() => this.#training.close());
      await step(() => this.models.idle());
      await step(() => this.#sandbox.close());
      // What was metered (the engine's last step-seconds included) is written before storage closes.
      await step(() => this.tenantry.meter.flush());
      await step(() => this.tenantry.platformAudit.flush());
      if (this.#ownsTenantry) await step(() => this.tenantry.close());
      if (failures.length > 0) throw failures[0];
    })();
    return this.#closed;
  }
}
