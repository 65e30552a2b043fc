package sqlstore

import (
	"context"

	"reach"
)

// callEventsChannel is the PostgreSQL notification channel that carries the
// tenant id of every call event, so each instance wakes its own streams.
const callEventsChannel = "reach_call_events"

// DefaultCallEventsKept is how many of its latest events a tenant's feed
// keeps for clients resuming with Last-Event-ID: weeks of a busy call
// center's calls.
const DefaultCallEventsKept = 100_000

func (t *tx) AppendCallEvent(ctx context.Context, e *reach.CallEvent) error {
	// The upsert locks the tenant's counter row until commit: a second
	// appender waits, so it cannot commit a lower seq after a higher one.
	err := t.queryRow(ctx, `INSERT INTO call_event_seq (tenant_id, seq) VALUES (?, 1)
		ON CONFLICT (tenant_id) DO UPDATE SET seq = call_event_seq.seq + 1 RETURNING seq`, e.TenantID).Scan(&e.Seq)
	if err != nil {
		return t.d.translate(err)
	}
	if _, err := t.exec(ctx, `INSERT INTO call_events (tenant_id, seq, type, call_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		e.TenantID, e.Seq, e.Type, e.CallID, string(e.Data), t.ts(e.At)); err != nil {
		return err
	}
	// Now and then the events older than those kept go: a range of the
	// primary key.
	if e.Seq%max(1, t.eventsKept/100) == 0 {
		if _, err := t.exec(ctx, `DELETE FROM call_events WHERE tenant_id = ? AND seq <= ?`, e.TenantID, e.Seq-max(1, t.eventsKept)); err != nil {
			return err
		}
	}
	if q := t.d.notify(callEventsChannel); q != "" {
		_, err := t.exec(ctx, q, e.TenantID)
		return err
	}
	return nil
}

func (t *tx) CallEventsAfter(ctx context.Context, tenantID string, after int64, limit int) ([]reach.CallEvent, error) {
	rows, err := t.query(ctx, `SELECT seq, type, call_id, data, created_at FROM call_events
		WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?`, tenantID, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reach.CallEvent
	for rows.Next() {
		e := reach.CallEvent{TenantID: tenantID}
		var data string
		if err := rows.Scan(&e.Seq, &e.Type, &e.CallID, &data, timeCol{&e.At}); err != nil {
			return nil, err
		}
		e.Data = []byte(data)
		out = append(out, e)
	}
	return out, rows.Err()
}

func (t *tx) LastCallEvent(ctx context.Context, tenantID string) (int64, error) {
	var seq int64
	err := t.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM call_events WHERE tenant_id = ?`, tenantID).Scan(&seq)
	return seq, t.d.translate(err)
}
