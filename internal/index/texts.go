package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// splitTexts separates the sources' stored texts from the notes in a scan.
func splitTexts(files []file) (notes, texts []file) {
	for _, f := range files {
		if f.text {
			texts = append(texts, f)
		} else {
			notes = append(notes, f)
		}
	}
	return notes, texts
}

// diffTexts compares the stored texts found by a scan with the store's and
// adds the differences to c. A text that cannot be read as one is left
// out of the store with a warning: it only turns off the quote checks of
// its source. With inScope set, the scan covered only some paths.
func (l *Library) diffTexts(ctx context.Context, content string, files []file, inScope func(string) bool, c *store.Changes) (note.Diagnostics, error) {
	stored, err := l.DB.TextFiles(ctx)
	if err != nil {
		return nil, err
	}
	known := make(map[string]store.File, len(stored))
	for _, s := range stored {
		known[s.Path] = s
	}
	var diags note.Diagnostics
	seen := map[string]bool{}
	for _, f := range files {
		s, ok := known[f.rel]
		if ok && s.Size == f.size && s.MTime == f.mtime {
			seen[f.rel] = true
			continue
		}
		t, meta, d := readText(content, f)
		switch {
		case d != nil:
			diags = append(diags, *d)
			continue // a stored version, if any, is deleted below
		case ok && s.Hash == meta.Hash:
			c.Touch = append(c.Touch, meta)
		default:
			c.Texts = append(c.Texts, store.Text{File: meta, Source: t.ID, Text: textOf(t)})
		}
		seen[f.rel] = true
	}
	for _, s := range stored {
		if !seen[s.Path] && (inScope == nil || inScope(s.Path)) {
			c.Delete = append(c.Delete, s.Path)
		}
	}
	return diags, nil
}

// readText reads and parses one stored text.
func readText(content string, f file) (*note.SourceText, store.File, *note.Diagnostic) {
	shown := displayPath(content, f.rel)
	src, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(f.rel)))
	if err != nil {
		return nil, store.File{}, &note.Diagnostic{Path: shown, Line: 1, Col: 1, Severity: note.SeverityWarning,
			Message: fmt.Sprintf("cannot read the stored text: %v; until it can be read the quotations citing @%s are not checked", unwrapPath(err), note.TextID(f.rel))}
	}
	t, d := note.ParseSourceText(shown, src)
	return t, store.File{Path: f.rel, Size: int64(len(src)), MTime: f.mtime, Hash: hash(src)}, d
}

// textOf writes a parsed text back as its paragraphs, separated by blank
// lines: what the store keeps, and parses again when it is read.
func textOf(t *note.SourceText) string {
	var b []byte
	for i, p := range t.Paragraphs {
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		b = append(b, p...)
	}
	return string(b)
}

// readTexts reads the stored texts found by a scan, by source id: what
// "annals check" verifies quotations against. Texts that cannot serve are
// left out with a warning; of two texts with one id, the first by path
// is kept and the other reported.
func readTexts(ctx context.Context, content string, files []file) (map[string]*note.SourceText, note.Diagnostics) {
	texts := map[string]*note.SourceText{}
	var diags note.Diagnostics
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		t, _, d := readText(content, f)
		if d != nil {
			diags = append(diags, *d)
			continue
		}
		if first, dup := texts[t.ID]; dup {
			diags = append(diags, note.Diagnostic{Path: t.Path, Line: 1, Col: 1, Severity: note.SeverityWarning,
				Message: fmt.Sprintf("%s is already the stored text of @%s, and this one is not used: remove one of the two", first.Path, t.ID)})
			continue
		}
		texts[t.ID] = t
	}
	return texts, diags
}

// checkQuotes checks the quotations of the events a run touched against
// the sources' stored texts, and adds what it finds to the report: after a
// scan of the whole folder, every event citing a source with a stored
// text; otherwise the events stored in this run and those citing a text
// stored or deleted in it. An event looked at only because a text changed
// joins rep.Looked, so its earlier findings are replaced, unless its file
// changed since it was stored (then its own problems stand until it is
// saved again).
func (l *Library) checkQuotes(ctx context.Context, content string, c store.Changes, rep *Report) error {
	stored, err := l.DB.TextSources(ctx)
	if err != nil {
		return err
	}
	var changed []string // the sources whose texts this run stored or deleted
	for _, t := range c.Texts {
		changed = append(changed, t.Source)
	}
	for _, p := range c.Delete {
		if isSourceText(p) {
			changed = append(changed, note.TextID(p))
		}
	}
	if len(stored) == 0 && len(changed) == 0 {
		return nil // no text to check against, and none gone
	}
	var ids []string
	if rep.Looked == nil {
		if ids, err = l.DB.CitingEvents(ctx, stored); err != nil {
			return err
		}
	} else {
		if ids, err = l.DB.CitingEvents(ctx, changed); err != nil {
			return err
		}
		byText := ids
		for _, p := range c.Put {
			if p.Note.Kind == note.KindEvent {
				ids = append(ids, p.Note.ID)
			}
		}
		if err := l.lookAt(ctx, content, byText, rep); err != nil {
			return err
		}
	}
	if len(ids) == 0 {
		return nil
	}
	events, err := l.DB.Notes(ctx, store.Filter{Kind: note.KindEvent, IDs: ids, IncludeDrafts: true})
	if err != nil {
		return err
	}
	var keys []string
	for _, n := range events {
		for _, ct := range n.Citations {
			keys = append(keys, ct.Key)
		}
	}
	texts, err := l.DB.SourceTexts(ctx, keys)
	if err != nil {
		return err
	}
	for _, t := range texts {
		t.Path = displayPath(content, t.Path)
	}
	for _, n := range events {
		n.Path = displayPath(content, n.Path)
		rep.Diagnostics = append(rep.Diagnostics, note.CheckQuotes(n, note.Statements(n), texts)...)
	}
	return nil
}

// lookAt adds to rep.Looked the events (by id) re-checked because a text
// they cite changed, those whose files are as stored.
func (l *Library) lookAt(ctx context.Context, content string, ids []string, rep *Report) error {
	if len(ids) == 0 {
		return nil
	}
	refs := make([]store.Ref, len(ids))
	for i, id := range ids {
		refs[i] = store.Ref{Kind: note.KindEvent, ID: id}
	}
	stored, err := l.DB.FilesOf(ctx, nil, refs)
	if err != nil {
		return err
	}
	for _, s := range stored {
		shown := displayPath(content, s.Path)
		if slices.Contains(rep.Looked, shown) {
			continue
		}
		fi, err := os.Stat(filepath.Join(content, filepath.FromSlash(s.Path)))
		if err == nil && fi.Size() == s.Size && fi.ModTime().UnixNano() == s.MTime {
			rep.Looked = append(rep.Looked, shown)
		}
	}
	return nil
}
