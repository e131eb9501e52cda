package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportedBibliographiesResolveInPandoc imports the conformance samples
// of biblatex (biblatex-examples.bib), BibTeX (xampl.bib) and Better BibTeX
// into content/sources/, exports the sources as CSL-JSON, and checks that
// every entry Pandoc reads from the samples is in the export and that
// Pandoc resolves every key of the export.
func TestExportedBibliographiesResolveInPandoc(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): it is the reference here")
	}
	samples := []struct{ file, from string }{
		{"../../testdata/conformance/biblatex/biblatex-examples.bib", "biblatex"},
		{"../../testdata/conformance/xampl/xampl-excerpt.bib", "bibtex"},
		{"../../testdata/conformance/betterbibtex/betterbibtex.bib", "biblatex"},
	}
	content, data := filepath.Join(t.TempDir(), "content"), t.TempDir()
	var want []string // the keys Pandoc reads with a title
	for _, s := range samples {
		src, err := os.ReadFile(s.file)
		if err != nil {
			t.Fatal(err)
		}
		writeNote(t, content, "sources/"+filepath.Base(s.file), string(src))
		out := pandocRun(t, "", "-f", s.from, "-t", "csljson", s.file)
		var items []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.Title != "" {
				want = append(want, it.ID)
			}
		}
	}
	if len(want) < 50 {
		t.Fatalf("pandoc reads only %d titled entries from the samples", len(want))
	}
	if r := annals(t, content, data, "index"); r.code != 0 {
		t.Fatalf("index: exit %d\n%s", r.code, r.stderr)
	}
	exported := filepath.Join(t.TempDir(), "sources.json")
	if r := annals(t, content, data, "export", "--format", "csl-json", "-o", exported); r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	src, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	var items []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(src, &items); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, it := range items {
		have[it.ID] = true
	}
	for _, k := range want {
		if !have[k] {
			t.Errorf("titled entry %q is not in the export", k)
		}
	}
	var doc strings.Builder
	for _, it := range items {
		doc.WriteString("Cited [@{" + it.ID + "}].\n\n")
	}
	_, stderr := pandocErr(t, doc.String(), "--citeproc", "--bibliography", exported, "-t", "plain")
	if strings.Contains(stderr, "not found") {
		t.Errorf("pandoc does not resolve every exported key:\n%s", stderr)
	}
	t.Logf("%d entries exported, %d of them titled in the samples; pandoc resolves all %d keys", len(items), len(want), len(items))
}

// pandocRun runs Pandoc on stdin and returns its output.
func pandocRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, _ := pandocErr(t, stdin, args...)
	return out
}

func pandocErr(t *testing.T, stdin string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command("pandoc", args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}
