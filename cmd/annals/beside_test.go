package main_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/index"
)

// besideBudget is how long a command run beside a server may take: the
// promise is an answer, or a message at once, never a silent wait.
const besideBudget = 20 * time.Second

// annalsTimed runs the real program like annals and returns how long it
// took, failing the test if it has not ended after budget.
func annalsTimed(t *testing.T, budget time.Duration, content, data string, args ...string) (result, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("annals %v did not finish in %v\nstderr: %s", args, budget, stderr.String())
	}
	var exit *exec.ExitError
	code := 0
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run annals %v: %v", args, err)
	}
	return result{stdout.String(), stderr.String(), code}, took
}

// TestCommandsBesideServe runs every command that reads the notes while
// "annals serve" (and "annals serve --watch") has the same data folder:
// each gives the answer it gives alone, and a note added meanwhile is
// found, because the server updates the index for them.
func TestCommandsBesideServe(t *testing.T) {
	for _, mode := range []string{"serve", "serve --watch"} {
		t.Run(mode, func(t *testing.T) {
			content, data, alone := copyContent(t), t.TempDir(), t.TempDir()
			var args []string
			if mode == "serve --watch" {
				args = []string{"--watch"}
			}
			s := startServer(t, content, data, args...)

			for _, c := range [][]string{
				{"search", "--json", "norway"},
				{"search", "summit", "--sort", "date", "--limit", "50"},
				{"export", "--format", "bibtex"},
				{"export", "--format", "csl-json"},
				{"check"},
			} {
				want := annals(t, content, alone, c...)
				got, took := annalsTimed(t, besideBudget, content, data, c...)
				if got.code != want.code || got.stdout != want.stdout {
					t.Errorf("annals %v beside %s: exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr: %s", c, mode, got.code, want.code, got.stdout, want.stdout, got.stderr)
				}
				t.Logf("annals %v: %v", c, took.Round(time.Millisecond))
			}

			writeNote(t, content, "events/2030-armadillos.md", "---\ntitle: Armadillos join the alliance\ndate: 2030\nsources: [toutiao-stoltenberg-memoir]\n---\nArmadillos arrive.\n")
			if h := searchJSON(t, content, data, "armadillos"); h.Total != 1 || h.Hits[0].ID != "2030-armadillos" {
				t.Errorf("a note added beside %s: search found %+v, want 2030-armadillos", mode, h.Hits)
			}
			if base := s.base; searchTotal(t, base, "armadillos") != 1 {
				t.Errorf("the server does not find the note the command had it index")
			}

			want, _, _ := strings.Cut(annals(t, content, alone, "index").stdout, ":")
			r, _ := annalsTimed(t, besideBudget, content, data, "index")
			if r.code != 0 || !strings.HasPrefix(r.stdout, want+":") || !strings.Contains(r.stderr, "annals serve (pid ") {
				t.Errorf("index beside %s: exit %d\nstdout: %s\nstderr: %s", mode, r.code, r.stdout, r.stderr)
			}

			site := filepath.Join(t.TempDir(), "site")
			r, _ = annalsTimed(t, besideBudget, content, data, "build", "-o", site)
			if r.code != 0 || !strings.HasPrefix(r.stdout, "built "+site) {
				t.Fatalf("build beside %s: exit %d\nstdout: %s\nstderr: %s", mode, r.code, r.stdout, r.stderr)
			}
			if _, err := os.Stat(filepath.Join(site, "events", "2030-armadillos", "index.html")); err != nil {
				t.Errorf("build beside %s left out the new note: %v", mode, err)
			}

			// A second server, and commands given other notes, are
			// refused at once, naming the server and what to do.
			for _, c := range []struct {
				content string
				args    []string
				want    string
			}{
				{content, []string{"serve", "--addr", "127.0.0.1:0"}, "already serves the data folder " + data + " at " + s.base + ": use that one, stop it first"},
				{t.TempDir(), []string{"search", "norway"}, "at " + s.base + " uses the data folder " + data + " for the notes in "},
				{t.TempDir(), []string{"index"}, "give this command the same --content, another --data folder, or stop the server"},
			} {
				r, took := annalsTimed(t, besideBudget, c.content, data, c.args...)
				if r.code != 1 || !strings.Contains(r.stderr, "annals serve (pid ") || !strings.Contains(r.stderr, c.want) || took > 2*time.Second {
					t.Errorf("annals %v beside %s: exit %d after %v\nstderr: %s\nwant: %s", c.args, mode, r.code, took, r.stderr, c.want)
				}
			}
			// What the server does for commands, it does for no one else:
			// a web page cannot make a browser send the token.
			for _, auth := range []string{"", "Bearer wrong"} {
				req, _ := http.NewRequest(http.MethodPost, s.base+"/_annals/update", strings.NewReader("{}"))
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusForbidden {
					t.Errorf("POST /_annals/update with Authorization %q: %d, want 403", auth, resp.StatusCode)
				}
			}
			if err := s.interrupt(t); err != nil {
				t.Errorf("after SIGINT: %v\nstderr: %s", err, s.stderr)
			}
		})
	}
}

