-- Sign-in for the web UI. A user's sessions signed in before sessions_after
-- are void: deactivating a user or setting their password sets it, which
-- ends every session they have on every instance. Users are found by email
-- across tenants, since signing in names no account. Sessions themselves
-- are global, found by the hash of their token, like API tokens (a sharded
-- deployment distributes them by it).
ALTER TABLE users ADD COLUMN sessions_after TIMESTAMPTZ;
CREATE INDEX users_email ON users (email_key);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BYTEA NOT NULL,
    expiry TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);
