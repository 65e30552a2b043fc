package api

import (
	"net/http"
	"strconv"
)

func (a *api) search(r *http.Request) (reply, error) {
	q := newQuery(r, "q", "limit", "cursor")
	text, limit, cursor := q.str("q", 200), q.limit(), q.str("cursor", 500)
	if err := q.err(); err != nil {
		return reply{}, err
	}
	// A search's cursor is bound to its words, too: it is a position in
	// the results of this query only.
	list := "search:" + text
	offset := 0
	if pos, err := decodeCursor(cursor, list, actor(r).TenantID); err != nil {
		return reply{}, err
	} else if pos != "" {
		offset, _ = strconv.Atoi(pos)
	}
	rs, more, err := a.app.Search(r.Context(), actor(r), text, offset, limit)
	if err != nil {
		return reply{}, err
	}
	next := ""
	if more {
		next = encodeCursor(list, actor(r).TenantID, strconv.Itoa(offset+len(rs)))
	}
	return reply{body: pageOf(rs, next)}, nil
}
