-- The tenant's audit trail (src/audit/): one row per write, chained by SHA-256. Each entry's hash is
-- sha256(previous hash || RFC 8785 canonical JSON of the entry), the first one's previous hash 32 zero
-- bytes. audit_chain holds the head — the last sequence number and hash — one row per tenant: the
-- statement that appends an entry advances it (INSERT … ON CONFLICT DO UPDATE), so its row lock
-- serialises a tenant's appends until their transaction ends, and no two entries share a predecessor.
CREATE TABLE audit_chain (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (tenant_id)
);
ALTER TABLE "audit_chain" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_chain" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "audit_chain" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));

CREATE TABLE audit_log (
  tenant_id text NOT NULL DEFAULT nullif(current_setting('tenantry.tenant_id', true), ''),
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  request_id text,
  outcome text NOT NULL,
  detail jsonb,
  hash bytea NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "audit_log" USING (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('tenantry.tenant_id', true), '')));
CREATE INDEX audit_log_at ON audit_log (tenant_id, at, seq);

-- Append only. The application roles are granted only SELECT and INSERT on audit_log (ddl.ts
-- APPEND_ONLY_TABLES); this trigger is the second wall: UPDATE, DELETE and TRUNCATE are refused to
-- anyone but the table's owner, who moves a tenant's rows (move.ts) and removes them with the tenant.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = '42501';
  END IF;
  IF TG_LEVEL = 'STATEMENT' THEN
    RETURN NULL;
  ELSIF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
