package app_test

import (
	"fmt"
	"testing"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// TestSignInAndSessions: a user with a password signs in and their session
// speaks for them until their password is set again or they are
// deactivated — on reactivation, old sessions stay ended.
func TestSignInAndSessions(t *testing.T) {
	storetest.ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tn := newTenant(t, db)
		sam, err := tn.app.CreateUser(ctx, tn.admin, app.UserInput{Email: "sam@testservices.com", Name: "Sam", Role: reach.RoleCSR})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tn.app.SignIn(ctx, "sam@testservices.com", "anything at all", "10.0.0.1"); reach.ErrorCode(err) != reach.EUNAUTHENTICATED {
			t.Fatalf("signing in before a password is set: %v", err)
		}
		if err := tn.app.SetPassword(ctx, tn.admin, sam.ID, "short"); reach.ErrorCode(err) != reach.EVALIDATION {
			t.Fatalf("a short password: %v", err)
		}
		if err := tn.app.SetPassword(ctx, tn.admin, sam.ID, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		asSam := reach.Actor{TenantID: tn.admin.TenantID, UserID: sam.ID, Role: reach.RoleCSR, Source: reach.SourceUI}
		if err := tn.app.SetPassword(ctx, asSam, sam.ID, "my own choice here"); reach.ErrorCode(err) != reach.EFORBIDDEN {
			t.Fatalf("a CSR setting a password: %v", err)
		}
		for _, wrong := range []struct{ email, password string }{
			{"sam@testservices.com", "correct horse battery staple"}, {"nobody@testservices.com", "correct horse battery"}, {"", ""},
		} {
			_, err := tn.app.SignIn(ctx, wrong.email, wrong.password, "10.0.0.1")
			if reach.ErrorCode(err) != reach.EUNAUTHENTICATED || err.Error() != (&reach.Error{Code: reach.EUNAUTHENTICATED, Message: "The email or password is not right."}).Error() {
				t.Errorf("%q / %q: %v", wrong.email, wrong.password, err)
			}
		}
		s, err := tn.app.SignIn(ctx, "  SAM@testservices.com ", "correct horse battery", "10.0.0.1")
		if err != nil || s.UserID != sam.ID || s.TenantID != tn.admin.TenantID || s.SignedInAt.IsZero() {
			t.Fatalf("signing in: %+v %v", s, err)
		}
		if a, err := tn.app.AuthenticateSession(ctx, s, reach.SourceUI); err != nil || a.UserID != sam.ID || a.Role != reach.RoleCSR {
			t.Fatalf("the session: %+v %v", a, err)
		}
		// A new password ends the sessions signed in with the old one.
		if err := tn.app.SetPassword(ctx, tn.admin, sam.ID, "a brand new passphrase"); err != nil {
			t.Fatal(err)
		}
		if _, err := tn.app.AuthenticateSession(ctx, s, reach.SourceUI); reach.ErrorCode(err) != reach.EUNAUTHENTICATED {
			t.Fatalf("a session from before the new password: %v", err)
		}
		s, err = tn.app.SignIn(ctx, "sam@testservices.com", "a brand new passphrase", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		// Deactivation ends them too, for good.
		u, _ := tn.app.User(ctx, tn.admin, sam.ID)
		if u, err = tn.app.SetUserActive(ctx, tn.admin, sam.ID, false, u.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := tn.app.AuthenticateSession(ctx, s, reach.SourceUI); reach.ErrorCode(err) != reach.EUNAUTHENTICATED {
			t.Fatalf("a deactivated user's session: %v", err)
		}
		if _, err := tn.app.SignIn(ctx, "sam@testservices.com", "a brand new passphrase", "10.0.0.1"); reach.ErrorCode(err) != reach.EUNAUTHENTICATED {
			t.Fatalf("a deactivated user signing in: %v", err)
		}
		if _, err := tn.app.SetUserActive(ctx, tn.admin, sam.ID, true, u.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := tn.app.AuthenticateSession(ctx, s, reach.SourceUI); reach.ErrorCode(err) != reach.EUNAUTHENTICATED {
			t.Fatalf("a session from before deactivation, after reactivation: %v", err)
		}
		if _, err := tn.app.SignIn(ctx, "sam@testservices.com", "a brand new passphrase", "10.0.0.1"); err != nil {
			t.Fatalf("signing in again once reactivated: %v", err)
		}
	})
}

// TestSignInAttemptsAreLimited: guessing one account's password from one
// address is cut off after a handful of tries, without locking the owner
// out from their own address; from many addresses it is cut off too, after
// more; and one address trying many accounts is cut off.
func TestSignInAttemptsAreLimited(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	tn := newTenant(t, db)
	ctx := t.Context()
	limited := func(email, address string, tries int) bool {
		for range tries {
			if _, err := tn.app.SignIn(ctx, email, "wrong password!", address); reach.ErrorCode(err) == reach.ETOOMANYATTEMPTS {
				return true
			}
		}
		return false
	}
	if limited("owner@testservices.com", "10.0.0.9", 10) {
		t.Fatal("limited within the first 10 attempts on an account")
	}
	if !limited("owner@testservices.com", "10.0.0.9", 1) {
		t.Error("the 11th attempt on one account from one address was not limited")
	}
	if limited("owner@testservices.com", "10.0.0.10", 1) {
		t.Error("one address's guesses locked the account's owner out of another")
	}
	spread := false
	for i := range 120 {
		if limited("owner@testservices.com", fmt.Sprintf("10.1.%d.%d", i/200, i%200), 1) {
			spread = i >= 80
			break
		}
	}
	if !spread {
		t.Error("guesses at one account from many addresses were never limited, or limited too soon")
	}
	if limited("other@testservices.com", "10.0.0.11", 1) {
		t.Error("another account was limited")
	}
	// Signing in rightly costs nothing: a shift of agents behind one
	// address is never slowed.
	if _, err := tn.app.CreateUser(ctx, tn.admin, app.UserInput{Email: "agent@testservices.com", Name: "Agent", Role: reach.RoleCSR, Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		if _, err := tn.app.SignIn(ctx, "agent@testservices.com", "correct horse battery", "10.0.0.13"); err != nil {
			t.Fatalf("sign-in %d with the right password: %v", i+1, err)
		}
	}
	for i := range 40 {
		if _, err := tn.app.SignIn(ctx, "user"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@x.com", "wrong password!", "10.0.0.12"); reach.ErrorCode(err) == reach.ETOOMANYATTEMPTS {
			if i < 30 {
				t.Errorf("an address was limited after %d attempts", i)
			}
			return
		}
	}
	t.Error("40 accounts tried from one address at once were never limited")
}
