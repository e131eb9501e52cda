package build

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// The event the browser test reaches from the timeline and by searching.
const (
	browserEvent      = "2018-trump-norway-swedish-model"
	browserEventTitle = `Trump asks Stoltenberg whether Norway could adopt "the Swedish model"`
)

// TestBrowserStaticSite opens a build of the shipped collection from disk,
// as someone who downloaded it would: timeline, an event, then the search
// page, whose script must find the event from a query typed in any case
// and with stray accents. Any console error fails the test.
func TestBrowserStaticSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	build(t, newLibrary(t), Options{Dir: dir})

	b := browsertest.Start(t, 60*time.Second)
	ctx := b.Ctx
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

	// 3. The console: no errors along the walk.
	for _, m := range b.Console(t) {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			t.Errorf("console error: %s (%s:%d)", m, m.URL, m.Line)
		}
	}
}
