package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// stored reads every customer and location of a tenant.
func stored(t *testing.T, db *sqlstore.DB, tenantID string) ([]reach.Customer, []reach.Location) {
	t.Helper()
	var cs []reach.Customer
	var ls []reach.Location
	err := db.Read(context.Background(), func(tx reach.Tx) error {
		for after := ""; ; {
			page, err := tx.ListCustomers(context.Background(), tenantID, reach.CustomerFilter{After: after, Limit: 200})
			if err != nil || len(page) == 0 {
				return err
			}
			cs = append(cs, page...)
			after = page[len(page)-1].ID
		}
	})
	if err == nil {
		err = db.Read(context.Background(), func(tx reach.Tx) error {
			for after := ""; ; {
				page, err := tx.ListLocations(context.Background(), tenantID, reach.LocationFilter{After: after, Limit: 200})
				if err != nil || len(page) == 0 {
					return err
				}
				ls = append(ls, page...)
				after = page[len(page)-1].ID
			}
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return cs, ls
}

// checkTokens proves each user's token signs in as that user.
func checkTokens(t *testing.T, a *app.App, info Info) {
	t.Helper()
	if len(info.Users) != len(demoUsers) {
		t.Fatalf("got %d users, want %d", len(info.Users), len(demoUsers))
	}
	for _, u := range info.Users {
		actor, err := a.Authenticate(context.Background(), u.Token, reach.SourceAPI)
		if err != nil {
			t.Errorf("token of %s does not authenticate: %v", u.Email, err)
			continue
		}
		user, err := a.User(context.Background(), reach.Actor{TenantID: actor.TenantID, Role: reach.RoleAdmin}, actor.UserID)
		if err != nil || user.Email != u.Email || actor.Role != u.Role || actor.TenantID != info.TenantID {
			t.Errorf("token of %s authenticates as %+v (%v)", u.Email, actor, err)
		}
	}
}

func TestEnsureCreatesARealisticDemoOnce(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	a := app.New(db)
	info, err := Ensure(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Created || info.TenantName != TenantName {
		t.Fatalf("first Ensure: %+v", info)
	}
	checkTokens(t, a, info)

	cs, ls := stored(t, db, info.TenantID)
	if len(cs) < 250 || len(cs) != info.Customers || len(ls) != info.Locations {
		t.Fatalf("stored %d customers and %d locations; Info says %d and %d; want at least 250 customers",
			len(cs), len(ls), info.Customers, info.Locations)
	}
	kinds := map[reach.Kind]bool{}
	customersByKey := map[string]map[string]bool{}
	ownKeys := map[string]map[string]bool{} // customer → its own keys
	inactive := 0
	for _, c := range cs {
		if !c.Active {
			inactive++
		}
		ownKeys[c.ID] = map[string]bool{}
		for _, m := range c.ContactMethods {
			kinds[m.Kind] = true
			ownKeys[c.ID][m.Key] = true
			if customersByKey[m.Key] == nil {
				customersByKey[m.Key] = map[string]bool{}
			}
			customersByKey[m.Key][c.ID] = true
		}
	}
	onOwnLocation := 0
	for _, l := range ls {
		for _, m := range l.ContactMethods {
			kinds[m.Kind] = true
			if ownKeys[l.CustomerID][m.Key] {
				onOwnLocation++
			}
		}
	}
	for _, k := range reach.Kinds {
		if !kinds[k] {
			t.Errorf("no %s contact method in the demo", k)
		}
	}
	crossCustomer := 0
	for _, owners := range customersByKey {
		if len(owners) > 1 {
			crossCustomer++
		}
	}
	if crossCustomer == 0 {
		t.Error("no value is shared between two customers")
	}
	if onOwnLocation == 0 {
		t.Error("no location lists a value of its own customer")
	}
	if inactive == 0 {
		t.Error("no inactive customer in the demo")
	}
	csr := reach.Actor{TenantID: info.TenantID, Role: reach.RoleCSR, Source: reach.SourceAPI}
	if rs, _, err := a.Search(ctx, csr, info.Example, 0, 10); err != nil || len(rs) == 0 {
		t.Errorf("searching the printed example %q found %d results, err %v", info.Example, len(rs), err)
	}
	t.Logf("demo: %d customers, %d locations, %d inactive, %d values on several customers, %d location methods reuse the customer's value",
		len(cs), len(ls), inactive, crossCustomer, onOwnLocation)

	again, err := Ensure(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created || again.TenantID != info.TenantID || again.Customers != 0 {
		t.Errorf("second Ensure: %+v", again)
	}
	checkTokens(t, a, again)
	for i, u := range again.Users {
		if u.Token == info.Users[i].Token {
			t.Errorf("second Ensure reused the token of %s", u.Email)
		}
		// Each restart revokes what the last one printed, so restarts do
		// not pile up working tokens.
		if _, err := app.New(db).Authenticate(ctx, info.Users[i].Token, reach.SourceAPI); reach.ErrorCode(err) != reach.EUNAUTHENTICATED {
			t.Errorf("the first run's token of %s still works after a restart: %v", info.Users[i].Email, err)
		}
	}
	if cs2, _ := stored(t, db, info.TenantID); len(cs2) != len(cs) {
		t.Errorf("second Ensure changed the customer count from %d to %d", len(cs), len(cs2))
	}
	if tenants, _ := db.Tenants(ctx); len(tenants) != 1 {
		t.Errorf("%d tenants after two Ensures, want 1", len(tenants))
	}
}

func TestEnsureRefusesADatabaseOfOtherTenants(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	a := app.New(db)
	if _, err := a.InitTenant(ctx, "Acme Heating", app.UserInput{Email: "owner@acmeheating.com", Name: ""}, reach.SourceCLI); err != nil {
		t.Fatal(err)
	}
	_, err := Ensure(ctx, a, db)
	if err == nil || !strings.Contains(err.Error(), "none is") {
		t.Fatalf("Ensure on another business's database: %v", err)
	}
	if tenants, _ := db.Tenants(ctx); len(tenants) != 1 {
		t.Errorf("Ensure added a tenant: %d tenants", len(tenants))
	}
}

func TestPrintShowsURLUsersTokensAndCurl(t *testing.T) {
	info := Info{TenantName: TenantName, Created: true, Customers: 300, Locations: 321, Example: "Zoë O'Brien",
		Users: []User{
			{Email: "admin@demohomeservices.com", Name: "Alex Rivera", Role: reach.RoleAdmin, Token: "reach_admintoken"},
			{Email: "csr@demohomeservices.com", Name: "Casey Nguyen", Role: reach.RoleCSR, Token: "reach_csrtoken"},
		}}
	var b bytes.Buffer
	Print(&b, "http://127.0.0.1:8080", info)
	out := b.String()
	for _, want := range []string{"http://127.0.0.1:8080/", "admin@demohomeservices.com", "reach_admintoken", "csr",
		"curl -s -H 'Authorization: Bearer reach_csrtoken' 'http://127.0.0.1:8080/api/v1/customers?limit=5'",
		"search?q=Zo%C3%AB+O%27Brien", "300 customers"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestARestartListsADeactivatedDemoUser: a demo user deactivated since the
// demo was made is still listed on a restart, saying why there is no token,
// rather than silently left out.
func TestARestartListsADeactivatedDemoUser(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	a := app.New(db)
	info, err := Ensure(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := a.Authenticate(ctx, info.Users[0].Token, reach.SourceAPI)
	if err != nil {
		t.Fatal(err)
	}
	users, err := a.ListUsers(ctx, admin, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var viewer reach.User
	for _, u := range users {
		if u.Role == reach.RoleViewer {
			viewer = u
		}
	}
	if _, err := a.SetUserActive(ctx, admin, viewer.ID, false, viewer.Version); err != nil {
		t.Fatal(err)
	}
	again, err := Ensure(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	Print(&b, "http://127.0.0.1:8080", again)
	if len(again.Users) != len(info.Users) || !strings.Contains(b.String(), viewer.Email) || !strings.Contains(b.String(), "(deactivated") {
		t.Errorf("the restart's banner:\n%s", b.String())
	}
}
