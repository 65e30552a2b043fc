package app

import (
	"context"

	"reach"
)

// SharedWith counts, for each contact method of r, the other active records
// holding its value — the records a change of it would offer to sync.
func (a *App) SharedWith(ctx context.Context, actor reach.Actor, r reach.Record) (map[string]int, error) {
	if err := actor.Require(r.Ref().Type.ViewPermission()); err != nil {
		return nil, err
	}
	out := map[string]int{}
	err := a.view(ctx, actor, func(w *work) error {
		byKey := map[string]int{}
		for _, m := range r.Header().ContactMethods {
			n, seen := byKey[m.Key]
			if !seen {
				held, err := w.tx.ContactsByKey(ctx, actor.TenantID, m.Key)
				if err != nil {
					return err
				}
				owners := map[reach.RecordRef]bool{}
				for _, h := range held {
					if h.Owner != r.Ref() && h.RecordActive {
						owners[h.Owner] = true
					}
				}
				n = len(owners)
				byKey[m.Key] = n
			}
			if n > 0 {
				out[m.ID] = n
			}
		}
		return nil
	})
	return out, err
}
