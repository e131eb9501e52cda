package web_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"maps"
	"strings"
	"testing"
)

func TestExportRoutes(t *testing.T) {
	withDrafts := maps.Clone(notes)
	withDrafts["sources/draftonly-source.md"] = "---\ntitle: Draftonly memo\ntype: document\ndraft: true\n---\n"
	withDrafts["events/2021-cites-draft.md"] = `---
title: Public event citing a draft
date: 2021-03
sources: [memoir, draftonly-source]
related: [2019-secret-draft]
---
Backed by [@draftonly-source, p. 1] and [@memoir, p. 9].
`
	h := newServerWith(t, withDrafts)
	parses := map[string]func(body string) error{
		"json": func(b string) error { var v any; return json.Unmarshal([]byte(b), &v) },
		"xml":  func(b string) error { var v struct{}; return xml.Unmarshal([]byte(b), &v) },
		"csv":  func(b string) error { _, err := csv.NewReader(strings.NewReader(b)).ReadAll(); return err },
		"none": func(string) error { return nil },
	}
	tests := []struct {
		path, contentType, parse string
		contains                 []string
	}{
		{"/export/csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8", "json",
			[]string{`"id": "memoir"`, `"type": "book"`, `"date-parts"`}},
		{"/export/sources.bib", "application/x-bibtex; charset=utf-8", "none",
			[]string{"@book{memoir,", "= {Stoltenberg, Jens},", "= {2025-09},"}},
		{"/export/timeline.json", "application/json; charset=utf-8", "json",
			[]string{`"unique_id": "2018-07-summit"`, `"display_date": "11–12 July 2018"`, `href=\"http://example.com/sources/memoir\"`}},
		{"/export/events.ics", "text/calendar; charset=utf-8", "none",
			[]string{"BEGIN:VCALENDAR\r\n", "UID:2018-07-summit@annals\r\n", "DTSTART;VALUE=DATE:20180711\r\n", "DTEND;VALUE=DATE:20180713\r\n",
				"URL;VALUE=URI:http://example.com/events/2018-07-summit\r\n"}},
		{"/export/feed.atom", "application/atom+xml; charset=utf-8", "xml",
			[]string{`<id>http://example.com/events/2021-cites-draft</id>`, `<link rel="self" type="application/atom+xml" href="http://example.com/export/feed.atom">`}},
		{"/export/events.geojson", "application/geo+json", "json",
			[]string{`"type": "FeatureCollection"`, `"features": [`}},
		{"/export/events.csv", "text/csv; charset=utf-8; header=present", "csv",
			[]string{"id,title,date,start,end,", "2018-07-summit,", ",2018-07-11/2018-07-12,2018-07-11,2018-07-12,", "http://example.com/events/2018-07-summit\r\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := get(t, h, tt.path)
			body := w.Body.String()
			if w.Code != 200 {
				t.Fatalf("code %d\n%s", w.Code, body)
			}
			if got := w.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
			if err := parses[tt.parse](body); err != nil {
				t.Errorf("does not parse as %s: %v\n%s", tt.parse, err, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("lacks %q\n%s", s, body)
				}
			}
			for _, s := range []string{"draftonly", "Draftonly", "2019-secret-draft", "Secret draft"} {
				if strings.Contains(body, s) {
					t.Errorf("mentions the draft %q\n%s", s, body)
				}
			}
			for k, want := range map[string]string{
				"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
			} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
	if w := get(t, h, "/export/sources.docx"); w.Code != 404 {
		t.Errorf("GET /export/sources.docx: code %d, want 404", w.Code)
	}
}
