/** The control plane's own ordered migrations, applied to schema `tenantry` of the control-plane database. */
import type { Migration } from './tenant-migrations.js';

export const CATALOG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'clusters-and-tenants',
    sql: `
CREATE TABLE clusters (
  name text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('pglite', 'postgres')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{2,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  tier text NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise')),
  isolation text NOT NULL CHECK (isolation IN ('pooled', 'schema', 'database')),
  cluster text NOT NULL REFERENCES clusters (name),
  status text NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'deleting')),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  limits jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_cluster_isolation ON tenants (cluster, isolation);
`,
  },
  {
    version: 2,
    name: 'api-keys',
    sql: `
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, id);
`,
  },
  {
    version: 3,
    name: 'workflow-queue',
    sql: `
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
`,
  },
  {
    version: 4,
    name: 'tenant-generations',
    sql: `
-- Each creation of a tenant id is a new generation. Scopes check it inside their transaction against
-- the fence in the tenant's own database (storage/ddl.ts fenceSql), and catalog rows that belong to
-- one incarnation reference it, so nothing of a deleted tenant can reach a re-created one.
CREATE SEQUENCE tenant_generation;
ALTER TABLE tenants ADD COLUMN generation bigint NOT NULL DEFAULT nextval('tenant_generation');
ALTER TABLE tenants ADD CONSTRAINT tenants_id_generation UNIQUE (id, generation);

ALTER TABLE api_keys ADD COLUMN tenant_generation bigint;
UPDATE api_keys k SET tenant_generation = t.generation FROM tenants t WHERE t.id = k.tenant_id;
ALTER TABLE api_keys ALTER COLUMN tenant_generation SET NOT NULL;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_tenant_generation FOREIGN KEY (tenant_id, tenant_generation) REFERENCES tenants (id, generation) ON DELETE CASCADE;

ALTER TABLE schedules ADD COLUMN tenant_generation bigint;
UPDATE schedules s SET tenant_generation = t.generation FROM tenants t WHERE t.id = s.tenant_id;
ALTER TABLE schedules ALTER COLUMN tenant_generation SET NOT NULL;
ALTER TABLE schedules ADD CONSTRAINT schedules_tenant_generation FOREIGN KEY (tenant_id, tenant_generation) REFERENCES tenants (id, generation) ON DELETE CASCADE;
`,
  },
];
