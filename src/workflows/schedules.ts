import { auditedAs } from '../audit/context.js';
import { TenantryError } from '../errors.js';
import { nextSlot, type WorkflowDefinition } from './definition.js';
import type { WorkQueue } from './queue.js';
import type { RunsService, WorkflowLog } from './runs.js';

/** Due schedules started per tick, and at most this many of one tenant's per round of a tick. */
const SCHEDULES_PER_TICK = 50;
const SCHEDULES_PER_TENANT = 2;

/**
 * Workflow schedules. A definition's schedule is stored with it in the tenant's storage, and copied to
 * the control plane's `schedules` table (on the queue's database), which every worker process reads
 * to fire due slots without opening any tenant's storage.
 */
export class Schedules {
  constructor(
    private readonly queue: WorkQueue,
    private readonly runs: RunsService,
  ) {}

  /**
   * Make the control plane's schedule match a workflow's definition (none: no schedule), for this
   * generation of the tenant only (see WorkQueue.setSchedule).
   */
  sync(tenant: { id: string; generation: number }, workflow: string, definition: WorkflowDefinition | undefined): Promise<void> {
    const schedule = definition?.schedule;
    return this.queue.setSchedule(tenant, workflow, schedule && { cron: schedule.cron, timezone: schedule.timezone ?? 'UTC', nextAt: nextSlot(schedule) });
  }

  /**
   * Start a run for every schedule slot that is due, once per slot across all processes. Each round
   * takes every tenant's most overdue schedules before anyone's next ones (at most two per tenant);
   * rounds repeat within the tick (`tickMs`) while some tenant may have more due, so fairness does not
   * cost a tenant with many simultaneous schedules a tick per pair. Stops as soon as `running()` is false.
   */
  async fireDue(tickMs: number, running: () => boolean, log: WorkflowLog): Promise<void> {
    const started = Date.now();
    for (;;) {
      const due = await this.queue.dueSchedules(SCHEDULES_PER_TICK, SCHEDULES_PER_TENANT);
      const perTenant = new Map<string, number>();
      let failed = false;
      for (const s of due) {
        if (!running()) return;
        perTenant.set(s.tenantId, (perTenant.get(s.tenantId) ?? 0) + 1);
        // Never sooner than the tenant's plan allows, even for a schedule stored before its limit was.
        const next = nextSlot(s, new Date(Math.max(Date.now(), s.nextAt.getTime() + s.minIntervalMs - 1)));
        if (s.tenantStatus === 'active') {
          try {
            // The slot is the idempotency key: two processes firing the same slot make one run.
            // Audited like a request: the entry commits with the run it creates (none if the slot's run exists).
            const slot = s.nextAt.toISOString();
            await auditedAs(
              {
                actor: `schedule:${s.workflow}`,
                action: 'workflows.run',
                target: `/v1/workflows/${s.workflow}/runs`,
                tenant: s.tenantId,
                requestId: null,
                outcome: 'success',
                detail: { trigger: 'schedule', slot },
              },
              () => this.runs.start(s.tenantId, s.workflow, { trigger: 'schedule', idempotencyKey: `schedule:${slot}` }),
            );
          } catch (error) {
            if (error instanceof TenantryError && error.code === 'not_found') {
              await this.queue.setSchedule({ id: s.tenantId, generation: s.generation }, s.workflow, undefined); // the workflow is gone
              continue;
            }
            log('error', 'a scheduled run could not be started; trying again', { err: error, tenant: s.tenantId, workflow: s.workflow });
            failed = true;
            continue;
          }
        }
        // Suspended (or being deleted): the slot passes without a run.
        await this.queue.advanceSchedule(s.tenantId, s.workflow, s.nextAt, next);
      }
      const more = due.length === SCHEDULES_PER_TICK || [...perTenant.values()].some((n) => n >= SCHEDULES_PER_TENANT);
      // A failed start is retried at the next tick, not in a tight loop.
      if (!more || failed || !running() || Date.now() - started >= tickMs) return;
    }
  }
}
