package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"reach"
)

// WriteRecords is the one way customers, locations and their contact methods
// reach the database, whether one record changes or a sync, cleanup, revert
// or load changes thousands: new rows go in multi-row INSERTs, changed rows
// in UPDATEs grouped by what they set, and every changed record moves one
// version on in a statement that checks the version it was based on.
func (t *tx) WriteRecords(ctx context.Context, tenantID string, writes []reach.RecordWrite) error {
	w := &recordWriter{t: t, tenantID: tenantID, loader: &bulkLoader{t: t, tenant: tenantID}, updates: contactUpdates{t: t}}
	defer w.loader.close()
	var created []reach.Record
	for _, rw := range writes {
		if h := rw.After.Header(); h.TenantID != tenantID {
			return fmt.Errorf("write records: %s %s belongs to tenant %q, not %q", rw.After.Ref().Type, h.ID, h.TenantID, tenantID)
		}
		if rw.Before == nil {
			created = append(created, rw.After)
			continue
		}
		if rw.Before.Ref() != rw.After.Ref() || rw.After.Header().Version != rw.Before.Header().Version+1 {
			return fmt.Errorf("write records: %v must move from version %d to %d", rw.After.Ref(), rw.Before.Header().Version, rw.Before.Header().Version+1)
		}
		if err := w.change(ctx, rw); err != nil {
			return err
		}
	}
	if err := w.loader.records(ctx, created); err != nil {
		return err
	}
	for _, r := range created {
		cms := r.Header().ContactMethods
		placeContacts(cms, nil)
		for _, m := range cms {
			w.inserted = append(w.inserted, ownedContact{m: m, holder: r})
		}
	}
	return w.finish(ctx, created)
}

// recordWriter collects what one WriteRecords call writes, so each kind of
// row change goes out in as few statements as possible.
type recordWriter struct {
	t        *tx
	tenantID string
	loader   *bulkLoader
	bumps    []versionBump
	updates  contactUpdates
	removed  []string
	inserted []ownedContact
	// reindexed are changed records whose search rows changed, and
	// unindexed the same records as they were stored.
	reindexed, unindexed []reach.Record
}

// change queues the writes of one changed record.
func (w *recordWriter) change(ctx context.Context, rw reach.RecordWrite) error {
	if err := w.t.saveRecord(ctx, w.tenantID, rw, &w.bumps); err != nil {
		return err
	}
	if searchFieldsDiffer(rw.Before, rw.After) {
		w.reindexed = append(w.reindexed, rw.After)
		w.unindexed = append(w.unindexed, rw.Before)
	}
	var added []reach.ContactMethod
	added, w.removed = w.updates.diff(rw, added, w.removed)
	for _, m := range added {
		w.inserted = append(w.inserted, ownedContact{m: m, holder: rw.After})
	}
	return nil
}

// finish writes what was queued, children after parents: contact methods
// after the records they belong to, search words last. The versions of the
// records whose contact methods alone changed move on first, so a stale one
// stops the write before any of their methods is touched.
func (w *recordWriter) finish(ctx context.Context, created []reach.Record) error {
	if err := w.t.bumpVersions(ctx, w.tenantID, w.bumps); err != nil {
		return err
	}
	if err := w.t.deleteContacts(ctx, w.tenantID, w.removed); err != nil {
		return err
	}
	if err := w.updates.apply(ctx, w.t, w.tenantID); err != nil {
		return err
	}
	if err := w.loader.contacts(ctx, w.inserted); err != nil {
		return err
	}
	removed, added := termRows(w.unindexed), termRows(append(created, w.reindexed...))
	if err := w.t.unindex(ctx, w.tenantID, removed); err != nil {
		return err
	}
	if err := w.loader.terms(ctx, added); err != nil {
		return err
	}
	return w.t.countTerms(ctx, w.tenantID, added, removed)
}

// recordFieldsDiffer reports whether a change touches the record's own row
// beyond its version and update time: name, address, active flag, type or
// customer.
func recordFieldsDiffer(before, after reach.Record) bool {
	b, a := before.Header(), after.Header()
	if b.Name != a.Name || b.Address != a.Address || b.Active != a.Active || b.CreatedAt != a.CreatedAt {
		return true
	}
	switch a := after.(type) {
	case *reach.Customer:
		return a.Type != before.(*reach.Customer).Type
	case *reach.Location:
		return a.CustomerID != before.(*reach.Location).CustomerID
	}
	return false
}

// searchFieldsDiffer reports whether what the search index holds of a
// record — the words of its name and address, and its active flag —
// changed.
func searchFieldsDiffer(before, after reach.Record) bool {
	b, a := before.Header(), after.Header()
	return b.Name != a.Name || b.Address != a.Address || b.Active != a.Active
}