// holdFolder opens the data folder in the test process, as another
// command would have it, until the test ends.
func holdFolder(t *testing.T, data, command string) {
	t.Helper()
	lib, err := index.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if err := lib.Announce(index.Holder{Command: command}); err != nil {
		t.Fatal(err)
	}
}

// TestSignalStopsWaitingCommand starts each command while another process
// has the data folder: it says what it waits for, and SIGINT or SIGTERM
// stops it within a second.
func TestSignalStopsWaitingCommand(t *testing.T) {
	content, data := copyContent(t), t.TempDir()
	holdFolder(t, data, "index")
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		for _, c := range [][]string{{"index"}, {"search", "norway"}, {"export", "--format", "ics"}, {"build", "-o", filepath.Join(t.TempDir(), "site")}, {"serve", "--addr", "127.0.0.1:0"}} {
			t.Run(sig.String()+"/"+c[0], func(t *testing.T) {
				cmd := exec.Command(binary, c...)
				cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
				stderr, err := cmd.StderrPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				defer cmd.Process.Kill()
				first := make(chan string, 1)
				go func() {
					br := bufio.NewReader(stderr)
					line, _ := br.ReadString('\n')
					first <- line
					io.Copy(io.Discard, br)
				}()
				select {
				case line := <-first:
					if !strings.Contains(line, "the data folder "+data+" is in use by annals index (pid ") || !strings.Contains(line, "waiting up to 10s") {
						t.Errorf("first line %q, want one saying what the command waits for", line)
					}
				case <-time.After(5 * time.Second):
					t.Fatal("the command said nothing about waiting")
				}
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				start := time.Now()
				go func() { done <- cmd.Wait() }()
				select {
				case err := <-done:
					var exit *exec.ExitError
					if !errors.As(err, &exit) || exit.ExitCode() != 130 {
						t.Errorf("after %v: %v, want exit status 130", sig, err)
					}
					if took := time.Since(start); took > time.Second {
						t.Errorf("stopped %v after %v, want within a second", sig, took)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("still running 5s after %v", sig)
				}
			})
		}
	}
}

// TestIndexGivesUpWaiting runs "annals index" while another process has the
// data folder and does not let go: it gives up after ten seconds, saying
// why and what to do.
func TestIndexGivesUpWaiting(t *testing.T) {
	if testing.Short() {
		t.Skip("waits ten seconds")
	}
	content, data := copyContent(t), t.TempDir()
	holdFolder(t, data, "build")
	r, took := annalsTimed(t, besideBudget, content, data, "index")
	want := "annals: the data folder " + data + " is in use by annals build (pid "
	if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "after 10s: wait for it to finish and run this command again, or give this one another --data folder") {
		t.Errorf("exit %d\nstderr: %s", r.code, r.stderr)
	}
	if took < 10*time.Second || took > 12*time.Second {
		t.Errorf("gave up after %v, want 10s", took)
	}
}

// TestSignalDuringIndex stops "annals index" with SIGINT and SIGTERM at
// points spread over a full run: it ends within a second each time, and
// the next run leaves the same index as a clean build.
func TestSignalDuringIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a generated corpus many times")
	}
	content := t.TempDir()
	if err := corpus.Generate(content, 2000, 3); err != nil {
		t.Fatal(err)
	}
	want, full := cleanBuild(t, content)
	for i, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, os.Interrupt} {
		d := full * time.Duration(i+1) / 4
		t.Run(fmt.Sprintf("%v/%v", sig, d.Round(time.Millisecond)), func(t *testing.T) {
			data := t.TempDir()
			cmd := exec.Command(binary, "index")
			cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			time.Sleep(d)
			stopped := time.Now()
			if err := cmd.Process.Signal(sig); errors.Is(err, os.ErrProcessDone) {
				t.Logf("index finished before %v", d)
			} else if err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if took := time.Since(stopped); took > time.Second {
					t.Errorf("index took %v to stop after %v, want at most a second", took, sig)
				}
				var exit *exec.ExitError
				if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 130) {
					t.Errorf("after %v: %v, want exit status 130 (or 0 if it had finished)", sig, err)
				}
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("index still running 10s after %v", sig)
			}
			if r := annals(t, content, data, "index"); r.code != 0 {
				t.Fatalf("index after %v: exit %d: %s", sig, r.code, r.stderr)
			}
			if got := snapshot(t, content, data); got != want {
				t.Errorf("after %v the index differs from a clean build:\n%s", sig, diffLines(got, want))
			}
		})
	}
}
