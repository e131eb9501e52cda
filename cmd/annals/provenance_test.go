package main_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// provenanceNotes add to the shipped collection one event per provenance
// rule that annals check reports, and one that uses every provenance key
// rightly and must stay quiet.
var provenanceNotes = map[string]string{
	"events/2024-10-quiet.md": `---
title: Stoltenberg hands over to Rutte
date: 2024-10-01
status: disputed
claimed_by: Toutiao
first_reported: [toutiao-stoltenberg-memoir, para. 3]
discrepancies:
  - about: when Stoltenberg left office
    values:
      - value: "2024-11"
        sources: [toutiao-stoltenberg-memoir]
        rank: deprecated
        note: The article's single mention.
      - value: "2024-10-01"
        sources: [stoltenberg-memoir]
        rank: preferred
verdict:
  rating: "false"
  reviewed: 2025-10-02
  summary: He left on 1 October 2024.
---
Stoltenberg left office. [@toutiao-stoltenberg-memoir, para. 3]
`,
	"events/2024-10-unknown.md": `---
title: Sources that are not there
date: 2024-10-02
first_reported: nobody
discrepancies:
  - about: the day
    values:
      - value: "2024-10-02"
        sources: [ghost]
        rank: preferred
      - value: "2024-10-03"
        sources: [stoltenberg-memoir]
        rank: preferred
---
It happened. [@toutiao-stoltenberg-memoir]
`,
	"events/2024-10-unranked.md": `---
title: Nobody settled it
date: 2024-10-03
discrepancies:
  - about: the day
    values:
      - value: "2024-10-03"
        sources: [stoltenberg-memoir]
---
It happened. [@toutiao-stoltenberg-memoir]
`,
	"events/2024-10-unsourced.md": `---
title: A value with no source
date: 2024-10-04
discrepancies:
  - about: the day
    values:
      - value: "2024-10-04"
        rank: preferred
---
It happened. [@toutiao-stoltenberg-memoir]
`,
	"events/2024-10-verdict.md": `---
title: A verdict on a report
date: 2024-10-05
verdict:
  rating: "false"
  reviewed: 2025-10-02
  summary: No.
---
It happened. [@toutiao-stoltenberg-memoir]
`,
	"events/2024-10-rating.md": `---
title: A verdict off the scale
date: 2024-10-06
status: claimed
claimed_by: Toutiao
verdict:
  rating: pants-on-fire
  reviewed: 2025-10-02
---
It happened. [@toutiao-stoltenberg-memoir]
`,
	"events/2024-10-malformed.md": `---
title: Discrepancies that are not a list
date: 2024-10-07
discrepancies:
  about: the day
---
It happened. [@toutiao-stoltenberg-memoir]
`,
}

func TestCheckProvenance(t *testing.T) {
	content, data := copyContent(t), t.TempDir()
	for rel, text := range provenanceNotes {
		writeNote(t, content, rel, text)
	}
	r := annals(t, content, data, "check", "--json")
	var out struct {
		Errors, Warnings int
		Diagnostics      []struct {
			Path      string
			Line, Col int
			Severity  string
			Message   string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, d := range out.Diagnostics {
		rel, _ := filepath.Rel(content, filepath.FromSlash(d.Path))
		if rel == filepath.FromSlash("events/2024-10-quiet.md") {
			t.Errorf("the note with nothing wrong was reported: %+v", d)
		}
		got = append(got, fmt.Sprintf("%s:%s:%d:%d: %s", filepath.ToSlash(rel), d.Severity, d.Line, d.Col, d.Message))
	}
	for _, want := range []string{
		`events/2024-10-unknown.md:error:4:17: first_reported names "nobody", and no source has this id`,
		`events/2024-10-unknown.md:error:9:19: unknown source "ghost" for the value "2024-10-02" of discrepancy "the day"`,
		`events/2024-10-unknown.md:warning:6:5: discrepancy "the day" has 2 preferred values`,
		`events/2024-10-unranked.md:warning:5:5: discrepancy "the day" has no preferred value`,
		`events/2024-10-unsourced.md:error:7:9: the value "2024-10-04" of discrepancy "the day" has no source`,
		`events/2024-10-verdict.md:error:4:1: a verdict reviews a claim, and this event's status is reported`,
		`events/2024-10-rating.md:error:7:11: verdict rating "pants-on-fire" is not one of true, mostly-true, mixed, mostly-false, false, unproven`,
		`events/2024-10-malformed.md:error:5:3: discrepancies must be a list`,
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, want) }) {
			t.Errorf("check --json lacks %q; got\n%s", want, strings.Join(got, "\n"))
		}
	}
	if r.code != 1 || out.Errors != 6 || out.Warnings != 3 {
		t.Errorf("exit %d, %d errors, %d warnings; want 1, 6 and 3 (the shipped content's one warning and two here)", r.code, out.Errors, out.Warnings)
	}

	// The broken notes are left out of the index; the rest is served, and
	// the verdict exported.
	r = annals(t, content, data, "export", "--format", "claimreview", "--base-url", "https://annals.example.org")
	var reviews []struct {
		URL          string `json:"url"`
		ReviewRating struct {
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
		ItemReviewed struct {
			FirstAppearance struct {
				URL string `json:"url"`
			} `json:"firstAppearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &reviews); err != nil {
		t.Fatalf("export: %v\n%s\n%s", err, r.stdout, r.stderr)
	}
	if len(reviews) != 1 || reviews[0].URL != "https://annals.example.org/events/2024-10-quiet" ||
		reviews[0].ReviewRating.AlternateName != "False" ||
		reviews[0].ItemReviewed.FirstAppearance.URL != "https://www.toutiao.com/article/7555752385512915456/" {
		t.Errorf("claimreview export = %+v", reviews)
	}
	if !strings.Contains(r.stderr, "4 notes have errors and were left out") {
		t.Errorf("export did not report the broken note:\n%s", r.stderr)
	}
}
