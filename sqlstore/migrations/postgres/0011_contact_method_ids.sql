-- Nothing to do here: the primary key of contact_methods is already
-- (tenant_id, id), which SQLite's migration of the same number adds as an
-- index so writes by id within a tenant never depend on statistics.
SELECT 1;
