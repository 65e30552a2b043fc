package api

import (
	"net/http"
	"strconv"
)

// search finds customers and locations; its cursor is bound to the words
// searched, as to every filter.
func (a *api) search(r *http.Request) (reply, error) {
	q := newQuery(r, "q", "limit", "cursor")
	text, limit, offset := q.str("q", 200), q.limit(), q.offset()
	if err := q.err(); err != nil {
		return reply{}, err
	}
	rs, more, err := a.app.Search(r.Context(), actor(r), text, offset, limit)
	if err != nil {
		return reply{}, err
	}
	next := ""
	if more {
		next = q.next(strconv.Itoa(offset + len(rs)))
	}
	return reply{body: pageOf(rs, next)}, nil
}
