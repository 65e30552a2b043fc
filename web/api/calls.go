package api

import (
	"net/http"

	"reach"
	"reach/app"
)

func (a *api) callerID(r *http.Request) (reply, error) {
	q := newQuery(r, "number")
	number := q.str("number", 200)
	if err := q.err(); err != nil {
		return reply{}, err
	}
	id, err := a.app.LookupCaller(r.Context(), actor(r), number)
	if err != nil {
		return reply{}, err
	}
	return reply{body: id}, nil
}

func (a *api) recordCall(r *http.Request) (reply, error) {
	var in app.CallInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	c, created, err := a.app.RecordCall(r.Context(), actor(r), in)
	if err != nil {
		return reply{}, err
	}
	rep := reply{body: c, location: "/api/v1/calls/" + c.ID}
	if created {
		rep.status = http.StatusCreated
	}
	return rep, nil // a retry: the call already recorded, 200
}

func (a *api) getCall(r *http.Request) (reply, error) {
	c, err := a.app.Call(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		return reply{}, err
	}
	return reply{body: c}, nil
}

func (a *api) linkCall(r *http.Request) (reply, error) {
	var in app.LinkInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	c, err := a.app.LinkCall(r.Context(), actor(r), r.PathValue("id"), in)
	if err != nil {
		return reply{}, err
	}
	return reply{body: c}, nil
}

// listCalls lists calls, newest first: the tenant's (filtered by
// customer_id), or — on /customers/{id}/calls — one customer's.
func (a *api) listCalls(ofCustomer bool) endpoint {
	return func(r *http.Request) (reply, error) {
		names := []string{"since", "until", "linked", "limit", "cursor"}
		if !ofCustomer {
			names = append(names, "customer_id")
		}
		q := newQuery(r, names...)
		f := reach.CallFilter{Since: q.time("since"), Until: q.time("until"), Linked: q.bool("linked"), Limit: q.limit(),
			CustomerID: q.str("customer_id", 64)}
		f.Before = q.cursor()
		if err := q.err(); err != nil {
			return reply{}, err
		}
		if ofCustomer {
			f.CustomerID = r.PathValue("id")
		}
		cs, err := a.app.ListCalls(r.Context(), actor(r), f)
		if err != nil {
			return reply{}, err
		}
		next := ""
		if len(cs) == f.Limit {
			next = q.next(cs[len(cs)-1].ID)
		}
		return reply{body: pageOf(cs, next)}, nil
	}
}
