package app_test

import (
	"context"
	"testing"

	"reach"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// TestReportCoversEveryKeyRange puts stored placeholders in every part of the
// key space the report splits its pass into, and checks each is reported once.
func TestReportCoversEveryKeyRange(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		tn := newTenant(t, db)
		values := []string{"+12005550100", "+15125550142", "+16155550142", "+19195550142",
			"1noemail@gmail.com", "noemail@gmail.com", "jane@example.com", "test@yahoo.com", "zoe@none.com", "ñoño@example.org"}
		for _, v := range values {
			storetest.Legacy(t, db, tn.admin.TenantID, "Legacy "+v, v)
		}
		rep, err := tn.app.PlaceholderReport(ctx, tn.admin, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, it := range rep.Items {
			got[it.Value]++
		}
		for _, v := range values {
			if got[reach.ContactKey(kindOfValue(v), v)] != 1 {
				t.Errorf("%s reported %d times, want once (report: %v)", v, got[v], got)
			}
		}
		if rep.Total != len(values) {
			t.Errorf("total %d, want %d", rep.Total, len(values))
		}
		page, _ := tn.app.PlaceholderReport(ctx, tn.admin, 4, 3)
		if len(page.Items) != 3 || page.Next != 7 || page.Total != len(values) {
			t.Errorf("page 4+3: %d items, next %d, total %d", len(page.Items), page.Next, page.Total)
		}
	})
}

func kindOfValue(v string) reach.Kind {
	if v[0] == '+' {
		return reach.KindMobile
	}
	return reach.KindEmail
}
