-- Sign-in for the web UI. A user's sessions signed in before sessions_after
-- are void: deactivating a user or setting their password sets it, which
-- ends every session they have on every instance. Users are found by email
-- across tenants, since signing in names no account. Sessions themselves
-- are global, found by the hash of their token, like API tokens.
ALTER TABLE users ADD COLUMN sessions_after TEXT;
CREATE INDEX users_email ON users (email_key);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expiry);
