package reach

import (
	"context"
	"time"
)

// IdempotencyRecord remembers a creating request sent with an
// Idempotency-Key, and once it is done its response, so a client retrying
// after a timeout gets the first response instead of a second record.
type IdempotencyRecord struct {
	TenantID string
	Key      string
	// Fingerprint identifies the request (method, path and body), so the
	// same key sent with another request is refused.
	Fingerprint string
	// Response is the first response as the transport encoded it; nil while
	// the first request is still being processed.
	Response  []byte
	CreatedAt time.Time
}

// IdempotencyStore keeps each tenant's recent idempotency keys.
type IdempotencyStore interface {
	// ReserveIdempotencyKey stores r as in progress and returns nil, unless
	// the tenant already holds r.Key, which it returns. Keys created before
	// since are forgotten first.
	ReserveIdempotencyKey(ctx context.Context, r *IdempotencyRecord, since time.Time) (*IdempotencyRecord, error)
	// CompleteIdempotencyKey stores the response of a reserved key.
	CompleteIdempotencyKey(ctx context.Context, tenantID, key string, response []byte) error
	// ReleaseIdempotencyKey forgets a reserved key whose request failed, so
	// a retry runs it again.
	ReleaseIdempotencyKey(ctx context.Context, tenantID, key string) error
}
