package sqlstore

import (
	"context"
	"strings"
	"time"

	"reach"
)

// prefixRange returns the bounds of every string starting with p, as a range
// condition a plain B-tree index serves on both databases (PostgreSQL columns
// use the "C" collation so the order is bytewise, as in SQLite).
func prefixRange(p string) (lo, hi string) { return p, p + "\U0010FFFF" }

// activeIs is the condition that the record behind a search hit is (or is not)
// active, probed by primary key. Searches run once for active records and then,
// if the page is not full, for inactive ones, so the limit never hides an active
// record behind inactive ones and each pass stops as soon as it has enough.
func activeIs(tenantCol, isLocation, customerID, locationID string) string {
	return ` AND ` + activeOf(tenantCol, isLocation, customerID, locationID) + ` = ?`
}

// activeOf is whether the record behind a search hit is active, probed by
// primary key.
func activeOf(tenantCol, isLocation, customerID, locationID string) string {
	return `(CASE WHEN ` + isLocation + ` THEN (SELECT l.active FROM locations l WHERE l.tenant_id = ` + tenantCol + ` AND l.id = ` + locationID + `)
		ELSE (SELECT c.active FROM customers c WHERE c.tenant_id = ` + tenantCol + ` AND c.id = ` + customerID + `) END)`
}

// distinctRecords reads limit records through read, which reads up to rows
// index rows and returns the records among them once each, with the rows
// it read. A record has several rows when several of its values match, most
// often one: more rows are read only when that many did not yield limit
// records and the index had more.
func distinctRecords(limit int, read func(rows int) ([]hit, int, error)) ([]hit, error) {
	for rows := limit + limit/4; ; rows *= 4 {
		hits, n, err := read(rows)
		if err != nil || n < rows || len(hits) >= limit {
			return hits, err
		}
	}
}

// bothPasses runs a search for active records, then for inactive ones while
// the page has room.
func bothPasses(limit int, pass func(active bool, limit int) ([]hit, error)) ([]hit, error) {
	hits, err := pass(true, limit)
	if err != nil || len(hits) >= limit {
		return hits, err
	}
	more, err := pass(false, limit-len(hits))
	return append(hits, more...), err
}

