package main_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmpfs mounts a file system of size bytes for the test, for faults only a
// real file system can produce: a full disk, a read-only folder. It skips
// the test where mounting is not allowed.
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs to simulate the fault (%v: %s); run as root on Linux", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

func remount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s %s: %v: %s", dir, opts, err, out)
	}
}

// fill writes a file into dir until its file system is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 64<<10)
	for {
		if _, err := f.Write(block); err != nil {
			return p
		}
	}
}

func mustIndex(t *testing.T, content, data string) {
	t.Helper()
	if r := annals(t, content, data, "index"); r.code != 0 {
		t.Fatalf("index: exit %d\n%s", r.code, r.stderr)
	}
}

func TestFaultDataFolderIsAFile(t *testing.T) {
	content, file := copyContent(t), filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(file, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{file, filepath.Join(file, "below")} {
		r := annals(t, content, data, "index")
		want := "data folder " + data + ": not a directory: choose a folder annals can create and write, with --data or ANNALS_DATA"
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("index --data %s: exit %d, stderr %q, want %q", data, r.code, r.stderr, want)
		}
	}
}

// TestFaultReadOnlyDataFolder indexes, makes the data folder read-only and
// changes a note: index must say the folder cannot be written and what to
// do, and the index must come back whole once the folder is writable.
func TestFaultReadOnlyDataFolder(t *testing.T) {
	content := copyContent(t)
	var data string
	if os.Geteuid() == 0 {
		// chmod does not stop root: make the file system itself read-only.
		data = tmpfs(t, "64m")
		mustIndex(t, content, data)
		remount(t, data, "ro")
		t.Cleanup(func() { remount(t, data, "rw") })
	} else {
		data = t.TempDir()
		mustIndex(t, content, data)
		if err := os.Chmod(data, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(data, 0o755) })
	}
	writeNote(t, content, "events/2030-armadillos.md", "---\ntitle: Armadillos\ndate: 2030\n---\nArmadillos arrive.\n")
	r := annals(t, content, data, "index")
	if r.code != 1 || !strings.Contains(r.stderr, "data folder "+data+" cannot be written (") ||
		!strings.Contains(r.stderr, "make it writable, or choose another folder with --data or ANNALS_DATA") {
		t.Errorf("index on a read-only data folder: exit %d\nstderr: %s", r.code, r.stderr)
	}
	if os.Geteuid() == 0 {
		remount(t, data, "rw")
	} else if err := os.Chmod(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if h := searchJSON(t, content, data, "norway"); h.Total == 0 {
		t.Error("the last good index lost its notes")
	}
	if h := searchJSON(t, content, data, "armadillos"); h.Total != 1 {
		t.Errorf("armadillos: %d hits once the folder is writable again, want 1", h.Total)
	}
}

