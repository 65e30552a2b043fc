package reach

import (
	"context"
	"time"
)

// Store opens transactions. A use case runs inside exactly one, so its writes
// and their audit rows commit together or not at all.
type Store interface {
	// Read runs fn in a read-only transaction.
	Read(ctx context.Context, fn func(Tx) error) error
	// Write runs fn in a read-write transaction, committing when fn returns nil.
	Write(ctx context.Context, fn func(Tx) error) error
	// HoldersOf is Tx.ContactsByKey in no transaction, for caller ID: one
	// statement sees one snapshot by itself.
	HoldersOf(ctx context.Context, tenantID, key string) ([]HeldContact, error)
}

// Tx is one transaction. Every method names the tenant; nothing crosses tenants.
type Tx interface {
	// Now is the time fixed for the whole transaction, so every row it writes
	// carries the same timestamp and tests control time.
	Now() time.Time
	TenantStore
	UserStore
	CustomerStore
	LocationStore
	ContactStore
	ChangeStore
	SearchStore
	PlaceholderStore
	CallStore
	CallFeedStore
	SettingsStore
}

// TenantStore keeps tenants.
type TenantStore interface {
	InsertTenant(ctx context.Context, t *Tenant) error
	// Tenant returns ENOTFOUND if no tenant has id.
	Tenant(ctx context.Context, id string) (*Tenant, error)
}

// UserStore keeps users and their API tokens.
type UserStore interface {
	// InsertUser returns ECONFLICT if the tenant already has a user with that email.
	InsertUser(ctx context.Context, u *User) error
	// User returns ENOTFOUND if the tenant has no user with id.
	User(ctx context.Context, tenantID, id string) (*User, error)
	ListUsers(ctx context.Context, tenantID string) ([]User, error)
	InsertToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token and its user, or ENOTFOUND. It is the one
	// lookup not scoped by tenant: the token itself tells whose it is.
	TokenByHash(ctx context.Context, hash string) (*Token, *User, error)
}

// CustomerStore keeps customers with their contact methods.
type CustomerStore interface {
	InsertCustomer(ctx context.Context, c *Customer) error
	// Customer returns ENOTFOUND if the tenant has no customer with id.
	Customer(ctx context.Context, tenantID, id string) (*Customer, error)
	// UpdateCustomer saves c, its contact methods exactly as listed, and its
	// version, provided the stored version is still expect. Returns
	// EVERSIONCONFLICT otherwise and ENOTFOUND if it does not exist.
	UpdateCustomer(ctx context.Context, c *Customer, expect int64) error
	ListCustomers(ctx context.Context, tenantID string, f CustomerFilter) ([]Customer, error)
	// CustomersByID loads many customers at once; unknown ids are absent.
	CustomersByID(ctx context.Context, tenantID string, ids []string) ([]Customer, error)
}

// LocationStore keeps locations with their contact methods.
type LocationStore interface {
	InsertLocation(ctx context.Context, l *Location) error
	// Location returns ENOTFOUND if the tenant has no location with id.
	Location(ctx context.Context, tenantID, id string) (*Location, error)
	// UpdateLocation is UpdateCustomer's twin.
	UpdateLocation(ctx context.Context, l *Location, expect int64) error
	ListLocations(ctx context.Context, tenantID string, f LocationFilter) ([]Location, error)
	// LocationsByID loads many locations at once; unknown ids are absent.
	LocationsByID(ctx context.Context, tenantID string, ids []string) ([]Location, error)
}

// ContactStore finds contact methods across records.
type ContactStore interface {
	// ContactMethod returns ENOTFOUND if the tenant has no contact method with id.
	ContactMethod(ctx context.Context, tenantID, id string) (*ContactMethod, error)
	// EachValue calls fn for every contact method of the tenant whose key is
	// in [from, to) ("" leaves a side open), ordered by key then customer,
	// reading the key index only.
	EachValue(ctx context.Context, tenantID, from, to string, fn func(key, customerID string) error) error
	// ContactsByKey returns every contact method of the tenant whose key is
	// key, with its record: active records first, then the most recently
	// changed. It is an index lookup.
	ContactsByKey(ctx context.Context, tenantID, key string) ([]HeldContact, error)

	// The bulk edits below change many records in a few statements, for
	// syncs that reach hundreds of records. Callers hold the records (read
	// in the same transaction) and audit them.

	// SetContactValue gives every listed contact method the same value.
	SetContactValue(ctx context.Context, tenantID string, ids []string, v ContactValue, at time.Time) error
	// DeleteContactMethods removes the listed contact methods.
	DeleteContactMethods(ctx context.Context, tenantID string, ids []string) error
	// BumpVersions moves each listed record, read earlier in the same
	// transaction, one version on. Returns EVERSIONCONFLICT if any is gone.
	BumpVersions(ctx context.Context, tenantID string, typ RecordType, ids []string, at time.Time) error
}

// ChangeStore keeps the audit trail.
type ChangeStore interface {
	InsertChange(ctx context.Context, c *Change) error
	// Change returns ENOTFOUND if the tenant has no change with id.
	Change(ctx context.Context, tenantID, id string) (*Change, error)
	// History lists the entries touching one entity, newest first, starting
	// after the cursor position (empty for the first page).
	History(ctx context.Context, tenantID, entityType, entityID string, after string, limit int) ([]HistoryItem, error)
}

// SearchStore answers searches through indexes only.
type SearchStore interface {
	// SearchWords finds records having, for every word, a name or address word
	// starting with it.
	SearchWords(ctx context.Context, tenantID string, words []string, limit int) ([]SearchResult, error)
	// SearchContactKey finds records holding a contact method whose key starts
	// with prefix (exact E.164 numbers, or email prefixes).
	SearchContactKey(ctx context.Context, tenantID, prefix string, limit int) ([]SearchResult, error)
	// SearchNumberSuffix finds records holding a number ending in digits.
	SearchNumberSuffix(ctx context.Context, tenantID, digits string, limit int) ([]SearchResult, error)
}
