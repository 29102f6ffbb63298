import type { ModelsService } from '../ml/models.js';
import type { RecordsService } from '../records/records.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { Tenantry } from '../tenantry.js';
import { nextSlot, type WorkflowDefinition } from './definition.js';
import { WorkflowEngine, type EngineOptions } from './engine.js';
import { WorkQueue } from './queue.js';
import { RunsService } from './runs.js';
import { StepStates } from './step-states.js';
import { WorkflowsService } from './workflows.js';

/**
 * Everything workflows need in one process: definitions, runs, the queue on the control-plane
 * database, and (when this process runs steps) the engine. The API and `tenantry worker` both build one.
 */
export class WorkflowRuntime {
  readonly queue: WorkQueue;
  readonly runs: RunsService;
  readonly steps: StepStates;
  readonly definitions = new WorkflowsService();
  #engine: WorkflowEngine | undefined;

  constructor(
    private readonly tenantry: Tenantry,
    private readonly records: RecordsService,
    private readonly models: ModelsService,
    private readonly sandbox: Sandbox,
  ) {
    this.queue = new WorkQueue(tenantry.router.controlCluster.main);
    this.runs = new RunsService(
      (id, fn, options) => tenantry.withTenant(id, fn, options),
      this.queue,
      () => this.#engine?.wake(),
    );
    this.steps = new StepStates((id, fn, options) => tenantry.withTenant(id, fn, options));
  }

  get engine(): WorkflowEngine | undefined {
    return this.#engine;
  }

  /** Run workflow steps in this process. */
  startEngine(options: Partial<EngineOptions> = {}): WorkflowEngine {
    if (this.#engine) return this.#engine;
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
      { concurrency: config.workers || 8, leaseMs: config.workerLeaseMs, pollMs: config.workerPollMs, ...options },
    );
    this.#engine.start();
    return this.#engine;
  }

  async stopEngine(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    await engine?.stop();
  }

  /** Make the control plane's schedule match a workflow's definition (none: no schedule). */
  syncSchedule(tenant: { id: string; generation: number }, workflow: string, definition: WorkflowDefinition | undefined): Promise<void> {
    const schedule = definition?.schedule;
    return this.queue.setSchedule(tenant, workflow, schedule && { cron: schedule.cron, timezone: schedule.timezone ?? 'UTC', nextAt: nextSlot(schedule) });
  }
}