// versionBump is a record whose row changes only in version and update time:
// many of them move on in one statement.
type versionBump struct {
	typ  reach.RecordType
	id   string
	from int64 // the version the change was based on; it moves to from+1
	at   time.Time
}

// saveRecord writes a changed record's own row: the whole row, checking its
// version, when its fields changed; otherwise it queues a version bump.
func (t *tx) saveRecord(ctx context.Context, tenantID string, w reach.RecordWrite, bumps *[]versionBump) error {
	before, after := w.Before.Header(), w.After.Header()
	if !recordFieldsDiffer(w.Before, w.After) {
		*bumps = append(*bumps, versionBump{typ: w.After.Ref().Type, id: after.ID, from: before.Version, at: after.UpdatedAt})
		return nil
	}
	a := after.Address
	switch r := w.After.(type) {
	case *reach.Customer:
		res, err := t.exec(ctx, `UPDATE customers SET name = ?, name_key = ?, type = ?, street = ?, unit = ?, city = ?, state = ?,
			zip = ?, country = ?, active = ?, version = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND version = ?`,
			r.Name, nameKey(r.Name), string(r.Type), a.Street, a.Unit, a.City, a.State, a.Zip, a.Country, r.Active, r.Version,
			t.ts(r.UpdatedAt), tenantID, r.ID, before.Version)
		if err != nil {
			return err
		}
		return t.checkVersioned(ctx, res, "customers", "customer", tenantID, r.ID, before.Version)
	case *reach.Location:
		res, err := t.exec(ctx, `UPDATE locations SET customer_id = ?, name = ?, street = ?, unit = ?, city = ?, state = ?, zip = ?,
			country = ?, active = ?, version = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND version = ?`,
			r.CustomerID, r.Name, a.Street, a.Unit, a.City, a.State, a.Zip, a.Country, r.Active, r.Version, t.ts(r.UpdatedAt),
			tenantID, r.ID, before.Version)
		if err != nil {
			return err
		}
		return t.checkVersioned(ctx, res, "locations", "location", tenantID, r.ID, before.Version)
	}
	return fmt.Errorf("write records: unknown record type %T", w.After)
}

