
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
