package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"reach"
)

// Multi-row statements stay under both databases' parameter limits (SQLite
// 32766, PostgreSQL 65535) and under a row count past which a longer
// statement no longer saves measurable time per row.
const (
	bulkMaxParams = 32000
	bulkMaxRows   = 500
)

// bulkTable is a table the bulk loader fills, with its columns in the order
// each row lists its values. The columns are those of the per-record inserts
// in customer.go, location.go, contact.go and search.go.
type bulkTable struct {
	name    string
	columns []string
}

var (
	bulkCustomers = bulkTable{"customers", []string{"id", "tenant_id", "name", "name_key", "type", "street", "unit",
		"city", "state", "zip", "country", "active", "version", "created_at", "updated_at"}}
	bulkLocations = bulkTable{"locations", []string{"id", "tenant_id", "customer_id", "name", "street", "unit",
		"city", "state", "zip", "country", "active", "version", "created_at", "updated_at"}}
	bulkContacts = bulkTable{"contact_methods", []string{"id", "tenant_id", "customer_id", "location_id", "position",
		"kind", "value", "key", "digits_rev", "display", "extension", "memo", "is_primary", "created_at", "created_by",
		"source", "updated_at"}}
	bulkTerms = bulkTable{"search_terms", []string{"tenant_id", "term", "record_type", "record_id", "field"}}
)

// insertSQL is the INSERT of rows rows into table, with ? placeholders.
// verb is the dialect's INSERT (see bulkLoader.verb).
func (b bulkTable) insertSQL(verb string, rows int) string {
	row := "(" + placeholders(len(b.columns)) + ")"
	var s strings.Builder
	s.Grow(len(b.name) + 30 + rows*(len(row)+2))
	s.WriteString(verb + " " + b.name + " (" + strings.Join(b.columns, ", ") + ") VALUES ")
	for i := range rows {
		if i > 0 {
			s.WriteString(", ")
		}
		s.WriteString(row)
	}
	return s.String()
}

// rowsPerStatement is how many rows one multi-row INSERT carries.
func (b bulkTable) rowsPerStatement() int {
	return min(bulkMaxRows, bulkMaxParams/len(b.columns))
}

// BulkInsert loads customers and locations of one tenant with their contact
// methods and search words, in one transaction of multi-row INSERTs: the way
// to seed or import hundreds of thousands of records, where one use case per
// record would take hours. It trusts its input — ids, normalized values, keys
// and displays already set, as app's rules would have them — writes no audit
// rows, and expects each location's customer to be in customers or already
// stored. Callers pass thousands of customers per call.
func (db *DB) BulkInsert(ctx context.Context, tenantID string, customers []reach.Customer, locations []reach.Location) error {
	if err := checkBulk(tenantID, customers, locations); err != nil {
		return err
	}
	// The search words are worked out on another core while the records
	// and contact methods are written; they are written last.
	terms := make(chan []any, 1)
	go func() { terms <- termValues(tenantID, customers, locations) }()
	return db.run(ctx, db.write, nil, func(rt reach.Tx) error {
		l := &bulkLoader{t: rt.(*tx), tenant: tenantID}
		defer l.close()
		if err := l.records(ctx, customers, locations); err != nil {
			return err
		}
		if err := l.contacts(ctx, customers, locations); err != nil {
			return err
		}
		values := <-terms
		n := len(bulkTerms.columns)
		return l.insert(ctx, bulkTerms, len(values)/n, func(i int, row []any) []any {
			return append(row, values[i*n:(i+1)*n]...)
		})
	})
}

