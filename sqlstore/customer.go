package sqlstore

import (
	"context"
	"strings"

	"reach"
)

const customerColumns = `c.id, c.tenant_id, c.name, c.type, c.street, c.unit, c.city, c.state, c.zip, c.country,
	c.active, c.version, c.created_at, c.updated_at`

func scanCustomer(s interface{ Scan(...any) error }, c *reach.Customer) error {
	a := &c.Address
	return s.Scan(&c.ID, &c.TenantID, &c.Name, &c.Type, &a.Street, &a.Unit, &a.City, &a.State, &a.Zip, &a.Country,
		&c.Active, &c.Version, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
}

func (t *tx) Customer(ctx context.Context, tenantID, id string) (*reach.Customer, error) {
	var c reach.Customer
	err := scanCustomer(t.queryRow(ctx, `SELECT `+customerColumns+` FROM customers c WHERE c.tenant_id = ? AND c.id = ?`+t.forUpdate(), tenantID, id), &c)
	if err != nil {
		return nil, notFound(err, "customer", id)
	}
	cms, err := t.contactsOf(ctx, tenantID, reach.RecordCustomer, []string{id})
	if err != nil {
		return nil, err
	}
	c.ContactMethods = nonNil(cms[id])
	return &c, nil
}

func (t *tx) ListCustomers(ctx context.Context, tenantID string, f reach.CustomerFilter) ([]reach.Customer, error) {
	q, args := listCustomersQuery(t.d, tenantID, f)
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.Customer
	var ids []string
	for rows.Next() {
		var c reach.Customer
		if err := scanCustomer(rows, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
		ids = append(ids, c.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	cms, err := t.contactsOf(ctx, tenantID, reach.RecordCustomer, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].ContactMethods = nonNil(cms[out[i].ID])
	}
	return out, nil
}

// listCustomersQuery is the query behind ListCustomers: the tenant's customers
// matching f, in id order, one page. ExplainListCustomers plans this same text.
func listCustomersQuery(d dialect, tenantID string, f reach.CustomerFilter) (string, []any) {
	where := []string{"c.tenant_id = ?"}
	args := []any{tenantID}
	add := func(cond string, arg any) { where = append(where, cond); args = append(args, arg) }
	if f.Active != nil {
		add("c.active = ?", *f.Active)
	}
	if f.Type != "" {
		add("c.type = ?", string(f.Type))
	}
	if f.State != "" {
		add("c.state = ?", f.State)
	}
	if f.City != "" {
		add(d.lower("c.city")+" = ?", strings.ToLower(f.City))
	}
	if f.Zip != "" {
		add("c.zip = ?", f.Zip)
	}
	if f.NamePrefix != "" {
		lo, hi := prefixRange(nameKey(f.NamePrefix))
		add("c.name_key >= ?", lo)
		add("c.name_key < ?", hi)
	}
	if !f.UpdatedSince.IsZero() {
		add("c.updated_at >= ?", d.timeValue(f.UpdatedSince))
	}
	if f.After != "" {
		add("c.id > ?", f.After)
	}
	args = append(args, f.Limit)
	return `SELECT ` + customerColumns + ` FROM customers c WHERE ` + strings.Join(where, " AND ") + ` ORDER BY c.id LIMIT ?`, args
}

// nameKey is the case-folded name that name-prefix filters compare against.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func nonNil(cms []reach.ContactMethod) []reach.ContactMethod {
	if cms == nil {
		return []reach.ContactMethod{}
	}
	return cms
}
