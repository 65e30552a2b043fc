-- Caller ID and sync look up the record of every holder of a number. These
-- indexes hold what that lookup reads of each record, so it is answered from
-- the index without a second descent into the table (holders.go names them
-- with INDEXED BY: without statistics SQLite would prefer the primary key).
CREATE INDEX customers_holder ON customers (tenant_id, id, active, version, updated_at, name);
CREATE INDEX locations_holder ON locations (tenant_id, id, active, version, updated_at, name);
