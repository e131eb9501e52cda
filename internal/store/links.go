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
	// From the links by target, so that the cost follows the number of
	// links to the note, not the number of events.
	stmt, err := db.readStmt(ctx, `
SELECT n.id FROM links l JOIN notes n ON n.rowid = l.note JOIN events e ON e.note = n.rowid
WHERE l.target = ? AND n.kind = ? AND n.draft = 0 AND n.id <> ?
GROUP BY n.rowid
ORDER BY e.start_day, e.end_day, n.id`)
	if err != nil {
		return nil, fmt.Errorf("read links to %q: %w", target, err)
	}
	rows, err := stmt.QueryContext(ctx, target, string(note.KindEvent), target)
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
