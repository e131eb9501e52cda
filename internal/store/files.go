package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// FilesOf returns the stored files at or below the given paths (a folder's
// notes, a bibliography's entries: "p/…" and "p#…") and those of the notes
// with the given kinds and ids: what an update of a few known files must
// compare against, without listing the whole store.
func (db *DB) FilesOf(ctx context.Context, paths []string, refs []Ref) ([]FileRecord, error) {
	const cols = `SELECT path, size, mtime, hash, updated, kind, id FROM notes `
	// "/" and "#" are followed by "0" and "$": the ranges below use the
	// index on path.
	byPath, err := db.readStmt(ctx, cols+`WHERE path = ? OR (path > ? AND path < ?) OR (path > ? AND path < ?)`)
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	byRef, err := db.readStmt(ctx, cols+`WHERE kind = ? AND id = ?`)
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	seen := map[string]bool{}
	var out []FileRecord
	add := func(r FileRecord, err error) error {
		switch {
		case err == nil:
			if !seen[r.Path] {
				seen[r.Path] = true
				out = append(out, r)
			}
			return nil
		case errors.Is(err, sql.ErrNoRows):
			return nil
		default:
			return fmt.Errorf("list files: %w", err)
		}
	}
	for _, p := range paths {
		rows, err := byPath.QueryContext(ctx, p, p+"/", p+"0", p+"#", p+"$")
		if err != nil {
			return nil, fmt.Errorf("list files: %w", err)
		}
		for rows.Next() {
			var r FileRecord
			err := rows.Scan(&r.Path, &r.Size, &r.MTime, &r.Hash, &r.Updated, &r.Kind, &r.ID)
			if err := add(r, err); err != nil {
				rows.Close()
				return nil, err
			}
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, fmt.Errorf("list files: %w", err)
		}
	}
	for _, ref := range refs {
		var r FileRecord
		err := byRef.QueryRowContext(ctx, ref.Kind, ref.ID).Scan(&r.Path, &r.Size, &r.MTime, &r.Hash, &r.Updated, &r.Kind, &r.ID)
		if err := add(r, err); err != nil {
			return nil, err
		}
	}
	return out, nil
}
