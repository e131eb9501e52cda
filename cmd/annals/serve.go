package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[--addr HOST:PORT] [--content DIR] [--data DIR]", `
Index the content folder if it changed, then serve the site: the timeline,
event, source, actor, tag and search pages and the JSON API. Notes with
errors are reported and skipped, as by "annals index"; the rest are served.
Stop with Ctrl-C; requests in flight are allowed to finish.`)
	content, data := folderFlags(e, fs)
	addr := fs.String("addr", envOr(e, "ANNALS_ADDR", "127.0.0.1:8080"), "the `address` to listen on; port 0 picks a free one (env ANNALS_ADDR)")
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals serve: unexpected argument %q\n", rest[0])
		return errUsage
	}

	lib, err := index.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer lib.Close()
	rep, err := update(ctx, e, lib, *content)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s\n", summary(rep))

	// Listen before printing, so that with port 0 the real address is shown.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Handler:           web.NewServer(lib, web.Options{Logger: logger}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(e.stdout, "serving on http://%s\n", ln.Addr())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
