package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"reach"
	"reach/sqlstore"
)

func TestTenantsUsersTokens(t *testing.T) {
	ForEachBackend(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		tenantA := &reach.Tenant{ID: reach.NewID(), Name: "Acme Plumbing", CreatedAt: at(1)}
		tenantB := &reach.Tenant{ID: reach.NewID(), Name: "Bolt Electric", CreatedAt: at(2)}
		mustWrite(t, db, func(tx reach.Tx) error {
			if err := tx.InsertTenant(ctx, tenantA); err != nil {
				return err
			}
			return tx.InsertTenant(ctx, tenantB)
		})
		ann := &reach.User{ID: reach.NewID(), TenantID: tenantA.ID, Email: "Ann.Admin@Example.com", Name: "Ann Admin",
			Role: reach.RoleAdmin, Active: true, CreatedAt: at(3)}
		vic := &reach.User{ID: reach.NewID(), TenantID: tenantA.ID, Email: "vic@example.com", Name: "Vic Viewer",
			Role: reach.RoleViewer, Active: false, CreatedAt: at(4)}
		mustWrite(t, db, func(tx reach.Tx) error {
			if err := tx.InsertUser(ctx, ann); err != nil {
				return err
			}
			return tx.InsertUser(ctx, vic)
		})
		secret, hash := reach.NewTokenSecret()
		token := &reach.Token{ID: reach.NewID(), TenantID: tenantA.ID, UserID: ann.ID, Name: "ci", Hash: hash, CreatedAt: at(5)}
		mustWrite(t, db, func(tx reach.Tx) error { return tx.InsertToken(ctx, token) })

		t.Run("a tenant reads back exactly", func(t *testing.T) {
			mustRead(t, db, func(tx reach.Tx) error {
				got, err := tx.Tenant(ctx, tenantA.ID)
				if err != nil {
					return err
				}
				wantEqual(t, "tenant", got, tenantA)
				return nil
			})
		})
		t.Run("an unknown tenant is not found", func(t *testing.T) {
			mustRead(t, db, func(tx reach.Tx) error {
				_, err := tx.Tenant(ctx, reach.NewID())
				wantCode(t, err, reach.ENOTFOUND)
				return nil
			})
		})
		t.Run("a user reads back exactly, email case kept", func(t *testing.T) {
			mustRead(t, db, func(tx reach.Tx) error {
				got, err := tx.User(ctx, tenantA.ID, ann.ID)
				if err != nil {
					return err
				}
				wantEqual(t, "user", got, ann)
				return nil
			})
		})
		t.Run("ListUsers returns the tenant's users in id order", func(t *testing.T) {
			mustRead(t, db, func(tx reach.Tx) error {
				got, err := tx.ListUsers(ctx, tenantA.ID, "", 100)
				if err != nil {
					return err
				}
				wantEqual(t, "users", got, []reach.User{*ann, *vic})
				return nil
			})
		})

		t.Run("duplicate email in a tenant is a conflict, whatever its case", func(t *testing.T) {
			for _, email := range []string{"Ann.Admin@Example.com", "ann.admin@example.com", "ANN.ADMIN@EXAMPLE.COM"} {
				t.Run(email, func(t *testing.T) {
					dup := &reach.User{ID: reach.NewID(), TenantID: tenantA.ID, Email: email, Name: "Copy",
						Role: reach.RoleCSR, Active: true, CreatedAt: at(6)}
					err := db.Write(ctx, func(tx reach.Tx) error { return tx.InsertUser(ctx, dup) })
					wantCode(t, err, reach.ECONFLICT)
					// The driver's error is kept as the cause, for the log.
					var e *reach.Error
					if !errors.As(err, &e) || e.Err == nil || !strings.Contains(errors.Unwrap(err).Error(), "users") {
						t.Errorf("the conflict carries no cause from the database: %v", err)
					}
				})
			}
		})
		t.Run("the same email in another tenant is fine", func(t *testing.T) {
			other := &reach.User{ID: reach.NewID(), TenantID: tenantB.ID, Email: "ann.admin@example.com", Name: "Other Ann",
				Role: reach.RoleAdmin, Active: true, CreatedAt: at(7)}
			mustWrite(t, db, func(tx reach.Tx) error { return tx.InsertUser(ctx, other) })
			mustRead(t, db, func(tx reach.Tx) error {
				got, err := tx.ListUsers(ctx, tenantB.ID, "", 100)
				if err != nil {
					return err
				}
				wantEqual(t, "tenant B users", got, []reach.User{*other})
				return nil
			})
		})

		t.Run("TokenByHash finds the token and its user", func(t *testing.T) {
			// Every request checks a token, so the query is prepared once and
			// reused: repeat it, in read and in write transactions alike.
			ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			for i := range 20 {
				run := db.Read
				if i%2 == 1 {
					run = db.Write
				}
				err := run(ctx, func(tx reach.Tx) error {
					gotToken, gotUser, err := tx.TokenByHash(ctx, reach.HashToken(secret))
					if err != nil {
						return err
					}
					wantEqual(t, "token", gotToken, token)
					wantEqual(t, "user", gotUser, ann)
					return nil
				})
				if err != nil {
					t.Fatalf("lookup %d: %v", i, err)
				}
				time.Sleep(time.Millisecond)
			}
		})
		t.Run("TokenByHash of an unknown hash is not found", func(t *testing.T) {
			mustRead(t, db, func(tx reach.Tx) error {
				_, _, err := tx.TokenByHash(ctx, reach.HashToken("reach_unknown"))
				wantCode(t, err, reach.ENOTFOUND)
				return nil
			})
		})
		t.Run("another tenant cannot read the user", func(t *testing.T) {
			mustRead(t, db, func(tx reach.Tx) error {
				_, err := tx.User(ctx, tenantB.ID, ann.ID)
				wantCode(t, err, reach.ENOTFOUND)
				return nil
			})
		})
	})
}
