-- Quotas that must hold under concurrency (src/usage/quotas.ts): how many records, collections and
-- models the tenant has, kept by the database itself on every insert and delete — whatever the code
-- path (a request, a workflow step, an import, a collection's records deleted with it) — and checked
-- against the limit the scope set (tenantry.quotas: {"records": n, …}; none set, no limit). The
-- counter row's lock serialises a tenant's inserts of one kind until their transaction ends, so two
-- writers racing for the last slot cannot both pass. A tenant's first count is taken from the table
-- itself (tenants made before this migration). Only changes made in a tenant scope are counted (its
-- set-up sets tenantry.quotas; cascades from a scope's deletes included): the owner's — a move copying
-- rows, a deletion — are not, and a move copies the counter rows with the rest.
CREATE TABLE quota_counts (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  kind text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (tenant_id, kind)
);
ALTER TABLE "quota_counts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "quota_counts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "quota_counts" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));

-- TG_ARGV[0]: the kind (records, collections, models); TG_ARGV[1]: the limit's name in messages.
CREATE FUNCTION count_quota() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta bigint;
  total bigint;
  quota bigint;
BEGIN
  IF nullif(current_setting('tenantry.quotas', true), '') IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO delta FROM added WHERE tenant_id = current_setting('tenantry.tenant_id', true);
  ELSE
    SELECT -count(*) INTO delta FROM removed WHERE tenant_id = current_setting('tenantry.tenant_id', true);
  END IF;
  IF delta = 0 THEN
    RETURN NULL;
  END IF;
  -- The scope's search_path is the tenant's schema: these are its own tables. The tenant is named, not
  -- left to row-level security: a cascade (a collection's records deleted with it) runs as the
  -- tables' owner, whom RLS does not filter when it is a superuser.
  UPDATE quota_counts SET n = n + delta
   WHERE tenant_id = current_setting('tenantry.tenant_id', true) AND kind = TG_ARGV[0] RETURNING n INTO total;
  IF NOT FOUND THEN
    -- The tenant's first count of this kind: taken from the table (it holds this statement's rows).
    EXECUTE format('INSERT INTO %I.quota_counts AS q (kind, n) VALUES ($1, (SELECT count(*) FROM %I.%I WHERE tenant_id = current_setting(''tenantry.tenant_id'', true)))
                    ON CONFLICT (tenant_id, kind) DO UPDATE SET n = q.n + $2 RETURNING n', TG_TABLE_SCHEMA, TG_TABLE_SCHEMA, TG_TABLE_NAME)
      INTO total USING TG_ARGV[0], delta;
  END IF;
  quota := (nullif(current_setting('tenantry.quotas', true), '')::jsonb ->> TG_ARGV[0])::bigint;
  IF delta > 0 AND quota IS NOT NULL AND total > quota THEN
    RAISE EXCEPTION 'this would make % %, past the limit (% = %)', total, TG_ARGV[0], TG_ARGV[1], quota
      USING ERRCODE = 'TN003', DETAIL = TG_ARGV[1];
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER records_count_added AFTER INSERT ON records REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_quota('records', 'maxRecords');
CREATE TRIGGER records_count_removed AFTER DELETE ON records REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_quota('records', 'maxRecords');
CREATE TRIGGER collections_count_added AFTER INSERT ON collections REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_quota('collections', 'maxCollections');
CREATE TRIGGER collections_count_removed AFTER DELETE ON collections REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_quota('collections', 'maxCollections');
CREATE TRIGGER models_count_added AFTER INSERT ON models REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_quota('models', 'maxModels');
CREATE TRIGGER models_count_removed AFTER DELETE ON models REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_quota('models', 'maxModels');
