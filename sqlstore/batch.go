package sqlstore

import "strings"

// maxInList bounds the ids of one IN list, well inside both databases'
// parameter limits.
const maxInList = 500

// inBatches calls fn for consecutive ranges [lo, hi) of n items, size at most
// each, so one statement never carries too many parameters.
func inBatches(n, size int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

// rowsOf returns "(?, ?), (?, ?)" for n rows of width parameters.
func rowsOf(n, width int) string {
	row := "(" + placeholders(width) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// anySlice converts ids to query arguments.
func anySlice(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
