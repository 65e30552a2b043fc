package sqlstore

import (
	"context"
	"slices"

	"reach"
)

// A search of words reads the index rows of one word, the driver, and
// keeps those whose record's words (on the same row, see terms.go) hold
// every other word and, in the first pass, whose record is active. Its
// cost is the driver's rows, read in one range, never a probe per row: at
// 1,000,000 customers probing search_terms_record for the other words
// took "john smith" 22 ms (p50) and a business's full name 151 ms (p95).

// fewMatches is how many records a search whose driver has fewer than
// rarestCap rows ranks together (rankInBlocks): up to that many matches
// are ranked as a whole.
const fewMatches = 200

// manyRanked is how many records a search with many matches ranks
// together (rankInBlocks), in index order: the search screen's page of 20
// and the one more that says whether more follow fit one block, and the
// API's default page of 50 three. Each costs a look at the record: at
// 1,000,000 customers "smith" took 10 ms (p50) gathering 200, 6.8 ms
// gathering 100, 4.3 ms gathering 50 and 2.2 ms a page of 26, and the last
// 4 digits of a number 9.1-9.6 ms gathering 60 and 3.9 ms gathering 21.
const manyRanked = 25

// rarestCap is the most rows a driver may have for every match to be read
// and ranked; past it the first manyRanked are (a variable so tests can
// lower it to reach the paths of common words).
var rarestCap = 10000

// wordsQuery is the scan behind SearchWords: the driver's range, kept where
// the record's words hold each of others as a word prefix and, unless
// active is nil, where the record is active or not. ExplainSearch plans
// this same text.
func wordsQuery(d dialect, tenantID, driver string, others []string, active *bool, limit int) (string, []any) {
	lo, hi := prefixRange(driver)
	q := `SELECT record_type, record_id, active FROM search_terms WHERE tenant_id = ? AND term >= ? AND term < ?`
	args := []any{tenantID, lo, hi}
	for _, w := range others {
		q += ` AND ` + d.contains("words")
		args = append(args, " "+w)
	}
	if active != nil {
		q += ` AND active = ?`
		args = append(args, *active)
	}
	// The whole key orders the rows, as the index does, so blocks ranked
	// together (rankInBlocks) are the same records whatever the plan.
	return q + ` ORDER BY term, record_type, record_id LIMIT ?`, append(args, limit)
}

func (t *tx) SearchWords(ctx context.Context, tenantID string, words []string, limit int) ([]reach.SearchResult, error) {
	if len(words) == 0 {
		return nil, nil
	}
	driver, others, few, err := t.chooseDriver(ctx, tenantID, words)
	if err != nil {
		return nil, err
	}
	var hits []hit
	block := manyRanked
	if few {
		block = fewMatches
		hits, err = t.everyMatch(ctx, tenantID, driver, others, gatherFor(limit, block))
	} else {
		hits, err = t.firstMatches(ctx, tenantID, driver, others, gatherFor(limit, block))
	}
	if err != nil {
		return nil, err
	}
	results, err := t.resolve(ctx, tenantID, hits)
	if err != nil {
		return nil, err
	}
	rankInBlocks(results, words, block)
	results = results[:min(len(results), limit)]
	for i := range results {
		r := &results[i]
		if allPrefixed(reach.SearchWords(r.Name), words) {
			r.Matched = reach.Match{Field: reach.FieldName, Value: r.Name}
		} else {
			r.Matched = reach.Match{Field: reach.FieldAddress, Value: formatAddress(r.address)}
		}
	}
	return publicResults(results), nil
}

// chooseDriver picks the word with the fewest rows to drive the search —
// "3311 jefferson dr" reads the 380 rows of "3311", not the 30,442 of
// "jefferson" or the 300,234 of "dr" — and reports whether it has fewer
// than rarestCap, so every match can be read. Ties go to the longer word.
func (t *tx) chooseDriver(ctx context.Context, tenantID string, words []string) (driver string, others []string, few bool, err error) {
	if len(words) == 1 {
		return words[0], nil, false, nil
	}
	fewest := -1
	for _, w := range words {
		n, err := t.rowsStarting(ctx, tenantID, w)
		if err != nil {
			return "", nil, false, err
		}
		if fewest < 0 || n < fewest || n == fewest && len(w) > len(driver) {
			driver, fewest = w, n
		}
	}
	others = slices.Clone(words)
	i := slices.Index(others, driver)
	return driver, slices.Delete(others, i, i+1), fewest < rarestCap, nil
}

// rowsStarting is how many search rows of the tenant have a word starting
// with w, summed from search_counts over the first countedWords words of
// the prefix: a prefix covering more words than that (a house number's
// first digit) is common whatever the rest hold.
func (t *tx) rowsStarting(ctx context.Context, tenantID, w string) (int, error) {
	lo, hi := prefixRange(w)
	var n int
	err := t.queryRow(ctx, `SELECT coalesce(sum(records), 0) FROM (SELECT records FROM search_counts
		WHERE tenant_id = ? AND term >= ? AND term < ? ORDER BY term LIMIT ?) c`, tenantID, lo, hi, countedWords).Scan(&n)
	return n, t.d.translate(err)
}

// countedWords bounds the words of search_counts one prefix sums.
const countedWords = 1000

// everyMatch reads every record matching the words, the driver having
// fewer than rarestCap rows; past limit it keeps the first, active first.
func (t *tx) everyMatch(ctx context.Context, tenantID, driver string, others []string, limit int) ([]hit, error) {
	active, inactive, _, err := t.scanWords(ctx, tenantID, driver, others, nil, rarestCap, rarestCap)
	if err != nil {
		return nil, err
	}
	out := append(active, inactive...)
	return out[:min(len(out), limit)], nil
}

// firstMatches reads the first limit records matching the words in index
// order (the driver word itself before longer words), active records
// first and inactive ones only while the page has room.
func (t *tx) firstMatches(ctx context.Context, tenantID, driver string, others []string, limit int) ([]hit, error) {
	return bothPasses(limit, func(active bool, limit int) ([]hit, error) {
		return distinctRecords(limit, func(rows int) ([]hit, int, error) {
			a, i, read, err := t.scanWords(ctx, tenantID, driver, others, &active, rows, limit)
			return append(a, i...), read, err
		})
	})
}

// scanWords runs wordsQuery reading up to rows rows, and returns up to
// limit records of each activity, once each, in index order, with the
// number of rows read.
func (t *tx) scanWords(ctx context.Context, tenantID, driver string, others []string, activeIs *bool, rows, limit int) (active, inactive []hit, read int, err error) {
	q, args := wordsQuery(t.d, tenantID, driver, others, activeIs, rows)
	rs, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, nil, 0, err
	}
	defer rs.Close()
	seen := map[reach.RecordRef]bool{}
	for rs.Next() {
		var ref reach.RecordRef
		var isActive bool
		if err := rs.Scan(&ref.Type, &ref.ID, &isActive); err != nil {
			return nil, nil, read, err
		}
		read++
		if seen[ref] {
			continue
		}
		seen[ref] = true
		if isActive && len(active) < limit {
			active = append(active, hit{ref: ref})
		} else if !isActive && len(inactive) < limit {
			inactive = append(inactive, hit{ref: ref})
		}
	}
	return active, inactive, read, rs.Err()
}
