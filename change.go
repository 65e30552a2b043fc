package reach

import (
	"encoding/json"
	"time"
)

// Change is everything one user action did. An edit and the syncs it caused share
// one Change, so they are seen, and reverted, as one.
type Change struct {
	ID       string        `json:"id"`
	TenantID string        `json:"-"`
	ActorID  string        `json:"actor_id"`
	Source   Source        `json:"source"`
	Action   string        `json:"action"`
	At       time.Time     `json:"at"`
	Entries  []ChangeEntry `json:"entries"`
}

// ChangeEntry is the before and after of one entity touched by a change. Before
// is null for a creation. Snapshots are whole records (a customer with its
// contact methods), so history reads without joins and revert restores exactly.
type ChangeEntry struct {
	EntityType string          `json:"entity_type"`
	EntityID   string          `json:"entity_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
}

// HistoryItem is one entry of a record's history with the change it belongs to.
type HistoryItem struct {
	// Cursor is the item's position; pass it back to get older items.
	Cursor   int64     `json:"-"`
	ChangeID string    `json:"change_id"`
	At       time.Time `json:"at"`
	ActorID  string    `json:"actor_id"`
	// ActorName is the acting user's name now; "" for the command line
	// and the system.
	ActorName  string          `json:"actor_name"`
	Source     Source          `json:"source"`
	Action     string          `json:"action"`
	EntityType string          `json:"entity_type"`
	EntityID   string          `json:"entity_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
}

// Snapshot encodes v as a change snapshot; nil stays JSON null.
func Snapshot(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	b, err := json.Marshal(v)
	if err != nil {
		// Domain records always marshal; a failure is a programming error.
		panic(err)
	}
	return b
}
