package web

import (
	"net/http"
	"regexp"
	"strconv"
	"time"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// apiEvent is an event in the JSON API. Dates are EDTF; display is the
// date as people read it.
type apiEvent struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Display   string   `json:"display"`
	Place     string   `json:"place,omitempty"`    // as readers see it: a place note's title, or the text the note gives
	PlaceID   string   `json:"place_id,omitempty"` // the place note, when the event names one
	Actors    []string `json:"actors"`
	Tags      []string `json:"tags"`
	Status    string   `json:"status"`
	ClaimedBy string   `json:"claimed_by,omitempty"`
	// DisputedBy lists who disputes the event: actor ids or plain names.
	DisputedBy []string      `json:"disputed_by"`
	Sources    []string      `json:"sources"`
	Related    []string      `json:"related"`
	Summary    string        `json:"summary,omitempty"`
	Updated    string        `json:"updated"` // RFC 3339: the note's last commit, else its file's time
	Citations  []apiCitation `json:"citations,omitempty"`
	// Statements and Body are only given for a single event.
	Statements []apiStatement `json:"statements,omitempty"`
	Body       string         `json:"body,omitempty"` // markdown
}

type apiCitation struct {
	Number   int    `json:"number"`
	Key      string `json:"key"`
	Locator  string `json:"locator,omitempty"`
	Sentence string `json:"sentence,omitempty"`
	Anchor   string `json:"anchor,omitempty"` // the statement's id on the event's page
	// Quotes says, on a single event, whether each quotation the citation
	// vouches for is in its source's stored text; absent when the source
	// has none.
	Quotes []apiQuote `json:"quotes,omitempty"`
}

// apiQuote is a quotation checked against a source's stored text: where
// it was found and the source's own words, or found false.
type apiQuote struct {
	Found   bool   `json:"found"`
	Para    int    `json:"para,omitempty"`
	Passage string `json:"passage,omitempty"`
}

// apiStatement is a cited sentence of an event's body: its anchor on the
// page (/events/{id}#{anchor}), made from its text so that links to it
// survive edits elsewhere in the note, and the footnotes backing it.
type apiStatement struct {
	Anchor    string `json:"anchor"`
	Text      string `json:"text"`
	Footnotes []int  `json:"footnotes"`
}

// statementsOf lists the cited statements of n in order, less those cited
// only to draft sources, as the citations are.
func statementsOf(n *note.Note, drafts map[string]bool) []apiStatement {
	var out []apiStatement
	at := map[string]int{}
	for _, c := range n.Citations {
		if drafts[c.Key] {
			continue
		}
		i, ok := at[c.Anchor]
		if !ok {
			i = len(out)
			at[c.Anchor] = i
			out = append(out, apiStatement{Anchor: c.Anchor, Text: c.Sentence})
		}
		if fs := out[i].Footnotes; len(fs) == 0 || fs[len(fs)-1] != c.Number {
			out[i].Footnotes = append(fs, c.Number)
		}
	}
	return out
}

// newAPIEvent describes n. public holds the ids of public events, actors
// the titles of public actors and drafts the ids of draft sources: related
// drafts, actors written as ids that name no public actor, and draft
// sources with the citations of them are left out, so that no draft id
// reaches a reader.
func newAPIEvent(n *note.Note, public map[string]bool, names *names, drafts map[string]bool) apiEvent {
	e := n.Event
	related := []string{}
	for _, id := range e.Related {
		if public[id] {
			related = append(related, id)
		}
	}
	shown, disputedBy := []string{}, []string{}
	for _, a := range e.Actors {
		if actorName(a, names) != "" {
			shown = append(shown, a)
		}
	}
	for _, a := range e.DisputedBy {
		if actorName(a, names) != "" {
			disputedBy = append(disputedBy, a)
		}
	}
	out := apiEvent{
		ID: n.ID, Title: n.Title, Date: e.Date.String(), Display: e.Date.Display(),
		Actors: shown, Tags: nonNil(e.Tags), Status: string(status(e)),
		DisputedBy: disputedBy, Sources: []string{}, Related: related, Summary: e.Summary,
		Updated: n.Updated.Format(time.RFC3339),
	}
	for _, k := range e.Sources {
		if !drafts[k] {
			out.Sources = append(out.Sources, k)
		}
	}
	out.Place, _ = names.place(e.Place)
	if p := names.placeNote(e.Place); p != nil {
		out.PlaceID = p.ID
	}
	if actorName(e.ClaimedBy, names) != "" {
		out.ClaimedBy = e.ClaimedBy
	}
	for _, c := range n.Citations {
		if !drafts[c.Key] {
			out.Citations = append(out.Citations, apiCitation{Number: c.Number, Key: c.Key, Locator: c.Locator.String(), Sentence: c.Sentence, Anchor: c.Anchor})
		}
	}
	return out
}

