
CREATE TABLE collections (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  name text NOT NULL,
  schema jsonb,
  indexes jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);
ALTER TABLE "collections" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "collections" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "collections" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));

CREATE TABLE records (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  collection text NOT NULL,
  id uuid NOT NULL,
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, collection) REFERENCES collections (tenant_id, name) ON DELETE CASCADE ON UPDATE CASCADE
);
ALTER TABLE "records" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "records" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "records" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
CREATE INDEX records_collection_created ON records (tenant_id, collection, created_at, id);