// checkBulk refuses input that would cross tenants or break references,
// before anything is written.
func checkBulk(tenantID string, customers []reach.Customer, locations []reach.Location) error {
	if tenantID == "" {
		return fmt.Errorf("bulk insert: tenant id is required")
	}
	for _, c := range customers {
		if c.ID == "" || (c.TenantID != "" && c.TenantID != tenantID) {
			return fmt.Errorf("bulk insert: customer %q has no id or belongs to another tenant", c.Name)
		}
	}
	for _, l := range locations {
		if l.ID == "" || l.CustomerID == "" || (l.TenantID != "" && l.TenantID != tenantID) {
			return fmt.Errorf("bulk insert: location %q has no id or customer, or belongs to another tenant", l.Name)
		}
	}
	return nil
}

// bulkLoader writes one transaction's rows, table by table in foreign-key
// order, reusing one prepared statement per table for every full batch.
type bulkLoader struct {
	t      *tx
	tenant string
	stmts  []*sql.Stmt
	// lastTime and lastValue memoize the dialect's rendering of a timestamp,
	// since seeded rows share few distinct times.
	lastTime  time.Time
	lastValue any
}

// records writes the customers, then the locations.
func (l *bulkLoader) records(ctx context.Context, customers []reach.Customer, locations []reach.Location) error {
	tenant := any(l.tenant)
	if err := l.insert(ctx, bulkCustomers, len(customers), func(i int, row []any) []any {
		c := &customers[i]
		a := c.Address
		return append(row, c.ID, tenant, c.Name, nameKey(c.Name), string(c.Type), a.Street, a.Unit, a.City, a.State,
			a.Zip, a.Country, c.Active, c.Version, l.ts(c.CreatedAt), l.ts(c.UpdatedAt))
	}); err != nil {
		return err
	}
	return l.insert(ctx, bulkLocations, len(locations), func(i int, row []any) []any {
		loc := &locations[i]
		a := loc.Address
		return append(row, loc.ID, tenant, loc.CustomerID, loc.Name, a.Street, a.Unit, a.City, a.State, a.Zip,
			a.Country, loc.Active, loc.Version, l.ts(loc.CreatedAt), l.ts(loc.UpdatedAt))
	})
}

// contacts writes every record's contact methods, as saveContacts would.
func (l *bulkLoader) contacts(ctx context.Context, customers []reach.Customer, locations []reach.Location) error {
	type owned struct {
		m          *reach.ContactMethod
		customerID string
		locationID any
		position   int
	}
	var all []owned
	for i := range customers {
		c := &customers[i]
		for j := range c.ContactMethods {
			all = append(all, owned{&c.ContactMethods[j], c.ID, nil, j})
		}
	}
	for i := range locations {
		loc := &locations[i]
		for j := range loc.ContactMethods {
			all = append(all, owned{&loc.ContactMethods[j], loc.CustomerID, loc.ID, j})
		}
	}
	tenant := any(l.tenant)
	return l.insert(ctx, bulkContacts, len(all), func(i int, row []any) []any {
		o := all[i]
		m := o.m
		digits := ""
		if m.Kind.IsNumber() {
			digits = reach.ReverseDigits(strings.TrimPrefix(m.Value, "+"))
		}
		return append(row, m.ID, tenant, o.customerID, o.locationID, o.position, string(m.Kind), m.Value, m.Key,
			digits, m.Display, m.Extension, m.Memo, m.Primary, l.ts(m.CreatedAt), m.CreatedBy, string(m.Source),
			l.ts(m.UpdatedAt))
	})
}

// termValues lists the search_terms rows of every record, as indexRecord
// would write them, flattened into the values of a multi-row INSERT.
func termValues(tenantID string, customers []reach.Customer, locations []reach.Location) []any {
	tenant := any(tenantID)
	nameField, addressField := any(reach.FieldName), any(reach.FieldAddress)
	var out []any
	var buf []term
	add := func(typ any, id, name string, a reach.Address) {
		buf = recordTerms(buf[:0], name, a)
		for _, t := range buf {
			field := addressField
			if t.field == reach.FieldName {
				field = nameField
			}
			out = append(out, tenant, t.word, typ, id, field)
		}
	}
	customerType, locationType := any(string(reach.RecordCustomer)), any(string(reach.RecordLocation))
	for i := range customers {
		add(customerType, customers[i].ID, customers[i].Name, customers[i].Address)
	}
	for i := range locations {
		add(locationType, locations[i].ID, locations[i].Name, locations[i].Address)
	}
	return out
}