// TestFaultDiskFull fills the data folder's disk under a running
// "annals serve --watch" and adds a note: the re-index fails with a clear
// error, the site goes on serving the last good index, and the new note
// appears once there is space again.
func TestFaultDiskFull(t *testing.T) {
	content, data := copyContent(t), tmpfs(t, "8m")
	mustIndex(t, content, data)
	r := func() result { return annals(t, content, data, "index") }

	t.Run("Index", func(t *testing.T) {
		filler := fill(t, data)
		defer os.Remove(filler)
		for i := range 20 {
			writeNote(t, content, "events/full-"+string(rune('a'+i))+".md", "---\ntitle: Full disk\ndate: 2030\n---\n"+strings.Repeat("Wombats dig. ", 2000)+"\n")
		}
		got := r()
		if got.code != 1 || !strings.Contains(got.stderr, "data folder "+data+": the disk is full: free some space, or choose another folder with --data or ANNALS_DATA") {
			t.Errorf("index on a full disk: exit %d\nstderr: %s", got.code, got.stderr)
		}
		os.Remove(filler)
		if h := searchJSON(t, content, data, "norway"); h.Total == 0 {
			t.Error("the last good index lost its notes")
		}
		if h := searchJSON(t, content, data, "wombats"); h.Total != 20 {
			t.Errorf("wombats: %d hits once there is space, want 20", h.Total)
		}
	})

	t.Run("Serve", func(t *testing.T) {
		s := startServer(t, content, data, "--watch")
		client := &http.Client{Timeout: 10 * time.Second}
		status := func(path string) int {
			resp, err := client.Get(s.base + path)
			if err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp.StatusCode
		}
		filler := fill(t, data)
		writeNote(t, content, "events/2031-pangolins.md", "---\ntitle: Pangolins\ndate: 2031\n---\n"+strings.Repeat("Pangolins roll. ", 5000)+"\n")
		waitFor(t, 30*time.Second, func() bool { return strings.Contains(s.stderr.String(), "the disk is full") },
			func() string { return "no disk-full error in:\n" + s.stderr.String() })
		for path, want := range map[string]int{"/": 200, "/events/2018-trump-norway-swedish-model": 200, "/search?q=norway": 200, "/api/search?q=wombats": 200, "/events/2031-pangolins": 404} {
			if got := status(path); got != want {
				t.Errorf("with the disk full, GET %s: %d, want %d", path, got, want)
			}
		}
		os.Remove(filler)
		writeNote(t, content, "events/2031-pangolins.md", "---\ntitle: Pangolins\ndate: 2031\n---\nPangolins roll again.\n")
		waitFor(t, 30*time.Second, func() bool { return status("/events/2031-pangolins") == 200 },
			func() string { return "the new note never appeared:\n" + s.stderr.String() })
		if err := s.interrupt(t); err != nil {
			t.Errorf("after SIGINT: %v\nstderr: %s", err, s.stderr)
		}
	})
}

func waitFor(t *testing.T, d time.Duration, ok func() bool, why func() string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(why())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestFaultDamagedSearchIndex damages the bleve files in ways a crash, a
// bad disk or a stray tool could: each is detected, reported, and the
// index rebuilt from the database.
func TestFaultDamagedSearchIndex(t *testing.T) {
	content, good := copyContent(t), t.TempDir()
	mustIndex(t, content, good)
	segment := func(data string) string {
		zaps, _ := filepath.Glob(filepath.Join(data, "search.bleve", "store", "*.zap"))
		if len(zaps) == 0 {
			t.Fatal("no segment files in the search index")
		}
		return zaps[0]
	}
	garbage := func(path string, offset int64, n int) {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		junk := make([]byte, n)
		for i := range junk {
			junk[i] = byte(i*7919 + 13)
		}
		if _, err := f.WriteAt(junk, offset); err != nil {
			t.Fatal(err)
		}
	}
	size := func(path string) int64 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	tests := []struct {
		name   string
		damage func(data string)
		says   string
	}{
		{"MetaGarbage", func(d string) { garbage(filepath.Join(d, "search.bleve", "index_meta.json"), 0, 40) }, "open search index"},
		{"SegmentHead", func(d string) { garbage(segment(d), 0, 1000) }, "fails its checksum"},
		{"SegmentMiddle", func(d string) { s := segment(d); garbage(s, size(s)/2, 1000) }, "fails its checksum"},
		// The footer, which scorch reads while opening: it panicked.
		{"SegmentFooter", func(d string) { s := segment(d); garbage(s, size(s)-1000, 990) }, "search index is damaged"},
		// Scorch may skip the segment it cannot read, then fail on what is
		// left: the message varies, the rebuild does not.
		{"SegmentTruncated", func(d string) { os.Truncate(segment(d), 100) }, "open search index"},
		{"RootGarbage", func(d string) { garbage(filepath.Join(d, "search.bleve", "store", "root.bolt"), 0, 9000) }, "open search index"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			if err := os.CopyFS(data, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			tc.damage(data)
			r := annalsWithin(t, content, data, "index")
			want := filepath.Join(data, "search.bleve") + ":1:1: warning: "
			if r.code != 0 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, tc.says) ||
				!strings.Contains(r.stderr, "rebuilt it from the database") || !strings.Contains(r.stdout, "search index rebuilt") {
				t.Errorf("index: exit %d, want 0, a warning %q…%q and a rebuild\nstdout: %s\nstderr: %s", r.code, want, tc.says, r.stdout, r.stderr)
			}
			if h := searchJSON(t, content, data, "norway"); h.Total == 0 {
				t.Error("norway not found after the rebuild")
			}
		})
	}
}

