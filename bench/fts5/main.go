// Command fts5 is the SQLite FTS5 peer of annals' benchmarks: it loads the
// same notes into a plain FTS5 table (title, tags, body; Porter stemming
// like annals' analyzer) and times the build and the benchmark's searches,
// ranked by bm25 with a snippet per hit, as annals ranks and highlights.
//
//	go run ./bench/fts5 -content DIR [-db FILE] [-duration 2s]
//
// It prints one line per figure: "build_s 3.2", "query common p50_ms 0.4
// p99_ms 1.1", for bench/run.sh to put beside annals' own.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

// queries are the benchmark's searches in FTS5 syntax, by the names the
// annals search benchmark uses. Facets have no FTS5 counterpart.
var queries = []struct{ name, match string }{
	{"common", "time"},
	{"rare", "zorzorkagri"},
	{"phrase", `"first time"`},
	{"filtered", "nato AND tags:summit"},
}

func main() {
	content := flag.String("content", "", "the folder of notes (required)")
	dbPath := flag.String("db", "", "the database file to build (default: a temporary file)")
	duration := flag.Duration("duration", 2*time.Second, "how long to repeat each query")
	flag.Parse()
	if *content == "" {
		fmt.Fprintln(os.Stderr, "fts5: -content DIR is required")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), *content, *dbPath, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "fts5:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, content, dbPath string, duration time.Duration) error {
	if dbPath == "" {
		dir, err := os.MkdirTemp("", "fts5-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, "fts.db")
	}
	os.Remove(dbPath)
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	start := time.Now()
	n, err := build(ctx, db, content)
	if err != nil {
		return err
	}
	fmt.Printf("build_s %.3f\n", time.Since(start).Seconds())
	fmt.Printf("notes %d\n", n)

	for _, q := range queries {
		var lat []time.Duration
		for end := time.Now().Add(duration); time.Now().Before(end); {
			t := time.Now()
			if err := search(ctx, db, q.match); err != nil {
				return fmt.Errorf("query %s: %w", q.name, err)
			}
			lat = append(lat, time.Since(t))
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		at := func(p float64) float64 {
			return float64(lat[min(int(p*float64(len(lat))), len(lat)-1)].Microseconds()) / 1000
		}
		fmt.Printf("query %s p50_ms %.3f p99_ms %.3f\n", q.name, at(0.5), at(0.99))
	}
	return nil
}

func build(ctx context.Context, db *sql.DB, content string) (int, error) {
	_, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, title, tags, body, tokenize = 'porter unicode61 remove_diacritics 2')`)
	if err != nil {
		return 0, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO notes (path, title, tags, body) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	n := 0
	err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		title, tags, body := split(src)
		if _, err := ins.ExecContext(ctx, p, title, tags, body); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		n++
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO notes (notes) VALUES ('optimize')`)
	return n, err
}

// split takes the title and tags from a note's front matter and returns
// them with the body after it.
func split(src []byte) (title, tags, body string) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return "", "", string(src)
	}
	front, after, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return "", "", string(src)
	}
	for line := range strings.SplitSeq(string(front), "\n") {
		if v, ok := strings.CutPrefix(line, "title: "); ok {
			title = strings.Trim(v, `"'`)
		}
		if v, ok := strings.CutPrefix(line, "tags: "); ok {
			tags = strings.Trim(v, "[]")
		}
	}
	return title, tags, string(after)
}

// search runs one ranked query and reads the first 20 hits with snippets,
// as a results page would.
func search(ctx context.Context, db *sql.DB, match string) error {
	rows, err := db.QueryContext(ctx, `SELECT path, title, snippet(notes, 3, '<mark>', '</mark>', '…', 16)
		FROM notes WHERE notes MATCH ? ORDER BY bm25(notes, 0, 4, 1, 1) LIMIT 20`, match)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var path, title, snippet string
		if err := rows.Scan(&path, &title, &snippet); err != nil {
			return err
		}
	}
	return rows.Err()
}
