package api

import (
	"net/http"

	"reach"
	"reach/app"
	"reach/web"
)

// actor is who an authenticated request speaks for.
func actor(r *http.Request) reach.Actor { return web.ActorOf(r.Context()) }

func (a *api) createCustomer(r *http.Request) (reply, error) {
	var in app.CustomerInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	c, err := a.app.CreateCustomer(r.Context(), actor(r), in)
	if err != nil {
		return reply{}, err
	}
	return reply{status: http.StatusCreated, body: c, version: c.Version, location: "/api/v1/customers/" + c.ID}, nil
}

func (a *api) listCustomers(r *http.Request) (reply, error) {
	q := newQuery(r, "active", "type", "state", "city", "zip", "name", "updated_since", "limit", "cursor")
	f := reach.CustomerFilter{Active: q.bool("active"), Type: reach.CustomerType(q.str("type", 20)), State: q.str("state", 20),
		City: q.str("city", 200), Zip: q.str("zip", 20), NamePrefix: q.str("name", 200), UpdatedSince: q.time("updated_since"), Limit: q.limit()}
	f.After = q.cursor()
	if err := q.err(); err != nil {
		return reply{}, err
	}
	cs, err := a.app.ListCustomers(r.Context(), actor(r), f)
	if err != nil {
		return reply{}, err
	}
	next := ""
	if len(cs) == f.Limit {
		next = q.next(cs[len(cs)-1].ID)
	}
	return reply{body: pageOf(cs, next)}, nil
}

func (a *api) getCustomer(r *http.Request) (reply, error) {
	c, err := a.app.Customer(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: c, version: c.Version}, nil
}

func (a *api) updateCustomer(r *http.Request) (reply, error) {
	var in struct {
		app.CustomerPatch
		versionBody
	}
	base, err := decodeWrite(r, &in, &in.versionBody)
	if err != nil {
		return reply{}, err
	}
	c, err := a.app.UpdateCustomer(r.Context(), actor(r), r.PathValue("id"), in.CustomerPatch, base)
	if err != nil {
		return reply{}, err
	}
	return reply{body: c, version: c.Version}, nil
}
