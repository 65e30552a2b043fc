package sqlstore

import (
	"slices"
	"strings"
)

// rankResults orders search results the way an agent reads them: active
// records first; then records where every word typed is a whole word of
// the name or address before those matched by a prefix only ("smith"
// finds Smith before Smithers); then the most recently changed; then by
// name. Number and email searches pass no words: all are exact.
func rankResults(results []result, words []string) {
	exact := make(map[string]bool, len(results))
	for _, r := range results {
		exact[r.ID] = len(words) == 0 || wholeWords(r, words)
	}
	slices.SortStableFunc(results, func(a, b result) int {
		switch {
		case a.Active != b.Active:
			return boolFirst(a.Active)
		case exact[a.ID] != exact[b.ID]:
			return boolFirst(exact[a.ID])
		case !a.updatedAt.Equal(b.updatedAt):
			return b.updatedAt.Compare(a.updatedAt)
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

// rankInBlocks ranks results found in index order (active first) block
// by block: the first block of size, then the next. A search asked for
// more results gathers more blocks but ranks each the same, so its first
// results never change with the limit and pages cut from it (the app
// pages by offset) never repeat or skip a record. Ranking every match
// would cost a look at each, thousands for a common word.
func rankInBlocks(results []result, words []string, size int) {
	for lo := 0; lo < len(results); lo += size {
		rankResults(results[lo:min(lo+size, len(results))], words)
	}
}

// gatherFor is how many results a search gathers, in whole blocks of size,
// to answer limit of them.
func gatherFor(limit, size int) int { return (limit + size - 1) / size * size }

// boolFirst orders a before b when first is true, after it when false.
func boolFirst(first bool) int {
	if first {
		return -1
	}
	return 1
}

// wholeWords reports whether each of words is a whole word the search
// index holds for the record (recordTerms).
func wholeWords(r result, words []string) bool {
	have := recordTerms(nil, r.Name, r.address)
	for _, w := range words {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}
