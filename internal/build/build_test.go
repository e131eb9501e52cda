package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"annals.dev/annals/internal/index"
)

// A draft whose id, title and tag appear nowhere else: none of them may
// reach any file of a build.
const (
	draftID    = "zz-draft-qwertyuiop-0451"
	draftTitle = "Plughwobble secret lead"
	draftTag   = "vorpal-draft-tag"
	draftNote  = `---
title: "` + draftTitle + `"
date: 2019-03-04
draft: true
tags: [` + draftTag + `, memoir]
summary: Snarkhunt whiffle, never to be published.
---

Snarkhunt whiffle body text. [@stoltenberg-memoir, p. 1]
`
)

// newLibrary indexes a copy of the shipped collection plus the draft.
func newLibrary(t *testing.T) *index.Library {
	t.Helper()
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "events", draftID+".md"), []byte(draftNote), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := index.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	rep, err := lib.Update(context.Background(), index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() > 0 {
		t.Fatalf("the shipped collection has errors: %v", rep.Diagnostics)
	}
	return lib
}

func build(t *testing.T, lib *index.Library, opts Options) Report {
	t.Helper()
	rep, err := Build(context.Background(), lib, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// links returns every href, src and action of an HTML file.
func links(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for _, a := range z.Token().Attr {
			if linkAttrs[a.Key] {
				out = append(out, a.Val)
			}
		}
	}
	return out
}

func TestBuildShippedContent(t *testing.T) {
	lib := newLibrary(t)
	dir := filepath.Join(t.TempDir(), "site")
	rep := build(t, lib, Options{Dir: dir})
	if rep.Pages < 20 || rep.Files <= rep.Pages || rep.Bytes == 0 {
		t.Errorf("report %+v: want the pages of the shipped collection", rep)
	}

	t.Run("EveryLocalLinkResolves", func(t *testing.T) {
		pages := 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			pages++
			for _, l := range links(t, p) {
				u, err := url.Parse(l)
				if err != nil {
					t.Errorf("%s: bad link %q", p, l)
					continue
				}
				if u.Scheme != "" || u.Host != "" || u.Path == "" {
					continue
				}
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: root-relative link %q does not work from disk", p, l)
					continue
				}
				target := filepath.Join(filepath.Dir(p), filepath.FromSlash(u.Path))
				if fi, err := os.Stat(target); err != nil || fi.IsDir() {
					t.Errorf("%s: link %q names no file", p, l)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pages != rep.Pages {
			t.Errorf("found %d pages, report says %d", pages, rep.Pages)
		}
	})

	// Nor does any file name the address pages are rendered at.
	t.Run("DraftsAbsent", func(t *testing.T) {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				if d != nil && strings.Contains(d.Name(), draftID) {
					t.Errorf("%s: a draft has a folder", p)
				}
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, s := range []string{draftID, draftTitle, draftTag, "Snarkhunt", "UNVERIFIED LEAD", "2025-draft-unverified-lead", "annals.invalid"} {
				if bytes.Contains(b, []byte(s)) {
					t.Errorf("%s contains %q", p, s)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Pages", func(t *testing.T) {
		for _, tc := range []struct {
			file string
			want []string
		}{
			{"index.html", []string{`href="static/style.css"`, `href="events/2018-trump-norway-swedish-model/index.html"`, `href="sources/index.html"`, `href="search/index.html"`, `href="changes/index.html"`}},
			{"events/2018-trump-norway-swedish-model/index.html", []string{`href="../../static/style.css"`, `href="../../sources/toutiao-stoltenberg-memoir/index.html"`, `href="../../tags/norway/index.html"`, `href="../../actors/donald-trump/index.html"`, `href="#fn-1"`, `href="../../index.html"`, `<a href="index.html" class="permalink">/events/2018-trump-norway-swedish-model</a>`}},
			{"sources/toutiao-stoltenberg-memoir/index.html", []string{`href="../../static/style.css"`}},
			{"tags/memoir/index.html", []string{`href="../../events/2018-trump-norway-swedish-model/index.html"`}},
			// The copied notes are not in git: their files' times are the
			// build's day, within the last 30 days /changes shows.
			{"changes/index.html", []string{"<h1>Changes</h1>", `href="../events/2018-trump-norway-swedish-model/index.html"`, `href="../index.html"`}},
			{"export/feed.atom", []string{`href="/events/2018-trump-norway-swedish-model"`}},
			{"search/index.html", []string{`src="../static/search-index.js"`, `src="../static/search.js"`, `action="index.html"`, `id="needs-script"`}},
		} {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tc.file)))
			if err != nil {
				t.Error(err)
				continue
			}
			for _, w := range tc.want {
				if !bytes.Contains(b, []byte(w)) {
					t.Errorf("%s lacks %s", tc.file, w)
				}
			}
			// The timeline's filter form needs the server: it is dropped.
			if bytes.Contains(b, []byte(`class="filters"`)) {
				t.Errorf("%s keeps the timeline filter form", tc.file)
			}
		}
	})

	t.Run("SearchIndex", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, "static", "search-index.js"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{`window.annalsSearch = {"docs":[`, `"events/2018-trump-norway-swedish-model/index.html"`, `the Swedish model`, `"actors/jens-stoltenberg/index.html"`} {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("search index lacks %s", w)
			}
		}
	})
}

