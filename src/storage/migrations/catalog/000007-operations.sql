-- Long-running control-plane work (src/tenancy/operations.ts): one row per operation, with its
-- progress and outcome. A process runs an operation under a lease it renews; when the process dies
-- the lease runs out and another process (or the same one, restarted) resumes it from its last step:
-- every kind is written so that running it again finishes what an earlier run began.
CREATE TABLE operations (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('provision', 'delete', 'move', 'export', 'import', 'migrate')),
  -- No foreign key: a deletion outlives its tenant's row, and its record stays.
  tenant_id text,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  params jsonb NOT NULL DEFAULT '{}',
  step text,
  done bigint NOT NULL DEFAULT 0,
  total bigint,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- What a runner looks for: unfinished operations, oldest first.
CREATE INDEX operations_unfinished ON operations (created_at, id) WHERE status IN ('queued', 'running');
CREATE INDEX operations_tenant ON operations (tenant_id, created_at);
-- At most one unfinished operation per tenant: a move and a deletion never run over each other.
CREATE UNIQUE INDEX operations_one_per_tenant ON operations (tenant_id) WHERE status IN ('queued', 'running') AND tenant_id IS NOT NULL;
