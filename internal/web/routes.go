package web

import (
	"net/http"

	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/index"
)

// addRoutes lists every URL the site answers. Pages and API are a contract
// (see the brief); change them only together with it.
func addRoutes(mux *http.ServeMux, lib *index.Library, v *views) {
	db := lib.DB
	cat := newCatalog(db, lib.Generation)
	mux.HandleFunc("GET /{$}", handleTimeline(cat, v))
	mux.HandleFunc("GET /events/{id}", handleEvent(cat, v))
	mux.HandleFunc("GET /sources", handleSources(db, v))
	mux.HandleFunc("GET /sources/{id}", handleSource(cat, v))
	mux.HandleFunc("GET /actors/{id}", handleActor(cat, v))
	mux.HandleFunc("GET /places/{id}", handlePlace(cat, v))
	mux.HandleFunc("GET /map", handleMap(cat, v))
	mux.HandleFunc("GET /tags/{tag}", handleTag(cat, v))
	mux.HandleFunc("GET /search", handleSearch(lib, cat, v))
	mux.HandleFunc("GET /changes", handleChanges(db, v))

	mux.HandleFunc("GET /api/events", handleAPIEvents(cat, v))
	mux.HandleFunc("GET /api/events/{id}", handleAPIEvent(cat, v))
	mux.HandleFunc("GET /api/search", handleAPISearch(lib, v))
	mux.HandleFunc("GET /api/sources", handleAPISources(db, v))

	for _, f := range export.Formats {
		mux.HandleFunc("GET /export/"+f.File, handleExport(db, v, f))
	}

	mux.HandleFunc("GET /static/style.css", handleStyle(v))
	// Browsers ask for a favicon on their own; the site has none, and a
	// 404 for it would be noise in every browser console and log.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /", handleNotFound(v))
}