// TestFaultDamagedDatabase damages annals.db: a damaged database is set
// aside and the index rebuilt from the notes, with a warning saying so.
func TestFaultDamagedDatabase(t *testing.T) {
	content, good := copyContent(t), t.TempDir()
	mustIndex(t, content, good)
	tests := []struct {
		name   string
		damage func(db string) error
		says   string // "" when the file is simply a new, empty database
	}{
		{"Garbage", func(db string) error { return os.WriteFile(db, []byte(strings.Repeat("not a database ", 1000)), 0o644) }, "file is not a database"},
		{"Truncated", func(db string) error { return os.Truncate(db, 50_000) }, "database disk image is malformed"},
		{"HeaderZeroed", func(db string) error {
			f, err := os.OpenFile(db, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt(make([]byte, 100), 0)
			return err
		}, "file is not a database"},
		{"Empty", func(db string) error { return os.Truncate(db, 0) }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			if err := os.CopyFS(data, os.DirFS(good)); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(data, "annals.db")
			if err := tc.damage(db); err != nil {
				t.Fatal(err)
			}
			r := annalsWithin(t, content, data, "index")
			if r.code != 0 {
				t.Fatalf("index: exit %d\nstderr: %s", r.code, r.stderr)
			}
			if tc.says != "" {
				want := db + ":1:1: warning: open " + db + ": database is damaged: "
				if !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, tc.says) ||
					!strings.Contains(r.stderr, "moved it to annals.db.damaged and rebuilt the index from the notes") {
					t.Errorf("stderr lacks %q…%q:\n%s", want, tc.says, r.stderr)
				}
				if _, err := os.Stat(db + ".damaged"); err != nil {
					t.Errorf("the damaged database was not kept: %v", err)
				}
			}
			if n := countNotes(t, content, ""); !strings.Contains(r.stdout, fmt.Sprintf("indexed %d notes: %d parsed", n, n)) {
				t.Errorf("stdout: %s", r.stdout)
			}
			if h := searchJSON(t, content, data, "norway"); h.Total == 0 {
				t.Error("norway not found after the rebuild")
			}
		})
	}
}

// TestServeSlowClient dribbles a request's headers a byte at a time, as a
// slowloris attack does: the server must hang up once its header timeout
// (5 s) has passed, not wait for ever.
func TestServeSlowClient(t *testing.T) {
	s := startServer(t, copyContent(t), t.TempDir())
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	closed := make(chan time.Duration, 1)
	go func() {
		io.Copy(io.Discard, conn) // returns when the server hangs up
		closed <- time.Since(start)
	}()
	request := "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("a", 100)
	for i := 0; ; i++ {
		select {
		case d := <-closed:
			if d < 4*time.Second || d > 8*time.Second {
				t.Errorf("server hung up after %v, want about 5 s", d)
			}
			return
		case <-time.After(200 * time.Millisecond):
		}
		if i < len(request) {
			conn.Write([]byte{request[i]})
		}
		if time.Since(start) > 15*time.Second {
			t.Fatal("the server still holds a connection whose headers never end after 15 s")
		}
	}
}

// TestServeBindsToLoopback runs "annals serve" with no --addr: it must
// listen on 127.0.0.1 only, never on every interface.
func TestServeBindsToLoopback(t *testing.T) {
	if ln, err := net.Listen("tcp", "127.0.0.1:8080"); err != nil {
		t.Skipf("the default port is in use here: %v", err)
	} else {
		ln.Close()
	}
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+copyContent(t), "ANNALS_DATA="+t.TempDir(), "ANNALS_ADDR=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v", err)
	}
	if got := strings.TrimSpace(line); got != "serving on http://127.0.0.1:8080" {
		t.Errorf("serve with no --addr printed %q, want serving on http://127.0.0.1:8080", got)
	}
	for _, ip := range nonLoopback(t) {
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, "8080"), time.Second); err == nil {
			c.Close()
			t.Errorf("serve answers on %s:8080, not only on loopback", ip)
		}
	}
}

// nonLoopback lists this machine's addresses other than loopback.
func nonLoopback(t *testing.T) []string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	var ips []string
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			ips = append(ips, n.IP.String())
		}
	}
	return ips
}
