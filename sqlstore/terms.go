package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"reach"
)

// The search index (search_terms) holds a row per word of each record's
// name and address, keyed by (tenant, word, record), carrying the record's
// active flag and all its words so a search checks a record on the row it
// scans (see migration 0012). It is derived from names and addresses by
// reach.SearchWords alone: rows are removed by recomputing a record's old
// words, so a change to SearchWords needs a migration that rebuilds it.

// terms inserts search rows, sorted as termRows sorts them: rows inserted
// in key order fill one leaf page after another instead of touching a
// random page each. During a load with deferred indexes they are staged.
func (l *bulkLoader) terms(ctx context.Context, rows []termRow) error {
	tenant := any(l.tenant)
	table := bulkTerms
	if l.t.stageTerms {
		table.name = stagedTerms
	}
	return l.insert(ctx, table, len(rows), func(i int, dst []any) []any {
		r := rows[i]
		return append(dst, tenant, r.word, string(r.typ), r.id, r.active, r.words)
	})
}

// termRow is one search_terms row of a tenant.
type termRow struct {
	word   string
	typ    reach.RecordType
	id     string
	active bool
	words  string
}

// termRows lists the search_terms rows of records sorted as the index
// orders them.
func termRows(records []reach.Record) []termRow {
	var out []termRow
	var buf []string
	for _, r := range records {
		h := r.Header()
		buf = recordTerms(buf[:0], h.Name, h.Address)
		words := indexedWords(buf)
		for _, w := range buf {
			out = append(out, termRow{word: w, typ: r.Ref().Type, id: h.ID, active: h.Active, words: words})
		}
	}
	slices.SortFunc(out, func(a, b termRow) int {
		return cmp.Or(strings.Compare(a.word, b.word), strings.Compare(string(a.typ), string(b.typ)), strings.Compare(a.id, b.id))
	})
	return out
}

// indexedWords is the words column of a record's rows: each word with a
// space before it, so " " + w is found in it exactly when some word of the
// record starts with w.
func indexedWords(words []string) string {
	return " " + strings.Join(words, " ")
}

// unindex removes search rows by key: those termRows lists for records as
// they are stored (the Before of their writes).
func (t *tx) unindex(ctx context.Context, tenantID string, rows []termRow) error {
	return inBatches(len(rows), maxInList/3, func(lo, hi int) error {
		args := []any{tenantID}
		for _, r := range rows[lo:hi] {
			args = append(args, r.word, string(r.typ), r.id)
		}
		_, err := t.exec(ctx, `DELETE FROM search_terms WHERE tenant_id = ? AND (term, record_type, record_id) IN (VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", hi-lo), ", ")+`)`, args...)
		return err
	})
}

// countTerms moves the tenant's count of search rows per word
// (search_counts) by the rows added and removed, in the order of the
// words so concurrent writers lock shared counts in the same order.
func (t *tx) countTerms(ctx context.Context, tenantID string, added, removed []termRow) error {
	deltas := map[string]int{}
	for _, r := range added {
		deltas[r.word]++
	}
	for _, r := range removed {
		deltas[r.word]--
	}
	var words []string
	for w, d := range deltas {
		if d != 0 {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	return inBatches(len(words), maxInList, func(lo, hi int) error {
		args := []any{}
		for _, w := range words[lo:hi] {
			args = append(args, tenantID, w, deltas[w])
		}
		_, err := t.exec(ctx, `INSERT INTO search_counts (tenant_id, term, records) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", hi-lo), ", ")+
			` ON CONFLICT (tenant_id, term) DO UPDATE SET records = search_counts.records + excluded.records`, args...)
		return err
	})
}

// recordTerms appends to buf the search words of a record, each once: the
// words of its name, then of its street, city and postal code.
func recordTerms(buf []string, name string, a reach.Address) []string {
	start := len(buf)
	for _, text := range []string{name, a.Street + " " + a.City + " " + a.Zip} {
		for _, w := range reach.SearchWords(text) {
			if !slices.Contains(buf[start:], w) {
				buf = append(buf, w)
			}
		}
	}
	return buf
}
