
CREATE TABLE models (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
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
ALTER TABLE "models" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "models" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "models" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));

CREATE TABLE model_versions (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
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
ALTER TABLE "model_versions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "model_versions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "model_versions" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
