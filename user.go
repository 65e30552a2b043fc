package reach

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
)

// Permission names one thing a user may do (SPEC §7).
type Permission string

// Permissions.
const (
	PermCustomerView       Permission = "customer.view"
	PermCustomerEdit       Permission = "customer.edit"
	PermLocationView       Permission = "location.view"
	PermLocationEdit       Permission = "location.edit"
	PermCallsView          Permission = "calls.view"
	PermPlaceholdersManage Permission = "placeholders.manage"
	PermUsersManage        Permission = "users.manage"
	PermSettingsManage     Permission = "settings.manage"
	PermAuditView          Permission = "audit.view"
)

// Role is a built-in bundle of permissions.
type Role string

// Built-in roles.
const (
	RoleAdmin   Role = "admin"
	RoleManager Role = "manager"
	RoleCSR     Role = "csr"
	RoleViewer  Role = "viewer"
)

// Roles lists the built-in roles, most powerful first.
var Roles = []Role{RoleAdmin, RoleManager, RoleCSR, RoleViewer}

var rolePermissions = map[Role][]Permission{
	RoleAdmin: {PermCustomerView, PermCustomerEdit, PermLocationView, PermLocationEdit, PermCallsView,
		PermPlaceholdersManage, PermUsersManage, PermSettingsManage, PermAuditView},
	RoleManager: {PermCustomerView, PermCustomerEdit, PermLocationView, PermLocationEdit, PermCallsView,
		PermPlaceholdersManage, PermAuditView},
	RoleCSR:    {PermCustomerView, PermCustomerEdit, PermLocationView, PermLocationEdit, PermCallsView},
	RoleViewer: {PermCustomerView, PermLocationView, PermCallsView},
}

// Valid reports whether r is a built-in role.
func (r Role) Valid() bool { _, ok := rolePermissions[r]; return ok }

// Can reports whether the role grants p.
func (r Role) Can(p Permission) bool {
	for _, q := range rolePermissions[r] {
		if q == p {
			return true
		}
	}
	return false
}

// User is a person of one tenant.
type User struct {
	ID       string `json:"id"`
	TenantID string `json:"tenant_id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Active   bool   `json:"active"`
	// Version counts the user's changes, as a record's does.
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
}

// Actor is who performs an action and through which door; every use case takes one.
type Actor struct {
	TenantID string
	UserID   string
	Role     Role
	Source   Source
	// Scopes, when not empty, narrows the role to these permissions, for a
	// credential granted less than its user may do. No credential reach
	// issues is scoped yet; the rules that depend on it (a sync candidate
	// the actor may not edit) are tested through it.
	Scopes []Permission
}

// Can reports whether the actor's role, narrowed by its scopes, grants p.
func (a Actor) Can(p Permission) bool {
	if !a.Role.Can(p) {
		return false
	}
	if len(a.Scopes) == 0 {
		return true
	}
	for _, s := range a.Scopes {
		if s == p {
			return true
		}
	}
	return false
}

// Require returns a forbidden error unless the actor holds p.
func (a Actor) Require(p Permission) error {
	if a.Can(p) {
		return nil
	}
	return Errorf(EFORBIDDEN, "Your role (%s) does not allow this: it needs the %s permission.", a.Role, p)
}

// Token is an API token. Only its hash is stored; the secret is shown once.
type Token struct {
	ID        string    `json:"id"`
	TenantID  string    `json:"tenant_id"`
	UserID    string    `json:"user_id"`
	Name      string    `json:"name"`
	Hash      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	// LastUsedAt is when the token last authenticated a request, to the
	// minute; nil if it never has.
	LastUsedAt *time.Time `json:"last_used_at"`
}

// TokenPrefix starts every API token so leaked ones are easy to scan for.
const TokenPrefix = "reach_"

// NewTokenSecret returns a fresh secret token and the hash to store for it.
func NewTokenSecret() (secret, hash string) {
	secret = TokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(randomBytes(20)))
	return secret, HashToken(secret)
}

// HashToken returns the stored form of a token secret. Tokens carry 160 random
// bits, so a plain SHA-256 is enough; a slow hash would only slow every request.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
