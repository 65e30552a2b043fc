package app

import (
	"context"
	"time"

	"reach"
)

// idempotencyTTL is how long a tenant's Idempotency-Keys are remembered.
const idempotencyTTL = 24 * time.Hour

// BeginIdempotent reserves a tenant's idempotency key for the request
// fingerprint names, before the request runs. It returns the first
// response when a request with this key already completed; refuses the key
// with EIDEMPOTENCYREUSED when it came with another request, and with
// EIDEMPOTENCYBUSY while the first is still running (or was cut short);
// and returns nil, nil when this request is the first and may run. The
// caller then finishes or abandons the key.
func (a *App) BeginIdempotent(ctx context.Context, actor reach.Actor, key, fingerprint string) ([]byte, error) {
	var held *reach.IdempotencyRecord
	err := a.store.Write(ctx, func(tx reach.Tx) error {
		r := &reach.IdempotencyRecord{TenantID: actor.TenantID, Key: key, Fingerprint: fingerprint, CreatedAt: tx.Now()}
		var err error
		held, _, err = tx.ReserveIdempotencyKey(ctx, r, tx.Now().Add(-idempotencyTTL))
		return err
	})
	switch {
	case err != nil:
		return nil, err
	case held == nil:
		return nil, nil
	case held.Fingerprint != fingerprint:
		return nil, reach.Errorf(reach.EIDEMPOTENCYREUSED,
			"This Idempotency-Key was used %s ago for another request; use a new key for each request.", since(held.CreatedAt))
	case held.Response == nil:
		return nil, reach.Errorf(reach.EIDEMPOTENCYBUSY,
			"The request first sent with this Idempotency-Key is still being processed, or was interrupted; check whether it took effect before retrying with a new key.")
	}
	return held.Response, nil
}

// FinishIdempotent keeps the response of the request a key was reserved for.
func (a *App) FinishIdempotent(ctx context.Context, actor reach.Actor, key string, response []byte) error {
	return a.store.Write(ctx, func(tx reach.Tx) error { return tx.CompleteIdempotencyKey(ctx, actor.TenantID, key, response) })
}

// AbandonIdempotent forgets a key whose request failed on the server's
// side, so a retry runs it again.
func (a *App) AbandonIdempotent(ctx context.Context, actor reach.Actor, key string) error {
	return a.store.Write(ctx, func(tx reach.Tx) error { return tx.ReleaseIdempotencyKey(ctx, actor.TenantID, key) })
}

func since(t time.Time) string { return time.Since(t).Round(time.Second).String() }
