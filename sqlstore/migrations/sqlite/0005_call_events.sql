-- Each tenant's call feed: what happened to its calls, in commit order, so
-- the screen pop can send it live and resume it after a reconnect
-- (Last-Event-ID is seq). seq counts per tenant; call_event_seq hands out
-- the next one, and its row lock orders concurrent writers.
CREATE TABLE call_event_seq (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
    seq       BIGINT NOT NULL
);
CREATE TABLE call_events (
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    seq        BIGINT NOT NULL,
    type       TEXT NOT NULL,
    call_id    TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, seq)
) WITHOUT ROWID;
