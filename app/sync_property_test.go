package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// TestSyncProperty builds random tenants whose records share values, applies
// a random replace or remove with a random choice of targets, and checks:
// no chosen target holds the old value, unchosen holders are untouched,
// every row not belonging to a touched record is byte-for-byte unchanged,
// and reverting the change restores every row exactly (records' versions
// and update times move forward; the audit trail only grows).
func TestSyncProperty(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		rounds := 40
		if db.Dialect() == "postgres" {
			rounds = 15
		}
		for seed := range rounds {
			t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { syncRound(t, db, uint64(seed)) })
		}
	})
}

var pool = []string{"+15128675309", "+15128671234", "+13034927788", "+14165550244", "pm@maplemgmt.com", "office@oakhoa.org"}

func syncRound(t *testing.T, db *sqlstore.DB, seed uint64) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 7))
	tn := newTenant(t, db)
	var refs []reach.RecordRef
	pick := func() []string { // 1–3 distinct values from the pool
		vals := slices.Clone(pool)
		rng.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		return vals[:1+rng.IntN(3)]
	}
	for i := range 3 + rng.IntN(4) {
		c := tn.customer(t, fmt.Sprintf("Customer %d", i), pick()...)
		refs = append(refs, reach.RecordRef{Type: reach.RecordCustomer, ID: c.ID})
		for j := range rng.IntN(3) {
			l := tn.location(t, c.ID, fmt.Sprintf("Site %d-%d", i, j), pick()...)
			refs = append(refs, reach.RecordRef{Type: reach.RecordLocation, ID: l.ID})
		}
	}
	ref := refs[rng.IntN(len(refs))]
	rec := load(t, tn, ref)
	in := inputs(rec.Header().ContactMethods)
	k := rng.IntN(len(in))
	old := in[k].Value
	removing := rng.IntN(3) == 0
	if removing {
		in = append(in[:k], in[k+1:]...)
	} else if strings.Contains(old, "@") {
		in[k].Value = fmt.Sprintf("new%d@maplemgmt.com", seed)
	} else {
		in[k].Value = pool[rng.IntN(4)] // sometimes a value other records already hold
		if in[k].Value == old || slices.ContainsFunc(in, func(x app.ContactMethodInput) bool { return x.Value == in[k].Value && x.ID != in[k].ID }) {
			in[k].Value = fmt.Sprintf("+1512444%04d", seed)
		}
	}
	preview, err := tn.app.SaveContactMethods(ctx, tn.admin, ref, in, 0, app.SyncOptions{}, true)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	var cands []app.Candidate
	for _, vc := range preview.Changes {
		if vc.From == old {
			cands = vc.Candidates
		}
	}
	var targets []string
	chosen := map[string]bool{}
	for _, c := range cands {
		if rng.IntN(2) == 0 {
			targets = append(targets, c.ContactMethodID)
			chosen[c.ContactMethodID] = true
		}
	}
	touched := map[string]bool{ref.ID: true}
	for _, c := range cands {
		if chosen[c.ContactMethodID] {
			touched[c.Record.ID] = true
		}
	}
	before := parseSnapshot(tn.snapshot(t))
	opts := app.SyncOptions{ConfirmCrossCustomer: true}
	if len(targets) > 0 {
		opts.Sync = []app.SyncInput{{From: old, Targets: targets}}
	}
	saved, err := tn.app.SaveContactMethods(ctx, tn.admin, ref, in, rec.Header().Version, opts, false)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	after := parseSnapshot(tn.snapshot(t))

	// Chosen targets no longer hold the old value; unchosen ones are untouched.
	for _, c := range cands {
		row, ok := after.row("contact_methods", c.ContactMethodID)
		holdsOld := ok && strings.Contains(row, "\t"+reach.ContactKey(kindOf(old), old)+"\t")
		switch {
		case chosen[c.ContactMethodID] && holdsOld:
			t.Errorf("chosen target %s still holds %s", c.ContactMethodID, old)
		case !chosen[c.ContactMethodID]:
			if b, _ := before.row("contact_methods", c.ContactMethodID); b != row {
				t.Errorf("unchosen holder %s changed:\n%s\n%s", c.ContactMethodID, b, row)
			}
		}
	}
	// Every other row is byte-for-byte unchanged.
	for _, d := range before.diff(after) {
		if !d.inserted(after) && !touchedRow(d, touched, before, after) {
			t.Errorf("row of an untouched record changed: %s %s", d.table, d.key)
		}
	}

	// Revert restores every row exactly.
	if _, err := tn.app.RevertChange(ctx, tn.admin, saved.ChangeID); err != nil {
		t.Fatalf("revert: %v", err)
	}
	reverted := parseSnapshot(tn.snapshot(t))
	for _, d := range before.diff(reverted) {
		switch {
		case d.table == "changes" || d.table == "change_entries":
			if !d.inserted(reverted) {
				t.Errorf("revert changed existing audit rows: %s %s", d.table, d.key)
			}
		case (d.table == "customers" || d.table == "locations") && touched[d.key]:
			if b, a := before.without(d.table, d.key, "version", "updated_at"), reverted.without(d.table, d.key, "version", "updated_at"); b != a {
				t.Errorf("revert did not restore %s %s:\n%s\n%s", d.table, d.key, b, a)
			}
		default:
			t.Errorf("revert did not restore %s %s", d.table, d.key)
		}
	}
}

