package note_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

// pandocCites returns each citation of a markdown file as Pandoc reads it:
// key, mode (AuthorInText, SuppressAuthor or NormalCitation) and prefix as
// plain text.
func pandocCites(t *testing.T, path string) [][3]string {
	t.Helper()
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): it is the reference here")
	}
	cmd := exec.Command("pandoc", "-f", "markdown", "-t", "json", path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc: %v\n%s", err, errb.String())
	}
	var doc any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var cites [][3]string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["t"] == "Cite" {
				for _, c := range v["c"].([]any)[0].([]any) {
					m := c.(map[string]any)
					mode := m["citationMode"].(map[string]any)["t"].(string)
					cites = append(cites, [3]string{m["citationId"].(string), mode, plainInlines(m["citationPrefix"])})
				}
				return
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	return cites
}

// plainInlines flattens Pandoc inlines to text.
func plainInlines(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			switch v["t"] {
			case "Str":
				b.WriteString(v["c"].(string))
			case "Space", "SoftBreak":
				b.WriteByte(' ')
			default:
				walk(v["c"])
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestPandocCitations reads Pandoc's citation examples and checks every
// citation against Pandoc: its key, whether it names the author in the
// text or suppresses the author, its prefix; and the locator and suffix
// citeproc makes of the rest.
func TestPandocCitations(t *testing.T) {
	const path = "../../testdata/conformance/pandoc/citations.md"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Parse("content/events/x.md", note.KindEvent, append([]byte("---\ntitle: T\ndate: 2018\n---\n"), src...))
	if err != nil {
		t.Fatal(err)
	}
	// What pandoc --citeproc prints for each citation's locator and
	// suffix, in order ("" for none).
	locators := []struct{ label, value, suffix string }{
		{"page", "33-35", ""}, {"chapter", "1", ""},
		{"page", "33-35, 38-39", "and *passim*"},
		{}, {},
		{},
		{},
		{"page", "33", ""},
		{"page", "33-35", ""},
		{"page", "30", ""},
		{"chapter", "3", ""},
		{"page", "iv, vi-xi", ""},
		{"page", "iv, vi-xi", ""},
		{"opus", "5", ""},
		{"issue", "7", ""},
		{"page", "3", "*emphasis* added"},
		{},
		{"page", "33", ""},
		{"page", "33, 35--37", "and nowhere else"},
		{"page", "33", ""},
	}
	want := pandocCites(t, path)
	if len(want) != len(locators) {
		t.Fatalf("pandoc reads %d citations, the test lists %d locators", len(want), len(locators))
	}
	pass, total := 0, 0
	check := func(i int, aspect, got, want string) {
		total++
		if got == want {
			pass++
			return
		}
		t.Errorf("citation %d: %s = %q, want %q", i+1, aspect, got, want)
	}
	for i, w := range want {
		if i >= len(n.Citations) {
			total += 5 // key, mode, prefix, locator, suffix
			t.Errorf("citation %d (@%s) not read", i+1, w[0])
			continue
		}
		c := n.Citations[i]
		mode := "NormalCitation"
		switch {
		case c.InText:
			mode = "AuthorInText"
		case c.SuppressAuthor:
			mode = "SuppressAuthor"
		}
		check(i, "key", c.Key, w[0])
		check(i, "mode", mode, w[1])
		check(i, "prefix", strings.NewReplacer("*", "").Replace(c.Prefix), w[2])
		l := locators[i]
		check(i, "locator", c.Locator.Label+" "+c.Locator.Value, l.label+" "+l.value)
		check(i, "suffix", c.Suffix, l.suffix)
	}
	if len(n.Citations) > len(want) {
		t.Errorf("%d citations read, pandoc reads %d", len(n.Citations), len(want))
	}
	t.Logf("citations.md: %d of %d cases agree with pandoc", pass, total)
}
