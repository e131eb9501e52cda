package index_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
)

// TestTextsAndQuoteChecks indexes stored texts where the scan finds them,
// and checks quotations on request: every event citing a text after a
// full run, the events citing a changed text after a run of its path.
func TestTextsAndQuoteChecks(t *testing.T) {
	ctx := context.Background()
	content := t.TempDir()
	put(t, content, "sources/memo.md", "---\ntitle: Memo\n---\n")
	put(t, content, "sources/2019/letter.md", "---\ntitle: Letter\n---\n")
	text := put(t, content, "sources/memo.txt", "Title\n\nIt would take ten years, she said.\n")
	put(t, content, "sources/2019/letter.txt", "Dear all,\n\nWe will meet in May.\n")
	put(t, content, "events/memo.txt", "Not a stored text: only sources/ holds them.\n")
	put(t, content, "events/a.md", "---\ntitle: A\ndate: 2019\n---\nShe said it would \"take ten years\". [@memo, para. 2]\n")
	put(t, content, "events/b.md", "---\ntitle: B\ndate: 2019\n---\nThey wrote \"we will meet\" then. [@letter, para. 2]\n")
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()

	rep, err := lib.Update(ctx, index.Options{Content: content, CheckQuotes: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) != 0 {
		t.Errorf("a collection whose quotations hold was reported: %v", rep.Diagnostics)
	}
	texts, err := lib.DB.SourceTexts(ctx, []string{"memo", "letter"})
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 2 || texts["memo"].Path != "sources/memo.txt" || texts["letter"].Path != "sources/2019/letter.txt" {
		t.Errorf("stored texts = %+v, want memo's and letter's from its subfolder", texts)
	}

	// The memo's text changes: the event citing it is checked again and
	// looked at, the other is not.
	if err := os.WriteFile(text, []byte("Title\n\nIt would take eleven years.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = lib.Update(ctx, index.Options{Content: content, Paths: []string{text}, CheckQuotes: true})
	if err != nil {
		t.Fatal(err)
	}
	a := filepath.ToSlash(filepath.Join(content, "events", "a.md"))
	if len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Path != a || rep.Diagnostics[0].Severity != note.SeverityError ||
		!strings.Contains(rep.Diagnostics[0].Message, "the quotation “take ten years” is not in the stored text of @memo") {
		t.Errorf("after the text changed: %v", rep.Diagnostics)
	}
	if !slices.Contains(rep.Looked, a) || slices.Contains(rep.Looked, filepath.ToSlash(filepath.Join(content, "events", "b.md"))) {
		t.Errorf("Looked = %v, want events/a.md and not events/b.md", rep.Looked)
	}

	// Without CheckQuotes, as for annals index, nothing is checked.
	if err := os.WriteFile(text, []byte("Title\n\nIt would take twelve years.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rep, err = lib.Update(ctx, index.Options{Content: content}); err != nil || len(rep.Diagnostics) != 0 {
		t.Errorf("annals index reported %v, %v", rep.Diagnostics, err)
	}
}
