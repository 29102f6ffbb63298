import type { ModelsService } from '../ml/models.js';
import type { RecordsService, ScopeRunner } from '../records/records.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { TenantPlacement } from '../storage/placement.js';
import type { Tenantry } from '../tenantry.js';
import { WorkflowEngine, type EngineOptions } from './engine.js';
import { WorkQueue } from './queue.js';
import { RunsService, type WorkflowLog } from './runs.js';
import { Schedules } from './schedules.js';
import { StepStates } from './step-states.js';
import { WorkflowsService } from './workflows.js';

/**
 * Whether a tenant's tables are written to the same WAL as the queue, which lives in the control
 * cluster's main database. On a PostgreSQL server every database shares the server's one WAL; on an
 * embedded cluster the pooled and schema tenants share the main PGlite instance with the queue, while
 * each database tenant is a PGlite instance (and WAL) of its own. Only then may the tenant's step
 * bookkeeping commit asynchronously: a WAL is written in order and a crash loses only its tail, so a
 * queue change that survived (an ack, the next steps) implies the step state it followed did too.
 * Across two WALs a crash could keep the ack and lose the step's completion, leaving a step `running`
 * that no queue item will ever claim again.
 */
export function sharesWal(queue: { cluster: string; kind: 'pglite' | 'postgres' }, tenant: TenantPlacement): boolean {
  if (tenant.cluster !== queue.cluster) return false;
  return queue.kind === 'postgres' || tenant.isolation !== 'database';
}

/**
 * Everything workflows need in one process: definitions, runs, the queue on the control-plane
 * database, and (when this process runs steps) the engine. The API and `tenantry worker` both build one.
 */
export class WorkflowRuntime {
  readonly queue: WorkQueue;
  readonly runs: RunsService;
  readonly steps: StepStates;
  readonly schedules: Schedules;
  /** Workflow definitions, and with them their schedules. */
  readonly definitions: WorkflowsService;
  #engine: WorkflowEngine | undefined;
  #log: WorkflowLog | undefined;

  constructor(
    private readonly tenantry: Tenantry,
    private readonly records: RecordsService,
    private readonly models: ModelsService,
    private readonly sandbox: Sandbox,
    /** Where failures no caller hears of go; without it, the log the engine is started with. */
    options: { log?: WorkflowLog } = {},
  ) {
    this.queue = new WorkQueue(tenantry.storage.control);
    this.runs = new RunsService(
      (id, fn, options) => tenantry.withTenant(id, fn, options),
      this.queue,
      () => this.#engine?.wake(),
      (level, message, fields) => this.#log?.(level, message, fields),
    );
    this.#log = options.log;
    const scopes: ScopeRunner = (id, fn, o) => tenantry.withTenant(id, fn, o);
    const control = tenantry.router.controlCluster;
    const queueWal = { cluster: control.name, kind: control.kind };
    this.steps = new StepStates(scopes, (tenant) => sharesWal(queueWal, tenant));
    this.schedules = new Schedules(this.queue, this.runs);
    this.definitions = new WorkflowsService(scopes, this.schedules);
  }

  get engine(): WorkflowEngine | undefined {
    return this.#engine;
  }

  /** Run workflow steps in this process. */
  startEngine(options: Partial<EngineOptions> = {}): WorkflowEngine {
    if (this.#engine) return this.#engine;
    this.#log ??= options.log;
    const config = this.tenantry.config;
    this.#engine = new WorkflowEngine(
      this.queue,
      this.runs,
      this.steps,
      {
        scopes: (id, fn, o) => this.tenantry.withTenant(id, fn, o),
        records: this.records,
        models: this.models,
        egressAllow: config.egressAllow,
        sandbox: this.sandbox,
      },
      { concurrency: config.workers || 8, leaseMs: config.workerLeaseMs, pollMs: config.workerPollMs, log: this.#log, ...options },
    );
    this.#engine.start();
    return this.#engine;
  }

  async stopEngine(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    await engine?.stop();
  }
}
