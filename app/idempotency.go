package app

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"reach"
)

// idempotencyTTL is how long a tenant's Idempotency-Keys are remembered.
const idempotencyTTL = 24 * time.Hour

// idempotencyLease is how long a key stays reserved for a request that has
// not finished; longer than any request may run (serve's write timeout).
const idempotencyLease = 2 * time.Minute

// An Idempotency-Key is stored as its hash, and the response it answers is
// sealed with a key derived from it: the database alone gives up neither,
// and a response kept for a retry can hold a secret shown once, such as a
// new API token's.

// keyID is what the store keeps of an Idempotency-Key.
func keyID(key string) string {
	sum := sha256.Sum256([]byte("reach idempotency key\x00" + key))
	return hex.EncodeToString(sum[:])
}

// responseCipher seals and opens the response of one key and request.
func responseCipher(key, fingerprint string) cipher.AEAD {
	k := sha256.Sum256([]byte("reach idempotent response\x00" + key + "\x00" + fingerprint))
	block, err := aes.NewCipher(k[:])
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}

func seal(key, fingerprint string, response []byte) []byte {
	aead := responseCipher(key, fingerprint)
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)
	return aead.Seal(nonce, nonce, response, nil)
}

func open(key, fingerprint string, sealed []byte) ([]byte, error) {
	aead := responseCipher(key, fingerprint)
	if len(sealed) < aead.NonceSize() {
		return nil, errors.New("idempotency: stored response is too short")
	}
	return aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], nil)
}

// BeginIdempotent reserves a tenant's idempotency key for the request
// fingerprint names, before the request runs. It returns the first
// response when a request with this key already completed; refuses the key
// with EIDEMPOTENCYREUSED when it came with another request, and with
// EIDEMPOTENCYBUSY while the first is still running (a first request that
// has not finished within idempotencyLease is taken to have died);
// and returns nil, nil when this request is the first and may run. The
// caller then finishes or abandons the key.
func (a *App) BeginIdempotent(ctx context.Context, actor reach.Actor, key, fingerprint string) ([]byte, error) {
	var held *reach.IdempotencyRecord
	err := a.store.Write(ctx, func(tx reach.Tx) error {
		r := &reach.IdempotencyRecord{TenantID: actor.TenantID, Key: keyID(key), Fingerprint: fingerprint, CreatedAt: tx.Now()}
		var err error
		held, err = tx.ReserveIdempotencyKey(ctx, r, tx.Now().Add(-idempotencyTTL))
		if err == nil && held != nil && held.Response == nil && held.CreatedAt.Before(tx.Now().Add(-idempotencyLease)) {
			// The first request never finished (its instance stopped, say):
			// this one takes the key over.
			if err = tx.ReleaseIdempotencyKey(ctx, actor.TenantID, r.Key); err == nil {
				held, err = tx.ReserveIdempotencyKey(ctx, r, tx.Now().Add(-idempotencyTTL))
			}
		}
		return err
	})
	switch {
	case err != nil:
		return nil, err
	case held == nil:
		return nil, nil
	case held.Fingerprint != fingerprint:
		return nil, reach.Errorf(reach.EIDEMPOTENCYREUSED,
			"This idempotency key was already used, %s, for another request; use a new key for each request.", ago(held.CreatedAt))
	case held.Response == nil:
		return nil, reach.Errorf(reach.EIDEMPOTENCYBUSY,
			"The request first sent with this idempotency key is still being processed; retry in a moment.")
	}
	response, err := open(key, fingerprint, held.Response)
	if err != nil {
		return nil, &reach.Error{Code: reach.EINTERNAL, Message: "The response kept for this idempotency key can't be read.", Err: err}
	}
	return response, nil
}

// FinishIdempotent keeps, sealed, the response of the request a key was
// reserved for.
func (a *App) FinishIdempotent(ctx context.Context, actor reach.Actor, key, fingerprint string, response []byte) error {
	sealed := seal(key, fingerprint, response)
	return a.store.Write(ctx, func(tx reach.Tx) error {
		return tx.CompleteIdempotencyKey(ctx, actor.TenantID, keyID(key), sealed)
	})
}

// AbandonIdempotent forgets a key whose request failed on the server's
// side, so a retry runs it again.
func (a *App) AbandonIdempotent(ctx context.Context, actor reach.Actor, key string) error {
	return a.store.Write(ctx, func(tx reach.Tx) error { return tx.ReleaseIdempotencyKey(ctx, actor.TenantID, keyID(key)) })
}

// ago says how long ago t was, for a person.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "moments ago"
	case d < time.Hour:
		return d.Round(time.Minute).String() + " ago"
	}
	return d.Round(time.Hour).String() + " ago"
}
