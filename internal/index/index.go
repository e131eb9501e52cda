// Package index brings the store and the search index in step with the
// content folder: it scans the notes, parses what changed, writes the
// changes to SQLite in one transaction and then updates bleve from SQLite.
package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"annals.dev/annals/internal/bibliography"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/search"
	"annals.dev/annals/internal/store"
)

// Options configures a run.
type Options struct {
	Content string // the content folder
	// Paths, if set, are the files that changed, as a watcher reports
	// them (absolute, or relative to Content): only they are looked at,
	// unless they need a full scan to be understood, such as a folder.
	Paths []string
	// CheckQuotes, if set, checks the quotations of the events the run
	// touched against the sources' stored texts and reports what it finds
	// with the notes' problems, as "annals check" would: what "serve
	// --watch" shows an author while they write.
	CheckQuotes bool
	// Progress, if set, is called as work advances: stage is "parsing",
	// "storing" or "indexing", done of total items (total 0 when unknown).
	Progress func(stage string, done, total int)
}

// Report says what a run did.
type Report struct {
	Notes   int // notes in the store after the run
	Scanned int // files found
	Parsed  int // files parsed because they were new or changed
	Deleted int
	Rebuilt bool // the search index was rebuilt from the store
	// Looked lists the paths (as diagnostics show them) a run limited to
	// Options.Paths looked at; it is nil after a scan of the whole folder,
	// whose diagnostics cover every note.
	Looked      []string
	Diagnostics note.Diagnostics
	Duration    time.Duration
}

// Errors counts the diagnostics that are errors.
func (r Report) Errors() int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == note.SeverityError {
			n++
		}
	}
	return n
}

// Library is an open data folder: the store and the search index.
type Library struct {
	DB         *store.DB
	search     atomic.Pointer[search.Index] // nil until built
	searchPath string
	mu         sync.Mutex   // one run at a time
	generation atomic.Int64 // the store generation the last run left
	// repairs are what Open found damaged and set right; the next run
	// reports them, so the user learns why it rebuilt.
	repairs note.Diagnostics
	lock    *folderLock // nil when opened read-only
}

// Search returns the search index, or nil before the first run has built
// it. An index run may replace it, so callers take it afresh for each use.
func (l *Library) Search() *search.Index { return l.search.Load() }

// Generation returns the store generation as of the last completed run: it
// changes exactly when the notes do, so it keys caches of rendered pages.
func (l *Library) Generation() int64 { return l.generation.Load() }

// Open opens (creating if needed) the data folder dir, for this process
// alone until Close: when another process has it open, Open returns a
// *BusyError at once, naming that process.
func Open(ctx context.Context, dir string) (_ *Library, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data folder %s: %w: choose a folder annals can create and write, with --data or ANNALS_DATA", dir, unwrapPath(err))
	}
	lk, err := lock(dir, Holder{PID: os.Getpid()})
	var busy *BusyError
	if errors.As(err, &busy) {
		return nil, err
	}
	if err != nil {
		return nil, writeProblem(dir, err)
	}
	defer func() {
		if err != nil {
			lk.release()
		}
	}()
	var repairs note.Diagnostics
	dbPath := filepath.Join(dir, "annals.db")
	db, err := store.Open(ctx, dbPath)
	if errors.Is(err, store.ErrCorrupt) {
		// Everything in the data folder is derived from the notes: set
		// the damaged file aside, for a post-mortem, and start afresh.
		aside := dbPath + ".damaged"
		if rerr := os.Rename(dbPath, aside); rerr != nil {
			return nil, fmt.Errorf("%w; moving it aside failed too: %v: delete %s and run annals index", err, rerr, dbPath)
		}
		for _, journal := range []string{"-wal", "-shm"} {
			os.Rename(dbPath+journal, aside+journal)
		}
		repairs = append(repairs, note.Diagnostic{Path: dbPath, Line: 1, Col: 1, Severity: note.SeverityWarning,
			Message: fmt.Sprintf("%v; moved it to %s and rebuilt the index from the notes", err, filepath.Base(aside))})
		db, err = store.Open(ctx, dbPath)
	}
	if err != nil {
		return nil, writeProblem(dir, err)
	}
	lib := &Library{DB: db, searchPath: filepath.Join(dir, "search.bleve"), repairs: repairs, lock: lk}
	gen, err := db.Generation(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	lib.generation.Store(gen)
	if ix, err := search.Open(lib.searchPath); err == nil {
		lib.search.Store(ix)
	} else if _, serr := os.Stat(lib.searchPath); serr == nil {
		// The next run rebuilds it from the store.
		lib.repairs = append(lib.repairs, note.Diagnostic{Path: lib.searchPath, Line: 1, Col: 1, Severity: note.SeverityWarning,
			Message: fmt.Sprintf("%v; rebuilt it from the database", err)})
	}
	return lib, nil
}

