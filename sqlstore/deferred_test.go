package sqlstore_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// A bulk load with deferred indexes ends with the same indexes as before it,
// used again by the queries that need them; and a load killed before
// building them leaves a database the next Migrate heals.
func TestDeferredIndexesComeBack(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		before, err := db.SecondaryIndexes(ctx)
		if err != nil || len(before) < 5 {
			t.Fatalf("indexes before the load: %v %v", before, err)
		}
		if err := db.DeferIndexes(ctx); err != nil {
			t.Fatal(err)
		}
		if during, err := db.SecondaryIndexes(ctx); err != nil || len(during) != 0 {
			t.Fatalf("indexes left during the load: %v %v", during, err)
		}
		newTenant(t, db, "t1")
		customers, locations := bulkRecords("t1", 30, time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
		if err := db.BulkInsert(ctx, "t1", customers, locations); err != nil {
			t.Fatal(err)
		}
		if err := db.BuildDeferredIndexes(ctx); err != nil {
			t.Fatal(err)
		}
		after, err := db.SecondaryIndexes(ctx)
		if err != nil || !reflect.DeepEqual(after, before) {
			t.Fatalf("indexes after the load:\n%v\nwant\n%v (%v)", after, before, err)
		}
		held, err := db.CallersOf(ctx, "t1", "+15148490123")
		if err != nil || len(held) != 3 {
			t.Fatalf("holders of the shared office line after the load: %d, %v", len(held), err)
		}
		// The search rows staged during the load are in the index, and
		// the counts that pick a search's driving word agree with them.
		var found []reach.SearchResult
		err = db.Read(ctx, func(tx reach.Tx) (err error) {
			found, err = tx.SearchWords(ctx, "t1", []string{"zoe", "obrien", "25"}, 10)
			return err
		})
		if err != nil || len(found) != 1 || found[0].ID != customers[25].ID {
			t.Fatalf("search after the load: %+v, %v", found, err)
		}
		if staged, err := db.StagedTermsLeft(ctx); err != nil || staged {
			t.Fatalf("the staging table is left after the load: %v %v", staged, err)
		}

		if err := db.DeferIndexes(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil { // as the next command after a killed load
			t.Fatal(err)
		}
		if healed, err := db.SecondaryIndexes(ctx); err != nil || !reflect.DeepEqual(healed, before) {
			t.Fatalf("indexes after Migrate:\n%v\nwant\n%v (%v)", healed, before, err)
		}
	})
}
