package main_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/creack/pty"

	"annals.dev/annals/internal/corpus"
)

// TestProgress indexes a corpus big enough to take more than a moment,
// once on a terminal, where a progress bar is drawn, and once in a pipe,
// where only the one-line summary is written.
func TestProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a generated corpus")
	}
	content := t.TempDir()
	if err := corpus.Generate(content, 800, 3); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(binary, "index")
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+t.TempDir())
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var screen bytes.Buffer
	_, _ = io.Copy(&screen, tty) // ends with EIO when the program exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("index on a terminal: %v\n%s", err, screen.String())
	}
	tty.Close()
	out := screen.String()
	for _, want := range []string{"█", "/800 notes", "\r\033[K", "indexed 800 notes"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, out)
		}
	}

	r := annals(t, content, t.TempDir(), "index")
	if r.code != 0 || strings.ContainsAny(r.stdout+r.stderr, "\r\033█") {
		t.Errorf("in a pipe: exit %d, output with progress drawing:\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	if lines := strings.Count(r.stdout, "\n"); lines != 1 || !strings.HasPrefix(r.stdout, "indexed 800 notes") {
		t.Errorf("in a pipe: want one summary line, got:\n%s", r.stdout)
	}
}
