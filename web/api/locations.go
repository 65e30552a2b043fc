package api

import (
	"net/http"

	"reach"
	"reach/app"
)

func (a *api) createLocation(r *http.Request) (reply, error) {
	var in app.LocationInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	l, err := a.app.CreateLocation(r.Context(), actor(r), r.PathValue("id"), in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: l, version: l.Version, location: "/api/v1/locations/" + l.ID}, nil
}

func (a *api) listLocations(r *http.Request) (reply, error) {
	q := newQuery(r, "active", "limit", "cursor")
	customerID := r.PathValue("id")
	f := reach.LocationFilter{CustomerID: customerID, Active: q.bool("active"), Limit: q.limit()}
	f.After = q.cursor()
	if err := q.err(); err != nil {
		return reply{}, err
	}
	ls, err := a.app.ListLocations(r.Context(), actor(r), f)
	if err != nil {
		return reply{}, err
	}
	next := ""
	if len(ls) == f.Limit {
		next = q.next(ls[len(ls)-1].ID)
	}
	return reply{body: pageOf(ls, next)}, nil
}

func (a *api) getLocation(r *http.Request) (reply, error) {
	l, err := a.app.Location(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: l, version: l.Version}, nil
}

func (a *api) updateLocation(r *http.Request) (reply, error) {
	var in struct {
		app.LocationPatch
		versionBody
	}
	base, err := decodeWrite(r, &in, &in.versionBody)
	if err != nil {
		return reply{}, err
	}
	l, err := a.app.UpdateLocation(r.Context(), actor(r), r.PathValue("id"), in.LocationPatch, base)
	if err != nil {
		return reply{}, err
	}
	return reply{body: l, version: l.Version}, nil
}
