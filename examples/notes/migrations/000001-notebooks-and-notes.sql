-- The app's own tenant tables. Each one: tenant_id (filled in from the scope: the app never writes
-- it) leading the primary key, and row-level security enabled, forced, with Tenantry's policy — the
-- text of TENANT_ID_COLUMN and tenantRlsSql(), written out because a released migration never changes.
CREATE TABLE notebooks (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
ALTER TABLE notebooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE notebooks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notebooks
  USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')))
  WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));

CREATE TABLE notes (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  notebook_id uuid NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- The tenant is part of the reference: a note can only be in its own tenant's notebook.
  FOREIGN KEY (tenant_id, notebook_id) REFERENCES notebooks (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notes
  USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')))
  WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
