// Package store keeps the notes in SQLite, the store of record for
// everything derived from the content folder. It is the only package that
// writes SQL. One connection writes; a pool of others reads, and under WAL
// readers never wait for the writer.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"sync"

	"modernc.org/sqlite" // the "sqlite" driver, and its error type
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when no public note has the requested id.
var ErrNotFound = errors.New("not found")

// ErrCorrupt is returned by Open when the file is damaged or is not a
// database at all.
var ErrCorrupt = errors.New("database is damaged")

// DB is an open annals database.
type DB struct {
	write *sql.DB
	read  *sql.DB
	stmts sync.Map // query text → *sql.Stmt prepared on read
}

// Open opens or creates the database file at path and brings its schema up
// to date.
func Open(ctx context.Context, path string) (*DB, error) {
	dsn := dsn(path)
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", dsn+"&mode=ro")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{write: write, read: read}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		if isCorrupt(err) {
			err = fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// OpenReadOnly opens the database at path for reading only, beside the
// process that writes it. The schema must be up to date: that process
// brought it there.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	read, err := sql.Open("sqlite", dsn(path)+"&mode=ro")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	var n int
	if err := read.QueryRowContext(ctx, `SELECT count(*) FROM migrations`).Scan(&n); err != nil {
		read.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if n != len(names) {
		read.Close()
		return nil, fmt.Errorf("open %s: the database was made by another version of annals (%d changes to its layout, this one knows %d): stop the process using it and run this command again", path, n, len(names))
	}
	// Writes go to the same read-only pool, and fail there.
	return &DB{write: read, read: read}, nil
}

// dsn is the driver's name for the database at path. Pragmas go in it so
// that every pooled connection has them.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-32768)"} {
		q.Add("_pragma", p)
	}
	return "file:" + path + "?" + q.Encode()
}

func isCorrupt(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff // the primary code, without the extended bits
	return code == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	db.stmts.Range(func(_, s any) bool {
		errs = append(errs, s.(*sql.Stmt).Close())
		return true
	})
	errs = append(errs, db.read.Close())
	if db.write != db.read {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// readStmt returns q prepared on the read pool, preparing it the first time.
// Pages run the same few queries over and over, and parsing the SQL again
// each time costs more than running it.
func (db *DB) readStmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if s, ok := db.stmts.Load(q); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := db.read.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(q, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}

// migrate applies the embedded migrations not yet recorded, each in its own
// transaction, in file name order.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.transact(ctx, func(tx *sql.Tx) error { return applyMigration(ctx, tx, name) }); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, tx *sql.Tx, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	sqlText, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(sqlText)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name)
	return err
}

// transact runs fn in a write transaction, committing if it returns nil and
// rolling back on error or panic.
func (db *DB) transact(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Generation returns the number of committed changes so far.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := db.read.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'generation'`).Scan(&g)
	if err != nil {
		return 0, fmt.Errorf("read generation: %w", err)
	}
	return g, nil
}
