package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// DerivedVersion returns the version of what the stored rows derive from
// the notes, as the last full index run recorded it; 0 for a database
// written before versions were recorded.
func (db *DB) DerivedVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.read.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'derived'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read derived-data version: %w", err)
	}
	return v, nil
}

func putDerivedVersion(ctx context.Context, tx *sql.Tx, v int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('derived', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, v)
	if err != nil {
		return fmt.Errorf("record derived-data version: %w", err)
	}
	return nil
}