// term is one search word of a record and the field it comes from.
type term struct{ word, field string }

// recordTerms appends the search words of a record to buf: the words of its
// name, then of its street, city and postal code, each (word, field) once —
// the same rows indexRecord writes, which a test checks.
func recordTerms(buf []term, name string, a reach.Address) []term {
	start := len(buf)
	add := func(field, text string) {
		for _, w := range reach.SearchWords(text) {
			dup := false
			for _, t := range buf[start:] {
				if t.word == w && t.field == field {
					dup = true
					break
				}
			}
			if !dup {
				buf = append(buf, term{w, field})
			}
		}
	}
	add(reach.FieldName, name)
	add(reach.FieldAddress, a.Street+" "+a.City+" "+a.Zip)
	return buf
}

// insert writes n rows into table, row(i, dst) appending row i's values to
// dst: full batches through one prepared statement, the rest in one more.
func (l *bulkLoader) insert(ctx context.Context, table bulkTable, n int, row func(i int, dst []any) []any) error {
	per := table.rowsPerStatement()
	var full *sql.Stmt
	args := make([]any, 0, min(n, per)*len(table.columns))
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		var err error
		if end-start == per {
			if full == nil {
				if full, err = l.t.tx.PrepareContext(ctx, l.t.d.rebind(table.insertSQL(l.verb(), per))); err != nil {
					return l.t.d.translate(fmt.Errorf("prepare bulk insert into %s: %w", table.name, err))
				}
				l.stmts = append(l.stmts, full)
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = l.t.tx.ExecContext(ctx, l.t.d.rebind(table.insertSQL(l.verb(), end-start)), args...)
		}
		if err != nil {
			return l.t.d.translate(fmt.Errorf("bulk insert into %s: %w", table.name, err))
		}
	}
	return nil
}

// verb is the INSERT of the dialect. On SQLite, OR FAIL lets a multi-row
// statement skip its statement journal (a copy of every page it changes,
// kept to undo just that statement) when foreign keys are not checked: on
// any error the whole transaction is rolled back anyway.
func (l *bulkLoader) verb() string {
	if l.t.d.name() == "sqlite" {
		return "INSERT OR FAIL INTO"
	}
	return "INSERT INTO"
}

// ts renders a timestamp for the dialect, reusing the last rendering.
func (l *bulkLoader) ts(v time.Time) any {
	if l.lastValue == nil || !v.Equal(l.lastTime) {
		l.lastTime, l.lastValue = v, l.t.ts(v)
	}
	return l.lastValue
}

func (l *bulkLoader) close() {
	for _, s := range l.stmts {
		s.Close()
	}
}

// TuneForBulkLoad readies this process's SQLite writer connection for
// BulkInsert of a large tenant, as `reach seed` does; PostgreSQL needs
// nothing. A large page cache keeps the randomly ordered index inserts of
// millions of rows in memory; statement journals go to memory; and foreign
// keys are no longer checked, which — with INSERT OR FAIL — spares every
// multi-row statement its statement journal. Use it only when the loaded
// records are known to reference each other correctly, as generated ones do.
func (db *DB) TuneForBulkLoad(ctx context.Context) error {
	if db.d.name() != "sqlite" {
		return nil
	}
	for _, pragma := range []string{
		`PRAGMA cache_size = -2097152`, // KiB: 2 GiB
		`PRAGMA temp_store = MEMORY`,
		`PRAGMA foreign_keys = OFF`,
	} {
		if _, err := db.write.ExecContext(ctx, pragma); err != nil {
			return err
		}
	}
	return nil
}
