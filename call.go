package reach

import (
	"context"
	"encoding/json"
	"time"
)

// Call is an inbound call: who called, what their number matched then, and
// the record it was linked to.
type Call struct {
	ID             string `json:"id"`
	TenantID       string `json:"-"`
	Provider       string `json:"provider"`
	ProviderCallID string `json:"provider_call_id"`
	// From is the caller as received; FromNumber its E.164 form, empty for
	// withheld or non-phone callers.
	From       string          `json:"from"`
	FromNumber string          `json:"from_number"`
	To         string          `json:"to"`
	Status     string          `json:"status"`
	Matches    json.RawMessage `json:"matches"`
	Link       *CallLink       `json:"link"`
	StartedAt  time.Time       `json:"started_at"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// CallLink says which record a call belongs to and how that was decided: by
// the number matching one customer, or by an agent's choice — never by
// whatever the agent last had open.
type CallLink struct {
	Type       RecordType `json:"type"`
	ID         string     `json:"id"`
	CustomerID string     `json:"customer_id"`
	By         string     `json:"by" enum:"number,agent"`
	ActorID    string     `json:"actor_id,omitempty"`
}

// CallFilter selects calls, newest first.
type CallFilter struct {
	Since, Until time.Time
	Linked       *bool
	CustomerID   string
	// Before is the id of the last call of the previous page.
	Before string
	Limit  int
}

// CallStore keeps calls.
type CallStore interface {
	// InsertCall stores c unless the tenant already has a call with the same
	// provider and provider call id; it returns the stored call and whether
	// it is new, so retried deliveries are idempotent.
	InsertCall(ctx context.Context, c *Call) (*Call, bool, error)
	// Call returns ENOTFOUND if the tenant has no call with id.
	Call(ctx context.Context, tenantID, id string) (*Call, error)
	// LinkCall sets a call's link; ENOTFOUND if there is no such call.
	LinkCall(ctx context.Context, tenantID, id string, link CallLink, at time.Time) error
	ListCalls(ctx context.Context, tenantID string, f CallFilter) ([]Call, error)
}

// Call event types: what the screen pop streams.
const (
	CallIncoming = "call.incoming"
	CallLinked   = "call.linked"
	CallStatus   = "call.status"
)

// CallEvent is one entry of a tenant's call feed: the call as it stood
// after something happened to it. Seq counts per tenant in commit order, so a
// client that saw Seq n has seen everything before it.
type CallEvent struct {
	TenantID string
	Seq      int64
	Type     string
	CallID   string
	Data     json.RawMessage
	At       time.Time
}

// CallFeedStore keeps each tenant's call feed.
type CallFeedStore interface {
	// AppendCallEvent gives e the tenant's next Seq and stores it. Concurrent
	// appenders of one tenant queue until commit, so Seq order is commit order.
	AppendCallEvent(ctx context.Context, e *CallEvent) error
	// CallEventsAfter lists the tenant's events with Seq > after, oldest first.
	CallEventsAfter(ctx context.Context, tenantID string, after int64, limit int) ([]CallEvent, error)
	// LastCallEvent is the tenant's highest Seq, 0 when it has none.
	LastCallEvent(ctx context.Context, tenantID string) (int64, error)
}