// bumpVersions moves records whose own fields did not change to their new
// version, in statements of many records each; each row matches only at the
// version its change was based on, so a record moved on by someone else
// fails the whole write.
func (t *tx) bumpVersions(ctx context.Context, tenantID string, bumps []versionBump) error {
	groups := map[[2]any][]versionBump{}
	var order [][2]any
	for _, b := range bumps {
		k := [2]any{b.typ, b.at}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], b)
	}
	for _, k := range order {
		g := groups[k]
		table := "customers"
		if k[0] == reach.RecordLocation {
			table = "locations"
		}
		err := inBatches(len(g), maxInList, func(lo, hi int) error {
			args := []any{t.ts(k[1].(time.Time)), tenantID}
			for _, b := range g[lo:hi] {
				args = append(args, b.id, b.from)
			}
			res, err := t.exec(ctx, versionBumpSQL(table, hi-lo), args...)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != int64(hi-lo) {
				return t.firstStale(ctx, tenantID, table, g[lo:hi])
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// versionBumpSQL moves n records of table on a version: its arguments are
// the update time, the tenant, then each record's id and base version. The
// (id, version) list drives the statement whatever the statistics: the
// UPDATE … FROM (VALUES …) it replaces was planned, without statistics and
// for more than a few records, as a scan of every record of the tenant per
// statement — seconds per sync at 1,000,000 customers.
func versionBumpSQL(table string, n int) string {
	return `UPDATE ` + table + ` SET version = version + 1, updated_at = ?
		WHERE tenant_id = ? AND (id, version) IN (VALUES ` + strings.TrimSuffix(strings.Repeat("(?, CAST(? AS BIGINT)), ", n), ", ") + `)`
}

// firstStale names a record of bumps no longer at the version its change was
// based on.
func (t *tx) firstStale(ctx context.Context, tenantID, table string, bumps []versionBump) error {
	for _, b := range bumps {
		var have int64
		err := t.queryRow(ctx, `SELECT version FROM `+table+` WHERE tenant_id = ? AND id = ?`, tenantID, b.id).Scan(&have)
		if err != nil {
			return notFound(err, string(b.typ), b.id)
		}
		if have != b.from+1 { // (the rows the statement did move on are undone with the failed transaction)
			return reach.VersionConflict(string(b.typ), b.id, have, b.from)
		}
	}
	return reach.Errorf(reach.EVERSIONCONFLICT, "Some records changed while they were being saved; nothing was saved. Try again.")
}

// ownedContact is a contact method to insert with the record holding it.
type ownedContact struct {
	m      reach.ContactMethod
	holder reach.Record
}

// contactColumnsWritten are the columns of a contact method that can change
// after it is created, in the order contactValues returns them.
var contactColumnsWritten = []string{"customer_id", "position", "kind", "value", "key", "digits_rev", "display", "extension",
	"memo", "is_primary", "updated_at"}

func (t *tx) contactValues(m reach.ContactMethod, customerID string) []any {
	return []any{customerID, m.Position, string(m.Kind), m.Value, m.Key, digitsRev(m), m.Display, m.Extension, m.Memo, m.Primary, t.ts(m.UpdatedAt)}
}

// digitsRev is the reversed digits of a number, for last-digits search.
func digitsRev(m reach.ContactMethod) string {
	if !m.Kind.IsNumber() {
		return ""
	}
	return reach.ReverseDigits(strings.TrimPrefix(m.Value, "+"))
}

// contactUpdates groups the contact methods to update by the columns they
// set and the values they set them to: a sync giving a thousand records one
// new number is one statement per batch, not a thousand.
type contactUpdates struct {
	order  []string
	groups map[string]*contactUpdate
	t      *tx
}

type contactUpdate struct {
	columns []string
	values  []any
	ids     []string
}

// diff compares one record's methods before and after, by id: it assigns
// positions, queues the changed ones, and returns those to add and the ids
// to delete appended to the given lists.
func (u *contactUpdates) diff(w reach.RecordWrite, added []reach.ContactMethod, removed []string) ([]reach.ContactMethod, []string) {
	old := map[string]reach.ContactMethod{}
	for _, m := range w.Before.Header().ContactMethods {
		old[m.ID] = m
	}
	cms := w.After.Header().ContactMethods
	placeContacts(cms, old)
	kept := map[string]bool{}
	for _, m := range cms {
		b, ok := old[m.ID]
		if !ok {
			added = append(added, m)
			continue
		}
		kept[m.ID] = true
		u.queue(b, w.Before.OwnerID(), m, w.After.OwnerID())
	}
	for _, m := range w.Before.Header().ContactMethods {
		if !kept[m.ID] {
			removed = append(removed, m.ID)
		}
	}
	return added, removed
}

// placeContacts gives each method of a record's new list a position that
// keeps the list's order, reusing stored positions where the order allows —
// a removal or an edit in place rewrites no other row's position.
func placeContacts(cms []reach.ContactMethod, old map[string]reach.ContactMethod) {
	last := -1
	for i := range cms {
		if o, ok := old[cms[i].ID]; ok && o.Position > last {
			cms[i].Position = o.Position
		} else {
			cms[i].Position = last + 1
		}
		last = cms[i].Position
	}
}

// queue adds the columns in which after differs from before, if any.
func (u *contactUpdates) queue(before reach.ContactMethod, beforeOwner string, after reach.ContactMethod, afterOwner string) {
	bv, av := u.t.contactValues(before, beforeOwner), u.t.contactValues(after, afterOwner)
	var cols []string
	var vals []any
	for i := range av {
		if av[i] != bv[i] {
			cols, vals = append(cols, contactColumnsWritten[i]), append(vals, av[i])
		}
	}
	if len(cols) == 0 {
		return
	}
	key := fmt.Sprintf("%q%#v", cols, vals)
	if u.groups == nil {
		u.groups = map[string]*contactUpdate{}
	}
	g := u.groups[key]
	if g == nil {
		g = &contactUpdate{columns: cols, values: vals}
		u.groups[key] = g
		u.order = append(u.order, key)
	}
	g.ids = append(g.ids, after.ID)
}

func (u *contactUpdates) apply(ctx context.Context, t *tx, tenantID string) error {
	for _, k := range u.order {
		g := u.groups[k]
		set := strings.Join(g.columns, " = ?, ") + " = ?"
		err := inBatches(len(g.ids), maxInList, func(lo, hi int) error {
			args := append(append(slices.Clone(g.values), tenantID), anySlice(g.ids[lo:hi])...)
			_, err := t.exec(ctx, contactUpdateSQL(set, hi-lo), args...)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// contactUpdateSQL sets columns of n contact methods named by id.
// ExplainContactUpdate plans this same text.
func contactUpdateSQL(set string, n int) string {
	return `UPDATE contact_methods SET ` + set + ` WHERE tenant_id = ? AND id IN (` + placeholders(n) + `)`
}

func (t *tx) deleteContacts(ctx context.Context, tenantID string, ids []string) error {
	return inBatches(len(ids), maxInList, func(lo, hi int) error {
		_, err := t.exec(ctx, `DELETE FROM contact_methods WHERE tenant_id = ? AND id IN (`+placeholders(hi-lo)+`)`,
			append([]any{tenantID}, anySlice(ids[lo:hi])...)...)
		return err
	})
}
