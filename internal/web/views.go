package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"annals.dev/annals/internal/search"
	"annals.dev/annals/internal/store"
	"annals.dev/annals/templates"
)

// pageNames lists every page template; each is parsed with base.html.
var pageNames = []string{"timeline", "event", "sources", "source", "actor", "place", "map", "tag", "search", "changes", "error"}

// views renders pages and errors. Templates are parsed once, at start-up.
type views struct {
	pages      map[string]*template.Template
	style      []byte
	liveScript []byte
	logger     *slog.Logger
}

// newViews parses the templates. With live set, every page follows the
// authoring state (see Live).
func newViews(logger *slog.Logger, live *Live) (*views, error) {
	v := &views{pages: map[string]*template.Template{}, logger: logger}
	funcs := template.FuncMap{"live": func() *liveView {
		if live == nil {
			return nil
		}
		lv := live.view()
		return &lv
	}}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templates.FS, "base.html", "provenance.html", name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	style, err := templates.FS.ReadFile("style.css")
	if err != nil {
		return nil, fmt.Errorf("read style.css: %w", err)
	}
	v.style = style
	if v.liveScript, err = templates.FS.ReadFile("live.js"); err != nil {
		return nil, fmt.Errorf("read live.js: %w", err)
	}
	return v, nil
}

// render writes page name with data. The page is rendered into a buffer
// first, so a template error never sends half a page.
func (v *views) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := v.pages[name]
	if !ok {
		v.Error(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		v.Error(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeJSON writes v as JSON, encoded in full before anything is sent.
func (v *views) writeJSON(w http.ResponseWriter, r *http.Request, status int, data any) {
	// Fragments carry <mark>; as in "annals search --json" they are not
	// \u-escaped. The content type and nosniff keep browsers from reading
	// the JSON as HTML.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		v.Error(w, r, fmt.Errorf("encode JSON: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorPage struct {
	Title, Message string
}

// Error is the one place that decides how an error reaches a reader: not
// found is 404, a bad query 400 with its message, anything else 500 with
// "Internal error." and the real error in the log. Under /api/ the answer
// is JSON: {"error": message}.
func (v *views) Error(w http.ResponseWriter, r *http.Request, err error) {
	status, page := http.StatusInternalServerError, errorPage{"Internal error", "Internal error."}
	switch {
	case errors.Is(err, store.ErrNotFound):
		status, page = http.StatusNotFound, errorPage{"Not found", "There is no public note at this address."}
	case errors.Is(err, search.ErrBadQuery):
		status, page = http.StatusBadRequest, errorPage{"Bad query", err.Error()}
	default:
		v.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		b, _ := json.Marshal(map[string]string{"error": page.Message})
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write(append(b, '\n'))
		return
	}
	var buf bytes.Buffer
	if terr := v.pages["error"].ExecuteTemplate(&buf, "base", page); terr != nil {
		v.logger.Error("render error page", "err", terr)
		http.Error(w, page.Message, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func handleNotFound(v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v.Error(w, r, fmt.Errorf("%s: %w", r.URL.Path, store.ErrNotFound))
	}
}

func handleStyle(v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(v.style)
	}
}
