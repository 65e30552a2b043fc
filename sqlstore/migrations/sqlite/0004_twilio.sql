-- Each tenant's Twilio account settings. The auth token keys the webhook
-- signatures, so it is kept, but the API never returns it.
CREATE TABLE twilio_settings (
    tenant_id       TEXT PRIMARY KEY REFERENCES tenants(id),
    auth_token      TEXT NOT NULL,
    public_base_url TEXT NOT NULL,
    voice_response  TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
