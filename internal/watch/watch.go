// Package watch tells when the notes under a folder change, so that
// "annals serve --watch" can re-index them while an author edits.
//
// It watches every folder of the tree, never single files: editors save by
// writing a temporary file and renaming it over the note, which would drop a
// watch on the note itself. Folders created later are added as they appear.
// Events come in bursts (create, write, rename), so they are gathered until
// the tree has been quiet for a moment, and then reported once with the
// paths they named; what exactly changed there is for the index to find out
// from the files themselves.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the tree must be still before a burst of events is
// reported. MaxDelay bounds the wait while events keep coming, so a
// continuous stream of writes is still reported now and then.
const (
	Quiet    = 50 * time.Millisecond
	MaxDelay = time.Second
)

// Watcher watches a folder tree.
type Watcher struct {
	root   string
	fsw    *fsnotify.Watcher
	logger *slog.Logger
}

// New starts watching every folder under root (hidden ones and symbolic
// links excepted, as the index skips them).
func New(root string, logger *slog.Logger) (*Watcher, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w := &Watcher{root: root, fsw: fsw, logger: logger}
	if err := w.sync(); err != nil {
		fsw.Close()
		return nil, err
	}
	return w, nil
}

// Run calls changed after each burst of changes with the paths the events
// named, until ctx is done; paths is nil when events may have been lost and
// the whole tree should be looked at. Calls never overlap: events arriving
// while changed runs make the next burst. Run closes the watcher when it
// returns.
func (w *Watcher) Run(ctx context.Context, changed func(paths []string)) error {
	defer w.fsw.Close()
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		started time.Time
		paths   = map[string]bool{}
		lost    bool
	)
	pending := func() {
		now := time.Now()
		if fire == nil {
			started = now
			timer = time.NewTimer(Quiet)
			fire = timer.C
			return
		}
		wait := min(Quiet, MaxDelay-now.Sub(started))
		timer.Reset(max(wait, 0))
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if w.relevant(ev) {
				paths[ev.Name] = true
				pending()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events; a full re-scan finds what they were.
			w.logger.Warn("watching the content folder", "err", err)
			lost = true
			pending()
		case <-fire:
			fire = nil
			if err := w.sync(); err != nil {
				w.logger.Warn("watching the content folder", "err", err)
			}
			var list []string
			if !lost {
				list = slices.Sorted(maps.Keys(paths))
			}
			clear(paths)
			lost = false
			changed(list)
		}
	}
}

// relevant reports whether ev may change a note: attribute changes do not,
// nor do hidden files such as editors' swap and lock files.
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	return !strings.HasPrefix(filepath.Base(ev.Name), ".")
}

// sync brings the set of watched folders in line with the tree: new
// folders are added (and their notes are found by the re-scan that
// follows), folders gone or moved away are dropped.
func (w *Watcher) sync() error {
	want := map[string]bool{}
	err := filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == w.root {
				return err
			}
			return nil // vanished or unreadable while walking: the index reports it
		}
		if !d.IsDir() {
			return nil
		}
		if p != w.root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		want[p] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.root, err)
	}
	watched := map[string]bool{}
	for _, p := range w.fsw.WatchList() {
		watched[p] = true
		if !want[p] {
			// Already gone from the kernel's list when the folder was deleted.
			_ = w.fsw.Remove(p)
		}
	}
	var errs []error
	for p := range want {
		if watched[p] {
			continue
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("watch %s: %w", p, err))
		}
	}
	return errors.Join(errs...)
}
