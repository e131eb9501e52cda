package main_test

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// server is a running "annals serve" process.
type server struct {
	base   string // http://127.0.0.1:PORT
	cmd    *exec.Cmd
	stderr *lockedBuffer
	done   chan error
	ended  bool
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs the real program on a free port and waits for the
// address it prints. The process is killed at the end of the test unless
// it was stopped.
func startServer(t testing.TB, content, data string, args ...string) *server {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
	s := &server{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = s.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !s.ended {
			cmd.Process.Kill()
			<-s.done
		}
	})
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, stdout)
		s.done <- cmd.Wait()
	}()
	select {
	case line := <-lines:
		var ok bool
		s.base, ok = strings.CutPrefix(strings.TrimSpace(line), "serving on ")
		if !ok || strings.HasSuffix(s.base, ":0") {
			t.Fatalf("first line %q, want \"serving on http://127.0.0.1:PORT\"\nstderr: %s", line, s.stderr)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("no address printed\nstderr: %s", s.stderr)
	}
	return s
}

// interrupt stops the server as Ctrl-C would and returns how it ended.
func (s *server) interrupt(t testing.TB) error {
	t.Helper()
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		s.ended = true
		return err
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop after SIGINT")
		return nil
	}
}

// TestServe runs the real program on a free port over the shipped content,
// fetches pages and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	s := startServer(t, copyContent(t), t.TempDir())
	client := &http.Client{Timeout: 10 * time.Second}
	for path, want := range map[string]int{
		"/": http.StatusOK,
		"/events/2018-trump-norway-swedish-model": http.StatusOK,
		"/events/2025-draft-unverified-lead":      http.StatusNotFound,
		"/search?q=norway":                        http.StatusOK,
		"/api/events":                             http.StatusOK,
		"/_annals/live":                           http.StatusNotFound, // only under --watch
	} {
		resp, err := client.Get(s.base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); csp == "" || strings.Contains(csp, "script-src") {
			t.Errorf("GET %s: Content-Security-Policy %q, want one that allows no script", path, csp)
		}
	}
	if err := s.interrupt(t); err != nil {
		t.Errorf("after SIGINT: %v\nstderr: %s", err, s.stderr)
	}
}

func TestServeHelp(t *testing.T) {
	r := annals(t, t.TempDir(), t.TempDir(), "serve", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: annals serve") || !strings.Contains(r.stdout, "-addr") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}
