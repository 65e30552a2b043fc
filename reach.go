// Package reach is the domain of reach: the records a field-service business keeps
// about how to reach its customers, the rules they obey, and the interfaces the
// storage and transport layers implement. It imports no database or HTTP code.
package reach

import (
	"crypto/rand"
	"time"

	"github.com/google/uuid"
)

// NewID returns a new opaque, time-ordered id (UUIDv7), so lists sorted by id
// come out in creation order without exposing a sequence.
func NewID() string {
	id, err := uuid.NewV7()
	if err != nil {
		// uuid.NewV7 only fails when the system's random source fails.
		panic(err)
	}
	return id.String()
}

// randomBytes fills n bytes from the system's secure random source.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
}

// Source says through which door a change came in; it is recorded on every change.
type Source string

// Sources of changes.
const (
	SourceAPI     Source = "api"
	SourceUI      Source = "ui"
	SourceImport  Source = "import"
	SourceCLI     Source = "cli"
	SourceWebhook Source = "webhook"
	SourceSystem  Source = "system"
)

// Tenant is one business. Every other row belongs to exactly one tenant.
type Tenant struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	// SuspectThreshold is how many distinct customers may share one value
	// before it is reported as a suspected placeholder.
	SuspectThreshold int `json:"suspect_threshold"`
}
