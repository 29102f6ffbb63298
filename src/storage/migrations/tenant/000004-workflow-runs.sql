
CREATE TABLE runs (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
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
ALTER TABLE "runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "runs" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
CREATE INDEX runs_workflow_created ON runs (tenant_id, workflow, id DESC);

CREATE TABLE run_steps (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
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
ALTER TABLE "run_steps" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "run_steps" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "run_steps" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
