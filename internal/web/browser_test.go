package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"annals.dev/annals/internal/browsertest"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
	"annals.dev/annals/internal/web"
)

// The browser test walks the shipped collection the way a reader does:
// timeline, search, event, footnote, source, every event page, then the
// map and a place. These are the notes it relies on.
const (
	browserEvent       = "2018-trump-norway-swedish-model"
	browserSource      = "toutiao-stoltenberg-memoir"
	browserSourceTitle = "Former NATO Secretary General's New Book Reveals: Trump Proposed Excluding Norway from NATO"
)

// TestBrowser drives a real headless Chromium through the site served from
// the shipped collection, and fails on any console error or Content Security
// Policy violation along the way.
func TestBrowser(t *testing.T) {
	start := time.Now()

	// A real server over a copy of the shipped collection.
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	lib, err := index.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	rep, err := lib.Update(context.Background(), index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagnostics {
		t.Logf("%s", d.Error())
	}
	srv := httptest.NewServer(web.NewServer(lib, web.Options{}))
	t.Cleanup(srv.Close)

	// The browser, with a profile of its own, bounded by an overall timeout.
	b := browsertest.Start(t, 60*time.Second)
	ctx := b.Ctx

	// must runs a step, failing the test with what it was doing.
	must := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// follow runs steps that load a page, and checks the page answered 200.
	follow := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, steps...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if resp.Status != http.StatusOK {
			t.Fatalf("%s: %s answered %d %s", what, resp.URL, resp.Status, resp.StatusText)
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
	attr := func(sel, name string) string {
		t.Helper()
		a, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("%s of %s: %v", name, sel, err)
		}
		if !a.Exists {
			t.Fatalf("%s has no %s attribute", sel, name)
		}
		return a.Value
	}
	eval := func(expr string) bool {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return ok
	}
	location := func() *url.URL {
		t.Helper()
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	// 1. The timeline.
	follow("opening the timeline", chromedp.Navigate(srv.URL+"/"))
	must("waiting for the timeline", chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := text("main h1"); got != "Timeline" {
		t.Errorf("timeline h1 = %q, want %q", got, "Timeline")
	}
	eventLink := `main a[href="/events/` + browserEvent + `"]`
	must("waiting for the event's link on the timeline", chromedp.WaitVisible(chromedp.CSS(eventLink)))

	// 2. Search with the form, as a reader does: reach it through the
	// navigation unless the page already has one, type, press the button.
	const input = `form[action="/search"] input[name="q"]`
	if !eval(`document.querySelector('` + input + `') !== null`) {
		follow("following the Search link", chromedp.Click(chromedp.CSS(`header nav a[href="/search"]`)))
	}
	must("typing the query",
		chromedp.WaitVisible(chromedp.CSS(input)),
		chromedp.SendKeys(chromedp.CSS(input), "norway"),
	)
	follow("submitting the search form", chromedp.Click(chromedp.CSS(`form[action="/search"] button[type="submit"]`)))
	if u := location(); u.Path != "/search" || u.Query().Get("q") != "norway" {
		t.Fatalf("after submitting, the browser is at %s, want /search?q=norway", u)
	}
	must("waiting for the hits", chromedp.WaitVisible(chromedp.CSS(`ol.hits > li`)))
	firstHit := `ol.hits > li:first-child h2 a`
	if got, want := attr(firstHit, "href"), "/events/"+browserEvent; got != want {
		t.Fatalf("first hit links to %q, want %q", got, want)
	}
	if !eval(`document.querySelector('ol.hits mark') !== null`) {
		t.Error("the hits highlight no word: no mark element")
	} else if m := text(`ol.hits mark`); !strings.EqualFold(m, "norway") {
		t.Logf("first highlighted word is %q", m)
	}

	// 3. The event, its first footnote, and the source that footnote cites.
	follow("opening the first hit", chromedp.Click(chromedp.CSS(firstHit)))
	if u := location(); u.Path != "/events/"+browserEvent {
		t.Fatalf("after clicking the first hit, the browser is at %s", u)
	}
	must("waiting for a footnote marker", chromedp.WaitVisible(chromedp.CSS(`sup.cite a`)))
	if got := attr(`sup.cite a`, "href"); got != "#fn-1" {
		t.Errorf("first footnote marker links to %q, want #fn-1", got)
	}
	must("clicking the first footnote marker", chromedp.Click(chromedp.CSS(`sup.cite a`)))
	must("waiting for the footnote to be the target",
		chromedp.Poll[chromedp.Void](`location.hash === "#fn-1" && document.querySelector(":target")?.id === "fn-1"`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)),
	)
	follow("following the footnote's source link",
		chromedp.Click(chromedp.CSS(`li#fn-1 a[href^="/sources/"]`)))
	if u := location(); u.Path != "/sources/"+browserSource {
		t.Fatalf("after clicking the footnote's source, the browser is at %s, want /sources/%s", u, browserSource)
	}
	must("waiting for the source page", chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := text("main h1"); got != browserSourceTitle {
		t.Errorf("source h1 = %q, want %q", got, browserSourceTitle)
	}

	// 4. A full-page screenshot of where the walk ended.
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("ANNALS_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, "browser-source.png")
		if err := os.WriteFile(p, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}

	// 5. Every public event of the shipped collection reads as it should:
	// its title as the heading, footnotes that name their sources, and no
	// quotation the stored texts contradict.
	evs, err := lib.DB.Notes(context.Background(), store.Filter{Kind: note.KindEvent})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) < 25 {
		t.Errorf("the shipped collection has %d public events, want at least 25", len(evs))
	}
	for _, e := range evs {
		follow("opening "+e.ID, chromedp.Navigate(srv.URL+"/events/"+e.ID))
		must("waiting for "+e.ID, chromedp.WaitVisible(chromedp.CSS("main h1")))
		if got := text("main h1"); got != e.Title {
			t.Errorf("%s: h1 = %q, want %q", e.ID, got, e.Title)
		}
		body := text("main")
		for _, bad := range []string{"(unknown source)", "quote not found", "an unpublished source"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s reads %q", e.ID, bad)
			}
		}
		if len(e.Citations) > 0 && !eval(`document.querySelector('li#fn-1 a[href^="/sources/"]') !== null`) {
			t.Errorf("%s: the first footnote names no source", e.ID)
		}
	}

	// 6. The map: a point per place, each a link the keyboard reaches, and
	// the place page it leads to.
	follow("opening the map", chromedp.Navigate(srv.URL+"/map"))
	must("waiting for the map", chromedp.WaitVisible(chromedp.CSS("figure.map svg")))
	if !eval(`document.querySelectorAll('figure.map svg a[href^="/places/"]').length >= 5`) {
		t.Error("the map shows fewer than 5 places")
	}
	if !eval(`(() => { const a = document.querySelector('figure.map svg a'); a.focus(); return document.activeElement === a })()`) {
		t.Error("a point on the map takes no keyboard focus")
	}
	follow("opening a place", chromedp.Click(chromedp.CSS(`ul.places a[href="/places/brussels"]`)))
	if got := text("main h1"); got != "Brussels" {
		t.Errorf("place h1 = %q, want Brussels", got)
	}
	if !eval(`document.querySelector('ol.events a[href^="/events/"]') !== null`) {
		t.Error("the Brussels page lists no event")
	}

	// 7. The console: every message the walk wrote.
	seen := b.Console(t)
	for _, m := range seen {
		switch {
		case strings.Contains(m.Text, "Content Security Policy"):
			t.Errorf("CSP violation: %s (%s:%d)", m.Text, m.URL, m.Line)
		case m.Type == chromedp.ConsoleError || m.IsException():
			t.Errorf("console error: %s (%s:%d)", m, m.URL, m.Line)
		default:
			t.Logf("console: %s", m)
		}
	}
	t.Logf("browser walk took %s", time.Since(start).Round(time.Millisecond))
}
