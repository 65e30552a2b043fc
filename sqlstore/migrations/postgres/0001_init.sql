-- reach schema, PostgreSQL dialect. Keys searched by prefix use the "C"
-- collation so a byte-range condition can use a plain B-tree index.
CREATE TABLE tenants (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id),
    email         TEXT NOT NULL,
    email_key     TEXT COLLATE "C" NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    active        BOOLEAN NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, email_key),
    UNIQUE (tenant_id, id)
);

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    name       TEXT NOT NULL,
    name_key   TEXT COLLATE "C" NOT NULL,
    type       TEXT NOT NULL,
    street     TEXT NOT NULL,
    unit       TEXT NOT NULL,
    city       TEXT NOT NULL,
    state      TEXT NOT NULL,
    zip        TEXT NOT NULL,
    country    TEXT NOT NULL,
    active     BOOLEAN NOT NULL,
    version    BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX customers_tenant_name ON customers (tenant_id, name_key);

CREATE TABLE locations (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    customer_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    street      TEXT NOT NULL,
    unit        TEXT NOT NULL,
    city        TEXT NOT NULL,
    state       TEXT NOT NULL,
    zip         TEXT NOT NULL,
    country     TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    version     BIGINT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX locations_tenant_customer ON locations (tenant_id, customer_id, id);

CREATE TABLE contact_methods (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    customer_id TEXT NOT NULL,
    location_id TEXT,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    key         TEXT COLLATE "C" NOT NULL,
    digits_rev  TEXT COLLATE "C" NOT NULL,
    display     TEXT NOT NULL,
    extension   TEXT NOT NULL,
    memo        TEXT NOT NULL,
    is_primary  BOOLEAN NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT NOT NULL,
    source      TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);
-- customer_id rides along so counting the customers holding a value reads only the index.
CREATE INDEX contact_methods_key ON contact_methods (tenant_id, key, customer_id);
CREATE INDEX contact_methods_digits ON contact_methods (tenant_id, digits_rev);
CREATE INDEX contact_methods_customer ON contact_methods (tenant_id, customer_id, location_id);
CREATE INDEX contact_methods_location ON contact_methods (tenant_id, location_id);

CREATE TABLE search_terms (
    tenant_id   TEXT NOT NULL,
    term        TEXT COLLATE "C" NOT NULL,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, term, record_type, record_id, field)
);
CREATE INDEX search_terms_record ON search_terms (tenant_id, record_type, record_id, term);

CREATE TABLE changes (
    id        TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    actor_id  TEXT NOT NULL,
    source    TEXT NOT NULL,
    action    TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE change_entries (
    seq         BIGSERIAL PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    change_id   TEXT NOT NULL REFERENCES changes(id),
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before      TEXT NOT NULL,
    after       TEXT NOT NULL
);
CREATE INDEX change_entries_entity ON change_entries (tenant_id, entity_type, entity_id, seq);
CREATE INDEX change_entries_change ON change_entries (change_id, seq);
