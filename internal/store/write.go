package store

import (
	"context"
	"database/sql"
	"fmt"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// File is what the store remembers of a note's file, to tell on the next
// scan whether it changed.
type File struct {
	Path  string // relative to the content folder, with "/"
	Size  int64
	MTime int64 // unix nanoseconds
	Hash  string
	// Updated is when the note last changed, in unix nanoseconds: its
	// last commit, or MTime when it has uncommitted changes or no history.
	Updated int64
}

// Changes is one batch of updates from a scan of the content folder.
type Changes struct {
	Put    []Put    // new or changed notes
	Texts  []Text   // new or changed stored texts of sources
	Touch  []File   // files whose modification time changed but content did not
	Delete []string // paths of notes and stored texts that are gone
	// Derived, when not 0, is recorded as the version of what the rows
	// derive from the notes (see DerivedVersion): Put then holds every
	// note, parsed afresh.
	Derived int64
	Stamps  []Stamp // stored notes whose last change is now known to be another time
	// History, if set, is the content folder's git history as read now,
	// kept so that the next run reads only newer commits.
	History *History
}

// Stamp sets when the note stored at Path last changed.
type Stamp struct {
	Path    string
	Updated int64 // unix nanoseconds
}

// History is what a run read of the content folder's git history.
type History struct {
	Repo string // the work tree and the content folder's place in it; "" outside git
	Head string // the commit read up to
	// Full replaces the files recorded so far; otherwise Files adds to them.
	Full bool
	// Files maps paths (relative to the content folder) to the time of the
	// newest commit that touched them, in unix nanoseconds.
	Files map[string]int64
}

// Text is a source's stored text and the file it came from.
type Text struct {
	File   File
	Source string // the id of the source
	Text   string
}

// Put is a parsed note and the file it came from.
type Put struct {
	File File
	Note *note.Note
}

// Empty reports whether c changes no note. A new History alone changes
// nothing a reader sees.
func (c Changes) Empty() bool {
	return len(c.Put)+len(c.Texts)+len(c.Touch)+len(c.Delete)+len(c.Stamps) == 0
}

// Applied reports what Apply did, for keeping the search index in step.
type Applied struct {
	Generation int64
	Removed    []Ref // notes deleted or replaced under another id
}

// Ref names a note by kind and id.
type Ref struct {
	Kind note.Kind
	ID   string
}

// Apply writes c in one transaction: after a crash either all of it is in
// the database or none of it is.
func (db *DB) Apply(ctx context.Context, c Changes) (Applied, error) {
	var a Applied
	err := db.transact(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = apply(ctx, tx, c)
		return err
	})
	if err != nil {
		return Applied{}, fmt.Errorf("store changes: %w", err)
	}
	return a, nil
}

