package api

import (
	"context"
	"net/http"

	"reach"
)

// setActive serves deactivating or reactivating a customer, location or
// user: set is the app's use case, version reads the answer's version.
func setActive[T any](active bool, set func(context.Context, reach.Actor, string, bool, int64) (T, error), version func(T) int64) endpoint {
	return func(r *http.Request) (reply, error) {
		var in versionBody
		if err := decodeOptional(r, &in); err != nil {
			return reply{}, err
		}
		base, err := baseVersion(r, in.Version)
		if err != nil {
			return reply{}, err
		}
		v, err := set(r.Context(), actor(r), r.PathValue("id"), active, base)
		if err != nil {
			return reply{}, err
		}
		return reply{body: v, version: version(v)}, nil
	}
}

func customerVersion(c *reach.Customer) int64 { return c.Version }
func locationVersion(l *reach.Location) int64 { return l.Version }
func userVersion(u *reach.User) int64         { return u.Version }
