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
	// Live, if set, makes every page show the notes' errors and reload
	// itself when the notes change: the authoring mode of serve --watch.
	Live *Live
}

// NewServer returns the site's handler, reading from lib. It panics if the
// embedded templates do not parse: that is a build mistake, not a runtime
// condition.
func NewServer(lib *index.Library, opts Options) http.Handler {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	v, err := newViews(logger, opts.Live)
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	addRoutes(mux, lib, v)
	policy := csp
	if opts.Live != nil {
		mux.HandleFunc("GET /_annals/live", handleLive(opts.Live))
		mux.HandleFunc("GET /_annals/live.js", handleLiveScript(v))
		policy = liveCSP
	}
	// Pages change only when the notes do, so they are kept until then;
	// in the authoring mode every page also shows the notes' errors,
	// which change without them.
	var h http.Handler = mux
	if opts.Live == nil {
		h = newPageCache(lib.Generation, cacheBytes).wrap(limit(mux, maxRendering))
	}
	return secure(h, policy)
}

// csp allows the site's own stylesheet and nothing else: no script runs,
// whatever a note manages to smuggle into a page.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// liveCSP adds the one script of the authoring mode, served by annals
// itself, and its event stream. Inline script stays forbidden.
const liveCSP = csp + "; script-src 'self'; connect-src 'self'"

// secure sets the security headers on every response, errors included.
func secure(next http.Handler, csp string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