// OpenReadOnly opens the database of the data folder dir for reading, beside
// the process that has the folder open: a server answering while a command
// exports or builds. Such a library has no search index and cannot Update.
func OpenReadOnly(ctx context.Context, dir string) (*Library, error) {
	db, err := store.OpenReadOnly(ctx, filepath.Join(dir, "annals.db"))
	if err != nil {
		return nil, err
	}
	lib := &Library{DB: db}
	gen, err := db.Generation(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	lib.generation.Store(gen)
	return lib, nil
}

// Announce records in the data folder who has it open, for the commands
// that find it busy. A server announces its address so that they can send
// it their work.
func (l *Library) Announce(h Holder) error {
	if l.lock == nil {
		return errors.New("announce: the library is open read-only")
	}
	h.PID = os.Getpid()
	return l.lock.record(h)
}

// writeProblem explains err by the data folder when annals cannot write
// there, which SQLite reports only as "unable to open database file" or
// "disk I/O error": a read-only folder or a full disk.
func writeProblem(dir string, err error) error {
	f, werr := os.CreateTemp(dir, ".write-test-*")
	if werr == nil {
		_, werr = f.Write(make([]byte, 64<<10))
		f.Close()
		os.Remove(f.Name())
	}
	switch {
	case werr == nil:
		return err
	case errors.Is(werr, syscall.ENOSPC):
		return fmt.Errorf("data folder %s: the disk is full: free some space, or choose another folder with --data or ANNALS_DATA (%w)", dir, err)
	default:
		return fmt.Errorf("data folder %s cannot be written (%v): make it writable, or choose another folder with --data or ANNALS_DATA (%w)", dir, unwrapPath(werr), err)
	}
}

// unwrapPath drops the operation and path from a file system error, for
// messages that name the folder themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Close closes the store and the search index.
func (l *Library) Close() error {
	var errs []error
	if ix := l.Search(); ix != nil {
		errs = append(errs, ix.Close())
	}
	errs = append(errs, l.DB.Close())
	if l.lock != nil {
		errs = append(errs, l.lock.release())
	}
	return errors.Join(errs...)
}

// DerivedVersion numbers what an index run derives from a note: the rows
// the store keeps and the search documents made from them. Bump it
// whenever that changes (a front matter key newly stored, a field added to
// the search documents): a run skips the files that did not change, so a
// data folder indexed before would otherwise never get the new fields.
// On a mismatch the next run re-reads every note and rebuilds the search
// index, and says why.
//
//	1: the first recorded: events' first_reported, discrepancies and verdict
//	   (and all that was derived before, such as place notes)
//	2: events' search documents leave out actors written as ids that name
//	   no public actor (a draft's id must not become a facet)
//	3: events' disputed_by
//	4: when each note last changed (its last git commit, else its file's
//	   time) and the statement anchor of each citation
//	5: in-text citations (@key says), sources' editors and DOI, and
//	   bibliography entries read as biber and citeproc-js read them (none
//	   is dropped for one bad field)
const DerivedVersion = 5

// Update brings the library in step with the content folder.
func (l *Library) Update(ctx context.Context, opts Options) (Report, error) {
	if l.lock == nil {
		return Report{}, errors.New("update: the library is open read-only")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	start := time.Now()
	rep := Report{Diagnostics: l.repairs}
	l.repairs = nil
	derived, err := l.DB.DerivedVersion(ctx)
	if err != nil {
		return rep, err
	}
	stale := derived != DerivedVersion
	changes, ok := store.Changes{}, false
	if !stale {
		if changes, ok, err = l.diffPaths(ctx, opts, &rep); err != nil {
			return rep, err
		}
	}
	if !ok {
		rep.Looked = nil
		if changes, err = l.diffAll(ctx, opts, &rep, stale); err != nil {
			return rep, err
		}
	}
	if stale {
		changes.Derived = DerivedVersion
	}
	rep.Deleted = len(changes.Delete)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := l.stamp(ctx, opts.Content, &changes, &rep); err != nil {
		return rep, err
	}

	before, err := l.DB.Generation(ctx)
	if err != nil {
		return rep, err
	}
	if opts.Progress != nil && !changes.Empty() {
		opts.Progress("storing", 0, 0)
	}
	applied, rebuilt, err := l.apply(ctx, before, changes, stale, opts.Progress)
	rep.Rebuilt = rebuilt
	if err != nil {
		return rep, writeProblem(filepath.Dir(l.searchPath), err)
	}
	l.generation.Store(applied.Generation)
	if rep.Notes, err = l.DB.Count(ctx); err != nil {
		return rep, err
	}
	if opts.CheckQuotes {
		if err := l.checkQuotes(ctx, opts.Content, changes, &rep); err != nil {
			return rep, err
		}
	}
	sort.SliceStable(rep.Diagnostics, func(i, j int) bool { return rep.Diagnostics[i].Path < rep.Diagnostics[j].Path })
	rep.Duration = time.Since(start)
	return rep, nil
}

// diffAll compares the whole content folder with the store. With stale
// set, the stored rows were derived by another version of annals (see
// DerivedVersion): every file is read and parsed again.
func (l *Library) diffAll(ctx context.Context, opts Options, rep *Report, stale bool) (store.Changes, error) {
	files, diags, err := scan(opts.Content)
	if err != nil {
		return store.Changes{}, err
	}
	files, texts := splitTexts(files)
	rep.Scanned = len(files)
	rep.Diagnostics = append(rep.Diagnostics, diags...)
	stored, err := l.DB.Files(ctx)
	if err != nil {
		return store.Changes{}, err
	}
	if stale && len(stored) > 0 {
		derived, err := l.DB.DerivedVersion(ctx)
		if err != nil {
			return store.Changes{}, err
		}
		rep.Diagnostics = append(rep.Diagnostics, note.Diagnostic{Path: filepath.Join(filepath.Dir(l.searchPath), "annals.db"),
			Line: 1, Col: 1, Severity: note.SeverityWarning,
			Message: fmt.Sprintf("the data folder was indexed by a version of annals that derived other data from the notes (version %d, this one %d): read every note again and rebuilt the search index", derived, DerivedVersion)})
		// Forgetting what each file was makes diff read and parse it.
		for i := range stored {
			stored[i].File = store.File{Path: stored[i].Path}
		}
	}
	changes, parsed, pdiags := diff(ctx, opts, files, stored, nil)
	rep.Parsed = parsed
	rep.Diagnostics = append(rep.Diagnostics, pdiags...)
	tdiags, err := l.diffTexts(ctx, opts.Content, texts, nil, &changes)
	rep.Diagnostics = append(rep.Diagnostics, tdiags...)
	return changes, err
}

// diffPaths compares just opts.Paths with the store, and reports false
// when there are none or they need a full scan after all: a folder, a
// bibliography, or a source note gone (a bibliography entry it replaced
// must come back).
func (l *Library) diffPaths(ctx context.Context, opts Options, rep *Report) (store.Changes, bool, error) {
	if len(opts.Paths) == 0 {
		return store.Changes{}, false, nil
	}
	content, err := filepath.Abs(opts.Content)
	if err != nil {
		return store.Changes{}, false, nil
	}
	var rels []string
	for _, p := range opts.Paths {
		if filepath.IsAbs(p) {
			if p, err = filepath.Rel(content, p); err != nil {
				return store.Changes{}, false, nil
			}
		}
		rel := filepath.ToSlash(filepath.Clean(p))
		rels = append(rels, rel)
		rep.Looked = append(rep.Looked, displayPath(opts.Content, rel))
	}
	files, ok := scanPaths(content, rels)
	if !ok {
		return store.Changes{}, false, nil
	}
	files, texts := splitTexts(files)
	refs := make([]store.Ref, len(files))
	for i, f := range files {
		refs[i] = store.Ref{Kind: f.kind, ID: note.ID(f.rel)}
	}
	stored, err := l.DB.FilesOf(ctx, rels, refs)
	if err != nil {
		return store.Changes{}, false, err
	}
	inScope := func(p string) bool {
		for _, rel := range rels {
			if p == rel || strings.HasPrefix(p, rel+"/") || strings.HasPrefix(p, rel+entrySep) {
				return true
			}
		}
		return false
	}
	changes, parsed, diags := diff(ctx, opts, files, stored, inScope)
	for _, s := range stored {
		if s.Kind == note.KindSource && slices.Contains(changes.Delete, s.Path) && !strings.Contains(s.Path, entrySep) {
			return store.Changes{}, false, nil
		}
	}
	rep.Scanned, rep.Parsed = len(files), parsed
	rep.Diagnostics = append(rep.Diagnostics, diags...)
	tdiags, err := l.diffTexts(ctx, opts.Content, texts, inScope, &changes)
	rep.Diagnostics = append(rep.Diagnostics, tdiags...)
	return changes, true, err
}

type parseResult struct {
	puts    []store.Put
	touches []store.File
	keep    []string // stored paths that stay as they are (a bibliography's entries)
	parsed  bool
	diags   note.Diagnostics
}

// diff compares a scan with the store and parses what changed, across all
// cores. A file whose size and modification time match the store is not
// read at all; one whose content hash matches is not parsed. With inScope
// set, the scan covered only some paths: stored files outside them are
// left alone.
func diff(ctx context.Context, opts Options, files []file, stored []store.FileRecord, inScope func(path string) bool) (store.Changes, int, note.Diagnostics) {
	covered := func(path string) bool { return inScope == nil || inScope(path) }
	known := make(map[string]store.FileRecord, len(stored))
	entries := map[string][]store.FileRecord{} // a bibliography's stored entries
	for _, s := range stored {
		known[s.Path] = s
		if f, ok := bibliographyOf(s.Path); ok {
			entries[f] = append(entries[f], s)
		}
	}
	var todo, unchangedBibs []file
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if f.bib {
			if unchanged(f, entries[f.rel]) {
				unchangedBibs = append(unchangedBibs, f)
				continue
			}
			todo = append(todo, f)
			continue
		}
		seen[f.rel] = true
		if s, ok := known[f.rel]; ok && s.Size == f.size && s.MTime == f.mtime {
			continue
		}
		todo = append(todo, f)
	}
	// A bibliography entry may have given way to a source note of the same
	// id; when such a note goes, the entry must be read again.
	for _, s := range stored {
		if !seen[s.Path] && covered(s.Path) && s.Kind == note.KindSource && !strings.Contains(s.Path, entrySep) {
			for _, f := range unchangedBibs {
				f.reread = true
				todo = append(todo, f)
			}
			unchangedBibs = nil
			break
		}
	}
	for _, f := range unchangedBibs {
		for _, e := range entries[f.rel] {
			seen[e.Path] = true
		}
	}

	results := make([]parseResult, len(todo))
	var done int
	var mu sync.Mutex
	parallel(ctx, len(todo), func(i int) {
		results[i] = parseFile(opts.Content, todo[i], known, entries[todo[i].rel])
		if opts.Progress != nil {
			mu.Lock()
			done++
			opts.Progress("parsing", done, len(todo))
			mu.Unlock()
		}
	})

	var c store.Changes
	var diags note.Diagnostics
	parsed := 0
	for _, r := range results {
		diags = append(diags, r.diags...)
		c.Touch = append(c.Touch, r.touches...)
		c.Put = append(c.Put, r.puts...)
		for _, p := range r.puts {
			seen[p.File.Path] = true
		}
		for _, p := range r.touches {
			seen[p.Path] = true
		}
		for _, p := range r.keep {
			seen[p] = true
		}
		if r.parsed {
			parsed++
		}
	}
	for _, s := range stored {
		if !seen[s.Path] && covered(s.Path) {
			c.Delete = append(c.Delete, s.Path)
		}
	}
	c, diags = dropDuplicates(opts.Content, c, stored, diags)
	return c, parsed, diags
}

// unchanged reports whether a bibliography's stored entries all come from
// a file of the size and modification time it has now.
func unchanged(f file, entries []store.FileRecord) bool {
	for _, e := range entries {
		if e.Size != f.size || e.MTime != f.mtime {
			return false
		}
	}
	return len(entries) > 0
}

// parseFile reads and parses one file. entries are the stored entries of a
// bibliography: a broken bibliography keeps them all, as a broken note keeps
// its last good version.
func parseFile(content string, f file, known map[string]store.FileRecord, entries []store.FileRecord) parseResult {
	shown := displayPath(content, f.rel)
	src, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(f.rel)))
	if err != nil {
		return parseResult{diags: note.Diagnostics{{Path: shown, Line: 1, Col: 1, Severity: note.SeverityError,
			Message: fmt.Sprintf("cannot read: %v", err)}}}
	}
	meta := store.File{Path: f.rel, Size: int64(len(src)), MTime: f.mtime, Hash: hash(src)}
	if f.bib {
		return parseBibliography(shown, src, meta, entries, f.reread)
	}
	if s, ok := known[f.rel]; ok && s.Hash == meta.Hash {
		return parseResult{touches: []store.File{meta}}
	}
	n, err := note.Parse(shown, f.kind, src)
	if err != nil {
		var ds note.Diagnostics
		if !errors.As(err, &ds) {
			ds = note.Diagnostics{{Path: shown, Line: 1, Col: 1, Severity: note.SeverityError, Message: err.Error()}}
		}
		return parseResult{parsed: true, diags: ds}
	}
	return parseResult{puts: []store.Put{{File: meta, Note: n}}, parsed: true, diags: n.Warnings}
}

