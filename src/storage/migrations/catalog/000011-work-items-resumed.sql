-- Work items an attempt already began (a delay step's wait, a retry's backoff, a lost worker's step:
-- claimed before, so token > 0) are offered ahead of a tenant's steps not yet begun
-- (src/workflows/queue.ts claim): a run under way finishes before new ones start, and a 100 ms
-- delay wakes after about 100 ms, not behind every run queued before it woke. The claim reads them
-- through this index, without stepping over the tenant's backlog of new steps.
CREATE INDEX work_items_resumed ON work_items (tenant_id, available_at, id) WHERE lease_until IS NULL AND token > 0;
