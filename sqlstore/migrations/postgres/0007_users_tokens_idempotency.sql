-- Users carry a version, so two admins editing one user are told rather
-- than overwrite each other; tokens remember when they were last used; and
-- each tenant keeps the recent Idempotency-Keys of its creating requests
-- with their first responses, so a retried request is answered, not redone.
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMPTZ;
CREATE INDEX api_tokens_user ON api_tokens (tenant_id, user_id);

CREATE TABLE idempotency_keys (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response    BYTEA,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (tenant_id, created_at);
