package export_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"annals.dev/annals/internal/export"
)

func TestCSLDates(t *testing.T) {
	tests := []struct {
		id, issued string
		want       string // the issued date as JSON
	}{
		{"day", "2018-07-11", `{"date-parts":[[2018,7,11]]}`},
		{"month", "2018-07", `{"date-parts":[[2018,7]]}`},
		{"year", "2018", `{"date-parts":[[2018]]}`},
		{"interval", "2018-07-11/2018-07-12", `{"date-parts":[[2018,7,11],[2018,7,12]]}`},
		{"month-interval", "2025-01/2025-06", `{"date-parts":[[2025,1],[2025,6]]}`},
		{"uncertain", "2025?", `{"date-parts":[[2025]],"circa":true}`},
		{"approximate", "2018-07~", `{"date-parts":[[2018,7]],"circa":true}`},
		{"both", "2018-07-12%", `{"date-parts":[[2018,7,12]],"circa":true}`},
		{"season", "2001-21", `{"date-parts":[[2001]],"season":1}`},
		{"decade", "201X", `{"date-parts":[[2010],[2019]]}`},
		{"month-unknown", "2018-XX", `{"date-parts":[[2018]]}`},
		{"day-unknown", "2018-07-XX", `{"date-parts":[[2018,7]]}`},
		{"bce", "-0043-03-15", `{"date-parts":[[-44,3,15]]}`},
		{"open", "2025/..", `{"literal":"2025 onwards"}`},
		{"with-time", "2018-07-12T10:00:00Z", `{"date-parts":[[2018,7,12]]}`},
	}
	notes := map[string]string{}
	for _, tt := range tests {
		notes["sources/"+tt.id+".md"] = fmt.Sprintf("---\ntitle: Source %s\ntype: book\nissued: %q\naccessed: 2020-01-02\n---\n", tt.id, tt.issued)
	}
	c := load(t, notes)
	out, _ := write(t, export.CSLJSON, c)
	var items []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	byID := map[string]map[string]json.RawMessage{}
	for _, it := range items {
		var id string
		json.Unmarshal(it["id"], &id)
		byID[id] = it
	}
	for _, tt := range tests {
		it := byID[tt.id]
		if got := compact(t, it["issued"]); got != tt.want {
			t.Errorf("%s: issued %q = %s, want %s", tt.id, tt.issued, got, tt.want)
		}
		if got := compact(t, it["accessed"]); got != `{"date-parts":[[2020,1,2]]}` {
			t.Errorf("%s: accessed = %s", tt.id, got)
		}
	}
}

func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	// Re-encode the keys in the order the tests write them.
	m, ok := v.(map[string]any)
	if !ok {
		b, _ := json.Marshal(v)
		return string(b)
	}
	out := "{"
	for _, k := range []string{"date-parts", "season", "circa", "literal"} {
		if x, ok := m[k]; ok {
			b, _ := json.Marshal(x)
			if out != "{" {
				out += ","
			}
			out += fmt.Sprintf("%q:%s", k, b)
		}
	}
	return out + "}"
}

// cslProperties are the item properties the CSL-JSON schema allows
// (citation-style-language/schema, schemas/input/csl-data.json, which
// sets additionalProperties to false) among those annals could write.
var cslProperties = []string{"id", "type", "title", "author", "container-title", "publisher", "genre",
	"issued", "accessed", "URL", "language", "note", "custom", "archive", "archive_location"}

func TestCSLItems(t *testing.T) {
	c := load(t, map[string]string{
		"sources/full.md": `---
title: "NATO Chief Proposes New 5% Framework"
type: article-newspaper
author: ["Stoltenberg, Jens", "NATO Press Office"]
container-title: Toutiao
publisher: ByteDance
issued: 2025-09-30?
accessed: 2025-10-01
URL: https://www.example.org/a
language: en
archived: https://web.archive.org/web/2025/https://www.example.org/a
origin: secondary
via: [memoir, draft-source, no-such-source]
---
`,
		"sources/memoir.md":       "---\ntitle: My Tenure\ntype: book\norigin: primary\n---\n",
		"sources/draft-source.md": "---\ntitle: Hidden\ndraft: true\n---\n",
		"sources/memo.md":         "---\ntitle: A memo\ntype: Memo\n---\n",
		"sources/untyped.md":      "---\ntitle: No type\n---\n",
	})
	out, _ := write(t, export.CSLJSON, c)
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	byID := map[string]map[string]any{}
	for _, it := range items {
		for k := range it {
			allowed := false
			for _, p := range cslProperties {
				allowed = allowed || p == k
			}
			if !allowed {
				t.Errorf("%v has %q, which CSL-JSON does not allow", it["id"], k)
			}
		}
		byID[it["id"].(string)] = it
	}
	if len(items) != 4 {
		t.Errorf("%d items, want the 4 public sources", len(items))
	}
	full := byID["full"]
	for k, want := range map[string]string{
		"type":            "article-newspaper",
		"title":           "NATO Chief Proposes New 5% Framework",
		"author":          `[{"family":"Stoltenberg","given":"Jens"},{"literal":"NATO Press Office"}]`,
		"container-title": "Toutiao",
		"publisher":       "ByteDance",
		"URL":             "https://www.example.org/a",
		"language":        "en",
		"custom":          `{"archived":"https://web.archive.org/web/2025/https://www.example.org/a","origin":"secondary","via":["memoir"]}`,
		"note":            "Secondary source. Reports from: My Tenure. Archived copy: https://web.archive.org/web/2025/https://www.example.org/a.",
	} {
		got, ok := full[k].(string)
		if !ok {
			b, _ := json.Marshal(full[k])
			got = string(b)
		}
		if got != want {
			t.Errorf("full: %s = %s, want %s", k, got, want)
		}
	}
	if byID["memo"]["type"] != "document" || byID["memo"]["genre"] != "Memo" {
		t.Errorf("memo: type %v, genre %v; want document, with the type as written kept as genre", byID["memo"]["type"], byID["memo"]["genre"])
	}
	if byID["untyped"]["type"] != "document" {
		t.Errorf("untyped: type %v, want document (CSL requires a type)", byID["untyped"]["type"])
	}
}
