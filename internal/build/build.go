package build

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/web"
	"annals.dev/annals/templates"
)

// Marker is the file every build leaves in its folder. A later build
// replaces a folder only if it holds this file, so it never deletes a
// folder it did not make.
const Marker = ".annals-build"

// origin is the address pages are rendered at. It is replaced in every
// output by the published address (Options.BaseURL), or removed, leaving
// root-relative links that the build then makes relative.
const origin = "http://annals.invalid"

//go:embed search.js
var searchJS []byte

// Options configures a build.
type Options struct {
	// Dir is the folder to write. It must not exist, be empty, or hold an
	// earlier build.
	Dir string
	// BaseURL is the address the site will be published at, used where a
	// page names its own absolute address (an event's permalink). Empty
	// leaves those addresses relative.
	BaseURL string
	// ServerURL, if set, is an annals server the search page points to for
	// readers without JavaScript.
	ServerURL string
	// Progress, if set, is called as files are written, from one goroutine
	// at a time: stage is "building", done and total count files.
	Progress func(stage string, done, total int)
}

// Report says what a build wrote.
type Report struct {
	Pages    int   // HTML pages
	Files    int   // every file, pages included
	Bytes    int64 // their total size
	Duration time.Duration
	// Warnings name notes an export could not hold as written; the
	// export is complete in every other respect.
	Warnings note.Diagnostics
}

// ErrNotBuild is returned when the folder to write holds files that no
// build made: the build refuses to replace them.
var ErrNotBuild = errors.New("not made by annals build")

// Build writes the public site of lib into opts.Dir. The files are written
// into a new folder beside it, which replaces opts.Dir only once complete:
// a failed build leaves whatever was there before.
func Build(ctx context.Context, lib *index.Library, opts Options) (Report, error) {
	start := time.Now()
	base, err := checkURL("base URL", opts.BaseURL)
	if err != nil {
		return Report{}, err
	}
	server, err := checkURL("server URL", opts.ServerURL)
	if err != nil {
		return Report{}, err
	}
	dir := filepath.Clean(opts.Dir)
	if err := checkDest(dir); err != nil {
		return Report{}, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return Report{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".build-")
	if err != nil {
		return Report{}, err
	}
	defer os.RemoveAll(tmp)

	b := &builder{srv: web.NewServer(lib, web.Options{}), dir: tmp, base: base, progress: opts.Progress}
	s, notes, err := enumerate(ctx, lib.DB)
	if err != nil {
		return Report{}, err
	}
	b.site = s
	s.add(pagePath("search"))
	for _, p := range []string{stylePath, searchIndexPath, searchJSPath} {
		s.add(filePath(p))
	}
	// The exports are made as the server makes them, from the published
	// address rather than the one pages are rendered at: a calendar folds
	// long lines, so the address cannot be replaced afterwards.
	fixed := map[string][]byte{searchJSPath: searchJS}
	coll, err := export.Load(ctx, lib.DB, base)
	if err != nil {
		return Report{}, err
	}
	var warnings note.Diagnostics
	for _, f := range export.Formats {
		var buf bytes.Buffer
		diags, err := f.Write(&buf, coll)
		if err != nil {
			return Report{}, fmt.Errorf("export %s: %w", f.Name, err)
		}
		warnings = append(warnings, diags...)
		p := filePath("/export/" + f.File)
		fixed[p.path] = buf.Bytes()
		s.add(p)
	}

	if fixed[searchIndexPath], err = searchIndex(s, notes); err != nil {
		return Report{}, err
	}
	// Crawlers get a robots.txt, and a sitemap when the published address
	// is known: the sitemap protocol takes absolute addresses only.
	if base != "" {
		fixed[sitemapPath] = sitemap(s, base)
		s.add(filePath(sitemapPath))
	}
	fixed[robotsPath] = robots(base)
	s.add(filePath(robotsPath))
	if fixed[searchPath], err = renderSearchPage(server); err != nil {
		return Report{}, err
	}
	if err := b.writeAll(ctx, fixed); err != nil {
		return Report{}, err
	}
	if err := b.write(Marker, []byte("This folder was written by annals build, which replaces it on the next build.\n")); err != nil {
		return Report{}, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Report{}, err
	}
	// Something may have been written to dir while the build ran.
	if err := checkDest(dir); err != nil {
		return Report{}, err
	}
	if err := swap(tmp, dir); err != nil {
		return Report{}, err
	}
	return Report{
		Pages: int(b.pages.Load()), Files: int(b.files.Load()), Bytes: b.bytes.Load(),
		Duration: time.Since(start), Warnings: warnings,
	}, nil
}

// checkURL checks an absolute http or https address, returned without a
// trailing slash.
func checkURL(what, raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%s %q: give an absolute http or https address, such as https://example.org/annals", what, raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

// checkDest refuses a folder that holds files no build made.
func checkDest(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: choose a folder for the site", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	return fmt.Errorf("%s is not empty and has no %s file, so it was %w: choose a new or empty folder, or remove this one first", dir, Marker, ErrNotBuild)
}

// swap puts the finished build tmp in the place of dir.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return errors.Join(err, os.Rename(old, dir))
	}
	return os.RemoveAll(old)
}

