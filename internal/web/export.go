package web

import (
	"bytes"
	"net/http"

	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/store"
)

// handleExport serves the public notes in format f, as "annals export"
// writes them, with links made absolute on the host the request was sent
// to. What the format cannot hold (a key BibTeX cannot take, a date no
// calendar shows) is reported by "annals export" and "annals check"; a
// reader of the file has nothing to do about it.
func handleExport(db *store.DB, v *views, f export.Format) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := export.Load(r.Context(), db, absURL(r, ""))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		var buf bytes.Buffer
		if _, err := f.Write(&buf, c); err != nil {
			v.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", f.ContentType)
		_, _ = w.Write(buf.Bytes())
	}
}
