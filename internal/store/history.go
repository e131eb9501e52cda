package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"annals.dev/annals/internal/note"
)

// putHistory records what a run read of the git history.
func putHistory(ctx context.Context, tx *sql.Tx, h *History) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO git_head (one, repo, head) VALUES (1, ?, ?)
		ON CONFLICT (one) DO UPDATE SET repo = excluded.repo, head = excluded.head`, h.Repo, h.Head); err != nil {
		return err
	}
	if h.Full {
		if _, err := tx.ExecContext(ctx, `DELETE FROM git_files`); err != nil {
			return err
		}
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO git_files (path, committed) VALUES (?, ?)
		ON CONFLICT (path) DO UPDATE SET committed = excluded.committed`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for p, t := range h.Files {
		if _, err := stmt.ExecContext(ctx, p, t); err != nil {
			return err
		}
	}
	return nil
}

// GitHead returns the work tree and commit the recorded git history
// reflects, both "" when none was read.
func (db *DB) GitHead(ctx context.Context) (repo, head string, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT repo, head FROM git_head`).Scan(&repo, &head)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read git history: %w", err)
	}
	return repo, head, nil
}

// Committed returns the recorded time of the newest commit that touched
// each of paths (relative to the content folder) that has one, in unix
// nanoseconds.
func (db *DB) Committed(ctx context.Context, paths []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(paths) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(paths)
	rows, err := db.read.QueryContext(ctx, `SELECT path, committed FROM git_files WHERE path IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("read git history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		var t int64
		if err := rows.Scan(&p, &t); err != nil {
			return nil, fmt.Errorf("read git history: %w", err)
		}
		out[p] = t
	}
	return out, rows.Err()
}

// Change is a public note as a list of recent changes shows it.
type Change struct {
	Kind    note.Kind
	ID      string
	Title   string
	Updated time.Time
}

// Changes lists the public notes that last changed at or after since,
// the most recent first (then by kind and id).
func (db *DB) Changes(ctx context.Context, since time.Time) ([]Change, error) {
	stmt, err := db.readStmt(ctx, `SELECT kind, id, title, updated FROM notes
		WHERE updated >= ? AND draft = 0 ORDER BY updated DESC, kind, id`)
	if err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	rows, err := stmt.QueryContext(ctx, since.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var up int64
		if err := rows.Scan(&c.Kind, &c.ID, &c.Title, &up); err != nil {
			return nil, fmt.Errorf("list changes: %w", err)
		}
		c.Updated = time.Unix(0, up).UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}
