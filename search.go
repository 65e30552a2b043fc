package reach

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SearchResult is one record found by search, with what matched.
type SearchResult struct {
	Type         RecordType `json:"type"`
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	CustomerID   string     `json:"customer_id"`
	CustomerName string     `json:"customer_name"`
	Active       bool       `json:"active"`
	Matched      Match      `json:"matched"`
}

// Match says which field of a record matched a search and its value.
type Match struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// Search fields, as reported in Match.Field.
const (
	FieldName    = "name"
	FieldAddress = "address"
	FieldPhone   = "phone"
	FieldEmail   = "email"
)

// SearchWords splits text into the lower-cased, accent-folded words that name
// and address search match by prefix. The same function indexes and queries, so
// "Zoë O'Brien" is found by "zoe" and "obrien".
func SearchWords(text string) []string {
	folded := foldAccents(strings.ToLower(text))
	var words []string
	for _, f := range strings.FieldsFunc(folded, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’')
	}) {
		w := apostrophes.Replace(f)
		if w != "" {
			words = append(words, w)
		}
	}
	return words
}

// apostrophes drops the apostrophes inside a word: O'Brien is obrien.
var apostrophes = strings.NewReplacer("'", "", "’", "")

// foldAccents removes combining marks after canonical decomposition. ASCII
// text, most of what is indexed, has none and is returned as it is.
func foldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ReverseDigits returns s's digits reversed, the key that makes "ends with these
// digits" an index prefix search.
func ReverseDigits(digits string) string {
	b := []byte(digits)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
