-- The audit trail's time index as a BRIN index instead of a B-tree (src/audit/tenant-audit.ts). Every
-- audited write inserted into both B-trees of audit_log — its key (tenant_id, seq) and (tenant_id, at,
-- seq) — inside the transaction that holds the tenant's chain lock. Only GET /v1/audit's from/to filter
-- reads by time (it pages by seq: the key), and entries are appended in time order, so block ranges of
-- the table cover narrow spans of time: a BRIN index finds a window's rows as well, and an insert into
-- the table's last, not yet summarised range costs it next to nothing. Entries and their hashes are
-- untouched: chains verify across this change.
DROP INDEX audit_log_at;
CREATE INDEX audit_log_at ON audit_log USING brin (at);
