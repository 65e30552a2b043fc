package app

import (
	"context"
	"strconv"

	"reach"
)

// History lists the changes to one customer or location, newest first. The
// audit trail holds every value a record ever had, so reading it takes
// audit.view, whichever route asks (SPEC §7).
func (a *App) History(ctx context.Context, actor reach.Actor, ref reach.RecordRef, cursor string, limit int) ([]reach.HistoryItem, string, error) {
	if err := actor.Require(reach.PermAuditView); err != nil {
		return nil, "", err
	}
	if err := actor.Require(ref.Type.ViewPermission()); err != nil {
		return nil, "", err
	}
	limit = clampLimit(limit)
	var items []reach.HistoryItem
	err := a.view(ctx, actor, func(w *work) error {
		if _, err := loadRecord(w, ref); err != nil {
			return err
		}
		var err error
		items, err = w.tx.History(ctx, actor.TenantID, string(ref.Type), ref.ID, cursor, limit)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(items) == limit {
		next = strconv.FormatInt(items[len(items)-1].Cursor, 10)
	}
	if items == nil {
		items = []reach.HistoryItem{}
	}
	return items, next, nil
}

// Change returns everything one change did; like History it takes audit.view.
func (a *App) Change(ctx context.Context, actor reach.Actor, id string) (*reach.Change, error) {
	if err := actor.Require(reach.PermAuditView); err != nil {
		return nil, err
	}
	var c *reach.Change
	err := a.view(ctx, actor, func(w *work) (err error) {
		c, err = w.tx.Change(ctx, actor.TenantID, id)
		return err
	})
	return c, err
}
