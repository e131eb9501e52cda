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
	"testing"
	"time"
)

// TestServe runs the real program on a free port over the shipped content,
// fetches pages and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	content, data := copyContent(t), t.TempDir()
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	stopped := false
	defer func() {
		if !stopped {
			cmd.Process.Kill()
			<-done
		}
	}()

	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, stdout)
		done <- cmd.Wait()
	}()
	var base string
	select {
	case line := <-lines:
		var ok bool
		base, ok = strings.CutPrefix(strings.TrimSpace(line), "serving on ")
		if !ok || strings.HasSuffix(base, ":0") {
			t.Fatalf("first line %q, want \"serving on http://127.0.0.1:PORT\"\nstderr: %s", line, stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("no address printed\nstderr: %s", stderr.String())
	}

	client := &http.Client{Timeout: 10 * time.Second}
	for path, want := range map[string]int{
		"/": http.StatusOK,
		"/events/2018-trump-norway-swedish-model": http.StatusOK,
		"/events/2025-draft-unverified-lead":      http.StatusNotFound,
		"/search?q=norway":                        http.StatusOK,
		"/api/events":                             http.StatusOK,
	} {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
		if resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
	}

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			t.Errorf("after SIGINT: %v\nstderr: %s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop after SIGINT")
	}
}

func TestServeHelp(t *testing.T) {
	r := annals(t, t.TempDir(), t.TempDir(), "serve", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: annals serve") || !strings.Contains(r.stdout, "-addr") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}
