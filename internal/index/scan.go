package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
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
}

// scan lists the notes under content: *.md files below events/, sources/
// and actors/ (in subfolders too). Hidden files and folders are skipped,
// and so are symbolic links, which could lead outside the folder.
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
			if d.Type()&fs.ModeSymlink != 0 {
				// A linked folder may hold notes the author expects to see,
				// or lead in a loop: say it was skipped, as for a note.
				if target, err := os.Stat(p); strings.HasSuffix(name, ".md") || err != nil || target.IsDir() {
					diags = append(diags, note.Diagnostic{Path: p, Line: 1, Col: 1, Severity: note.SeverityWarning,
						Message: "symbolic link skipped: copy the note or folder into the content folder instead"})
				}
				return nil
			}
			if d.IsDir() || !strings.HasSuffix(name, ".md") || !d.Type().IsRegular() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil // removed while scanning
			}
			rel, _ := filepath.Rel(content, p)
			files = append(files, file{rel: filepath.ToSlash(rel), kind: k.Kind, size: fi.Size(), mtime: fi.ModTime().UnixNano()})
			return nil
		})
		if err != nil {
			return nil, nil, err
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