func apply(ctx context.Context, tx *sql.Tx, c Changes) (Applied, error) {
	var a Applied
	for _, path := range c.Delete {
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_texts WHERE path = ?`, path); err != nil {
			return a, fmt.Errorf("delete %s: %w", path, err)
		}
		var ref Ref
		err := tx.QueryRowContext(ctx, `DELETE FROM notes WHERE path = ? RETURNING kind, id`, path).Scan(&ref.Kind, &ref.ID)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return a, fmt.Errorf("delete %s: %w", path, err)
		}
		a.Removed = append(a.Removed, ref)
	}
	for _, f := range c.Touch {
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET size = ?, mtime = ?, updated = ? WHERE path = ?`, f.Size, f.MTime, f.Updated, f.Path); err != nil {
			return a, fmt.Errorf("update %s: %w", f.Path, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE source_texts SET size = ?, mtime = ? WHERE path = ?`, f.Size, f.MTime, f.Path); err != nil {
			return a, fmt.Errorf("update %s: %w", f.Path, err)
		}
	}
	for _, t := range c.Texts {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO source_texts (path, source, hash, size, mtime, text) VALUES (?, ?, ?, ?, ?, ?)`,
			t.File.Path, t.Source, t.File.Hash, t.File.Size, t.File.MTime, t.Text); err != nil {
			return a, fmt.Errorf("store %s: %w", t.File.Path, err)
		}
	}
	for _, st := range c.Stamps {
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET updated = ? WHERE path = ?`, st.Updated, st.Path); err != nil {
			return a, fmt.Errorf("update %s: %w", st.Path, err)
		}
	}
	if c.History != nil {
		if err := putHistory(ctx, tx, c.History); err != nil {
			return a, fmt.Errorf("store git history: %w", err)
		}
	}
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return a, err
	}
	defer w.close()
	for _, p := range c.Put {
		var old Ref
		err := w.stmts["replace"].QueryRowContext(ctx, p.File.Path).Scan(&old.Kind, &old.ID)
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return a, fmt.Errorf("replace %s: %w", p.File.Path, err)
		case old.Kind != p.Note.Kind || old.ID != p.Note.ID:
			a.Removed = append(a.Removed, old)
		}
		if err := w.put(ctx, p); err != nil {
			return a, fmt.Errorf("store %s: %w", p.File.Path, err)
		}
	}
	if c.Derived != 0 {
		if err := putDerivedVersion(ctx, tx, c.Derived); err != nil {
			return a, err
		}
	}
	if c.Empty() {
		return a, tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'generation'`).Scan(&a.Generation)
	}
	err = tx.QueryRowContext(ctx, `UPDATE meta SET value = value + 1 WHERE key = 'generation' RETURNING value`).Scan(&a.Generation)
	return a, err
}

// writer holds the prepared statements of one Apply: an index run inserts
// thousands of rows, and preparing each statement once keeps that fast.
type writer struct {
	stmts map[string]*sql.Stmt
}

