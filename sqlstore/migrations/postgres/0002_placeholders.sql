-- Each tenant's documented placeholders (fillers its staff used, and the
-- business's own office numbers and emails), and its suspect threshold.
CREATE TABLE placeholders (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    key        TEXT COLLATE "C" NOT NULL,
    note       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (tenant_id, key)
);

ALTER TABLE tenants ADD COLUMN suspect_threshold INTEGER NOT NULL DEFAULT 3;
