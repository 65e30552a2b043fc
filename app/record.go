package app

import "reach"

// loadRecord reads a customer or a location; in a write transaction its row
// stays locked until commit.
func loadRecord(w *work, ref reach.RecordRef) (reach.Record, error) {
	if ref.Type == reach.RecordLocation {
		l, err := w.tx.Location(w.ctx, w.actor.TenantID, ref.ID)
		if err != nil {
			return nil, err
		}
		return l, nil
	}
	c, err := w.tx.Customer(w.ctx, w.actor.TenantID, ref.ID)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// loadRecords reads many records at once, keyed by reference; unknown ones
// are absent.
func loadRecords(w *work, refs []reach.RecordRef) (map[reach.RecordRef]reach.Record, error) {
	ids := map[reach.RecordType][]string{}
	seen := map[reach.RecordRef]bool{}
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			ids[r.Type] = append(ids[r.Type], r.ID)
		}
	}
	out := map[reach.RecordRef]reach.Record{}
	cs, err := w.tx.CustomersByID(w.ctx, w.actor.TenantID, ids[reach.RecordCustomer])
	if err != nil {
		return nil, err
	}
	for i := range cs {
		out[cs[i].Ref()] = &cs[i]
	}
	ls, err := w.tx.LocationsByID(w.ctx, w.actor.TenantID, ids[reach.RecordLocation])
	if err != nil {
		return nil, err
	}
	for i := range ls {
		out[ls[i].Ref()] = &ls[i]
	}
	return out, nil
}
