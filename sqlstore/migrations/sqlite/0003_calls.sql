-- Inbound calls: who called, what their number matched at the time, and the
-- record the call was linked to (by the number, or by an agent's choice).
CREATE TABLE calls (
    id               TEXT PRIMARY KEY,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    provider         TEXT NOT NULL,
    provider_call_id TEXT NOT NULL,
    from_raw         TEXT NOT NULL,
    from_number      TEXT NOT NULL,
    to_raw           TEXT NOT NULL,
    status           TEXT NOT NULL,
    matches          TEXT NOT NULL,
    link_type        TEXT NOT NULL,
    link_id          TEXT NOT NULL,
    link_customer_id TEXT NOT NULL,
    link_by          TEXT NOT NULL,
    link_actor_id    TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (tenant_id, provider, provider_call_id)
);
CREATE INDEX calls_started ON calls (tenant_id, started_at, id);
CREATE INDEX calls_customer ON calls (tenant_id, link_customer_id, started_at, id);
