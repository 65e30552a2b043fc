package app

import (
	"context"
	"time"

	"reach"
)

// CallInput is an inbound call as a telephony provider reports it.
type CallInput struct {
	// From is the caller as received: E.164, any format, or anonymous,
	// client:…, sip:….
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Provider string `json:"provider"`
	// ProviderCallID is the provider's id of the call; a retried post with
	// the same id returns the same call.
	ProviderCallID string `json:"provider_call_id"`
	// StartedAt defaults to now.
	StartedAt time.Time `json:"started_at,omitzero"`
}

// LinkInput is an agent's choice of the record a call belongs to.
type LinkInput struct {
	CustomerID string `json:"customer_id,omitempty"`
	LocationID string `json:"location_id,omitempty"`
}

// RecordCall records an inbound call with what its number matches. When the
// matches belong to exactly one customer the call is linked by number — to
// the one record matched, or to the customer when several of its records
// hold the number; otherwise an agent links it. Retries with the same
// provider call id return the call already recorded.
func (a *App) RecordCall(ctx context.Context, actor reach.Actor, in CallInput) (*reach.Call, bool, error) {
	if err := requireCallWrite(actor); err != nil {
		return nil, false, err
	}
	var v reach.Validation
	in.Provider = cleanText(&v, "provider", in.Provider, 50, true)
	in.ProviderCallID = cleanText(&v, "provider_call_id", in.ProviderCallID, 200, true)
	in.From = cleanText(&v, "from", in.From, 200, false) // a withheld caller may come as ""
	in.To = cleanText(&v, "to", in.To, 200, false)
	if err := v.Err(); err != nil {
		return nil, false, err
	}
	id, err := a.LookupCaller(ctx, actor, in.From)
	if err != nil {
		return nil, false, err
	}
	call := &reach.Call{ID: reach.NewID(), TenantID: actor.TenantID, Provider: in.Provider, ProviderCallID: in.ProviderCallID,
		From: in.From, To: in.To, Status: "ringing", Matches: reach.Snapshot(id.Matches), Link: linkByNumber(id.Matches)}
	if id.phone {
		call.FromNumber = id.Number
	}
	var created bool
	_, err = a.do(ctx, actor, "call.record", func(w *work) error {
		call.CreatedAt, call.UpdatedAt, call.StartedAt = w.now(), w.now(), in.StartedAt.UTC()
		if in.StartedAt.IsZero() {
			call.StartedAt = w.now()
		}
		var err error
		if call, created, err = w.tx.InsertCall(ctx, call); err != nil || !created {
			return err
		}
		return appendCallEvent(w, reach.CallIncoming, call)
	})
	if err != nil {
		return nil, false, err
	}
	if created {
		a.feeds.Wake(actor.TenantID)
	}
	return call, created, nil
}

// requireCallWrite: recording or linking a call adds to a customer's call
// history, so it takes calls.view and customer.edit; viewers only watch.
func requireCallWrite(actor reach.Actor) error {
	if err := actor.Require(reach.PermCallsView); err != nil {
		return err
	}
	return actor.Require(reach.PermCustomerEdit)
}

// linkByNumber links a call whose matches belong to exactly one customer.
func linkByNumber(matches []CallerMatch) *reach.CallLink {
	if len(matches) == 0 {
		return nil
	}
	customer := matches[0].Customer.ID
	for _, m := range matches[1:] {
		if m.Customer.ID != customer {
			return nil
		}
	}
	if len(matches) == 1 {
		return &reach.CallLink{Type: matches[0].Record.Type, ID: matches[0].Record.ID, CustomerID: customer, By: "number"}
	}
	return &reach.CallLink{Type: reach.RecordCustomer, ID: customer, CustomerID: customer, By: "number"}
}

// LinkCall records the agent's choice of the customer or location a call
// belongs to.
func (a *App) LinkCall(ctx context.Context, actor reach.Actor, id string, in LinkInput) (*reach.Call, error) {
	if err := requireCallWrite(actor); err != nil {
		return nil, err
	}
	if (in.CustomerID == "") == (in.LocationID == "") {
		code := reach.EREQUIRED
		if in.CustomerID != "" {
			code = reach.EINVALIDVALUE // both given
		}
		return nil, reach.Invalid("customer_id", code, "Link the call to one record: give customer_id or location_id, not both.")
	}
	var out *reach.Call
	changed := false
	_, err := a.do(ctx, actor, "call.link", func(w *work) error {
		link := reach.CallLink{By: "agent", ActorID: actor.UserID}
		if in.LocationID != "" {
			l, err := w.tx.Location(ctx, actor.TenantID, in.LocationID)
			if err != nil {
				return err
			}
			link.Type, link.ID, link.CustomerID = reach.RecordLocation, l.ID, l.CustomerID
		} else {
			c, err := w.tx.Customer(ctx, actor.TenantID, in.CustomerID)
			if err != nil {
				return err
			}
			link.Type, link.ID, link.CustomerID = reach.RecordCustomer, c.ID, c.ID
		}
		before, err := w.tx.Call(ctx, actor.TenantID, id)
		if err != nil {
			return err
		}
		if before.Link != nil && *before.Link == link {
			out = before // linked so already: nothing changes, nothing pops
			return nil
		}
		if err := w.tx.LinkCall(ctx, actor.TenantID, id, link, w.now()); err != nil {
			return err
		}
		w.record("call", id, before.Link, link)
		out = before
		out.Link, out.UpdatedAt = &link, w.now()
		changed = true
		return appendCallEvent(w, reach.CallLinked, out)
	})
	if err != nil {
		return nil, err
	}
	if changed {
		a.feeds.Wake(actor.TenantID)
	}
	return out, nil
}

// Call returns one call.
func (a *App) Call(ctx context.Context, actor reach.Actor, id string) (*reach.Call, error) {
	if err := actor.Require(reach.PermCallsView); err != nil {
		return nil, err
	}
	var c *reach.Call
	err := a.view(ctx, actor, func(w *work) (err error) {
		c, err = w.tx.Call(ctx, actor.TenantID, id)
		return err
	})
	return c, err
}

// ListCalls lists calls, newest first.
func (a *App) ListCalls(ctx context.Context, actor reach.Actor, f reach.CallFilter) ([]reach.Call, error) {
	if err := actor.Require(reach.PermCallsView); err != nil {
		return nil, err
	}
	f.Limit = clampLimit(f.Limit)
	var out []reach.Call
	err := a.view(ctx, actor, func(w *work) error {
		if f.CustomerID != "" {
			if _, err := w.tx.Customer(ctx, actor.TenantID, f.CustomerID); err != nil {
				return err
			}
		}
		var err error
		out, err = w.tx.ListCalls(ctx, actor.TenantID, f)
		return err
	})
	return out, err
}
