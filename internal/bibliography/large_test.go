package bibliography_test

import (
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/bibliography"
	"annals.dev/annals/internal/note"
)

// TestLargeInputs reads files near the size limit built to make a careless
// parser rescan them, and checks that each is read in linear time. Each
// takes well under a second alone; the limit leaves room for a busy
// machine, while a quadratic reading would take hours.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 44 MB")
	}
	fill := func(prefix, unit, suffix string) string {
		return prefix + strings.Repeat(unit, (note.MaxSize-len(prefix)-len(suffix))/len(unit)) + suffix
	}
	tests := []struct{ name, path, src string }{
		{"UnclosedBraces", "x.bib", fill("", "@a{k,t={\n", "")},
		{"UnclosedBracesInQuotes", "x.bib", fill("", "@a{k,t=\"{\n", "")},
		{"UnclosedQuotes", "x.bib", fill("", "@a{k,t=\"\n", "")},
		{"Accents", "x.bib", fill("@misc{k, title = {", `\"{`, "}}")},
		{"UnclosedAccents", "x.bib", fill("@misc{k, note = {x\n", `\"{`, "\n}}")},
		{"Authors", "x.bib", fill("@misc{k, title = {T}, author = {", "A, B and ", "C}}")},
		{"AtSigns", "x.bib", fill("%", "@", "")},
		{"AtSignsAfterSpaces", "x.bib", fill("", " ", "%@@@@@@")},
		{"ManyEntriesOneLine", "x.bib", fill("", "@misc{k, title = {T}} ", "")},
		{"MinifiedJSON", "x.json", fill("[", `{"id":"k","title":"T"},`, `{"id":"z","title":"T"}]`)},
		{"DeepJSON", "x.json", fill("", "[", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			bibliography.Parse(tt.path, []byte(tt.src))
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("Parse of %d bytes took %v", len(tt.src), d)
			}
			t.Logf("%d bytes in %v", len(tt.src), time.Since(start))
		})
	}
}
