package sqlstore

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"reach"
)

// dialect holds everything that differs between SQLite and PostgreSQL.
type dialect interface {
	name() string
	// rebind turns the ? placeholders the queries are written with into the
	// dialect's own.
	rebind(query string) string
	// timeValue is how a timestamp is passed as a parameter.
	timeValue(t time.Time) any
	// translate turns driver errors into domain errors, once per dialect.
	translate(err error) error
	// lockRows is the clause that locks the rows a SELECT reads.
	lockRows() string
	// lower wraps a text expression so it equals strings.ToLower of its
	// value; compare it with a strings.ToLower'ed parameter.
	lower(expr string) string
	// notify is a statement that tells other instances about a change on
	// channel when the transaction commits, with one parameter as the
	// payload; "" where there are no other instances to tell.
	notify(channel string) string
	// indexedBy is the clause that makes a table in FROM use the named
	// index, where the planner would not choose it alone; "" where it does.
	indexedBy(index string) string
	// contains is the condition that the text expr holds the text of one
	// parameter, compared byte by byte.
	contains(expr string) string
	// secondaryIndexesQuery lists (name, CREATE statement) of the indexes of
	// n tables that back no constraint.
	secondaryIndexesQuery(n int) string
	// tableQuery lists one (name, type) row if the table named by its one
	// parameter exists.
	tableQuery() string
}

type sqliteDialect struct{}

func (sqliteDialect) name() string                { return "sqlite" }
func (sqliteDialect) rebind(query string) string  { return query }
func (sqliteDialect) lockRows() string            { return "" }
func (sqliteDialect) notify(string) string        { return "" }
func (sqliteDialect) contains(expr string) string { return "instr(" + expr + ", ?) > 0" }
func (sqliteDialect) indexedBy(index string) string {
	return " INDEXED BY " + index
}

// SQLite's built-in lower() folds ASCII letters only, so "QUÉBEC" would never
// equal "québec"; reach_lower folds as Go does.
func (sqliteDialect) lower(expr string) string { return "reach_lower(" + expr + ")" }

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("reach_lower", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			if s, ok := args[0].(string); ok {
				return strings.ToLower(s), nil
			}
			return args[0], nil
		})
}

// timeLayout is fixed-width so SQLite's text timestamps sort correctly.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func (sqliteDialect) timeValue(t time.Time) any { return t.UTC().Format(timeLayout) }

func (sqliteDialect) translate(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return duplicate(err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return dangling(err)
		}
	}
	return err
}

type postgresDialect struct{}

func (postgresDialect) name() string             { return "postgres" }
func (postgresDialect) lockRows() string         { return " FOR UPDATE" }
func (postgresDialect) lower(expr string) string { return "lower(" + expr + ")" }
func (postgresDialect) indexedBy(string) string  { return "" }
func (postgresDialect) contains(expr string) string {
	return "strpos(" + expr + ", ?) > 0"
}
func (postgresDialect) notify(channel string) string {
	return "SELECT pg_notify('" + channel + "', ?)"
}

func (postgresDialect) rebind(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (postgresDialect) timeValue(t time.Time) any { return t.UTC() }

func (postgresDialect) translate(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return duplicate(err)
		case "23503": // foreign_key_violation
			return dangling(err)
		case "40P01", "40001": // deadlock_detected, serialization_failure
			return collided(err)
		}
	}
	return err
}

// The domain errors that database errors become, whatever the dialect; each
// keeps the driver's error as its cause, for the log, marked with what the
// store does with it.

func duplicate(cause error) error {
	return &reach.Error{Code: reach.ECONFLICT, Message: "A record with the same unique value already exists.", Err: failure{duplicateKey, cause}}
}

// dangling is a reference to a row that does not exist in the tenant:
// references carry the tenant id, so another tenant's row is not found.
func dangling(cause error) error {
	return &reach.Error{Code: reach.ENOTFOUND, Message: "The record referred to does not exist.", Err: cause}
}

// collided is a transaction the database aborted to break a deadlock, or
// could not serialize with another: run again, it will most likely pass.
// Write does so; the error reaches a client only when retries ran out.
func collided(cause error) error {
	return &reach.Error{Code: reach.ECONFLICT, Message: "The change collided with others saved at the same moment and was not made; try again.", Err: failure{collision, cause}}
}

// failure marks a driver's error with its kind.
type failure struct {
	kind failureKind
	error
}

type failureKind int

const (
	duplicateKey failureKind = iota + 1 // a store method may restate it in its own terms
	collision                           // Write runs the transaction again
)

func (f failure) Unwrap() error { return f.error }

func isFailure(err error, kind failureKind) bool {
	var f failure
	return errors.As(err, &f) && f.kind == kind
}

func isDuplicate(err error) bool { return isFailure(err, duplicateKey) }
func isCollision(err error) bool { return isFailure(err, collision) }

// timeCol scans a timestamp stored either as TIMESTAMPTZ or as SQLite text.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*c.t = v.UTC()
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	case nil:
		*c.t = time.Time{}
	default:
		return errors.New("sqlstore: unsupported timestamp column type")
	}
	return nil
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return err
	}
	*c.t = t.UTC()
	return nil
}

// mustAffect turns an UPDATE or DELETE of one row that matched none into the
// domain's not-found error.
func mustAffect(res sql.Result, err error, what, id string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return reach.NotFound(what, id)
	}
	return nil
}

// notFound maps sql.ErrNoRows to the domain's not-found error.
func notFound(err error, what, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return reach.NotFound(what, id)
	}
	return err
}
