package reach

import "time"

// CustomerType says who is billed: a household or a business.
type CustomerType string

// Customer types.
const (
	Residential CustomerType = "residential"
	Commercial  CustomerType = "commercial"
)

// Valid reports whether t is a known customer type.
func (t CustomerType) Valid() bool { return t == Residential || t == Commercial }

// Address is a domestic (US or Canadian) postal address.
type Address struct {
	Street  string `json:"street"`
	Unit    string `json:"unit"`
	City    string `json:"city"`
	State   string `json:"state"`
	Zip     string `json:"zip"`
	Country string `json:"country"`
}

// Customer is who is billed. It carries its own contact methods.
type Customer struct {
	ID             string          `json:"id"`
	TenantID       string          `json:"-"`
	Name           string          `json:"name"`
	Type           CustomerType    `json:"type"`
	Address        Address         `json:"address"`
	Active         bool            `json:"active"`
	Version        int64           `json:"version"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	ContactMethods []ContactMethod `json:"contact_methods"`
}

// Location is where work is done; it belongs to one customer and carries its own
// contact methods.
type Location struct {
	ID             string          `json:"id"`
	TenantID       string          `json:"-"`
	CustomerID     string          `json:"customer_id"`
	Name           string          `json:"name"`
	Address        Address         `json:"address"`
	Active         bool            `json:"active"`
	Version        int64           `json:"version"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	ContactMethods []ContactMethod `json:"contact_methods"`
}

// RecordType names the two kinds of record that hold contact methods.
type RecordType string

// Record types.
const (
	RecordCustomer RecordType = "customer"
	RecordLocation RecordType = "location"
)

// RecordRef points at a customer or a location.
type RecordRef struct {
	Type RecordType `json:"type"`
	ID   string     `json:"id"`
}

// CustomerFilter selects customers in a list. Zero values mean "any".
type CustomerFilter struct {
	Active *bool
	Type   CustomerType
	State  string
	City   string
	Zip    string
	// NamePrefix matches the start of the name, case-insensitively.
	NamePrefix   string
	UpdatedSince time.Time
	// After is the id of the last customer of the previous page.
	After string
	Limit int
}

// LocationFilter selects locations in a list.
type LocationFilter struct {
	CustomerID string
	Active     *bool
	After      string
	Limit      int
}
