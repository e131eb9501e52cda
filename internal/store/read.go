package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// FileRecord is a stored note's file with the id it defined.
type FileRecord struct {
	File
	Kind note.Kind
	ID   string
}

// Files lists every stored note's file, for comparing against a new scan.
func (db *DB) Files(ctx context.Context) ([]FileRecord, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT path, size, mtime, hash, updated, kind, id FROM notes`)
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	defer rows.Close()
	var out []FileRecord
	for rows.Next() {
		var r FileRecord
		if err := rows.Scan(&r.Path, &r.Size, &r.MTime, &r.Hash, &r.Updated, &r.Kind, &r.ID); err != nil {
			return nil, fmt.Errorf("list files: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Filter selects notes.
type Filter struct {
	Kind          note.Kind // "" for every kind
	IDs           []string  // nil for every id
	IncludeDrafts bool
	// Brief leaves out the markdown body, the citations and the links,
	// which only a note's own page shows: reading every note for the
	// search index or a list costs a fraction without them.
	Brief bool
}

func (f Filter) where() (string, []any) {
	conds := []string{"1"}
	var args []any
	if f.Kind != "" {
		conds = append(conds, "n.kind = ?")
		args = append(args, f.Kind)
	}
	if f.IDs != nil {
		ids, _ := json.Marshal(f.IDs)
		conds = append(conds, "n.id IN (SELECT value FROM json_each(?))")
		args = append(args, string(ids))
	}
	if !f.IncludeDrafts {
		conds = append(conds, "n.draft = 0")
	}
	return strings.Join(conds, " AND "), args
}

// Note returns the public note of the given kind and id, or ErrNotFound.
func (db *DB) Note(ctx context.Context, kind note.Kind, id string) (*note.Note, error) {
	ns, err := db.Notes(ctx, Filter{Kind: kind, IDs: []string{id}})
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, fmt.Errorf("%s %q: %w", kind, id, ErrNotFound)
	}
	return ns[0], nil
}

// Notes returns the notes f selects, events in chronological order (earliest
// start, then end, then id) and the rest by id. Child rows are read with one
// query per table, not one per note.
func (db *DB) Notes(ctx context.Context, f Filter) ([]*note.Note, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	defer tx.Rollback()
	l := &loader{db: db, ctx: ctx, tx: tx, kind: f.Kind, brief: f.Brief, byRow: map[int64]*note.Note{}}
	l.where, l.args = f.where()
	if err := l.load(); err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	return l.notes, nil
}

type loader struct {
	db    *DB
	kind  note.Kind // "" when loading every kind
	brief bool
	ctx   context.Context
	tx    *sql.Tx
	where string
	args  []any
	notes []*note.Note
	byRow map[int64]*note.Note
}

// each runs a query over one table's rows for the selected notes. The
// query's first column is the note's rowid; the rest are scanned into dest,
// and apply moves them into the note the row belongs to.
func (l *loader) each(query string, dest []any, apply func(n *note.Note)) error {
	rows, err := l.query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	var rowid int64
	all := append([]any{&rowid}, dest...)
	for rows.Next() {
		if err := rows.Scan(all...); err != nil {
			return err
		}
		if n := l.byRow[rowid]; n != nil {
			apply(n)
		}
	}
	return rows.Err()
}

// query runs a statement whose text has $WHERE for the notes' condition,
// using the prepared statement cached for that text.
func (l *loader) query(query string) (*sql.Rows, error) {
	stmt, err := l.db.readStmt(l.ctx, strings.ReplaceAll(query, "$WHERE", l.where))
	if err != nil {
		return nil, err
	}
	return l.tx.StmtContext(l.ctx, stmt).QueryContext(l.ctx, l.args...)
}

// wants reports whether notes of kind k may be among those loaded, so that
// tables of other kinds are not queried at all.
func (l *loader) wants(k note.Kind) bool { return l.kind == "" || l.kind == k }

func (l *loader) load() error {
	body := "n.body"
	if l.brief {
		body = "''"
	}
	rows, err := l.query(`SELECT n.rowid, n.kind, n.id, n.path, n.title, n.draft, n.updated, ` + body + `, n.body_line, n.text,
			e.date, e.place, e.status, e.claimed_by, e.summary
		FROM notes n LEFT JOIN events e ON e.note = n.rowid
		WHERE $WHERE
		ORDER BY n.kind, e.start_day, e.end_day, n.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		n := &note.Note{}
		var date, place, status, claimedBy, summary sql.NullString
		var updated int64
		if err := rows.Scan(&rowid, &n.Kind, &n.ID, &n.Path, &n.Title, &n.Draft, &updated, &n.Body, &n.BodyLine, &n.Text,
			&date, &place, &status, &claimedBy, &summary); err != nil {
			return err
		}
		n.Updated = time.Unix(0, updated).UTC()
		switch n.Kind {
		case note.KindEvent:
			d, err := edtf.Parse(date.String)
			if err != nil {
				return fmt.Errorf("%s: stored date %q: %w", n.Path, date.String, err)
			}
			n.Event = &note.Event{Date: d, Place: place.String, Status: note.Status(status.String),
				ClaimedBy: claimedBy.String, Summary: summary.String}
		case note.KindSource:
			n.Source = &note.Source{}
		case note.KindActor:
			n.Actor = &note.Actor{}
		case note.KindPlace:
			n.Place = &note.Place{}
		}
		l.notes = append(l.notes, n)
		l.byRow[rowid] = n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if len(l.notes) == 0 {
		return nil
	}
	return l.children()
}

