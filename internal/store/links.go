package store

import (
	"context"
	"fmt"

	"annals.dev/annals/internal/note"
)

// LinksTo returns the ids of the public events whose bodies link to target
// with [[target]], in chronological order. An event linking to itself is
// left out.
func (db *DB) LinksTo(ctx context.Context, target string) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `
SELECT n.id FROM notes n JOIN events e ON e.note = n.rowid
WHERE n.kind = ? AND n.draft = 0 AND n.id <> ?
  AND EXISTS (SELECT 1 FROM links l WHERE l.note = n.rowid AND l.target = ?)
ORDER BY e.start_day, e.end_day, n.id`, string(note.KindEvent), target, target)
	if err != nil {
		return nil, fmt.Errorf("read links to %q: %w", target, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read links to %q: %w", target, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read links to %q: %w", target, err)
	}
	return ids, nil
}
