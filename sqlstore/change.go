package sqlstore

import (
	"context"
	"strconv"

	"reach"
)

func (t *tx) InsertChange(ctx context.Context, c *reach.Change) error {
	if _, err := t.exec(ctx, `INSERT INTO changes (id, tenant_id, actor_id, source, action, at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ID, c.TenantID, c.ActorID, string(c.Source), c.Action, t.ts(c.At)); err != nil {
		return err
	}
	// Entries go in multi-row batches: a sync to a thousand records is a few
	// statements, not a thousand. Sequence numbers follow entry order.
	return inBatches(len(c.Entries), 200, func(lo, hi int) error {
		args := make([]any, 0, 6*(hi-lo))
		for _, e := range c.Entries[lo:hi] {
			args = append(args, c.TenantID, c.ID, e.EntityType, e.EntityID, string(e.Before), string(e.After))
		}
		_, err := t.exec(ctx, `INSERT INTO change_entries (tenant_id, change_id, entity_type, entity_id, before, after) VALUES `+
			rowsOf(hi-lo, 6), args...)
		return err
	})
}

func (t *tx) Change(ctx context.Context, tenantID, id string) (*reach.Change, error) {
	c := reach.Change{Entries: []reach.ChangeEntry{}}
	err := t.queryRow(ctx, `SELECT id, tenant_id, actor_id, source, action, at FROM changes WHERE tenant_id = ? AND id = ?`,
		tenantID, id).Scan(&c.ID, &c.TenantID, &c.ActorID, &c.Source, &c.Action, timeCol{&c.At})
	if err != nil {
		return nil, notFound(err, "change", id)
	}
	rows, err := t.query(ctx, `SELECT entity_type, entity_id, before, after FROM change_entries
		WHERE tenant_id = ? AND change_id = ? ORDER BY seq`, tenantID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e reach.ChangeEntry
		var before, after string
		if err := rows.Scan(&e.EntityType, &e.EntityID, &before, &after); err != nil {
			return nil, err
		}
		e.Before, e.After = []byte(before), []byte(after)
		c.Entries = append(c.Entries, e)
	}
	return &c, rows.Err()
}

// History pages by the entries' sequence number, newest first; the cursor is
// the last sequence number seen.
func (t *tx) History(ctx context.Context, tenantID, entityType, entityID, after string, limit int) ([]reach.HistoryItem, error) {
	q := `SELECT e.seq, c.id, c.at, c.actor_id, COALESCE(u.name, ''), c.source, c.action, e.entity_type, e.entity_id, e.before, e.after
		FROM change_entries e JOIN changes c ON c.id = e.change_id AND c.tenant_id = e.tenant_id
		LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.actor_id
		WHERE e.tenant_id = ? AND e.entity_type = ? AND e.entity_id = ?`
	args := []any{tenantID, entityType, entityID}
	if after != "" {
		seq, err := strconv.ParseInt(after, 10, 64)
		if err != nil {
			return nil, reach.Errorf(reach.EMALFORMED, "The cursor is not valid; use the next_cursor of a previous page.")
		}
		q += ` AND e.seq < ?`
		args = append(args, seq)
	}
	q += ` ORDER BY e.seq DESC LIMIT ?`
	args = append(args, limit)
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.HistoryItem
	for rows.Next() {
		var h reach.HistoryItem
		var before, after string
		if err := rows.Scan(&h.Cursor, &h.ChangeID, timeCol{&h.At}, &h.ActorID, &h.ActorName, &h.Source, &h.Action, &h.EntityType, &h.EntityID, &before, &after); err != nil {
			return nil, err
		}
		h.Before, h.After = []byte(before), []byte(after)
		out = append(out, h)
	}
	return out, rows.Err()
}