// selected restricts a child table's rows to the notes being loaded.
const selected = "note IN (SELECT n.rowid FROM notes n WHERE $WHERE)"

// children fills in the list-valued fields and the kind-specific tables.
func (l *loader) children() error {
	var s1, s2 string
	lists := []struct {
		kind          note.Kind
		table, column string
		field         func(n *note.Note) *[]string
	}{
		{note.KindEvent, "event_actors", "actor", func(n *note.Note) *[]string { return &n.Event.Actors }},
		{note.KindEvent, "event_tags", "tag", func(n *note.Note) *[]string { return &n.Event.Tags }},
		{note.KindEvent, "event_sources", "source", func(n *note.Note) *[]string { return &n.Event.Sources }},
		{note.KindEvent, "event_related", "related", func(n *note.Note) *[]string { return &n.Event.Related }},
		{note.KindEvent, "event_disputed_by", "actor", func(n *note.Note) *[]string { return &n.Event.DisputedBy }},
		{note.KindSource, "source_via", "via", func(n *note.Note) *[]string { return &n.Source.Via }},
		{note.KindActor, "actor_aliases", "alias", func(n *note.Note) *[]string { return &n.Actor.Aliases }},
		{note.KindPlace, "place_aliases", "alias", func(n *note.Note) *[]string { return &n.Place.Aliases }},
	}
	for _, t := range lists {
		if !l.wants(t.kind) {
			continue
		}
		q := fmt.Sprintf("SELECT note, %s FROM %s WHERE %s ORDER BY note, position", t.column, t.table, selected)
		if err := l.each(q, []any{&s1}, func(n *note.Note) { p := t.field(n); *p = append(*p, s1) }); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	if l.wants(note.KindEvent) {
		if err := l.provenance(); err != nil {
			return err
		}
	}
	if l.wants(note.KindSource) {
		if err := l.sources(); err != nil {
			return err
		}
	}
	if l.wants(note.KindActor) {
		err := l.each("SELECT note, type FROM actors WHERE "+selected, []any{&s1}, func(n *note.Note) { n.Actor.Type = s1 })
		if err != nil {
			return fmt.Errorf("actors: %w", err)
		}
	}
	if l.wants(note.KindPlace) {
		var p note.Place
		err := l.each("SELECT note, located, lat, lon, country FROM places WHERE "+selected,
			[]any{&p.Located, &p.Lat, &p.Lon, &p.Country},
			func(n *note.Note) { p.Aliases = n.Place.Aliases; *n.Place = p })
		if err != nil {
			return fmt.Errorf("places: %w", err)
		}
	}
	if l.brief {
		return nil
	}
	var i1, i2 int
	var c note.Citation
	err := l.each(`SELECT note, number, key, locator_label, locator_value, prefix, suffix, suppress_author, in_text, sentence, anchor, line, col
		FROM citations WHERE `+selected+` ORDER BY note, position`,
		[]any{&c.Number, &c.Key, &c.Locator.Label, &c.Locator.Value, &c.Prefix, &c.Suffix, &c.SuppressAuthor, &c.InText, &c.Sentence, &c.Anchor, &c.Line, &c.Col},
		func(n *note.Note) { n.Citations = append(n.Citations, c) })
	if err != nil {
		return fmt.Errorf("citations: %w", err)
	}
	err = l.each("SELECT note, target, label, line, col FROM links WHERE "+selected+" ORDER BY note, position",
		[]any{&s1, &s2, &i1, &i2},
		func(n *note.Note) { n.Links = append(n.Links, note.Link{Target: s1, Label: s2, Line: i1, Col: i2}) })
	if err != nil {
		return fmt.Errorf("links: %w", err)
	}
	return nil
}

// sources fills in the source notes' CSL fields and authors.
func (l *loader) sources() error {
	var s1, s2, s3 string
	var src note.Source
	var issued, accessed string
	err := l.each("SELECT note, type, container_title, publisher, issued, accessed, url, language, archived, origin, doi FROM sources WHERE "+selected,
		[]any{&src.Type, &src.ContainerTitle, &src.Publisher, &issued, &accessed, &src.URL, &src.Language, &src.Archived, &src.Origin, &src.DOI},
		func(n *note.Note) {
			via := n.Source.Via
			*n.Source = src
			n.Source.Via = via
			n.Source.Issued, _ = edtf.Parse(issued)
			n.Source.Accessed, _ = edtf.Parse(accessed)
		})
	if err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	err = l.each("SELECT note, family, given, literal FROM source_authors WHERE "+selected+" ORDER BY note, position",
		[]any{&s1, &s2, &s3},
		func(n *note.Note) {
			n.Source.Authors = append(n.Source.Authors, note.Name{Family: s1, Given: s2, Literal: s3})
		})
	if err != nil {
		return fmt.Errorf("source authors: %w", err)
	}
	err = l.each("SELECT note, family, given, literal FROM source_editors WHERE "+selected+" ORDER BY note, position",
		[]any{&s1, &s2, &s3},
		func(n *note.Note) {
			n.Source.Editors = append(n.Source.Editors, note.Name{Family: s1, Given: s2, Literal: s3})
		})
	if err != nil {
		return fmt.Errorf("source editors: %w", err)
	}
	return nil
}

// Count returns the number of stored notes, drafts included.
func (db *DB) Count(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM notes`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count notes: %w", err)
	}
	return n, nil
}
