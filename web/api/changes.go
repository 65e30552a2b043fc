package api

import (
	"net/http"

	"reach"
)

// history lists the changes to the record of the route, newest first.
func (a *api) history(ref func(*http.Request) reach.RecordRef) endpoint {
	return func(r *http.Request) (reply, error) {
		q := newQuery(r, "limit", "cursor")
		limit, pos := q.limit(), q.cursor()
		if err := q.err(); err != nil {
			return reply{}, err
		}
		items, next, err := a.app.History(r.Context(), actor(r), ref(r), pos, limit)
		if err != nil {
			return reply{}, err
		}
		return reply{body: pageOf(items, q.next(next))}, nil
	}
}

func (a *api) getChange(r *http.Request) (reply, error) {
	c, err := a.app.Change(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: c}, nil
}

func (a *api) revertChange(r *http.Request) (reply, error) {
	if err := decodeOptional(r, &struct{}{}); err != nil {
		return reply{}, err
	}
	c, err := a.app.RevertChange(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: c}, nil
}
