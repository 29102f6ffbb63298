-- Per-tenant data keys (src/crypto/data-keys.ts): each a random 256-bit key, stored only wrapped
-- (AES-256-GCM) by a master key, named by its id so a master rotation knows what to re-wrap. A tenant
-- gets version 1 when it first encrypts a field; `tenantry keys rotate` adds the next. Keys belong to
-- one generation of a tenant id: deleting the tenant deletes them first (crypto-shredding), and the
-- foreign key takes whatever is left with the tenant's row.
CREATE TABLE tenant_keys (
  tenant_id text NOT NULL,
  tenant_generation bigint NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  -- base64 of IV (12 bytes) ‖ wrapped key (32) ‖ GCM tag (16).
  wrapped text NOT NULL,
  master_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, tenant_generation, version),
  FOREIGN KEY (tenant_id, tenant_generation) REFERENCES tenants (id, generation) ON DELETE CASCADE
);
CREATE INDEX tenant_keys_master ON tenant_keys (master_key_id);

-- A tenant key rotation (re-encrypting its records under a new key version) is an operation too.
ALTER TABLE operations DROP CONSTRAINT operations_kind_check;
ALTER TABLE operations ADD CONSTRAINT operations_kind_check
  CHECK (kind IN ('provision', 'delete', 'move', 'export', 'import', 'migrate', 'rotate-key'));

-- API key hygiene (src/auth/api-keys.ts): an optional expiry; when the key was last used (written at
-- most once a minute per key and process); and, for a key replaced by POST /v1/api-keys/{id}/rotate,
-- its replacement (the old key stops at expires_at, the end of the overlap).
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_keys ADD COLUMN replaced_by text;
