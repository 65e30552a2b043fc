-- On PostgreSQL, 0009 drops the foreign key from api_tokens to users, which
-- a deployment sharding tokens by their hash could not keep. One SQLite file
-- is not sharded, so it keeps the key; this step changes nothing here.
SELECT 1;
