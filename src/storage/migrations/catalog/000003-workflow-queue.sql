
-- The workflow engine's queue (src/workflows/queue.ts). A work item names one step attempt of one
-- tenant's run and nothing else: the run, its input and outputs live in the tenant's own storage.
CREATE TABLE queue_tenants (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  -- Items of this tenant leased right now (checked against the tenant's cap under this row's lock).
  running integer NOT NULL DEFAULT 0 CHECK (running >= 0),
  -- Round-robin position: the tenant served longest ago is offered work first.
  served bigint NOT NULL DEFAULT 0
);
CREATE INDEX queue_tenants_served ON queue_tenants (served);
CREATE SEQUENCE queue_served;

CREATE TABLE work_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES queue_tenants (tenant_id) ON DELETE CASCADE,
  run_id uuid NOT NULL,
  step_id text NOT NULL,
  -- Bumped by every claim: a worker completes only the claim it holds (attempt fencing).
  token bigint NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  worker text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, run_id, step_id)
);
CREATE INDEX work_items_ready ON work_items (tenant_id, available_at, id) WHERE lease_until IS NULL;
CREATE INDEX work_items_leased ON work_items (lease_until) WHERE lease_until IS NOT NULL;

CREATE TABLE schedules (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  workflow text NOT NULL,
  cron text NOT NULL,
  timezone text NOT NULL,
  next_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, workflow)
);
CREATE INDEX schedules_next ON schedules (next_at);
