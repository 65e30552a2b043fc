package app

import (
	"context"
	"strconv"

	"reach"
)

// History lists the changes to one customer or location, newest first.
func (a *App) History(ctx context.Context, actor reach.Actor, ref reach.RecordRef, cursor string, limit int) ([]reach.HistoryItem, string, error) {
	if err := actor.Require(viewPermission(ref.Type)); err != nil {
		return nil, "", err
	}
	limit = clampLimit(limit)
	var items []reach.HistoryItem
	err := a.read(ctx, func(tx reach.Tx) error {
		if _, err := loadRecord(ctx, tx, actor.TenantID, ref); err != nil {
			return err
		}
		var err error
		items, err = tx.History(ctx, actor.TenantID, string(ref.Type), ref.ID, cursor, limit)
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

// Change returns everything one change did. Auditors see every change; other
// users see their own, so they can check and revert what they did.
func (a *App) Change(ctx context.Context, actor reach.Actor, id string) (*reach.Change, error) {
	var c *reach.Change
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		c, err = tx.Change(ctx, actor.TenantID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if c.ActorID != actor.UserID {
		if err := actor.Require(reach.PermAuditView); err != nil {
			return nil, err
		}
	}
	return c, nil
}
