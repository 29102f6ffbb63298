-- Idle tenants leave the workflow queue's claim scan (src/workflows/queue.ts sweepIdle): a tenant's
-- queue_tenants row is deleted once it has no work items and is queued again with its next step. The
-- row no longer says which tenants ever ran a workflow, so the retention sweep (which deletes old
-- runs in their tenants' storage) reads this list instead: a row per tenant that queued a step, kept
-- until the tenant goes. Never read by a claim.
CREATE TABLE workflow_tenants (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE
);
INSERT INTO workflow_tenants (tenant_id) SELECT tenant_id FROM queue_tenants;
