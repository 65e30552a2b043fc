package api

import (
	"net/http"

	"reach"
)

// history lists the changes to the record of the route, newest first.
func (a *api) history(ref func(*http.Request) reach.RecordRef) endpoint {
	return func(r *http.Request) (reply, error) {
		q := newQuery(r, "limit", "cursor")
		limit, cursor := q.limit(), q.str("cursor", 500)
		if err := q.err(); err != nil {
			return reply{}, err
		}
		rec := ref(r)
		list := "history:" + string(rec.Type) + ":" + rec.ID
		pos, err := decodeCursor(cursor, list, actor(r).TenantID)
		if err != nil {
			return reply{}, err
		}
		items, next, err := a.app.History(r.Context(), actor(r), rec, pos, limit)
		if err != nil {
			return reply{}, err
		}
		return reply{body: pageOf(items, encodeCursor(list, actor(r).TenantID, next))}, nil
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
	if err := decode(r, &struct{}{}); err != nil {
		return reply{}, err
	}
	c, err := a.app.RevertChange(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: c}, nil
}
