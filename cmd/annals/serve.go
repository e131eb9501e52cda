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
	"annals.dev/annals/internal/watch"
	"annals.dev/annals/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[--addr HOST:PORT] [--watch] [--content DIR] [--data DIR]", `
Index the content folder if it changed, then serve the site: the timeline,
event, source, actor, tag and search pages and the JSON API. Notes with
errors are reported and skipped, as by "annals index"; the rest are served.
Stop with Ctrl-C; requests in flight have half a second to finish.

While it runs, the server has the data folder: the other commands given the
same folder go through it (it runs their index updates and searches).

With --watch, the content folder is watched while serving: each save is
re-indexed at once, open pages reload themselves, and every page lists the
notes' errors (a broken note keeps its last good version on the site).
Quotations are checked against the sources' stored texts (sources/<id>.txt)
as "annals check" does, and a saved text re-checks every event citing it.`)
	content, data := folderFlags(e, fs)
	addr := fs.String("addr", envOr(e, "ANNALS_ADDR", "127.0.0.1:8080"), "the `address` to listen on; port 0 picks a free one (env ANNALS_ADDR)")
	watching := fs.Bool("watch", false, "re-index on every change to the content folder and reload open pages")
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals serve: unexpected argument %q\n", rest[0])
		return errUsage
	}

	lib, _, err := open(ctx, e, "serve", *content, *data)
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
	token := newToken()
	holder := index.Holder{Command: "serve", Content: absPath(*content), URL: "http://" + ln.Addr().String(), Token: token}
	if err := lib.Announce(holder); err != nil {
		ln.Close()
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	opts := web.Options{Logger: logger}
	if *watching {
		// An author is at work: their quotations are checked against the
		// stored texts on every save, and once now for all of them.
		quotes, err := lib.Update(ctx, index.Options{Content: *content, CheckQuotes: true})
		if err != nil {
			return err
		}
		for _, d := range quotes.Diagnostics {
			fmt.Fprintln(e.stderr, d.Error())
		}
		opts.Live = web.NewLive()
		opts.Live.Publish(lib.Generation(), append(rep.Diagnostics, quotes.Diagnostics...), nil)
		w, err := watch.New(*content, logger)
		if err != nil {
			return err
		}
		go w.Run(ctx, func(paths []string) { reindex(ctx, e, lib, *content, paths, opts.Live) })
		defer opts.Live.Close()
	}
	mux := http.NewServeMux()
	mux.Handle("/", web.NewServer(lib, opts))
	commandRoutes(ctx, e, mux, lib, *content, token, opts.Live)
	srv := &http.Server{
		Handler:           mux,
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
	if opts.Live != nil {
		opts.Live.Close()
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

// reindex runs after each burst of changes under --watch, and for a
// command run beside the server: the files the events named (or, without
// paths, the whole folder) are indexed while the server goes on answering
// from the store, and open pages are told.
func reindex(ctx context.Context, e *env, lib *index.Library, content string, paths []string, live *web.Live) (index.Report, error) {
	// Under --watch (live set) quotations are checked, for the errors the
	// pages list; a command's update beside a plain server runs as it
	// would on its own.
	rep, err := lib.Update(ctx, index.Options{Content: content, Paths: paths, CheckQuotes: live != nil})
	if err != nil {
		if ctx.Err() == nil {
			fmt.Fprintf(e.stderr, "annals: re-index: %v\n", err)
		}
		return rep, err
	}
	if rep.Parsed > 0 || rep.Deleted > 0 || rep.Errors() > 0 {
		printDiagnostics(e, rep)
		fmt.Fprintln(e.stderr, summary(rep))
	}
	if live != nil {
		live.Publish(lib.Generation(), rep.Diagnostics, rep.Looked)
	}
	return rep, nil
}