// renderSearchPage renders the static search page with the site's layout.
func renderSearchPage(server string) ([]byte, error) {
	funcs := template.FuncMap{"live": func() any { return nil }}
	t, err := template.New("static-search").Funcs(funcs).ParseFS(templates.FS, "base.html", "static-search.html")
	if err != nil {
		return nil, fmt.Errorf("parse the search page: %w", err)
	}
	data := struct{ ServerURL string }{}
	if server != "" {
		data.ServerURL = server + "/search"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return nil, fmt.Errorf("render the search page: %w", err)
	}
	return buf.Bytes(), nil
}

// builder renders pages through the web server and writes them.
type builder struct {
	srv   http.Handler
	site  *site
	dir   string
	base  string
	pages atomic.Int64
	files atomic.Int64
	bytes atomic.Int64

	mu       sync.Mutex // serialises progress
	progress func(stage string, done, total int)
}

// get renders a URL of the site as the server answers it.
func (b *builder) get(ctx context.Context, u string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+u, nil)
	if err != nil {
		return nil, 0, err
	}
	rec := httptest.NewRecorder()
	b.srv.ServeHTTP(rec, req)
	return bytes.ReplaceAll(rec.Body.Bytes(), []byte(origin), []byte(b.base)), rec.Code, nil
}

// writeAll renders every page the server has and writes it, with fixed
// holding the files the build made itself, on as many workers as there
// are processors.
func (b *builder) writeAll(ctx context.Context, fixed map[string][]byte) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan page)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				if err := b.one(ctx, p, fixed[p.path]); err != nil {
					cancel(err)
				}
				if b.progress != nil {
					b.mu.Lock()
					b.progress("building", int(b.files.Load()), len(b.site.pages))
					b.mu.Unlock()
				}
			}
		})
	}
	for _, p := range b.site.pages {
		select {
		case work <- p:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	return context.Cause(ctx)
}

// one writes page p: body if the build made it, else what the server
// answers. Pages get their links rewritten.
func (b *builder) one(ctx context.Context, p page, body []byte) error {
	if ctx.Err() != nil {
		return nil
	}
	if body == nil {
		var status int
		var err error
		if body, status, err = b.get(ctx, p.url); err != nil {
			return err
		}
		if status != http.StatusOK {
			return fmt.Errorf("render %s: the server answered %d", p.url, status)
		}
	}
	if strings.HasSuffix(p.file, ".html") {
		var buf bytes.Buffer
		if err := b.site.rewrite(&buf, p.file, body); err != nil {
			return fmt.Errorf("rewrite the links of %s: %w", p.url, err)
		}
		body = buf.Bytes()
		b.pages.Add(1)
	}
	return b.write(p.file, body)
}

func (b *builder) write(file string, body []byte) error {
	path := filepath.Join(b.dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		return err
	}
	b.files.Add(1)
	b.bytes.Add(int64(len(body)))
	return nil
}
