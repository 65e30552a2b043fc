-- Each search word's row carries what a search checks of its record: the
-- record's active flag and all its words (space-separated, with a space
-- before each word). A search of several words then range-scans the rarest
-- word's rows and keeps those whose words hold every other word as a
-- prefix (instr(words, ' ' || w)), and puts active records first, without
-- a probe of another index or table per row: at 1,000,000 customers "john
-- smith" probed search_terms_record for each of 4,255 "smith" rows.
--
-- A word is one row per record, from its name or its address alike (the
-- field was never read). Rows are found by their key alone: a record's
-- old words are recomputed from its stored name and address to remove
-- them, so the index by record is gone with the probes that needed it.
-- SearchWords defines the words; a change to it must come with a
-- migration that rebuilds this table.
CREATE TABLE search_terms_new (
    tenant_id   TEXT NOT NULL,
    term        TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    active      INTEGER NOT NULL,
    words       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, term, record_type, record_id)
) WITHOUT ROWID;

INSERT INTO search_terms_new (tenant_id, term, record_type, record_id, active, words)
SELECT t.tenant_id, t.term, t.record_type, t.record_id, r.active, r.words
FROM (SELECT DISTINCT tenant_id, term, record_type, record_id FROM search_terms) t
JOIN (
    SELECT w.tenant_id, w.record_type, w.record_id, ' ' || group_concat(w.term, ' ') AS words,
        CASE w.record_type
            WHEN 'location' THEN (SELECT l.active FROM locations l WHERE l.tenant_id = w.tenant_id AND l.id = w.record_id)
            ELSE (SELECT c.active FROM customers c WHERE c.tenant_id = w.tenant_id AND c.id = w.record_id)
        END AS active
    FROM (SELECT DISTINCT tenant_id, record_type, record_id, term FROM search_terms) w
    GROUP BY w.tenant_id, w.record_type, w.record_id
) r ON r.tenant_id = t.tenant_id AND r.record_type = t.record_type AND r.record_id = t.record_id;

DROP TABLE search_terms;
ALTER TABLE search_terms_new RENAME TO search_terms;
