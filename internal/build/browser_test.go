package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The event the browser test reaches from the timeline and by searching.
const (
	browserEvent      = "2018-trump-norway-swedish-model"
	browserEventTitle = `Trump asks Stoltenberg whether Norway could adopt "the Swedish model"`
)

// findChrome returns the browser to drive: $ANNALS_CHROME, else the first
// Chromium or Chrome on the system, else "".
func findChrome() string {
	if p := os.Getenv("ANNALS_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// lockedBuffer collects the browser's output, which its own goroutines write.
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

// TestBrowserStaticSite opens a build of the shipped collection from disk,
// as someone who downloaded it would: timeline, an event, then the search
// page, whose script must find the event from a query typed in any case
// and with stray accents. Any console error fails the test.
func TestBrowserStaticSite(t *testing.T) {
	chrome := findChrome()
	if chrome == "" {
		t.Skip("no Chromium found: install chromium (apt-get install -y chromium) to run the browser test")
	}
	dir := filepath.Join(t.TempDir(), "site")
	build(t, newLibrary(t), Options{Dir: dir})

	output := &lockedBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(output),
	}
	timeout, cancelTimeout := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancelTimeout()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeout, opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer func() {
		// Close the browser before t.TempDir removes its profile.
		if err := chromedp.Cancel(ctx); err != nil && ctx.Err() == nil {
			t.Logf("closing the browser: %v", err)
		}
		cancel()
		if t.Failed() {
			if out := output.String(); out != "" {
				if len(out) > 4000 {
					out = "..." + out[len(out)-4000:]
				}
				t.Logf("browser output:\n%s", out)
			}
		}
	}()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`)); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	var (
		mu       sync.Mutex
		messages []chromedp.ConsoleMessage
	)
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, m)
			mu.Unlock()
		}
	}()

	must := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	location := func() string {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	eventFile := "/events/" + browserEvent + "/index.html"
	atEvent := func(after string) {
		t.Helper()
		must("waiting for the event page after "+after, chromedp.WaitVisible(chromedp.CSS(`main article h1`)))
		if got := text("main article h1"); got != browserEventTitle {
			t.Errorf("after %s, h1 = %q, want %q", after, got, browserEventTitle)
		}
		if loc := location(); !strings.HasPrefix(loc, "file://") || !strings.HasSuffix(loc, eventFile) {
			t.Errorf("after %s, the browser is at %s, want the file …%s", after, loc, eventFile)
		}
	}

	// 1. The timeline, opened from disk, and a link to an event.
	must("opening the timeline", chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dir, "index.html"))))
	must("waiting for the timeline", chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := text("main h1"); got != "Timeline" {
		t.Errorf("timeline h1 = %q, want Timeline", got)
	}
	must("following the event's link",
		chromedp.Click(chromedp.CSS(`main a[href="events/`+browserEvent+`/index.html"]`)))
	atEvent("following its link on the timeline")
	styled, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`getComputedStyle(document.querySelector("body > header")).display === "flex"`))
	if err != nil || !styled {
		t.Errorf("the event page is not styled: its stylesheet did not load from disk (%v)", err)
	}

	// 2. The static search: through the navigation, typed like a reader.
	must("following the Search link", chromedp.Click(chromedp.CSS(`header nav a[href="../../search/index.html"]`)))
	must("waiting for the search box, which the script shows",
		chromedp.WaitVisible(chromedp.CSS(`#q`)),
		chromedp.SendKeys(chromedp.CSS(`#q`), "SWEDISH modél"),
		chromedp.WaitVisible(chromedp.CSS(`#hits > li`)),
	)
	if got := text(`#hits > li:first-child h2 a`); got != browserEventTitle {
		t.Errorf("first hit = %q, want %q", got, browserEventTitle)
	}
	if got := text(`#search-status`); !strings.HasSuffix(got, "hits.") && !strings.HasSuffix(got, "hit.") {
		t.Errorf("search status = %q, want a count of hits", got)
	}
	if visible, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById("needs-script").hidden`)); visible {
		t.Error("the search page still says it needs JavaScript")
	}
	must("opening the first hit", chromedp.Click(chromedp.CSS(`#hits > li:first-child h2 a`)))
	atEvent("opening the first hit")

	// 3. The console: a sentinel marks the end of the walk.
	const sentinel = "annals-static-test-done"
	must("writing the sentinel", chromedp.Evaluate[chromedp.Void](`console.log("`+sentinel+`")`))
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		seen := append([]chromedp.ConsoleMessage(nil), messages...)
		mu.Unlock()
		done := false
		for _, m := range seen {
			done = done || m.Text == sentinel
		}
		if done {
			for _, m := range seen {
				if m.Text != sentinel && (m.Type == chromedp.ConsoleError || m.IsException()) {
					t.Errorf("console error: %s (%s:%d)", m, m.URL, m.Line)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the console sentinel never arrived")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
