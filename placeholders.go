package reach

import (
	"context"
	"time"
)

// Placeholder is a value a tenant documented as not a real contact: a filler
// its staff used, or the business's own office number or email (a customer
// record holding it is a placeholder too).
type Placeholder struct {
	ID        string    `json:"id"`
	TenantID  string    `json:"-"`
	Kind      Kind      `json:"kind"`
	Value     string    `json:"value"`
	Key       string    `json:"-"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// PlaceholderFlag marks a stored contact method whose value is a placeholder,
// naming the rule, so staff learn why.
type PlaceholderFlag struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// PlaceholderStore keeps each tenant's documented placeholders.
type PlaceholderStore interface {
	// InsertPlaceholder returns ECONFLICT if the tenant already lists the value.
	InsertPlaceholder(ctx context.Context, p *Placeholder) error
	Placeholders(ctx context.Context, tenantID string) ([]Placeholder, error)
	// DeletePlaceholder returns ENOTFOUND if the tenant has no such entry.
	DeletePlaceholder(ctx context.Context, tenantID, id string) error
	// SetSuspectThreshold sets how many distinct customers may share a value
	// before it is reported as a suspect.
	SetSuspectThreshold(ctx context.Context, tenantID string, n int) error
}
