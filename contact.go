package reach

import (
	"strings"
	"time"
)

// Kind is what a contact method reaches: a mobile, a landline, a fax or a mailbox.
type Kind string

// Kinds of contact method.
const (
	KindMobile Kind = "mobile"
	KindPhone  Kind = "phone"
	KindFax    Kind = "fax"
	KindEmail  Kind = "email"
)

// Kinds lists every kind.
var Kinds = []Kind{KindMobile, KindPhone, KindFax, KindEmail}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	return k == KindMobile || k == KindPhone || k == KindFax || k == KindEmail
}

// IsNumber reports whether values of this kind are phone numbers. Numbers match
// each other across mobile, phone and fax; emails only match emails.
func (k Kind) IsNumber() bool { return k == KindMobile || k == KindPhone || k == KindFax }

// ContactMethod is one way to reach a customer or a location.
type ContactMethod struct {
	ID string `json:"id"`
	// Owner is the record holding this method; CustomerID is the customer that
	// owns that record (the record itself when Owner is a customer).
	Owner      RecordRef `json:"-"`
	CustomerID string    `json:"-"`
	Kind       Kind      `json:"kind"`
	// Value is the normalized value: E.164 for numbers, the address for emails.
	Value string `json:"value"`
	// Key is what values are compared by: E.164, or the lower-cased address.
	Key       string `json:"-"`
	Display   string `json:"display"`
	Extension string `json:"extension"`
	Memo      string `json:"memo"`
	Primary   bool   `json:"primary"`
	// Position orders a record's methods as saved; the store sets it.
	Position  int       `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	Source    Source    `json:"source"`
	UpdatedAt time.Time `json:"updated_at"`
	// Placeholder is set in responses when the value is a placeholder, for
	// values stored before a rule caught them. It is never stored.
	Placeholder *PlaceholderFlag `json:"placeholder,omitempty"`
}

// SameAs reports whether m and n are the same contact method of one record:
// the same number or address, and for numbers the same extension — two
// people on one main line are two methods, though caller ID matches both.
func (m ContactMethod) SameAs(n ContactMethod) bool {
	return m.Key == n.Key && m.Extension == n.Extension
}

// PrimaryGroup is the set within which at most one method may be primary: all
// numbers form one group, emails another.
func (k Kind) PrimaryGroup() string {
	if k.IsNumber() {
		return "number"
	}
	return "email"
}

// HeldContact is a contact method seen with the record holding it and that
// record's customer, as sync and caller ID need it.
type HeldContact struct {
	ContactMethod
	RecordName      string
	RecordActive    bool
	RecordVersion   int64
	RecordUpdatedAt time.Time
	CustomerName    string
}

// Holder is one record holding a value, as caller ID and the placeholder
// report show it.
type Holder struct {
	Key          string
	Owner        RecordRef
	MethodID     string
	Kind         Kind
	Memo         string
	RecordName   string
	RecordActive bool
	CustomerID   string
	CustomerName string
}

// ContactKey is the comparison key of a normalized value: the E.164 number,
// or the address lower-cased (emails compare case-insensitively).
func ContactKey(kind Kind, value string) string {
	if kind == KindEmail {
		return strings.ToLower(value)
	}
	return value
}
