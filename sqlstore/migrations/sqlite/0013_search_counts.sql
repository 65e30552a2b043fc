-- How many search rows each word has, per tenant: a search picks the word
-- with the fewest rows to drive it (search_words.go) by summing the counts
-- of the words its prefix covers, instead of counting the rows themselves —
-- up to 10,000 a word, which for "toronto rental management" at 1,000,000
-- customers was 30,000 rows counted before any was read. Every write that
-- adds or removes search rows moves these counts in the same transaction.
CREATE TABLE search_counts (
    tenant_id TEXT NOT NULL,
    term      TEXT NOT NULL,
    records   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, term)
) WITHOUT ROWID;

INSERT INTO search_counts (tenant_id, term, records)
SELECT tenant_id, term, count(*) FROM search_terms GROUP BY tenant_id, term;
