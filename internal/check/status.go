package check

import (
	"fmt"
	"slices"
	"strings"

	"annals.dev/annals/internal/note"
)

// status checks what an event's status says against who vouches for
// it: a confirmed event is no one's claim, a disputed one names who
// disputes it, and a confirmed one rests on more than one account.
func (c *checker) status(n *note.Note, cited []*note.Note) {
	e := n.Event
	switch e.Status {
	case note.StatusConfirmed:
		if e.ClaimedBy != "" {
			c.add(n, n.ValuePos("claimed_by", 0), note.SeverityWarning,
				"a confirmed event is no longer only %s's claim: remove claimed_by, or set status: claimed while no other source confirms it", e.ClaimedBy)
		}
		c.oneAccount(n, cited)
	case note.StatusDisputed:
		if len(e.DisputedBy) == 0 && len(e.Discrepancies) == 0 {
			c.add(n, n.ValuePos("status", 0), note.SeverityWarning,
				"a disputed event should say who disputes it: add disputed_by: [actor], or record the conflicting values under discrepancies:")
		}
	}
}

// oneAccount warns when every source a confirmed event cites leads back,
// through via, to one and the same account: relays of one memoir confirm
// nothing the memoir does not say.
func (c *checker) oneAccount(n *note.Note, cited []*note.Note) {
	if len(cited) == 0 {
		return
	}
	roots := map[string]bool{}
	var relayed []string
	for _, s := range cited {
		rs := c.roots(s.ID)
		for r := range rs {
			roots[r] = true
		}
		if !rs[s.ID] && !slices.Contains(relayed, s.ID) {
			relayed = append(relayed, s.ID)
		}
	}
	if len(roots) != 1 || len(relayed) == 0 {
		return
	}
	var root string
	for r := range roots {
		root = r
	}
	c.add(n, n.ValuePos("status", 0), note.SeverityWarning,
		"a confirmed event that rests on one account: every source cited leads to %s (%s through via); cite an independent source, or set status: reported or claimed",
		root, strings.Join(relayed, ", "))
}

// roots returns the sources id leads to by following via to sources that
// report from no other: id itself when it has no via. A via cycle with no
// way out leads nowhere.
func (c *checker) roots(id string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		s := c.byKind[note.KindSource][id]
		if s == nil {
			return
		}
		var next []string
		for _, v := range s.Source.Via {
			if v != id && c.byKind[note.KindSource][v] != nil {
				next = append(next, v)
			}
		}
		if len(next) == 0 {
			out[id] = true
			return
		}
		for _, v := range next {
			walk(v)
		}
	}
	walk(id)
	return out
}

// viaCycles reports each cycle of sources reporting from one another
// (a → b → a) once, at the via entry of its first source by id.
func (c *checker) viaCycles() {
	sources := c.byKind[note.KindSource]
	ids := make([]string, 0, len(sources))
	for id := range sources {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	const (
		unvisited = iota
		onPath
		done
	)
	state := map[string]int{}
	reported := map[string]bool{}
	var path []string
	var visit func(id string)
	visit = func(id string) {
		state[id] = onPath
		path = append(path, id)
		for _, v := range sources[id].Source.Via {
			if v == id || sources[v] == nil {
				continue // reported on its own
			}
			switch state[v] {
			case onPath:
				cycle := append(slices.Clone(path[slices.Index(path, v):]), v)
				c.cycle(cycle, reported)
			case unvisited:
				visit(v)
			}
		}
		path = path[:len(path)-1]
		state[id] = done
	}
	for _, id := range ids {
		if state[id] == unvisited {
			visit(id)
		}
	}
}

// cycle reports a via cycle, written from its first source by id, unless
// it was reported already.
func (c *checker) cycle(cycle []string, reported map[string]bool) {
	ring := cycle[:len(cycle)-1]
	first := 0
	for i, id := range ring {
		if id < ring[first] {
			first = i
		}
	}
	ordered := append(append(slices.Clone(ring[first:]), ring[:first]...), ring[first])
	key := strings.Join(ordered, " ")
	if reported[key] {
		return
	}
	reported[key] = true
	s := c.byKind[note.KindSource][ordered[0]]
	at := note.Pos{Line: 1, Col: 1}
	if i := slices.Index(s.Source.Via, ordered[1]); i >= 0 {
		at = s.ValuePos("via", i)
	}
	c.add(s, at, note.SeverityError,
		"via cycle: %s; a source cannot report from a source that reports from it: remove the via entry that points back",
		strings.Join(ordered, " → "))
}

// textsWithoutSource warns about stored texts named after no source: their
// quotations would never be checked.
func (c *checker) textsWithoutSource() {
	ids := make([]string, 0, len(c.all))
	for id := range c.all {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if c.byKind[note.KindSource][id] == nil {
			t := c.all[id]
			c.diags = append(c.diags, note.Diagnostic{Path: t.Path, Line: 1, Col: 1, Severity: note.SeverityWarning,
				Message: fmt.Sprintf("no source has the id %q, so this stored text checks nothing: name it after its source (sources/<id>.txt for the source <id>)", id)})
		}
	}
}
