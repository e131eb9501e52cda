package index

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"annals.dev/annals/internal/history"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// maxDirtyPaths is how many files a run asks git about by name; past it,
// one look at the whole folder costs less than a command line that long.
const maxDirtyPaths = 256

// stamp sets when each note c puts, touches or leaves alone last changed:
// the time of the newest commit that touched its file, unless the file has
// uncommitted changes (or git has no record of it, or there is no git),
// when it is the file's modification time. A run reads only the commits
// made since the last run, and with none only the files c changes are
// looked at again.
func (l *Library) stamp(ctx context.Context, content string, c *store.Changes, rep *Report) error {
	storedRepo, storedHead, err := l.DB.GitHead(ctx)
	if err != nil {
		return err
	}
	repo, commits, full, err := readHistory(ctx, content, storedRepo, storedHead)
	if err == nil {
		var key, head string
		if repo != nil {
			key, head = repoKey(repo), repo.Head
		}
		if key != storedRepo || head != storedHead {
			c.History = &store.History{Repo: key, Head: head, Full: full, Files: commits}
		}
		err = l.stampFiles(ctx, c, repo, commits, full)
	}
	var gerr gitError
	if !errors.As(err, &gerr) {
		return err
	}
	// git is there but failed: the notes that change are dated by their
	// files, and the history is read again next time.
	rep.Diagnostics = append(rep.Diagnostics, note.Diagnostic{Path: content, Line: 1, Col: 1, Severity: note.SeverityWarning,
		Message: fmt.Sprintf("cannot read the git history (%v): notes are dated by their files' modification times until git can read the folder", gerr.err)})
	c.History, c.Stamps = nil, nil
	return l.stampFiles(ctx, c, nil, nil, false)
}

// gitError is a failure of git itself, as opposed to one of the store.
type gitError struct{ err error }

func (e gitError) Error() string { return e.err.Error() }

// readHistory reads the commits made since the run that recorded
// storedHead of storedRepo: the newest commit time of each file they
// touched. full says they are the whole history (or none, outside git),
// which replaces the recorded one. repo is nil outside git.
func readHistory(ctx context.Context, content, storedRepo, storedHead string) (repo *history.Repo, commits map[string]int64, full bool, err error) {
	repo, err = history.Open(ctx, content)
	if errors.Is(err, history.ErrNoRepo) {
		return nil, map[string]int64{}, storedRepo != "", nil
	}
	if err != nil {
		return nil, nil, false, gitError{err}
	}
	since := ""
	switch {
	case repoKey(repo) == storedRepo && repo.Head == storedHead:
		return repo, map[string]int64{}, false, nil
	case repoKey(repo) == storedRepo && storedHead != "" && repo.IsAncestor(ctx, storedHead):
		since = storedHead
	default:
		// Another repository, or a history rewritten: read all of it.
		full = true
	}
	changed, err := repo.Changed(ctx, since)
	if err != nil {
		return nil, nil, false, gitError{err}
	}
	commits = make(map[string]int64, len(changed))
	for p, t := range changed {
		commits[p] = t.UnixNano()
	}
	return repo, commits, full, nil
}

// repoKey names where the content folder is in git, so that a move to
// another repository or folder is noticed.
func repoKey(r *history.Repo) string { return r.Root + "\n" + r.Prefix }

// stampFiles dates the notes c puts and touches, and those stored notes
// that commits (new since the last run; all of them when full) touched.
// With repo nil, every note is dated by its file.
func (l *Library) stampFiles(ctx context.Context, c *store.Changes, repo *history.Repo, commits map[string]int64, full bool) error {
	// The stored notes whose date may have moved without their files
	// changing: those a new commit touched, or all after a full read.
	var others []store.FileRecord
	var err error
	switch {
	case full || len(commits) > maxDirtyPaths:
		others, err = l.DB.Files(ctx)
		if !full {
			others = slices.DeleteFunc(others, func(r store.FileRecord) bool { _, ok := commits[fileOf(r.Path)]; return !ok })
		}
	case len(commits) > 0:
		others, err = l.DB.FilesOf(ctx, mapKeys(commits), nil)
	}
	if err != nil {
		return err
	}
	changing := map[string]bool{}
	for _, p := range c.Put {
		changing[p.File.Path] = true
	}
	for _, f := range c.Touch {
		changing[f.Path] = true
	}
	for _, p := range c.Delete {
		changing[p] = true
	}
	others = slices.DeleteFunc(others, func(r store.FileRecord) bool { return changing[r.Path] })

	// What git says of each file: whether it differs from HEAD, and when
	// a commit last touched it.
	var files []string
	for _, p := range c.Put {
		files = append(files, fileOf(p.File.Path))
	}
	for _, f := range c.Touch {
		files = append(files, fileOf(f.Path))
	}
	for _, r := range others {
		files = append(files, fileOf(r.Path))
	}
	slices.Sort(files)
	files = slices.Compact(files)
	dirty := map[string]bool{}
	committed := map[string]int64{} // of the files below, new or recorded
	if repo != nil && len(files) > 0 {
		ask := files
		if full || len(files) > maxDirtyPaths {
			ask = nil
		}
		if dirty, err = repo.Dirty(ctx, ask); err != nil {
			return gitError{err}
		}
		var unknown []string
		for _, f := range files {
			if t, ok := commits[f]; ok {
				committed[f] = t
			} else if !full {
				unknown = append(unknown, f)
			}
		}
		recorded, err := l.DB.Committed(ctx, unknown)
		if err != nil {
			return err
		}
		for p, t := range recorded {
			committed[p] = t
		}
	}
	updated := func(path string, mtime int64) int64 {
		f := fileOf(path)
		if t, ok := committed[f]; ok && !dirty[f] {
			return t
		}
		return mtime
	}
	for i := range c.Put {
		c.Put[i].File.Updated = updated(c.Put[i].File.Path, c.Put[i].File.MTime)
	}
	for i := range c.Touch {
		c.Touch[i].Updated = updated(c.Touch[i].Path, c.Touch[i].MTime)
	}
	for _, r := range others {
		if t := updated(r.Path, r.MTime); t != r.Updated {
			c.Stamps = append(c.Stamps, store.Stamp{Path: r.Path, Updated: t})
		}
	}
	return nil
}

// fileOf is the file a stored path comes from: a bibliography entry's is
// the bibliography.
func fileOf(stored string) string {
	if f, ok := bibliographyOf(stored); ok {
		return f
	}
	return stored
}

func mapKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
