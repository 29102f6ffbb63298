
-- Each move of a tenant (another strategy or cluster) advances its placement epoch. Scopes carry the
-- epoch of the catalog entry that routed them into the tenant's fence (storage/fence.ts), which
-- refuses an epoch that is no longer current there: a process whose cached entry predates a move can
-- never write at the old location.
ALTER TABLE tenants ADD COLUMN placement_epoch bigint NOT NULL DEFAULT 0;
