-- Contact methods are written by id within a tenant (tenant_id = ? AND id IN
-- (…)), but SQLite's only index on id is its own primary key: with no ANALYZE
-- statistics its planner preferred contact_methods_location (tenant_id) for
-- more than a handful of ids, and read every method of the tenant per batch
-- (a sync to 1,000 records took seconds at 1,000,000 customers). An index on
-- both columns matches the condition whole, so no plan depends on statistics.
-- PostgreSQL's primary key is already (tenant_id, id).
CREATE UNIQUE INDEX contact_methods_tenant_id ON contact_methods (tenant_id, id);
