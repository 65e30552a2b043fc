package sqlstore

import (
	"context"
	"net"
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
		Connect: db.listenConn,
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

// listenConn connects with TCP keep-alives of a few seconds: the listening
// connection only ever waits, so a silently dropped one (a failover, a NAT
// timeout) would otherwise go unnoticed for minutes, and other instances'
// calls would pop late.
func (db *DB) listenConn(ctx context.Context) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(db.dsn)
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 5 * time.Second, Interval: 2 * time.Second, Count: 3}}
	cfg.DialFunc = d.DialContext
	return pgx.ConnectConfig(ctx, cfg)
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

// CallEventListeners counts the connections listening for call events on
// this PostgreSQL database, for health checks and tests; 0 on SQLite.
func (db *DB) CallEventListeners(ctx context.Context) (int, error) {
	if db.d.notify(callEventsChannel) == "" {
		return 0, nil
	}
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND query = $1`, "listen "+pgx.Identifier{callEventsChannel}.Sanitize()).Scan(&n)
	return n, err
}
