package web

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

func (s *Server) callRoutes() {
	s.callRecordRoutes()
	s.streamRoutes()
	s.twilioRoutes()
	huma.Register(s.api, op(http.MethodGet, "/api/v1/caller-id", "caller-id", "calls",
		"Who is calling: every record holding the number, exactly (E.164), active first", 0),
		func(ctx context.Context, in *struct {
			Number string `query:"number" maxLength:"200" doc:"The caller as received: any format; anonymous, client: and sip: callers match nothing."`
		}) (*struct{ Body app.CallerID }, error) {
			id, err := s.app.LookupCaller(ctx, actor(ctx), in.Number)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.CallerID }{Body: id}, nil
		})
}

type callOut struct {
	Body *reach.Call
}

func (s *Server) callRecordRoutes() {
	huma.Register(s.api, op(http.MethodPost, "/api/v1/calls", "record-call", "calls",
		"Record an inbound call and what its number matches; linked automatically when it matches one customer. Idempotent on provider_call_id", http.StatusCreated),
		func(ctx context.Context, in *struct{ Body app.CallInput }) (*struct {
			Status int
			Body   *reach.Call
		}, error) {
			c, created, err := s.app.RecordCall(ctx, actor(ctx), in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			status := http.StatusCreated
			if !created {
				status = http.StatusOK // a retry: the call already recorded
			}
			return &struct {
				Status int
				Body   *reach.Call
			}{Status: status, Body: c}, nil
		})

	huma.Register(s.api, op(http.MethodGet, "/api/v1/calls/{id}", "get-call", "calls", "One call", 0),
		func(ctx context.Context, in *IDPath) (*callOut, error) {
			c, err := s.app.Call(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &callOut{Body: c}, nil
		})

	huma.Register(s.api, op(http.MethodPost, "/api/v1/calls/{id}/link", "link-call", "calls", "Link a call to the customer or location the agent chose", 0),
		func(ctx context.Context, in *struct {
			IDPath
			Body app.LinkInput
		}) (*callOut, error) {
			c, err := s.app.LinkCall(ctx, actor(ctx), in.ID, in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &callOut{Body: c}, nil
		})

	list := func(ctx context.Context, customerID string, in CallListQuery) (*struct{ Body Page[reach.Call] }, error) {
		before, err := decodeCursor(in.Cursor)
		if err != nil {
			return nil, s.fail(ctx, err)
		}
		f := reach.CallFilter{Since: in.Since, Until: in.Until, CustomerID: customerID, Before: before, Limit: in.Limit}
		if in.Linked != "" {
			linked := in.Linked == "true"
			f.Linked = &linked
		}
		cs, err := s.app.ListCalls(ctx, actor(ctx), f)
		if err != nil {
			return nil, s.fail(ctx, err)
		}
		out := &struct{ Body Page[reach.Call] }{Body: Page[reach.Call]{Items: nonNil(cs)}}
		if len(cs) == in.Limit {
			out.Body.NextCursor = encodeCursor(cs[len(cs)-1].ID)
		}
		return out, nil
	}
	huma.Register(s.api, op(http.MethodGet, "/api/v1/calls", "list-calls", "calls", "Calls, newest first", 0),
		func(ctx context.Context, in *struct {
			CallListQuery
			CustomerID string `query:"customer_id" maxLength:"64"`
		}) (*struct{ Body Page[reach.Call] }, error) {
			return list(ctx, in.CustomerID, in.CallListQuery)
		})
	huma.Register(s.api, op(http.MethodGet, "/api/v1/customers/{id}/calls", "list-customer-calls", "calls", "A customer's calls, newest first", 0),
		func(ctx context.Context, in *struct {
			IDPath
			CallListQuery
		}) (*struct{ Body Page[reach.Call] }, error) {
			return list(ctx, in.ID, in.CallListQuery)
		})
}

// CallListQuery filters a list of calls.
type CallListQuery struct {
	PageQuery
	Since  time.Time `query:"since" doc:"Calls started at or after (RFC 3339)."`
	Until  time.Time `query:"until" doc:"Calls started before (RFC 3339)."`
	Linked string    `query:"linked" enum:"true,false"`
}
