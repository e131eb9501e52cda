// Package history reads when the files of a content folder last changed in
// git: the time of the last commit that touched each one, and which files
// differ from the last commit. It runs the git binary; without git, or for
// a folder in no repository, there is no history and callers use the
// files' modification times instead.
package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNoRepo is returned by Open when git is not installed or the folder is
// not in a git work tree.
var ErrNoRepo = errors.New("no git repository")

// Repo is the git work tree a content folder lies in.
type Repo struct {
	git    string
	Root   string // the work tree's top folder
	Prefix string // the content folder relative to Root, with "/" and a trailing "/"; "" at the top
	Head   string // the commit HEAD names; "" before the first commit
}

// Open finds the work tree holding the folder content and its HEAD commit.
func Open(ctx context.Context, content string) (*Repo, error) {
	// Outside git, a look for .git in the folder and those above costs a
	// few stats where asking git costs a process, on every index run and
	// every save under serve --watch.
	if os.Getenv("GIT_DIR") == "" && !underGit(content) {
		return nil, fmt.Errorf("%w: %s", ErrNoRepo, content)
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, fmt.Errorf("%w: git is not installed", ErrNoRepo)
	}
	r := &Repo{git: git}
	out, err := r.run(ctx, content, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix", "HEAD")
	if err != nil && strings.Contains(err.Error(), "not a git repository") {
		return nil, fmt.Errorf("%w: %s", ErrNoRepo, content)
	}
	if err != nil {
		// A repository with no commit yet, where HEAD names nothing, or
		// one git cannot read: asking without HEAD tells them apart.
		if out, err = r.run(ctx, content, "rev-parse", "--is-inside-work-tree", "--show-toplevel", "--show-prefix"); err != nil {
			return nil, err
		}
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 3 || lines[0] != "true" {
		return nil, fmt.Errorf("%w: %s is not in a work tree", ErrNoRepo, content)
	}
	r.Root, r.Prefix = lines[1], lines[2]
	if len(lines) > 3 {
		r.Head = lines[3]
	}
	return r, nil
}

// underGit reports whether dir or a folder above it has a .git entry (a
// repository's folder, or the file of a linked work tree or submodule).
func underGit(dir string) bool {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return true // let git decide
	}
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// run runs git in folder dir and returns its standard output.
func (r *Repo) run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := r.command(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return out, fmt.Errorf("git %s: %w: %s", args[0], err, msg)
		}
		return out, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

// command is git run in folder dir. Optional locks are off, so that annals
// never holds up the author's own git commands; pathspecs are literal, as
// file names are; messages are in English, so that they can be told apart.
func (r *Repo) command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, r.git, append([]string{"-C", dir, "--no-optional-locks", "--literal-pathspecs"}, args...)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

// IsAncestor reports whether commit a is an ancestor of HEAD (or HEAD
// itself): whether HEAD's history includes everything a's did. A commit
// git no longer has is no ancestor.
func (r *Repo) IsAncestor(ctx context.Context, a string) bool {
	if r.Head == "" {
		return false
	}
	_, err := r.run(ctx, r.Root, "merge-base", "--is-ancestor", a, r.Head)
	return err == nil
}

// Changed returns, for each file under the content folder that a commit
// reachable from HEAD but not from since touched, the time of the newest
// such commit, keyed by the path relative to the content folder. An empty
// since reads the whole history. It reads git's log once, newest first,
// whatever the number of files.
func (r *Repo) Changed(ctx context.Context, since string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if r.Head == "" {
		return out, nil
	}
	revs := r.Head
	if since != "" {
		revs = since + ".." + r.Head
	}
	cmd := r.command(ctx, r.Root, "log", "--format=%x00%ct", "--name-only", "-z", "--no-renames", revs, "--", r.pathspec(""))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	// The output is "\0TIME\0\nPATH\0PATH\0" per commit: an empty field
	// comes before each commit's time.
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	sc.Split(splitNUL)
	var when time.Time
	nextIsTime := false
	for sc.Scan() {
		field := sc.Text()
		switch {
		case field == "":
			nextIsTime = true
		case nextIsTime:
			nextIsTime = false
			secs, err := strconv.ParseInt(field, 10, 64)
			if err != nil {
				cmd.Process.Kill()
				cmd.Wait()
				return nil, fmt.Errorf("git log: unexpected commit time %q", field)
			}
			when = time.Unix(secs, 0).UTC()
		default:
			rel, ok := strings.CutPrefix(strings.TrimPrefix(field, "\n"), r.Prefix)
			if _, seen := out[rel]; ok && !seen {
				out[rel] = when // the log is newest first
			}
		}
	}
	if err := sc.Err(); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("git log: %w", err)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git log: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Dirty returns the files under the content folder that differ from HEAD:
// changed, staged, or not committed at all (ignored files are left out,
// and have no commit either). paths, relative to the content folder,
// limit the look to them; nil looks at the whole folder.
func (r *Repo) Dirty(ctx context.Context, paths []string) (map[string]bool, error) {
	args := []string{"status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--"}
	if paths == nil {
		args = append(args, r.pathspec(""))
	}
	for _, p := range paths {
		args = append(args, r.pathspec(p))
	}
	out, err := r.run(ctx, r.Root, args...)
	if err != nil {
		return nil, err
	}
	dirty := map[string]bool{}
	for _, entry := range bytes.Split(out, []byte{0}) {
		// "XY PATH": two status letters, a space, the path from the top.
		if len(entry) < 4 {
			continue
		}
		if rel, ok := strings.CutPrefix(string(entry[3:]), r.Prefix); ok {
			dirty[rel] = true
		}
	}
	return dirty, nil
}

// pathspec names a path relative to the content folder from the top of
// the work tree; "" is the content folder itself.
func (r *Repo) pathspec(rel string) string {
	p := path.Join(r.Prefix, rel)
	if p == "" {
		return "."
	}
	return p
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
