package sqlstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
)

// WatchCallEvents calls wake with the tenant of every call event that any
// reach instance commits to this PostgreSQL database, and with "" (every
// tenant) each time it (re)connects, since events may have been committed
// while it was not listening. It runs until ctx ends, reconnecting after a
// second when the connection drops. On SQLite, which one process serves,
// the in-process wake-ups are all there is, so it only waits for ctx.
func (db *DB) WatchCallEvents(ctx context.Context, wake func(tenantID string), logError func(error)) {
	if db.d.notify(callEventsChannel) == "" {
		<-ctx.Done()
		return
	}
	l := &pgxlisten.Listener{
		Connect: func(ctx context.Context) (*pgx.Conn, error) { return pgx.Connect(ctx, db.dsn) },
		LogError: func(ctx context.Context, err error) {
			if ctx.Err() == nil {
				logError(err)
			}
		},
		ReconnectDelay: time.Second,
	}
	l.Handle(callEventsChannel, wakeHandler(wake))
	_ = l.Listen(ctx)
}

// wakeHandler passes each notification's tenant to wake, and wakes every
// tenant after a (re)connection.
type wakeHandler func(tenantID string)

func (w wakeHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	w(n.Payload)
	return nil
}

func (w wakeHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	w("")
	return nil
}
