import { sql } from 'kysely';
import { TenantryError, ValidationError } from '../errors.js';
import { COLLECTION_NAME_PATTERN } from '../storage/names.js';
import type { ScopeRunner } from '../records/records.js';
import { tenantIdOf, type TenantRef } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import { checkScheduleInterval, checkWorkflow, type WorkflowDefinition } from './definition.js';
import type { Schedules } from './schedules.js';

export interface WorkflowView extends WorkflowDefinition {
  name: string;
  /** Goes up by one with every replacement. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

function toView(row: { name: string; definition: unknown; revision: number; created_at: Date; updated_at: Date }): WorkflowView {
  const definition = row.definition as WorkflowDefinition;
  return { name: row.name, ...definition, revision: row.revision, createdAt: isoTimestamp(row.created_at), updatedAt: isoTimestamp(row.updated_at) };
}

/**
 * Workflow definitions of one tenant, in its own `workflows` table, reached through its scope; a
 * definition's schedule is copied to the control plane (Schedules) once the definition has committed,
 * so whoever stores a definition — a route, the CLI, a library caller — gets its schedule with it.
 */
export class WorkflowsService {
  constructor(
    private readonly scopes: ScopeRunner,
    private readonly schedules: Pick<Schedules, 'sync'>,
  ) {}

  /**
   * Create or replace; `created` tells which. Within the tenant's plan: at most `maxWorkflows`
   * definitions (a new one past it is a 409 limit_reached; replacing one is always allowed), and no
   * schedule firing more often than `minScheduleIntervalMs` (400). The control plane's schedule then
   * follows the new definition (none: removed).
   */
  async put(tenant: TenantRef, name: string, definition: WorkflowDefinition): Promise<{ created: boolean; workflow: WorkflowView }> {
    const { created, workflow, generation } = await this.scopes(tenant, async (scope) => {
      if (!COLLECTION_NAME_PATTERN.test(name)) throw new ValidationError(`workflow name '${name}' must match ${COLLECTION_NAME_PATTERN}`);
      checkWorkflow(definition);
      const limits = planLimits(scope.tenant);
      if (definition.schedule) checkScheduleInterval(definition.schedule, limits.minScheduleIntervalMs);
      // Count under the tenant's workflow-definitions lock (held to the end of the scope's transaction),
      // so concurrent creations cannot both pass the cap.
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`tenantry:workflows:${scope.tenantId}`}, 0))`.execute(scope.db);
      const { rows } = await sql<{ total: number; exists: boolean }>`
        SELECT count(*)::int AS total, coalesce(bool_or(name = ${name}), false) AS exists FROM workflows`.execute(scope.db);
      const { total, exists } = rows[0]!;
      if (!exists && total >= limits.maxWorkflows) {
        throw new TenantryError('limit_reached', `this tenant has ${total} workflows, its plan's limit (maxWorkflows = ${limits.maxWorkflows})`);
      }
      const stored: WorkflowDefinition = { steps: definition.steps, ...(definition.schedule && { schedule: { timezone: 'UTC', ...definition.schedule } }) };
      const row = await scope.db
        .insertInto('workflows')
        .values({ name, definition: JSON.stringify(stored) })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'name']).doUpdateSet({
            definition: (eb) => eb.ref('excluded.definition'),
            revision: sql<number>`workflows.revision + 1`,
            updated_at: sql<Date>`clock_timestamp()`,
          }),
        )
        .returning(['name', 'definition', 'revision', 'created_at', 'updated_at', sql<boolean>`xmax = 0`.as('inserted')])
        .executeTakeFirstOrThrow();
      return { created: row.inserted, workflow: toView(row), generation: scope.tenant.generation };
    });
    await this.schedules.sync({ id: tenantIdOf(tenant), generation }, workflow.name, workflow);
    return { created, workflow };
  }

  async get(tenant: TenantRef, name: string): Promise<WorkflowView> {
    return this.scopes(tenant, async (scope) => {
      const row = await scope.db
        .selectFrom('workflows')
        .select(['name', 'definition', 'revision', 'created_at', 'updated_at'])
        .where('name', '=', name)
        .executeTakeFirst();
      if (!row) throw new TenantryError('not_found', `no workflow '${name}'`);
      return toView(row);
    });
  }

  /** One page of the tenant's workflows by name; `after` is the last name (`id`) of the previous page. */
  async list(tenant: TenantRef, page: { after?: string; limit: number }): Promise<Array<WorkflowView & { id: string }>> {
    return this.scopes(tenant, async (scope) => {
      let query = scope.db.selectFrom('workflows').select(['name', 'definition', 'revision', 'created_at', 'updated_at']).orderBy('name').limit(page.limit);
      if (page.after !== undefined) query = query.where('name', '>', page.after);
      return (await query.execute()).map((row) => ({ ...toView(row), id: row.name }));
    });
  }

  /** Drop a definition, and then its schedule. */
  async delete(tenant: TenantRef, name: string): Promise<void> {
    const generation = await this.scopes(tenant, async (scope) => {
      const result = await scope.db.deleteFrom('workflows').where('name', '=', name).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new TenantryError('not_found', `no workflow '${name}'`);
      return scope.tenant.generation;
    });
    await this.schedules.sync({ id: tenantIdOf(tenant), generation }, name, undefined);
  }
}
