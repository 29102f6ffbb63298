
-- The retention sweep (WorkflowEngine) deletes a tenant's runs that finished before a cut-off: an index
-- probe, not a scan of all its runs.
CREATE INDEX runs_finished ON runs (tenant_id, finished_at) WHERE finished_at IS NOT NULL;
