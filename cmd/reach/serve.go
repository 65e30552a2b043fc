package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"reach/app"
	"reach/demo"
	"reach/web"
	"reach/web/api"
	"reach/web/ui"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("serve", "[--addr HOST:PORT] [--demo] [--secure-cookies] [--db DSN]")
	store := dbFlag(f)
	addr := f.String("addr", "127.0.0.1:8080", "address to listen on (HOST:PORT)")
	withDemo := f.Bool("demo", false, "on an empty database, create a demo tenant with users and sample customers")
	secureCookies := f.Bool("secure-cookies", false, "mark the sign-in cookie Secure: set it when reach is reached over HTTPS (directly or behind a proxy)")
	if _, err := f.parse(args, stdout); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	db, err := store.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	a := app.New(db)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()
	if *withDemo {
		info, err := demo.Ensure(ctx, a, db)
		if err != nil {
			ln.Close()
			return fmt.Errorf("demo data: %w", err)
		}
		demo.Print(stdout, baseURL, info)
	}
	watchCtx, stopWatching := context.WithCancel(context.Background())
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		db.WatchCallEvents(watchCtx, a.WakeCallFeeds, func(err error) {
			log.Error("listening for other instances' call events", "err", err)
		})
	}()
	defer func() { stopWatching(); <-watching }() // before the database closes
	handler := web.New(a, db, log, *secureCookies)
	api.Register(handler)
	ui.Register(handler)
	srv := &http.Server{
		Handler:           handler.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	// Open call streams never go idle; end them when shutdown begins so it
	// need not wait for its deadline.
	srv.RegisterOnShutdown(handler.EndStreams)
	fmt.Fprintf(stdout, "reach is listening on %s (database: %s)\n", baseURL, db.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
