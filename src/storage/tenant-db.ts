import type { ColumnType, Generated } from 'kysely';

/** A tenant table's timestamp (a Date, or its text) as the API shows it: ISO 8601, UTC, milliseconds. */
export function isoTimestamp(value: unknown): string {
  return new Date(value as string | Date).toISOString();
}

/** Kysely types of the tenant tables (tenant_migrations.ts). `tenant_id` is filled by the scope. */
export interface TenantDatabase {
  collections: {
    tenant_id: Generated<string>;
    name: string;
    schema: ColumnType<unknown, string | null | undefined, string | null>;
    indexes: ColumnType<unknown, string | undefined, string>;
    /** Top-level data fields stored encrypted (records/codec.ts). */
    encrypted: ColumnType<unknown, string | undefined, string>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  records: {
    tenant_id: Generated<string>;
    collection: string;
    id: string;
    data: ColumnType<unknown, string, string>;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  models: {
    tenant_id: Generated<string>;
    name: string;
    kind: string;
    collection: string;
    features: ColumnType<unknown, string | undefined, string>;
    target: string | null;
    options: ColumnType<unknown, string | undefined, string>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  model_versions: {
    tenant_id: Generated<string>;
    model: string;
    version: number;
    status: Generated<string>;
    error: string | null;
    metrics: ColumnType<unknown, string | null | undefined, string | null>;
    artifact: ColumnType<unknown, string | null | undefined, string | null>;
    created_at: Generated<Date>;
    finished_at: Date | null;
  };
  workflows: {
    tenant_id: Generated<string>;
    name: string;
    definition: ColumnType<unknown, string, string>;
    revision: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  runs: {
    tenant_id: Generated<string>;
    id: string;
    workflow: string;
    revision: number;
    definition: ColumnType<unknown, string, string>;
    input: ColumnType<unknown, string | undefined, string>;
    status: Generated<string>;
    trigger: string;
    idempotency_key: string | null;
    created_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
  };
  run_steps: {
    tenant_id: Generated<string>;
    run_id: string;
    step_id: string;
    needs: ColumnType<string[], string[] | undefined, string[]>;
    status: string;
    attempts: Generated<number>;
    claim: string | null;
    output: ColumnType<unknown, string | null | undefined, string | null>;
    error: string | null;
    wake_at: Date | null;
    started_at: Date | null;
    finished_at: Date | null;
  };
  /** An application's background jobs (src/jobs/). */
  tenantry_jobs: {
    tenant_id: Generated<string>;
    id: string;
    kind: string;
    payload: ColumnType<unknown, string, string>;
    status: Generated<string>;
    attempts: Generated<number>;
    error: string | null;
    created_at: Generated<Date>;
    run_after: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
  };
}
