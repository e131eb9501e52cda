// Package browsertest starts a headless Chromium for the tests that drive
// annals' pages in a real browser: the served site and the static build.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a running headless Chromium.
type Browser struct {
	// Ctx runs chromedp actions in the browser's one tab.
	Ctx context.Context

	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
}

// Start starts Chromium ($ANNALS_CHROME, else the first Chromium or Chrome
// on the system) with a profile of its own, bounded by timeout, and
// collects its console messages. The test is skipped when there is no
// browser. When the test ends the browser is closed, and on failure its
// output is logged.
func Start(t *testing.T, timeout time.Duration) *Browser {
	t.Helper()
	chrome := find()
	if chrome == "" {
		t.Skip("no Chromium found: install chromium (apt-get install -y chromium) to run the browser test")
	}
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
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(output),
	}
	bounded, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(bounded, opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// Registered after t.TempDir, so it runs first: the browser is closed
	// before its profile is removed.
	t.Cleanup(func() {
		if err := chromedp.Cancel(ctx); err != nil && ctx.Err() == nil {
			t.Logf("closing the browser: %v", err)
		}
		cancel()
		cancelAlloc()
		cancelTimeout()
		if t.Failed() {
			if out := output.String(); out != "" {
				if len(out) > 4000 {
					out = "..." + out[len(out)-4000:]
				}
				t.Logf("browser output:\n%s", out)
			}
		}
	})

	version, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`))
	if err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	t.Logf("browser: %s (%s)", chrome, version)
	b := &Browser{Ctx: ctx}
	stream := chromedp.Console(ctx)
	go func() {
		for m, err := range stream {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.messages = append(b.messages, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// Console returns every console message the pages have written so far.
// It writes a sentinel message and waits for it, so that nothing written
// before the call is still on its way.
func (b *Browser) Console(t *testing.T) []chromedp.ConsoleMessage {
	t.Helper()
	const sentinel = "annals-browser-test-sentinel"
	if err := chromedp.Do(b.Ctx, chromedp.Evaluate[chromedp.Void](`console.log("`+sentinel+`")`)); err != nil {
		t.Fatalf("writing the console sentinel: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		b.mu.Lock()
		i := slices.IndexFunc(b.messages, func(m chromedp.ConsoleMessage) bool { return m.Text == sentinel })
		seen := slices.Clone(b.messages[:max(i, 0)])
		b.mu.Unlock()
		if i >= 0 {
			return seen
		}
		if time.Now().After(deadline) {
			t.Fatal("the console sentinel never arrived")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// find returns the browser to drive, or "".
func find() string {
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
