// Package corpus writes deterministic collections of notes in the real
// format, for benchmarks and load tests: events with varied EDTF dates,
// citations with locators, links, tags and actors, and prose whose word
// frequencies follow Zipf's law as real text does.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Counts says how many notes of each kind Generate writes for n notes:
// mostly events, as in real collections.
func Counts(n int) (events, sources, actors int) {
	sources = max(n/10, 1)
	actors = max(n/50, 1)
	return max(n-sources-actors, 0), sources, actors
}

// Generate writes n notes under dir (events/, sources/, actors/). The same
// n and seed always give the same files.
func Generate(dir string, n int, seed uint64) error {
	g := &generator{r: rand.New(rand.NewPCG(seed, 1))}
	g.zipf = rand.NewZipf(g.r, 1.1, 2, uint64(len(vocabulary)-1))
	events, sources, actors := Counts(n)
	for _, k := range []string{"events", "sources", "actors"} {
		if err := os.MkdirAll(filepath.Join(dir, k), 0o755); err != nil {
			return err
		}
	}
	for i := range actors {
		if err := write(dir, "actors", ActorID(i), g.actor(i)); err != nil {
			return err
		}
	}
	for i := range sources {
		if err := write(dir, "sources", SourceID(i), g.source(i)); err != nil {
			return err
		}
	}
	for i := range events {
		if err := write(dir, "events", EventID(i), g.event(i, events, sources, actors)); err != nil {
			return err
		}
	}
	return nil
}

// EventID, SourceID and ActorID name the i-th generated note of each kind.
func EventID(i int) string  { return fmt.Sprintf("event-%06d", i) }
func SourceID(i int) string { return fmt.Sprintf("source-%05d", i) }
func ActorID(i int) string  { return fmt.Sprintf("actor-%05d", i) }

func write(dir, folder, id, text string) error {
	return os.WriteFile(filepath.Join(dir, folder, id+".md"), []byte(text), 0o644)
}

type generator struct {
	r    *rand.Rand
	zipf *rand.Zipf
}

func (g *generator) words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[g.zipf.Uint64()]
	}
	return strings.Join(w, " ")
}

func (g *generator) sentence() string {
	return capitalize(g.words(6+g.r.IntN(14))) + "."
}

func capitalize(s string) string {
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *generator) date() string {
	y := 1990 + g.r.IntN(40)
	m, d := 1+g.r.IntN(12), 1+g.r.IntN(28)
	switch g.r.IntN(10) {
	case 0:
		return fmt.Sprintf("%d", y)
	case 1:
		return fmt.Sprintf("%d-%02d~", y, m)
	case 2:
		return fmt.Sprintf("%d-%02d-%02d/%d-%02d-%02d", y, m, d, y, m, min(d+2, 28))
	case 3:
		return fmt.Sprintf("%d?", y)
	case 4:
		return fmt.Sprintf("%d-%02d", y, m)
	default:
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	}
}

var statuses = []string{"reported", "reported", "reported", "confirmed", "claimed", "disputed", "planned"}

func (g *generator) event(i, events, sources, actors int) string {
	var b strings.Builder
	src := SourceID(g.r.IntN(sources))
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %q\n", capitalize(g.words(5+g.r.IntN(5))), g.date())
	fmt.Fprintf(&b, "place: %s\nactors: [%s, %s]\n", vocabulary[g.r.IntN(200)], ActorID(g.r.IntN(actors)), ActorID(g.r.IntN(actors)))
	fmt.Fprintf(&b, "tags: [%s, %s]\nstatus: %s\nsources: [%s]\n", tags[g.r.IntN(len(tags))], tags[g.r.IntN(len(tags))], statuses[g.r.IntN(len(statuses))], src)
	if i > 0 {
		fmt.Fprintf(&b, "related: [%s]\n", EventID(g.r.IntN(i)))
	}
	fmt.Fprintf(&b, "summary: %q\n---\n", g.sentence())
	for p := range 2 + g.r.IntN(4) {
		for s := range 3 + g.r.IntN(5) {
			b.WriteString(g.sentence())
			if s%2 == 0 {
				fmt.Fprintf(&b, " [@%s, p. %d]", SourceID(g.r.IntN(sources)), 1+g.r.IntN(400))
			}
			b.WriteByte(' ')
		}
		if p == 0 && i > 0 {
			fmt.Fprintf(&b, "See [[%s]].", EventID(g.r.IntN(i)))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func (g *generator) source(i int) string {
	return fmt.Sprintf("---\ntitle: %q\ntype: article-newspaper\nauthor: [\"%s, %s\"]\ncontainer-title: %q\nissued: %q\nURL: https://example.org/%d\norigin: secondary\n---\n%s\n",
		g.words(6), vocabulary[g.r.IntN(300)], vocabulary[g.r.IntN(300)], g.words(2), g.date(), i, g.sentence())
}

func (g *generator) actor(i int) string {
	return fmt.Sprintf("---\ntitle: %q\ntype: person\naliases: [%s]\n---\n%s\n", g.words(2), vocabulary[g.r.IntN(500)], g.sentence())
}

var tags = []string{"defence-spending", "summit", "sanctions", "elections", "energy", "trade", "courts", "protests", "diplomacy", "budget", "memoir", "leaks"}

// Queries returns n search queries of three words each, drawn as the notes'
// prose draws its words (common words often, rare ones seldom), for
// benchmarks that must not meet the same query twice. The same n and seed
// always give the same queries.
func Queries(n int, seed uint64) []string {
	g := &generator{r: rand.New(rand.NewPCG(seed, 2))}
	g.zipf = rand.NewZipf(g.r, 1.1, 2, uint64(len(vocabulary)-1))
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for len(out) < n {
		if q := g.words(3); !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}