func TestBuildBaseURL(t *testing.T) {
	lib := newLibrary(t)
	dir := filepath.Join(t.TempDir(), "site")
	build(t, lib, Options{Dir: dir, BaseURL: "https://example.org/annals/", ServerURL: "https://annals.example.org"})
	b, err := os.ReadFile(filepath.Join(dir, "events", "2018-trump-norway-swedish-model", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `href="https://example.org/annals/events/2018-trump-norway-swedish-model"`; !bytes.Contains(b, []byte(want)) {
		t.Errorf("event page lacks the published permalink %s", want)
	}
	if bytes.Contains(b, []byte("annals.invalid")) {
		t.Error("event page names the address it was rendered at")
	}
	// Calendars fold long lines, so the address is checked unfolded.
	ics, err := os.ReadFile(filepath.Join(dir, "export", "events.ics"))
	if err != nil {
		t.Fatal(err)
	}
	unfolded := strings.ReplaceAll(string(ics), "\r\n ", "")
	if want := "https://example.org/annals/events/2018-trump-norway-swedish-model"; !strings.Contains(unfolded, want) || strings.Contains(unfolded, "annals.invalid") {
		t.Errorf("events.ics lacks the published address %s", want)
	}
	s, err := os.ReadFile(filepath.Join(dir, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<a href="https://annals.example.org/search">`; !bytes.Contains(s, []byte(want)) {
		t.Errorf("search page lacks the server's search for readers without JavaScript: %s", want)
	}
}

func TestBuildFolder(t *testing.T) {
	lib := newLibrary(t)
	write := func(t *testing.T, p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("ErrNotBuild", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "mine")
		write(t, filepath.Join(dir, "thesis.txt"), "precious")
		_, err := Build(context.Background(), lib, Options{Dir: dir})
		if !errors.Is(err, ErrNotBuild) || !strings.Contains(err.Error(), "choose a new or empty folder") {
			t.Fatalf("err = %v, want ErrNotBuild saying what to do", err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "thesis.txt")); err != nil || string(b) != "precious" {
			t.Errorf("the folder's file was touched: %q, %v", b, err)
		}
		leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".mine.build-*"))
		if len(leftovers) > 0 {
			t.Errorf("left %v behind", leftovers)
		}
	})

	t.Run("EmptyFolder", func(t *testing.T) {
		dir := t.TempDir()
		build(t, lib, Options{Dir: dir})
		if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
			t.Error(err)
		}
	})

	t.Run("ReplacesEarlierBuild", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		build(t, lib, Options{Dir: dir})
		stale := filepath.Join(dir, "events", "gone", "index.html")
		write(t, stale, "an event deleted since")
		build(t, lib, Options{Dir: dir})
		if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a page of the earlier build survived: %v", err)
		}
		entries, _ := os.ReadDir(filepath.Dir(dir))
		if len(entries) != 1 {
			t.Errorf("beside the site: %v, want nothing else", entries)
		}
	})

	t.Run("FailedBuildKeepsOld", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		build(t, lib, Options{Dir: dir})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Build(ctx, lib, Options{Dir: dir}); err == nil {
			t.Fatal("a cancelled build succeeded")
		}
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
			t.Errorf("the earlier build is gone: %v", err)
		}
		entries, _ := os.ReadDir(filepath.Dir(dir))
		if len(entries) != 1 {
			t.Errorf("beside the site: %v, want nothing else", entries)
		}
	})

	t.Run("BadURL", func(t *testing.T) {
		_, err := Build(context.Background(), lib, Options{Dir: t.TempDir(), BaseURL: "javascript:alert(1)"})
		if err == nil || !strings.Contains(err.Error(), "absolute http or https") {
			t.Errorf("err = %v, want a bad base URL refused", err)
		}
	})
}

func TestLink(t *testing.T) {
	s := &site{byPath: map[string]page{}, byFile: map[string]page{}}
	for _, p := range []page{pagePath(), pagePath("events", "a"), pagePath("tags", "défense"), pagePath("tags", "a/b"), pagePath("actors", "nato"), pagePath("search"), filePath(stylePath), filePath("/export/csl.json")} {
		s.add(p)
	}
	for _, tc := range []struct {
		file, link, want string
	}{
		{"index.html", "/events/a", "events/a/index.html"},
		{"index.html", "/events/a#notes", "events/a/index.html#notes"},
		{"index.html", "#y2018", "#y2018"},
		{"index.html", "https://example.org/x", "https://example.org/x"},
		{"events/a/index.html", "/", "../../index.html"},
		{"events/a/index.html", "/static/style.css", "../../static/style.css"},
		{"events/a/index.html", "/tags/d%C3%A9fense", "../../tags/d%C3%A9fense/index.html"},
		{"events/a/index.html", "/tags/a%2Fb", "../../tags/" + fileName("a/b") + "/index.html"},
		{"events/a/index.html", "/events/a", "index.html"},
		{"events/a/index.html", "/export/csl.json", "../../export/csl.json"},
		{"events/a/index.html", "/search?q=norway&sort=date", "../../search/index.html?q=norway"},
		{"events/a/index.html", "/search?tag=d%C3%A9fense", "../../tags/d%C3%A9fense/index.html"},
		{"events/a/index.html", "/?actor=nato", "../../actors/nato/index.html"},
		{"events/a/index.html", "/?from=2018&to=2019", "../../index.html"},
		{"events/a/index.html", "/search", "../../search/index.html"},
		{"events/a/index.html", "a", "index.html"},
		{"events/a/index.html", "/api/events", ""},
		{"events/a/index.html", "/events/missing", ""},
		{"events/a/index.html", "notes.pdf", ""},
	} {
		got, ok := s.link(tc.file, tc.link)
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("link(%q, %q) = %q, want %q", tc.file, tc.link, got, tc.want)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kept bool
	}{
		{"2018-trump-norway", true},
		{"défense", true},
		{"a/b", false},
		{"..", false},
		{".hidden", false},
		{"a:b", false},
		{"50%", false},
		{"", false},
	} {
		got := fileName(tc.in)
		if (got == tc.in) != tc.kept || strings.ContainsAny(got, `/\:%`) || got == "" || path.Clean(got) != got {
			t.Errorf("fileName(%q) = %q", tc.in, got)
		}
	}
}
