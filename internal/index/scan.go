package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"annals.dev/annals/internal/note"
)

// file is a note file found by a scan.
type file struct {
	rel   string // path relative to the content folder, with "/"
	kind  note.Kind
	size  int64
	mtime int64
	bib   bool // a bibliography: one source per entry
	text  bool // a source's stored text (sources/<id>.txt)
	// reread asks for a bibliography to be parsed even if unchanged: an
	// entry that gave way to a note may be due back.
	reread bool
}

// scan lists the notes under content: *.md files below events/, sources/
// and actors/ (in subfolders too), the bibliographies (*.bib, *.json)
// below sources/ or in the content folder itself, and the sources' stored
// texts (*.txt below sources/). Hidden files and folders
// are skipped, and so are symbolic links, which could lead outside the
// folder.
func scan(content string) ([]file, note.Diagnostics, error) {
	info, err := os.Stat(content)
	if err != nil {
		return nil, nil, fmt.Errorf("content folder: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("content folder %s is not a folder", content)
	}
	var files []file
	var diags note.Diagnostics
	for _, k := range note.Kinds {
		root := filepath.Join(content, k.Folder)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && os.IsNotExist(err) {
					return nil
				}
				diags = append(diags, note.Diagnostic{Path: p, Line: 1, Col: 1, Severity: note.SeverityError,
					Message: fmt.Sprintf("cannot read: %v", err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && p != root {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			bib := k.Kind == note.KindSource && isBibliography(name)
			text := k.Kind == note.KindSource && isSourceText(name)
			if d.Type()&fs.ModeSymlink != 0 {
				// A linked folder may hold notes the author expects to see,
				// or lead in a loop: say it was skipped, as for a note.
				if target, err := os.Stat(p); strings.HasSuffix(name, ".md") || bib || text || err != nil || target.IsDir() {
					diags = append(diags, note.Diagnostic{Path: p, Line: 1, Col: 1, Severity: note.SeverityWarning,
						Message: "symbolic link skipped: copy the note or folder into the content folder instead"})
				}
				return nil
			}
			if d.IsDir() || !(strings.HasSuffix(name, ".md") || bib || text) || !d.Type().IsRegular() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil // removed while scanning
			}
			rel, _ := filepath.Rel(content, p)
			files = append(files, file{rel: filepath.ToSlash(rel), kind: k.Kind, size: fi.Size(), mtime: fi.ModTime().UnixNano(), bib: bib, text: text})
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	top, err := os.ReadDir(content)
	if err != nil {
		return nil, nil, fmt.Errorf("content folder: %w", err)
	}
	for _, d := range top {
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || !isBibliography(d.Name()) {
			continue
		}
		if fi, err := d.Info(); err == nil {
			files = append(files, file{rel: d.Name(), kind: note.KindSource, size: fi.Size(), mtime: fi.ModTime().UnixNano(), bib: true})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, diags, nil
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// displayPath is the path shown in diagnostics: the content folder joined
// with the note's relative path, as the user would open it.
func displayPath(content, rel string) string {
	return path.Join(filepath.ToSlash(content), rel)
}

// isBibliography reports whether a file name is that of a bibliography
// exported by a citation manager: CSL-JSON or BibTeX.
func isBibliography(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".bib" || ext == ".json"
}

// isSourceText reports whether a file name below sources/ is that of a
// source's stored text.
func isSourceText(name string) bool {
	return strings.HasSuffix(name, ".txt")
}

// entrySep joins a bibliography's path and an entry's id into the path the
// store keeps for the entry: "sources/zotero.bib#stoltenberg-memoir".
const entrySep = "#"

// bibliographyOf returns the bibliography file of a stored entry's path.
func bibliographyOf(stored string) (string, bool) {
	f, _, ok := strings.Cut(stored, entrySep)
	return f, ok && isBibliography(f)
}

// scanPaths looks at just the given paths (relative to content, with "/"),
// as a scan would have found them: the notes among them that exist now.
// It reports false when the paths need a full scan to be understood: a
// folder, a bibliography, a symbolic link, or a path outside the kinds'
// folders that the scan would not skip.
func scanPaths(content string, rels []string) ([]file, bool) {
	var files []file
	for _, rel := range rels {
		parts := strings.Split(rel, "/")
		kind, inKind := note.KindOfFolder(parts[0])
		switch {
		case rel == "." || parts[0] == "..":
			return nil, false // the folder itself, or outside it
		case isBibliography(rel) && (len(parts) == 1 || kind == note.KindSource):
			return nil, false
		case !inKind:
			continue
		case len(parts) == 1:
			return nil, false // a kind's whole folder
		case slices.ContainsFunc(parts[1:], func(p string) bool { return strings.HasPrefix(p, ".") }):
			continue // hidden, as the scan skips it
		}
		fi, err := os.Lstat(filepath.Join(content, filepath.FromSlash(rel)))
		switch {
		case os.IsNotExist(err):
			continue // gone: the store's record, if any, is deleted
		case err != nil, fi.IsDir(), fi.Mode()&fs.ModeSymlink != 0:
			return nil, false
		}
		text := kind == note.KindSource && isSourceText(rel)
		if !(strings.HasSuffix(rel, ".md") || text) || !fi.Mode().IsRegular() {
			continue
		}
		files = append(files, file{rel: rel, kind: kind, size: fi.Size(), mtime: fi.ModTime().UnixNano(), text: text})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, true
}
