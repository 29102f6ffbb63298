import type { ModelsService } from '../ml/models.js';
import type { RecordsService, ScopeRunner } from '../records/records.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { Tenantry } from '../tenantry.js';
import { WorkflowEngine, type EngineOptions } from './engine.js';
import { WorkQueue } from './queue.js';
import { RunsService, type WorkflowLog } from './runs.js';
import { Schedules } from './schedules.js';
import { StepStates } from './step-states.js';
import { WorkflowsService } from './workflows.js';
import { defaultConfig } from '../config.js';

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
  readonly #onStep: EngineOptions['onStep'];

  constructor(
    private readonly tenantry: Tenantry,
    private readonly records: RecordsService,
    private readonly models: ModelsService,
    private readonly sandbox: Sandbox,
    /** Where failures no caller hears of go; without it, the log the engine is started with. */
    options: { log?: WorkflowLog; onStep?: EngineOptions['onStep'] } = {},
  ) {
    this.#onStep = options.onStep;
    this.queue = new WorkQueue(tenantry.storage.control);
    this.runs = new RunsService(
      (id, fn, options) => tenantry.withTenant(id, fn, options),
      this.queue,
      () => this.#engine?.wake(),
      (level, message, fields) => this.#log?.(level, message, fields),
    );
    this.#log = options.log;
    const scopes: ScopeRunner = (id, fn, o) => tenantry.withTenant(id, fn, o);
    // Step bookkeeping commits asynchronously only where the tenant's tables write the queue's WAL
    // (Storage.sharesControlWal says why that is the condition).
    this.steps = new StepStates(scopes, (tenant) => tenantry.storage.sharesControlWal(tenant));
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
      {
        concurrency: config.workers || defaultConfig().workers,
        leaseMs: config.workerLeaseMs,
        pollMs: config.workerPollMs,
        log: this.#log,
        onStep: this.#onStep,
        // A step is in flight for its tenant's CPU share (src/usage/costs.ts) from its start to its end.
        stepStarted: (tenantId) => this.tenantry.meter.costs.of(tenantId).begin(),
        stepTime: (tenantId, seconds) => {
          this.tenantry.meter.add(tenantId, 'workflowStepSeconds', seconds);
          this.tenantry.meter.costs.of(tenantId).end();
        },
        // The application's jobs (tenantry.jobs) share the queue; a job enqueued here wakes this engine.
        jobs: this.tenantry.jobs,
        ...options,
      },
    );
    const engine = this.#engine;
    this.tenantry.jobs.attach(() => engine.wake());
    this.#engine.start();
    return this.#engine;
  }

  async stopEngine(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    this.tenantry.jobs.attach(undefined);
    await engine?.stop();
  }
}