// parseBibliography turns a bibliography's entries into source notes, each
// stored under the file's path and its id. Unless reread is set, an
// unchanged file only has its entries' modification time updated.
func parseBibliography(shown string, src []byte, meta store.File, entries []store.FileRecord, reread bool) parseResult {
	var r parseResult
	if len(entries) > 0 && entries[0].Hash == meta.Hash && !reread {
		for _, e := range entries {
			t := meta
			t.Path = e.Path
			r.touches = append(r.touches, t)
		}
		return r
	}
	r.parsed = true
	notes, diags := bibliography.Parse(shown, src)
	r.diags = diags
	for _, n := range notes {
		f := meta
		f.Path = meta.Path + entrySep + n.ID
		r.puts = append(r.puts, store.Put{File: f, Note: n})
		r.diags = append(r.diags, n.Warnings...)
	}
	for _, d := range diags {
		if d.Severity == note.SeverityError {
			for _, e := range entries {
				r.keep = append(r.keep, e.Path)
			}
			break
		}
	}
	return r
}

// dropDuplicates refuses a note whose kind and id another file already
// has. The file already in the store keeps the id; between two new files,
// the first by path does. A source note always takes the id from a
// bibliography entry, which is dropped with a warning.
func dropDuplicates(content string, c store.Changes, stored []store.FileRecord, diags note.Diagnostics) (store.Changes, note.Diagnostics) {
	deleted := make(map[string]bool, len(c.Delete))
	for _, p := range c.Delete {
		deleted[p] = true
	}
	// A stored file keeps its id while it stays, changed or not: its path
	// names the id, so a new version has the same one.
	owner := map[store.Ref]string{}
	for _, s := range stored {
		if !deleted[s.Path] {
			owner[store.Ref{Kind: s.Kind, ID: s.ID}] = s.Path
		}
	}
	isEntry := func(path string) bool { _, ok := bibliographyOf(path); return ok }
	// Notes before entries, so that a note meets only stored entries.
	puts := slices.Clone(c.Put)
	slices.SortStableFunc(puts, func(a, b store.Put) int {
		return cmp.Compare(b2i(isEntry(a.File.Path)), b2i(isEntry(b.File.Path)))
	})
	var keep []store.Put
	for _, p := range puts {
		ref := store.Ref{Kind: p.Note.Kind, ID: p.Note.ID}
		other, ok := owner[ref]
		if !ok || other == p.File.Path {
			owner[ref] = p.File.Path
			keep = append(keep, p)
			continue
		}
		switch {
		case isEntry(p.File.Path) && !isEntry(other):
			diags = append(diags, shadowed(content, p.File.Path, p.Note.ID, other))
		case isEntry(other) && !isEntry(p.File.Path):
			diags = append(diags, shadowed(content, other, p.Note.ID, p.File.Path))
			c.Delete = append(c.Delete, other)
			owner[ref] = p.File.Path
			keep = append(keep, p)
		default:
			diags = append(diags, note.Diagnostic{Path: shownFile(content, p.File.Path), Line: 1, Col: 1, Severity: note.SeverityError,
				Message: fmt.Sprintf("duplicate id %q: %s already defines this %s; rename one of the files", p.Note.ID, shownFile(content, other), p.Note.Kind)})
		}
	}
	c.Put = keep
	return c, diags
}

// shadowed is the warning for a bibliography entry that gives way to a
// source note with the same id.
func shadowed(content, entry, id, notePath string) note.Diagnostic {
	return note.Diagnostic{Path: shownFile(content, entry), Line: 1, Col: 1, Severity: note.SeverityWarning,
		Message: fmt.Sprintf("source %q is also the note %s, which is used instead of this entry: remove one of the two", id, displayPath(content, notePath))}
}

// shownFile is the path shown for a stored path: a bibliography entry is
// shown as its file.
func shownFile(content, stored string) string {
	if f, ok := bibliographyOf(stored); ok {
		stored = f
	}
	return displayPath(content, stored)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