func kindOf(v string) reach.Kind {
	if strings.Contains(v, "@") {
		return reach.KindEmail
	}
	return reach.KindPhone
}

func load(t *testing.T, tn tenant, ref reach.RecordRef) reach.Record {
	t.Helper()
	var r reach.Record
	var err error
	if ref.Type == reach.RecordCustomer {
		r, err = tn.app.Customer(context.Background(), tn.admin, ref.ID)
	} else {
		r, err = tn.app.Location(context.Background(), tn.admin, ref.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// touchedRow reports whether a changed row belongs to a touched record: the
// record itself, one of its contact methods, or one of its search terms.
func touchedRow(d rowDiff, touched map[string]bool, before, after snapshot) bool {
	switch d.table {
	case "customers", "locations":
		return touched[d.key]
	case "contact_methods":
		row, ok := before.row(d.table, d.key)
		if !ok {
			row, _ = after.row(d.table, d.key)
		}
		f := strings.Split(row, "\t")
		return touched[f[2]] || touched[f[3]] // customer_id, location_id
	case "search_terms":
		return touched[strings.Split(d.key, "\t")[3]]
	}
	return false
}

// snapshot is a database dump split into tables of rows keyed by their
// first column (search terms by their whole row).
type snapshot struct {
	cols map[string][]string
	rows map[string]map[string]string
}

type rowDiff struct{ table, key string }

func parseSnapshot(s string) snapshot {
	snap := snapshot{cols: map[string][]string{}, rows: map[string]map[string]string{}}
	table := ""
	for _, line := range strings.Split(s, "\n") {
		if name, ok := strings.CutPrefix(line, "== "); ok {
			table, _, _ = strings.Cut(name, " ")
			_, cols, _ := strings.Cut(name, "[")
			snap.cols[table] = strings.Fields(strings.TrimSuffix(cols, "]"))
			snap.rows[table] = map[string]string{}
			continue
		}
		if line == "" {
			continue
		}
		key, _, _ := strings.Cut(line, "\t")
		if table == "search_terms" {
			key = line
		}
		snap.rows[table][key] = line
	}
	return snap
}

func (s snapshot) row(table, key string) (string, bool) { r, ok := s.rows[table][key]; return r, ok }

// diff lists the rows that differ, were added or were removed.
func (s snapshot) diff(o snapshot) []rowDiff {
	var out []rowDiff
	for table, rows := range s.rows {
		for k, r := range rows {
			if o.rows[table][k] != r {
				out = append(out, rowDiff{table, k})
			}
		}
		for k := range o.rows[table] {
			if _, ok := rows[k]; !ok {
				out = append(out, rowDiff{table, k})
			}
		}
	}
	return out
}

func (d rowDiff) inserted(after snapshot) bool {
	_, ok := after.rows[d.table][d.key]
	return ok && (d.table == "changes" || d.table == "change_entries")
}

// without returns a row with some columns blanked.
func (s snapshot) without(table, key string, cols ...string) string {
	f := strings.Split(s.rows[table][key], "\t")
	for i, c := range s.cols[table] {
		if slices.Contains(cols, c) && i < len(f) {
			f[i] = ""
		}
	}
	return strings.Join(f, "\t")
}
