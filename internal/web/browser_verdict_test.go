package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"annals.dev/annals/internal/browsertest"
	"annals.dev/annals/internal/web"
)

// TestBrowserVerdict opens a page with a verdict, whose JSON-LD carries a
// summary written to end the script element, in a real Chromium: the page
// must have no script but the ClaimReview, which parses as JSON, and the
// browser must report no CSP violation or console error.
func TestBrowserVerdict(t *testing.T) {
	lib, _ := newLibrary(t, provenanceKeyNotes)
	srv := httptest.NewServer(web.NewServer(lib, web.Options{}))
	t.Cleanup(srv.Close)
	b := browsertest.Start(t, 60*time.Second)

	resp, err := chromedp.RunResponse(b.Ctx, chromedp.Navigate(srv.URL+"/events/2025-claim"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("the page answered %d", resp.Status)
	}
	if err := chromedp.Do(b.Ctx, chromedp.WaitVisible(chromedp.CSS("dd.verdict"))); err != nil {
		t.Fatalf("waiting for the verdict: %v", err)
	}
	verdict, err := chromedp.Run(b.Ctx, chromedp.Text(chromedp.CSS("dd.verdict")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(verdict, "Mostly false, reviewed 2 October 2025: 22 of 32 met it </script><script>alert(1)</script>") {
		t.Errorf("verdict reads %q", verdict)
	}
	const check = `(() => {
		const s = document.querySelectorAll("script");
		if (s.length !== 1 || s[0].type !== "application/ld+json") return "scripts: " + s.length;
		const r = JSON.parse(s[0].textContent);
		return r["@type"] + " " + r.reviewRating.alternateName + " " + r.reviewBody;
	})()`
	got, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](check))
	if err != nil {
		t.Fatal(err)
	}
	if want := `ClaimReview Mostly false 22 of 32 met it </script><script>alert(1)</script> & "more".`; got != want {
		t.Errorf("in the browser the JSON-LD reads %q, want %q", got, want)
	}
	for _, m := range b.Console(t) {
		switch {
		case strings.Contains(m.Text, "Content Security Policy"):
			t.Errorf("CSP violation: %s (%s:%d)", m.Text, m.URL, m.Line)
		case m.Type == chromedp.ConsoleError || m.IsException():
			t.Errorf("console error: %s (%s:%d)", m, m.URL, m.Line)
		}
	}
}
