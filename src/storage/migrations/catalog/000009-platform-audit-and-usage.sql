-- The platform's audit trail (src/audit/platform-audit.ts): control-plane actions (tenants created,
-- changed, suspended, deleted, moved; API keys made and revoked) and failed authentications, chained
-- by SHA-256 as the tenants' own trails are (tenant migration 7): each entry's hash is
-- sha256(previous hash || RFC 8785 canonical JSON of the entry). platform_audit_chain is the head,
-- one row; appending advances it in the same statement, under its row lock.
CREATE TABLE platform_audit_chain (
  id smallint PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash bytea NOT NULL
);
CREATE TABLE platform_audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  tenant_id text,
  request_id text,
  outcome text NOT NULL,
  detail jsonb,
  hash bytea NOT NULL
);
CREATE INDEX platform_audit_log_tenant ON platform_audit_log (tenant_id, seq) WHERE tenant_id IS NOT NULL;
CREATE INDEX platform_audit_log_at ON platform_audit_log (at, seq);
-- Append only, for everyone: tampering means disabling this trigger first, which is itself DDL.
CREATE FUNCTION platform_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the platform audit log is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER platform_audit_append_only BEFORE UPDATE OR DELETE ON platform_audit_log FOR EACH ROW EXECUTE FUNCTION platform_audit_append_only();
CREATE TRIGGER platform_audit_no_truncate BEFORE TRUNCATE ON platform_audit_log FOR EACH STATEMENT EXECUTE FUNCTION platform_audit_append_only();

-- Metering (src/usage/meter.ts): per tenant, hour and metric, what the processes counted. Each process
-- accumulates in memory and adds its counts every few seconds (INSERT … ON CONFLICT DO UPDATE SET
-- n = n + excluded.n), so processes' counts add up and a request costs no write. No foreign key: a
-- deleted tenant's usage stays for billing.
CREATE TABLE usage (
  tenant_id text NOT NULL,
  hour timestamptz NOT NULL,
  metric text NOT NULL,
  n double precision NOT NULL,
  PRIMARY KEY (tenant_id, hour, metric)
);
