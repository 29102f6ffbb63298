
CREATE TABLE workflows (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  name text NOT NULL,
  definition jsonb NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
ALTER TABLE "workflows" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflows" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "workflows" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
