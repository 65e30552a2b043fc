-- api_tokens is one of the global tables: a token is found by the hash of
-- its secret, so a sharded deployment distributes tokens by that hash, not
-- by tenant. A foreign key from it to a tenant's table (users) could not be
-- kept across such shards, so it goes; reach issues a token only to a user
-- it has just read, and never deletes users.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_user_fkey;
