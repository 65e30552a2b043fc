-- On PostgreSQL, 0008 makes every key of a tenant's tables lead with
-- tenant_id, as sharding and partitioning by tenant require. One SQLite
-- file is one database with nothing to shard, and rebuilding its tables
-- would only cost time, so this step leaves SQLite as it is; its queries
-- name the tenant all the same. Only the index of entries by change gains
-- the tenant, as PostgreSQL's does, since every read names it.
DROP INDEX change_entries_change;
CREATE INDEX change_entries_change ON change_entries (tenant_id, change_id, seq);
