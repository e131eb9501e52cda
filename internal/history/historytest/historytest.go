// Package historytest makes git repositories with commits at fixed times,
// for tests of what annals reads from git history.
package historytest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Init makes dir a git repository, skipping the test when git is not
// installed.
func Init(t testing.TB, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	Git(t, dir, time.Time{}, "init", "-q", ".")
}

// Commit commits every change in dir (new files too) as made at when.
func Commit(t testing.TB, dir string, when time.Time, message string) {
	t.Helper()
	Git(t, dir, time.Time{}, "add", "-A", ".")
	Git(t, dir, when, "commit", "-q", "--allow-empty", "-m", message)
}

// Git runs git in dir with a fixed author, the author and committer dates
// at when (unless it is zero) and no user or system configuration.
func Git(t testing.TB, dir string, when time.Time, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.org",
		"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	if !when.IsZero() {
		d := when.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// Write writes files, keyed by path under dir, and sets their
// modification time to mtime.
func Write(t testing.TB, dir string, mtime time.Time, files map[string]string) {
	t.Helper()
	for rel, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}