// nonNil makes empty lists encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func handleAPIEvents(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ns, names, err := db.events(r.Context())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		public := make(map[string]bool, len(ns))
		for _, n := range ns {
			public[n.ID] = true
		}
		srcs, err := db.Notes(r.Context(), store.Filter{Kind: note.KindSource, IncludeDrafts: true, Brief: true})
		if err != nil {
			v.Error(w, r, err)
			return
		}
		drafts := map[string]bool{}
		for _, s := range srcs {
			drafts[s.ID] = s.Draft
		}
		out := make([]apiEvent, len(ns))
		for i, n := range ns {
			out[i] = newAPIEvent(n, public, names, drafts)
		}
		v.writeJSON(w, r, http.StatusOK, map[string]any{"total": len(out), "events": out})
	}
}

func handleAPIEvent(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := db.Note(r.Context(), note.KindEvent, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		names, err := db.refNames(r.Context())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		public := map[string]bool{}
		if len(n.Event.Related) > 0 {
			rel, err := db.Notes(r.Context(), store.Filter{Kind: note.KindEvent, IDs: n.Event.Related})
			if err != nil {
				v.Error(w, r, err)
				return
			}
			for _, e := range rel {
				public[e.ID] = true
			}
		}
		set, err := loadSources(r.Context(), db.DB, eventKeys(n))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		e := newAPIEvent(n, public, names, set.drafts)
		e.Body, e.Statements = withoutDraftKeys(n.Body, set.drafts), statementsOf(n, set.drafts)
		quotes, err := loadQuoteChecker(r.Context(), db.DB, n, set)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		// e.Citations are n.Citations less those of draft sources.
		i := 0
		for _, c := range n.Citations {
			if set.drafts[c.Key] {
				continue
			}
			if _, ok := set.public[c.Key]; ok {
				for _, q := range quotes.check(c) {
					e.Citations[i].Quotes = append(e.Citations[i].Quotes, apiQuote(q))
				}
			}
			i++
		}
		detail, err := withProvenance(r.Context(), db.DB, n, e)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		v.writeJSON(w, r, http.StatusOK, detail)
	}
}

// apiSource is a source in CSL-JSON's names, plus annals' own fields.
type apiSource struct {
	ID             string      `json:"id"`
	Type           string      `json:"type,omitempty"`
	Title          string      `json:"title"`
	Author         []note.Name `json:"author,omitempty"`
	ContainerTitle string      `json:"container-title,omitempty"`
	Publisher      string      `json:"publisher,omitempty"`
	Issued         string      `json:"issued,omitempty"`
	Accessed       string      `json:"accessed,omitempty"`
	URL            string      `json:"URL,omitempty"`
	Language       string      `json:"language,omitempty"`
	Archived       string      `json:"archived,omitempty"`
	Origin         string      `json:"origin,omitempty"`
	Via            []string    `json:"via,omitempty"`
}

func edtfString(d interface {
	IsZero() bool
	String() string
}) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func handleAPISources(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ns, err := db.Notes(r.Context(), store.Filter{Kind: note.KindSource})
		if err != nil {
			v.Error(w, r, err)
			return
		}
		out := make([]apiSource, len(ns))
		for i, n := range ns {
			s := n.Source
			out[i] = apiSource{
				ID: n.ID, Type: s.Type, Title: n.Title, Author: s.Authors, ContainerTitle: s.ContainerTitle,
				Publisher: s.Publisher, Issued: edtfString(s.Issued), Accessed: edtfString(s.Accessed),
				URL: s.URL, Language: s.Language, Archived: s.Archived, Origin: s.Origin, Via: s.Via,
			}
		}
		v.writeJSON(w, r, http.StatusOK, map[string]any{"total": len(out), "sources": out})
	}
}

// handleAPISearch answers in the shape of "annals search --json": total,
// hits and facets.
func handleAPISearch(lib *index.Library, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req, _, err := searchRequest(r.URL.Query())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		if s := r.URL.Query().Get("limit"); s != "" {
			// A bad limit falls back to one page; search caps large ones.
			if n, err := strconv.Atoi(s); err == nil && n > 0 {
				req.Limit = n
			}
		}
		req.Facets = true
		res, err := run(r, lib, req)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		v.writeJSON(w, r, http.StatusOK, res)
	}
}

// withoutDraftKeys replaces each citation of a draft source in a markdown
// body, @key, with @unpublished-source, so that the body can be served
// without the draft's id.
func withoutDraftKeys(body string, drafts map[string]bool) string {
	for key, draft := range drafts {
		if !draft {
			continue
		}
		re := regexp.MustCompile(`@` + regexp.QuoteMeta(key) + `([\s,;\]]|$)`)
		body = re.ReplaceAllString(body, "@unpublished-source$1")
	}
	return body
}
