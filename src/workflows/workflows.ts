import { sql } from 'kysely';
import { TenantryError, ValidationError } from '../errors.js';
import { COLLECTION_NAME_PATTERN } from '../storage/names.js';
import type { TenantScope } from '../storage/scope.js';
import { isoTimestamp } from '../storage/tenant-db.js';
import { planLimits } from '../tenancy/plans.js';
import { checkScheduleInterval, checkWorkflow, type WorkflowDefinition } from './definition.js';

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

/** Workflow definitions of one tenant, in its own `workflows` table. */
export class WorkflowsService {
  /**
   * Create or replace; `created` tells which. Within the tenant's plan: at most `maxWorkflows`
   * definitions (a new one past it is a 409 limit_reached; replacing one is always allowed), and no
   * schedule firing more often than `minScheduleIntervalMs` (400).
   */
  async put(scope: TenantScope, name: string, definition: WorkflowDefinition): Promise<{ created: boolean; workflow: WorkflowView }> {
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
    return { created: row.inserted, workflow: toView(row) };
  }

  async get(scope: TenantScope, name: string): Promise<WorkflowView> {
    const row = await scope.db
      .selectFrom('workflows')
      .select(['name', 'definition', 'revision', 'created_at', 'updated_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new TenantryError('not_found', `no workflow '${name}'`);
    return toView(row);
  }

  async list(scope: TenantScope, page: { after?: string; limit: number }): Promise<Array<WorkflowView & { id: string }>> {
    let query = scope.db.selectFrom('workflows').select(['name', 'definition', 'revision', 'created_at', 'updated_at']).orderBy('name').limit(page.limit);
    if (page.after !== undefined) query = query.where('name', '>', page.after);
    return (await query.execute()).map((row) => ({ ...toView(row), id: row.name }));
  }

  async delete(scope: TenantScope, name: string): Promise<void> {
    const result = await scope.db.deleteFrom('workflows').where('name', '=', name).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new TenantryError('not_found', `no workflow '${name}'`);
  }
}