func allPrefixed(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (t *tx) SearchContactKey(ctx context.Context, tenantID, prefix string, limit int) ([]reach.SearchResult, error) {
	return t.searchContacts(ctx, tenantID, limit, func(active bool, limit int) (string, []any) {
		return contactKeyQuery(tenantID, prefix, active, limit)
	})
}

func (t *tx) SearchNumberSuffix(ctx context.Context, tenantID, digits string, limit int) ([]reach.SearchResult, error) {
	return t.searchContacts(ctx, tenantID, limit, func(active bool, limit int) (string, []any) {
		return numberSuffixQuery(tenantID, digits, active, limit)
	})
}

// contactsQueryPrefix selects what searchContacts scans from contact_methods.
// Each search orders by the column its range is on: that names the index
// to walk, so no plan depends on statistics being present (without them
// PostgreSQL walked another index of the tenant's rows and filtered).
const contactsQueryPrefix = `SELECT m.customer_id, m.location_id, m.kind, m.display FROM contact_methods m WHERE m.tenant_id = ? AND `

// contactKeyQuery is the query behind SearchContactKey: a range scan of the
// contact_methods_key index. ExplainSearch plans this same text.
func contactKeyQuery(tenantID, prefix string, active bool, limit int) (string, []any) {
	lo, hi := prefixRange(prefix)
	return contactsQueryPrefix + `m.key >= ? AND m.key < ?` + contactActive + ` ORDER BY m.key LIMIT ?`, []any{tenantID, lo, hi, active, limit}
}

// contactActive restricts contact-method hits to active or inactive records.
var contactActive = activeIs("m.tenant_id", "m.location_id IS NOT NULL", "m.customer_id", "m.location_id")

// numberSuffixQuery is the query behind SearchNumberSuffix: a range scan of
// the contact_methods_digits index over reversed digits. ExplainSearch plans
// this same text.
func numberSuffixQuery(tenantID, digits string, active bool, limit int) (string, []any) {
	lo, hi := prefixRange(reach.ReverseDigits(digits))
	return contactsQueryPrefix + `m.digits_rev >= ? AND m.digits_rev < ?` + contactActive + ` ORDER BY m.digits_rev LIMIT ?`, []any{tenantID, lo, hi, active, limit}
}

func (t *tx) searchContacts(ctx context.Context, tenantID string, limit int, query func(active bool, limit int) (string, []any)) ([]reach.SearchResult, error) {
	hits, err := bothPasses(gatherFor(limit, manyRanked), func(active bool, limit int) ([]hit, error) {
		return distinctRecords(limit, func(rows int) ([]hit, int, error) {
			q, args := query(active, rows)
			return t.contactHits(ctx, q, args, limit)
		})
	})
	if err != nil {
		return nil, err
	}
	results, err := t.resolve(ctx, tenantID, hits)
	if err != nil {
		return nil, err
	}
	rankInBlocks(results, nil, manyRanked)
	return publicResults(results[:min(len(results), limit)]), nil
}

// contactHits runs a contact search's query and returns the first limit
// records it finds, each once with its first matching value, and the
// number of rows read.
func (t *tx) contactHits(ctx context.Context, q string, args []any, limit int) (hits []hit, read int, err error) {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	seen := map[reach.RecordRef]bool{}
	for rows.Next() {
		var h hit
		var loc *string
		var kind reach.Kind
		if err := rows.Scan(&h.ref.ID, &loc, &kind, &h.match.Value); err != nil {
			return nil, read, err
		}
		read++
		h.ref = ownerRef(h.ref.ID, loc)
		h.match.Field = reach.FieldPhone
		if kind == reach.KindEmail {
			h.match.Field = reach.FieldEmail
		}
		if !seen[h.ref] && len(hits) < limit {
			seen[h.ref] = true
			hits = append(hits, h)
		}
	}
	return hits, read, rows.Err()
}

type hit struct {
	ref   reach.RecordRef
	match reach.Match
}

type result struct {
	reach.SearchResult
	address   reach.Address
	updatedAt time.Time
}

// resolve loads the names behind hits, one record once, in the order found
// (rankResults orders them).
func (t *tx) resolve(ctx context.Context, tenantID string, hits []hit) ([]result, error) {
	byRef := map[reach.RecordRef]*result{}
	var order []reach.RecordRef
	var customerIDs, locationIDs []string
	for _, h := range hits {
		if _, ok := byRef[h.ref]; ok {
			continue
		}
		byRef[h.ref] = &result{SearchResult: reach.SearchResult{Type: h.ref.Type, ID: h.ref.ID, Matched: h.match}}
		order = append(order, h.ref)
		if h.ref.Type == reach.RecordCustomer {
			customerIDs = append(customerIDs, h.ref.ID)
		} else {
			locationIDs = append(locationIDs, h.ref.ID)
		}
	}
	load := func(typ reach.RecordType, query string, ids []string) error {
		if len(ids) == 0 {
			return nil
		}
		args := []any{tenantID}
		for _, id := range ids {
			args = append(args, id)
		}
		rows, err := t.query(ctx, query+` (`+placeholders(len(ids))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, name, customerID, customerName string
			var active bool
			var a reach.Address
			var updatedAt time.Time
			if err := rows.Scan(&id, &name, &active, &customerID, &customerName, &a.Street, &a.City, &a.State, &a.Zip, timeCol{&updatedAt}); err != nil {
				return err
			}
			r := byRef[reach.RecordRef{Type: typ, ID: id}]
			r.Name, r.Active, r.CustomerID, r.CustomerName = name, active, customerID, customerName
			r.address, r.updatedAt = a, updatedAt
		}
		return rows.Err()
	}
	if err := load(reach.RecordCustomer, `SELECT c.id, c.name, c.active, c.id, c.name, c.street, c.city, c.state, c.zip, c.updated_at
		FROM customers c WHERE c.tenant_id = ? AND c.id IN`, customerIDs); err != nil {
		return nil, err
	}
	if err := load(reach.RecordLocation, `SELECT l.id, l.name, l.active, c.id, c.name, l.street, l.city, l.state, l.zip, l.updated_at
		FROM locations l JOIN customers c ON c.id = l.customer_id AND c.tenant_id = l.tenant_id
		WHERE l.tenant_id = ? AND l.id IN`, locationIDs); err != nil {
		return nil, err
	}
	out := make([]result, 0, len(order))
	for _, ref := range order {
		out = append(out, *byRef[ref])
	}
	return out, nil
}

func publicResults(rs []result) []reach.SearchResult {
	out := make([]reach.SearchResult, len(rs))
	for i, r := range rs {
		out[i] = r.SearchResult
	}
	return out
}

func formatAddress(a reach.Address) string {
	s := a.Street
	if a.City != "" {
		s += ", " + a.City
	}
	if a.State != "" || a.Zip != "" {
		s += ", " + strings.TrimSpace(a.State+" "+a.Zip)
	}
	return s
}
