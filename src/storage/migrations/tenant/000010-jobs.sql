-- An application's background jobs (src/jobs/): one row per job, in the tenant's own storage like its
-- workflow runs, so a job's payload is the tenant's data (moved, exported and deleted with it). The
-- queue item that runs it (catalog work_items, step_id '$job:<kind>') holds no payload. `attempts`
-- fences a job: the attempt that finishes it must still be the job's latest (a worker that lost its
-- claim commits nothing).
CREATE TABLE tenantry_jobs (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  id uuid NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  run_after timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
ALTER TABLE "tenantry_jobs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenantry_jobs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenantry_jobs" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
