
-- Runs are listed per workflow, newest first (RunsService.list), from this index. Its predicate holds
-- for every run (workflow is NOT NULL): it is there so that only a statement naming a workflow can use
-- the index. As a plain index on (tenant_id, workflow, id DESC), runs_workflow_created also answered
-- statements that find runs by id alone — a step's begin, a run's end — at the same estimated cost as
-- runs_pkey, and on statistics that predate the tenant's runs the planner walked all of them there
-- instead of probing runs_pkey (issue 19).
CREATE INDEX runs_by_workflow ON runs (tenant_id, workflow, id DESC) WHERE workflow IS NOT NULL;
DROP INDEX runs_workflow_created;
