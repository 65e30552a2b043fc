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
// each row lists its values.
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
	bulkTerms = bulkTable{"search_terms", []string{"tenant_id", "term", "record_type", "record_id", "active", "words"}}
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
// methods and search words in one transaction, through WriteRecords: the way
// to seed hundreds of thousands of records, where one use case per record
// would take hours. It trusts its input — ids, normalized values, keys and
// displays already set, as app's rules would have them — writes no audit
// rows, and expects each location's customer to be in customers or already
// stored. Callers pass thousands of customers per call. It is for synthetic
// data (reach seed, benchmarks) only: it passes by app's unit of work, so
// anything that must see every record written (audit, and later consent
// and import) does not see these; real data comes in through app.
func (db *DB) BulkInsert(ctx context.Context, tenantID string, customers []reach.Customer, locations []reach.Location) error {
	writes := make([]reach.RecordWrite, 0, len(customers)+len(locations))
	for i := range customers {
		writes = append(writes, reach.RecordWrite{After: &customers[i]})
	}
	for i := range locations {
		writes = append(writes, reach.RecordWrite{After: &locations[i]})
	}
	return db.Write(ctx, func(tx reach.Tx) error { return tx.WriteRecords(ctx, tenantID, writes) })
}

// bulkLoader writes one transaction's new rows, table by table in
// foreign-key order, reusing one prepared statement per table for every
// full batch.
type bulkLoader struct {
	t      *tx
	tenant string
	stmts  []*sql.Stmt
	// lastTime and lastValue memoize the dialect's rendering of a timestamp,
	// since rows written together share few distinct times.
	lastTime  time.Time
	lastValue any
}

// records inserts new customers, then new locations.
func (l *bulkLoader) records(ctx context.Context, records []reach.Record) error {
	var customers []*reach.Customer
	var locations []*reach.Location
	for _, r := range records {
		switch r := r.(type) {
		case *reach.Customer:
			customers = append(customers, r)
		case *reach.Location:
			locations = append(locations, r)
		}
	}
	tenant := any(l.tenant)
	if err := l.insert(ctx, bulkCustomers, len(customers), func(i int, row []any) []any {
		c := customers[i]
		a := c.Address
		return append(row, c.ID, tenant, c.Name, nameKey(c.Name), string(c.Type), a.Street, a.Unit, a.City, a.State,
			a.Zip, a.Country, c.Active, c.Version, l.ts(c.CreatedAt), l.ts(c.UpdatedAt))
	}); err != nil {
		return err
	}
	return l.insert(ctx, bulkLocations, len(locations), func(i int, row []any) []any {
		loc := locations[i]
		a := loc.Address
		return append(row, loc.ID, tenant, loc.CustomerID, loc.Name, a.Street, a.Unit, a.City, a.State, a.Zip,
			a.Country, loc.Active, loc.Version, l.ts(loc.CreatedAt), l.ts(loc.UpdatedAt))
	})
}

// contacts inserts new contact methods, each with the record holding it.
func (l *bulkLoader) contacts(ctx context.Context, all []ownedContact) error {
	tenant := any(l.tenant)
	return l.insert(ctx, bulkContacts, len(all), func(i int, row []any) []any {
		m, holder := &all[i].m, all[i].holder
		var locationID any
		if ref := holder.Ref(); ref.Type == reach.RecordLocation {
			locationID = ref.ID
		}
		return append(row, m.ID, tenant, holder.OwnerID(), locationID, m.Position, string(m.Kind), m.Value, m.Key,
			digitsRev(*m), m.Display, m.Extension, m.Memo, m.Primary, l.ts(m.CreatedAt), m.CreatedBy, string(m.Source),
			l.ts(m.UpdatedAt))
	})
}

// insert writes n rows into table, row(i, dst) appending row i's values to
// dst: full batches through one prepared statement, the rest in one more.
func (l *bulkLoader) insert(ctx context.Context, table bulkTable, n int, row func(i int, dst []any) []any) error {
	if l.t.conn != nil && n >= copyRows {
		return l.copy(ctx, table, n, row)
	}
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
// nothing. The writer takes the whole page cache, the readers being idle,
// for the randomly ordered index inserts; statement journals go to memory; and foreign
// keys are no longer checked, which — with INSERT OR FAIL — spares every
// multi-row statement its statement journal. Use it only when the loaded
// records are known to reference each other correctly, as generated ones do.
func (db *DB) TuneForBulkLoad(ctx context.Context) error {
	if db.d.name() != "sqlite" {
		return nil
	}
	for _, pragma := range []string{
		fmt.Sprintf(`PRAGMA cache_size = %d`, -db.mem.CacheMiB*1024),
		`PRAGMA temp_store = MEMORY`,
		`PRAGMA foreign_keys = OFF`,
	} {
		if _, err := db.write.ExecContext(ctx, pragma); err != nil {
			return err
		}
	}
	return nil
}
