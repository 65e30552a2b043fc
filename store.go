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
	// CallersOf is what caller ID shows of Tx.ContactsByKey(number), in no
	// transaction: one statement sees one snapshot by itself.
	CallersOf(ctx context.Context, tenantID, number string) ([]Holder, error)
}

// Tx is one transaction. Every method names the tenant; nothing crosses tenants.
type Tx interface {
	// Now is the time fixed for the whole transaction, so every row it writes
	// carries the same timestamp and tests control time.
	Now() time.Time
	TenantStore
	UserStore
	RecordStore
	ContactStore
	ChangeStore
	SearchStore
	PlaceholderStore
	CallStore
	CallFeedStore
	SettingsStore
	IdempotencyStore
}

// TenantStore keeps tenants.
type TenantStore interface {
	InsertTenant(ctx context.Context, t *Tenant) error
	// Tenant returns ENOTFOUND if no tenant has id. In a write transaction
	// the row stays locked until commit, which serializes the tenant-wide
	// checks (such as keeping one admin) of concurrent writers.
	Tenant(ctx context.Context, id string) (*Tenant, error)
}

// UserStore keeps users and their API tokens.
type UserStore interface {
	// InsertUser returns ECONFLICT if the tenant already has a user with that email.
	InsertUser(ctx context.Context, u *User) error
	// User returns ENOTFOUND if the tenant has no user with id.
	User(ctx context.Context, tenantID, id string) (*User, error)
	// UpdateUser saves u's name, role and active flag and moves it to
	// u.Version, provided the stored version is still expect. Returns
	// EVERSIONCONFLICT otherwise and ENOTFOUND if there is no such user.
	UpdateUser(ctx context.Context, u *User, expect int64) error
	// ListUsers lists the tenant's users in id order after the id after.
	ListUsers(ctx context.Context, tenantID, after string, limit int) ([]User, error)
	// CountActiveAdmins counts the tenant's active admins.
	CountActiveAdmins(ctx context.Context, tenantID string) (int, error)
	InsertToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token and its user, or ENOTFOUND. It is the one
	// lookup not scoped by tenant: the token itself tells whose it is.
	TokenByHash(ctx context.Context, hash string) (*Token, *User, error)
	// Token returns ENOTFOUND if the tenant has no token with id.
	Token(ctx context.Context, tenantID, id string) (*Token, error)
	// Tokens lists a user's tokens, oldest first.
	Tokens(ctx context.Context, tenantID, userID string) ([]Token, error)
	// DeleteTokens removes the listed tokens; they stop working at once.
	DeleteTokens(ctx context.Context, tenantID string, ids []string) error
	// TouchToken records that a token was used at.
	TouchToken(ctx context.Context, tenantID, id string, at time.Time) error
	// LoginsByEmail finds the users with an email, in every tenant:
	// signing in names no account. The email compares case-insensitively.
	LoginsByEmail(ctx context.Context, email string) ([]Login, error)
	// Login returns ENOTFOUND if the tenant has no user with id.
	Login(ctx context.Context, tenantID, userID string) (*Login, error)
	// SetPassword stores a user's password hash and voids their sessions
	// signed in before at.
	SetPassword(ctx context.Context, tenantID, userID, hash string, at time.Time) error
	// EndSessions voids every session of the user signed in before at.
	EndSessions(ctx context.Context, tenantID, userID string, at time.Time) error
}

// RecordStore keeps customers and locations with their contact methods.
type RecordStore interface {
	// Customer returns ENOTFOUND if the tenant has no customer with id. In a
	// write transaction the row stays locked until commit.
	Customer(ctx context.Context, tenantID, id string) (*Customer, error)
	// Location is Customer's twin.
	Location(ctx context.Context, tenantID, id string) (*Location, error)
	// CustomersByID loads many customers at once, locking them as Customer
	// does; unknown ids are absent.
	CustomersByID(ctx context.Context, tenantID string, ids []string) ([]Customer, error)
	// LocationsByID is CustomersByID's twin.
	LocationsByID(ctx context.Context, tenantID string, ids []string) ([]Location, error)
	ListCustomers(ctx context.Context, tenantID string, f CustomerFilter) ([]Customer, error)
	ListLocations(ctx context.Context, tenantID string, f LocationFilter) ([]Location, error)
	// WriteRecords is the one way customers, locations and contact methods
	// are written. Each write stores a new record (Before is nil) or the
	// change from Before to After of a stored one, whose After.Version must
	// be Before.Version+1; it applies only if the stored version is still
	// Before.Version, else the whole call returns EVERSIONCONFLICT. Contact
	// methods are inserted, updated and deleted to match After, matched by
	// id; the store sets their Position. Many writes go in few statements.
	WriteRecords(ctx context.Context, tenantID string, writes []RecordWrite) error
}

// RecordWrite is one record to store: new when Before is nil, else changed
// from Before (as read in the same transaction) to After.
type RecordWrite struct {
	Before Record
	After  Record
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
	// HoldersOfKeys is what the placeholder report shows of ContactsByKey
	// for many keys in few statements: the holders of each key together,
	// keys in order.
	HoldersOfKeys(ctx context.Context, tenantID string, keys []string) ([]Holder, error)
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
