-- Every key of every table that belongs to a tenant now leads with tenant_id:
-- primary keys, unique constraints and foreign keys. It is what a sharded
-- PostgreSQL (Citus, distributing by tenant_id) requires, and what
-- partitioning by tenant_id requires of PostgreSQL itself. Tables looked up
-- by something other than a tenant — tenants, schema_migrations, api_tokens
-- (found by their secret's hash) — keep their keys.

-- The foreign keys that reference the keys being rebuilt go first and come
-- back last.
ALTER TABLE contact_methods
    DROP CONSTRAINT contact_methods_tenant_id_customer_id_fkey,
    DROP CONSTRAINT contact_methods_tenant_id_location_id_fkey;
ALTER TABLE locations DROP CONSTRAINT locations_tenant_id_customer_id_fkey;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_tenant_id_user_id_fkey;
ALTER TABLE change_entries DROP CONSTRAINT change_entries_change_id_fkey;

-- (tenant_id, id) was already unique; it becomes the primary key.
ALTER TABLE users DROP CONSTRAINT users_pkey, DROP CONSTRAINT users_tenant_id_id_key, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE customers DROP CONSTRAINT customers_pkey, DROP CONSTRAINT customers_tenant_id_id_key, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE locations DROP CONSTRAINT locations_pkey, DROP CONSTRAINT locations_tenant_id_id_key, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE contact_methods DROP CONSTRAINT contact_methods_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE changes DROP CONSTRAINT changes_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE change_entries DROP CONSTRAINT change_entries_pkey, ADD PRIMARY KEY (tenant_id, seq);
ALTER TABLE placeholders DROP CONSTRAINT placeholders_pkey, ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE calls DROP CONSTRAINT calls_pkey, ADD PRIMARY KEY (tenant_id, id);

ALTER TABLE contact_methods
    ADD CONSTRAINT contact_methods_customer_fkey FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    ADD CONSTRAINT contact_methods_location_fkey FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id);
ALTER TABLE locations ADD CONSTRAINT locations_customer_fkey FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id);
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);
ALTER TABLE change_entries ADD CONSTRAINT change_entries_change_fkey FOREIGN KEY (tenant_id, change_id) REFERENCES changes (tenant_id, id);

-- Entries are read by change within a tenant.
DROP INDEX change_entries_change;
CREATE INDEX change_entries_change ON change_entries (tenant_id, change_id, seq);
