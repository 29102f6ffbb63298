/**
 * The one ordered set of tenant-table migrations. Each runs with search_path set to the location's
 * schema (the pool schema, a tenant schema, or the schema inside a tenant database), so the same text
 * creates the same tables in all three places. Every table leads its keys with tenant_id and gets RLS.
 */
import { TENANT_ID_COLUMN, tenantRlsSql } from '../ddl.js';

export interface Migration {
  version: number;
  name: string;
  /** SQL script; unqualified names resolve to the location's schema. */
  sql: string;
}

export const TENANT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'collections-and-records',
    sql: `
CREATE TABLE collections (
  ${TENANT_ID_COLUMN},
  name text NOT NULL,
  schema jsonb,
  indexes jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
${tenantRlsSql('collections')};

CREATE TABLE records (
  ${TENANT_ID_COLUMN},
  collection text NOT NULL,
  id uuid NOT NULL,
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, collection) REFERENCES collections (tenant_id, name) ON DELETE CASCADE ON UPDATE CASCADE
);
${tenantRlsSql('records')};
CREATE INDEX records_collection_created ON records (tenant_id, collection, created_at, id);
`,
  },
  {
    version: 2,
    name: 'models',
    sql: `
CREATE TABLE models (
  ${TENANT_ID_COLUMN},
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('classification', 'regression', 'recommendation')),
  collection text NOT NULL,
  features jsonb NOT NULL DEFAULT '[]'::jsonb,
  target text,
  options jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
${tenantRlsSql('models')};

CREATE TABLE model_versions (
  ${TENANT_ID_COLUMN},
  model text NOT NULL,
  version integer NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'training', 'ready', 'failed')),
  error text,
  metrics jsonb,
  artifact jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, model, version),
  FOREIGN KEY (tenant_id, model) REFERENCES models (tenant_id, name) ON DELETE CASCADE
);
${tenantRlsSql('model_versions')};
`,
  },
  {
    version: 3,
    name: 'workflows',
    sql: `
CREATE TABLE workflows (
  ${TENANT_ID_COLUMN},
  name text NOT NULL,
  definition jsonb NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
${tenantRlsSql('workflows')};
`,
  },
  {
    version: 4,
    name: 'workflow-runs',
    sql: `
CREATE TABLE runs (
  ${TENANT_ID_COLUMN},
  id uuid NOT NULL,
  workflow text NOT NULL,
  revision integer NOT NULL,
  -- The definition as it was when the run started: replacing the workflow never changes a running run.
  definition jsonb NOT NULL,
  input jsonb NOT NULL DEFAULT 'null'::jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, workflow, idempotency_key)
);
${tenantRlsSql('runs')};
CREATE INDEX runs_workflow_created ON runs (tenant_id, workflow, id DESC);

CREATE TABLE run_steps (
  ${TENANT_ID_COLUMN},
  run_id uuid NOT NULL,
  step_id text NOT NULL,
  needs text[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('pending', 'queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  -- The queue token of the attempt running now; only that attempt may complete the step.
  claim bigint,
  output jsonb,
  error text,
  wake_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, run_id, step_id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE
);
${tenantRlsSql('run_steps')};
`,
  },
  {
    version: 5,
    name: 'runs-finished-index',
    sql: `
-- The retention sweep (WorkflowEngine) deletes a tenant's runs that finished before a cut-off: an index
-- probe, not a scan of all its runs.
CREATE INDEX runs_finished ON runs (tenant_id, finished_at) WHERE finished_at IS NOT NULL;
`,
  },
];
