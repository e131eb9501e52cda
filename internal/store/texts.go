package store

import (
	"context"
	"encoding/json"
	"fmt"

	"annals.dev/annals/internal/note"
)

// TextFiles lists the stored texts' files, for comparing against a new
// scan.
func (db *DB) TextFiles(ctx context.Context) ([]File, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT path, size, mtime, hash FROM source_texts`)
	if err != nil {
		return nil, fmt.Errorf("list stored texts: %w", err)
	}
	defer rows.Close()
	var out []File
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.Path, &f.Size, &f.MTime, &f.Hash); err != nil {
			return nil, fmt.Errorf("list stored texts: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list stored texts: %w", err)
	}
	return out, nil
}

// SourceTexts returns the stored texts of the given sources, by id. A
// source with no stored text is left out. Of two texts with one id (in
// different folders), the first by path is the source's.
func (db *DB) SourceTexts(ctx context.Context, ids []string) (map[string]*note.SourceText, error) {
	stmt, err := db.readStmt(ctx, `SELECT path, text FROM source_texts WHERE source = ? ORDER BY path LIMIT 1`)
	if err != nil {
		return nil, fmt.Errorf("read stored texts: %w", err)
	}
	out := map[string]*note.SourceText{}
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		rows, err := stmt.QueryContext(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("read stored text of %s: %w", id, err)
		}
		for rows.Next() {
			var path, text string
			if err := rows.Scan(&path, &text); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read stored text of %s: %w", id, err)
			}
			if t, d := note.ParseSourceText(path, []byte(text)); d == nil {
				out[id] = t
			}
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("read stored text of %s: %w", id, err)
		}
	}
	return out, nil
}

// TextSources lists the ids of the sources that have a stored text.
func (db *DB) TextSources(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT source FROM source_texts ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("list stored texts: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list stored texts: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CitingEvents lists the ids of the events, drafts included, whose bodies
// cite any of the given keys.
func (db *DB) CitingEvents(ctx context.Context, keys []string) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT n.id FROM citations c JOIN notes n ON n.rowid = c.note
		WHERE n.kind = 'event' AND c.key IN (SELECT value FROM json_each(?)) ORDER BY n.id`, string(list))
	if err != nil {
		return nil, fmt.Errorf("list events citing %v: %w", keys, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list events citing %v: %w", keys, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
