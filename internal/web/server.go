// Package web serves the cited chronology: HTML pages rendered from the
// templates in templates/, and a JSON API over the same notes.
package web

import (
	"log/slog"
	"net/http"

	"annals.dev/annals/internal/index"
)

// Options configures a server.
type Options struct {
	// Logger receives server errors; nil discards them.
	Logger *slog.Logger
}

// NewServer returns the site's handler, reading from lib. It panics if the
// embedded templates do not parse: that is a build mistake, not a runtime
// condition.
func NewServer(lib *index.Library, opts Options) http.Handler {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	v, err := newViews(logger)
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	addRoutes(mux, lib, v)
	return secure(mux)
}

// csp allows the site's own stylesheet and nothing else: no script runs,
// whatever a note manages to smuggle into a page.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// secure sets the security headers on every response, errors included.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
