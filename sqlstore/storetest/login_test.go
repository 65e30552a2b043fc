package storetest

import (
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

// TestLoginsAndSessions: users are found by email across tenants, with
// their password hash and the time before which their sessions are void;
// sessions are kept until they expire.
func TestLoginsAndSessions(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		a, b := newTenant(t, db, "A"), newTenant(t, db, "B")
		ua := &reach.User{ID: reach.NewID(), TenantID: a, Email: "Sam@Example.com", Name: "Sam A", Role: reach.RoleCSR, Active: true, Version: 1, CreatedAt: at(1)}
		ub := &reach.User{ID: reach.NewID(), TenantID: b, Email: "sam@example.com", Name: "Sam B", Role: reach.RoleAdmin, Active: true, Version: 1, CreatedAt: at(2)}
		mustWrite(t, db, func(tx reach.Tx) error {
			if err := tx.InsertUser(ctx, ua); err != nil {
				return err
			}
			return tx.InsertUser(ctx, ub)
		})
		mustWrite(t, db, func(tx reach.Tx) error { return tx.SetPassword(ctx, a, ua.ID, "$argon2id$hash-a", at(3)) })
		mustRead(t, db, func(tx reach.Tx) error {
			logins, err := tx.LoginsByEmail(ctx, "SAM@example.COM")
			if err != nil {
				return err
			}
			if len(logins) != 2 {
				t.Fatalf("%d logins for the email, want one per tenant", len(logins))
			}
			for _, l := range logins {
				switch l.User.ID {
				case ua.ID:
					if l.PasswordHash != "$argon2id$hash-a" || !l.SessionsAfter.Equal(at(3)) {
						t.Errorf("A's login: %+v", l)
					}
				case ub.ID:
					if l.PasswordHash != "" || !l.SessionsAfter.IsZero() {
						t.Errorf("B's login, which has no password: %+v", l)
					}
				}
			}
			return nil
		})
		mustWrite(t, db, func(tx reach.Tx) error { return tx.EndSessions(ctx, b, ub.ID, at(4)) })
		mustRead(t, db, func(tx reach.Tx) error {
			l, err := tx.Login(ctx, b, ub.ID)
			if err != nil || !l.SessionsAfter.Equal(at(4)) || l.User.Name != "Sam B" {
				t.Errorf("B's login after ending sessions: %+v %v", l, err)
			}
			if _, err := tx.Login(ctx, a, ub.ID); reach.ErrorCode(err) != reach.ENOTFOUND {
				t.Errorf("B's user read in tenant A: %v", err)
			}
			return nil
		})
		if err := db.Write(ctx, func(tx reach.Tx) error { return tx.SetPassword(ctx, a, ub.ID, "x", at(5)) }); reach.ErrorCode(err) != reach.ENOTFOUND {
			t.Errorf("a password set across tenants: %v", err)
		}

		now := time.Now()
		if err := db.CommitSession(ctx, "tok-1", []byte("one"), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := db.CommitSession(ctx, "tok-1", []byte("one, again"), now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := db.CommitSession(ctx, "tok-old", []byte("old"), now.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if data, ok, err := db.FindSession(ctx, "tok-1"); err != nil || !ok || string(data) != "one, again" {
			t.Errorf("a live session: %q %v %v", data, ok, err)
		}
		if _, ok, err := db.FindSession(ctx, "tok-old"); err != nil || ok {
			t.Errorf("an expired session was found: %v %v", ok, err)
		}
		if _, ok, err := db.FindSession(ctx, "nope"); err != nil || ok {
			t.Errorf("an unknown session was found: %v %v", ok, err)
		}
		// Sessions expiring before the given time are deleted, later ones kept.
		if err := db.CommitSession(ctx, "tok-soon", []byte("soon"), now.Add(30*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteExpiredSessions(ctx, now.Add(45*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := db.FindSession(ctx, "tok-soon"); ok {
			t.Error("a session expiring before the cut was not deleted")
		}
		if _, ok, _ := db.FindSession(ctx, "tok-1"); !ok {
			t.Error("a session expiring after the cut was deleted")
		}
		if err := db.DeleteSession(ctx, "tok-1"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteSession(ctx, "tok-1"); err != nil {
			t.Errorf("deleting a deleted session: %v", err)
		}
		if _, ok, _ := db.FindSession(ctx, "tok-1"); ok {
			t.Error("a deleted session was found")
		}
	})
}
