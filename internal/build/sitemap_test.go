package build

import (
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBuildSitemap reads the sitemap as a crawler would: every page of the
// build is listed once, at the folder address a static host serves it
// from, and nothing else is.
func TestBuildSitemap(t *testing.T) {
	lib := newLibrary(t)
	dir := filepath.Join(t.TempDir(), "site")
	const base = "https://example.org/annals"
	build(t, lib, Options{Dir: dir, BaseURL: base + "/"})

	raw, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &set); err != nil {
		t.Fatalf("sitemap.xml is not a sitemaps.org urlset: %v\n%s", err, raw)
	}
	var got []string
	for _, u := range set.URLs {
		got = append(got, u.Loc)
	}
	var want []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		loc := base + "/"
		if rel != "." {
			loc = base + "/" + filepath.ToSlash(rel) + "/"
		}
		want = append(want, loc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("sitemap lists\n%s\nwant every page of the build\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) < 20 {
		t.Errorf("only %d pages built", len(want))
	}
	for _, s := range []string{draftID, draftTag} {
		if strings.Contains(string(raw), s) {
			t.Errorf("the sitemap names the draft %q", s)
		}
	}

	robots, err := os.ReadFile(filepath.Join(dir, "robots.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Sitemap: " + base + "/sitemap.xml\n"; !strings.Contains(string(robots), want) || !strings.HasPrefix(string(robots), "User-agent: *\n") {
		t.Errorf("robots.txt = %q, want a User-agent line and %q", robots, want)
	}

	// Without a published address a sitemap cannot name pages (it takes
	// absolute addresses only): none is written, and robots.txt names none.
	dir2 := filepath.Join(t.TempDir(), "site")
	build(t, lib, Options{Dir: dir2})
	if _, err := os.Stat(filepath.Join(dir2, "sitemap.xml")); !os.IsNotExist(err) {
		t.Errorf("a build without --base-url wrote sitemap.xml (err %v)", err)
	}
	robots, err = os.ReadFile(filepath.Join(dir2, "robots.txt"))
	if err != nil || strings.Contains(string(robots), "Sitemap") {
		t.Errorf("robots.txt without a base URL = %q, %v", robots, err)
	}
}