var writeSQL = map[string]string{
	// A changed note's old rows go before its new ones are inserted.
	"replace": `DELETE FROM notes WHERE path = ? RETURNING kind, id`,
	"note": `INSERT INTO notes (path, kind, id, hash, size, mtime, updated, title, draft, body, body_line, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"event": `INSERT INTO events (note, date, start_day, end_day, place, status, claimed_by, summary)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	"event_actor":   `INSERT INTO event_actors (note, position, actor) VALUES (?, ?, ?)`,
	"event_tag":     `INSERT INTO event_tags (note, position, tag) VALUES (?, ?, ?)`,
	"event_source":  `INSERT INTO event_sources (note, position, source) VALUES (?, ?, ?)`,
	"event_related": `INSERT INTO event_related (note, position, related) VALUES (?, ?, ?)`,
	"event_provenance": `INSERT INTO event_provenance (note, first_reported, first_reported_locator, discrepancies,
		verdict_rating, verdict_reviewed, verdict_summary) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	"event_disputed_by": `INSERT INTO event_disputed_by (note, position, actor) VALUES (?, ?, ?)`,
	"source": `INSERT INTO sources (note, type, container_title, publisher, issued, accessed, url, language, archived, origin, doi)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"source_author": `INSERT INTO source_authors (note, position, family, given, literal) VALUES (?, ?, ?, ?, ?)`,
	"source_editor": `INSERT INTO source_editors (note, position, family, given, literal) VALUES (?, ?, ?, ?, ?)`,
	"source_via":    `INSERT INTO source_via (note, position, via) VALUES (?, ?, ?)`,
	"actor":         `INSERT INTO actors (note, type) VALUES (?, ?)`,
	"actor_alias":   `INSERT INTO actor_aliases (note, position, alias) VALUES (?, ?, ?)`,
	"place":         `INSERT INTO places (note, located, lat, lon, country) VALUES (?, ?, ?, ?, ?)`,
	"place_alias":   `INSERT INTO place_aliases (note, position, alias) VALUES (?, ?, ?)`,
	"citation": `INSERT INTO citations (note, position, number, key, locator_label, locator_value, prefix, suffix, suppress_author, in_text, sentence, anchor, line, col)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"link": `INSERT INTO links (note, position, target, label, line, col) VALUES (?, ?, ?, ?, ?, ?)`,
}

func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{stmts: map[string]*sql.Stmt{}}
	for name, q := range writeSQL {
		s, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare %s: %w", name, err)
		}
		w.stmts[name] = s
	}
	return w, nil
}

func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

func (w *writer) exec(ctx context.Context, name string, args ...any) error {
	_, err := w.stmts[name].ExecContext(ctx, args...)
	return err
}

// list inserts one row per value, numbered by position.
func (w *writer) list(ctx context.Context, name string, rowid int64, values []string) error {
	for i, v := range values {
		if err := w.exec(ctx, name, rowid, i, v); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) put(ctx context.Context, p Put) error {
	n := p.Note
	res, err := w.stmts["note"].ExecContext(ctx, p.File.Path, n.Kind, n.ID, p.File.Hash, p.File.Size, p.File.MTime, p.File.Updated,
		n.Title, n.Draft, n.Body, n.BodyLine, n.Text)
	if err != nil {
		return err
	}
	rowid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for i, c := range n.Citations {
		if err := w.exec(ctx, "citation", rowid, i, c.Number, c.Key, c.Locator.Label, c.Locator.Value,
			c.Prefix, c.Suffix, c.SuppressAuthor, c.InText, c.Sentence, c.Anchor, c.Line, c.Col); err != nil {
			return err
		}
	}
	for i, l := range n.Links {
		if err := w.exec(ctx, "link", rowid, i, l.Target, l.Label, l.Line, l.Col); err != nil {
			return err
		}
	}
	switch {
	case n.Event != nil:
		return w.putEvent(ctx, rowid, n.Event)
	case n.Source != nil:
		return w.putSource(ctx, rowid, n.Source)
	case n.Actor != nil:
		if err := w.exec(ctx, "actor", rowid, n.Actor.Type); err != nil {
			return err
		}
		return w.list(ctx, "actor_alias", rowid, n.Actor.Aliases)
	case n.Place != nil:
		p := n.Place
		if err := w.exec(ctx, "place", rowid, p.Located, p.Lat, p.Lon, p.Country); err != nil {
			return err
		}
		return w.list(ctx, "place_alias", rowid, p.Aliases)
	}
	return nil
}

func (w *writer) putEvent(ctx context.Context, rowid int64, e *note.Event) error {
	err := w.exec(ctx, "event", rowid, e.Date.String(), DayKey(e.Date.Earliest()), DayKey(e.Date.Latest()),
		e.Place, e.Status, e.ClaimedBy, e.Summary)
	if err != nil {
		return err
	}
	for name, values := range map[string][]string{
		"event_actor": e.Actors, "event_tag": e.Tags, "event_source": e.Sources, "event_related": e.Related,
		"event_disputed_by": e.DisputedBy,
	} {
		if err := w.list(ctx, name, rowid, values); err != nil {
			return err
		}
	}
	return w.putProvenance(ctx, rowid, e)
}

func (w *writer) putSource(ctx context.Context, rowid int64, s *note.Source) error {
	err := w.exec(ctx, "source", rowid, s.Type, s.ContainerTitle, s.Publisher, dateText(s.Issued), dateText(s.Accessed),
		s.URL, s.Language, s.Archived, s.Origin, s.DOI)
	if err != nil {
		return err
	}
	for i, a := range s.Authors {
		if err := w.exec(ctx, "source_author", rowid, i, a.Family, a.Given, a.Literal); err != nil {
			return err
		}
	}
	for i, a := range s.Editors {
		if err := w.exec(ctx, "source_editor", rowid, i, a.Family, a.Given, a.Literal); err != nil {
			return err
		}
	}
	return w.list(ctx, "source_via", rowid, s.Via)
}

func dateText(d edtf.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// DayKey orders days as integers (YYYYMMDD, negative for BCE years), so
// SQL can sort and filter by date.
func DayKey(d edtf.Day) int64 {
	return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day)
}
