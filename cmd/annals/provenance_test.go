package main_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
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
It happened. [@toutiao-stoltenberg-memoir, para. 3]
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
It happened. [@toutiao-stoltenberg-memoir, para. 3]
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
It happened. [@toutiao-stoltenberg-memoir, para. 3]
`,
	"events/2024-10-verdict.md": `---
title: A verdict on a report
date: 2024-10-05
verdict:
  rating: "false"
  reviewed: 2025-10-02
  summary: No.
---
It happened. [@toutiao-stoltenberg-memoir, para. 3]
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
It happened. [@toutiao-stoltenberg-memoir, para. 3]
`,
	"events/2024-10-malformed.md": `---
title: Discrepancies that are not a list
date: 2024-10-07
discrepancies:
  about: the day
---
It happened. [@toutiao-stoltenberg-memoir, para. 3]
`,
}

func TestCheckProvenance(t *testing.T) {
	content, data := copyContent(t), t.TempDir()
	for rel, text := range provenanceNotes {
		writeNote(t, content, rel, text)
	}
	r, out := checkJSON(t, content, data)
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
	if r.code != 1 || out.Errors != 6 || out.Warnings != 2 {
		t.Errorf("exit %d, %d errors, %d warnings; want 1, 6 and 2 (the two here: the shipped content has none)", r.code, out.Errors, out.Warnings)
	}

	// The broken notes are left out of the index; the rest is served, and
	// the verdict exported.
	r = annals(t, content, data, "export", "--format", "claimreview", "--base-url", "https://annals.example.org")
	type review struct {
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
	var reviews []review
	if err := json.Unmarshal([]byte(r.stdout), &reviews); err != nil {
		t.Fatalf("export: %v\n%s\n%s", err, r.stdout, r.stderr)
	}
	// The shipped collection has verdicts of its own; this one is the
	// test's.
	i := slices.IndexFunc(reviews, func(rv review) bool {
		return rv.URL == "https://annals.example.org/events/2024-10-quiet"
	})
	if i < 0 || reviews[i].ReviewRating.AlternateName != "False" ||
		reviews[i].ItemReviewed.FirstAppearance.URL != "https://www.toutiao.com/article/7555752385512915456/" {
		t.Errorf("claimreview export = %+v", reviews)
	}
	if !strings.Contains(r.stderr, "4 notes have errors and were left out") {
		t.Errorf("export did not report the broken note:\n%s", r.stderr)
	}
}

// TestOlderDataFolder runs annals on a data folder an annals that did not
// store verdicts left behind, the note unchanged since: the verdict must
// reach the export, and stderr must say why every note was read again.
func TestOlderDataFolder(t *testing.T) {
	ctx := context.Background()
	content, data := t.TempDir(), t.TempDir()
	const rel, text = "events/2024-10-quiet.md", `---
title: A reviewed claim
date: 2024-10-01
status: claimed
claimed_by: Toutiao
verdict:
  rating: mostly-false
  reviewed: 2025-10-02
  summary: No.
---
Claimed.
`
	writeNote(t, content, rel, text)
	info, err := os.Stat(filepath.Join(content, rel))
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Parse(rel, note.KindEvent, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	n.Event.Verdict = nil // what the older annals stored
	db, err := store.Open(ctx, filepath.Join(data, "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(text))
	_, err = db.Apply(ctx, store.Changes{Put: []store.Put{{Note: n, File: store.File{Path: rel, Size: info.Size(),
		MTime: info.ModTime().UnixNano(), Hash: hex.EncodeToString(sum[:])}}}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	r := annals(t, content, data, "export", "--format", "claimreview")
	if r.code != 0 || !strings.Contains(r.stdout, `"alternateName": "Mostly false"`) {
		t.Errorf("exit %d; the verdict is not exported:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "annals.db:1:1: warning: the data folder was indexed by a version of annals that derived other data from the notes (version 0, this one") {
		t.Errorf("stderr does not say why every note was read again:\n%s", r.stderr)
	}
	if r = annals(t, content, data, "index"); strings.Contains(r.stderr, "version") || !strings.Contains(r.stdout+r.stderr, "0 parsed") {
		t.Errorf("the next run read the notes again:\n%s%s", r.stdout, r.stderr)
	}
}
