-- Caller ID and sync look up the record of every holder of a number. These
-- indexes carry what that lookup reads of each record, so PostgreSQL can
-- answer it with an index-only scan.
CREATE INDEX customers_holder ON customers (tenant_id, id) INCLUDE (active, version, updated_at, name);
CREATE INDEX locations_holder ON locations (tenant_id, id) INCLUDE (active, version, updated_at, name);
