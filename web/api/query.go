package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"reach"
	"reach/web"
)

// query reads a request's query parameters, collecting every problem so one
// response names them all. Parameters a route does not take are refused:
// a misspelt filter must not silently match everything.
type query struct {
	r         *http.Request
	values    url.Values
	v         reach.Validation
	malformed error
}

// newQuery reads the query string of r, which may hold only names.
func newQuery(r *http.Request, names ...string) *query {
	q := &query{r: r}
	q.values, q.malformed = web.CheckQuery(&q.v, r, names...)
	return q
}

// str returns a parameter of at most max characters, "" when absent.
func (q *query) str(name string, max int) string {
	s := q.values.Get(name)
	if utf8.RuneCountInString(s) > max {
		q.v.Add(name, reach.ETOOLONG, fmt.Sprintf("%s is at most %d characters.", name, max))
		return ""
	}
	return s
}

// int returns a whole-number parameter from min to max, def when absent.
func (q *query) int(name string, def, min, max int) int {
	s := q.values.Get(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		q.v.Add(name, reach.EINVALIDVALUE, fmt.Sprintf("%s is a whole number from %d to %d.", name, min, max))
		return def
	}
	return n
}

// limit is the page size of a list: 1 to 200, 50 by default.
func (q *query) limit() int { return q.int("limit", 50, 1, 200) }

// bool returns true or false, nil when absent.
func (q *query) bool(name string) *bool {
	switch q.values.Get(name) {
	case "":
		return nil
	case "true":
		v := true
		return &v
	case "false":
		v := false
		return &v
	}
	q.v.Add(name, reach.EINVALIDVALUE, fmt.Sprintf("%s is true or false.", name))
	return nil
}

// time returns an RFC 3339 time, zero when absent.
func (q *query) time(name string) time.Time {
	s := q.values.Get(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		q.v.Add(name, reach.EINVALIDVALUE, fmt.Sprintf("%s is a time in RFC 3339 form, such as 2026-12-01T09:30:00Z.", name))
	}
	return t
}

// err returns the problems found, or nil: a query string that can't be read
// at all first.
func (q *query) err() error {
	if q.malformed != nil {
		return q.malformed
	}
	return q.v.Err()
}
