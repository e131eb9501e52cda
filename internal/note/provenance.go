package note

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
)

// The provenance keys of an event: which source first reported it, where
// sources disagree, and the collection's verdict on a claim.
var provenanceKeys = []string{"first_reported", "discrepancies", "verdict"}

// readProvenance reads the provenance keys into e, whose status is known.
func readProvenance(r *reader, e *Event) {
	e.FirstReported = readFirstReported(r)
	e.Discrepancies = readDiscrepancies(r)
	e.Verdict = readVerdict(r, e.Status)
}

// nodeError reports a problem at the value v was written.
func (r *reader) nodeError(v *yaml.Node, sev Severity, format string, args ...any) {
	r.diags = append(r.diags, Diagnostic{Path: r.path, Line: v.Line + 1, Col: v.Column, Severity: sev,
		Message: fmt.Sprintf(format, args...)})
}

// fields reads a YAML map into its values by key, reporting keys it does
// not know (a warning, as for the front matter's own keys) and keys given
// twice (an error). ok is false when v is not a map.
func (r *reader) fields(v *yaml.Node, what string, known []string) (map[string]*yaml.Node, bool) {
	if v.Kind != yaml.MappingNode {
		r.nodeError(v, SeverityError, "%s must be a set of \"key: value\" lines (%s)", what, strings.Join(known, ", "))
		return nil, false
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			r.nodeError(k, SeverityWarning, "unknown key %q in %s: it takes %s; check the spelling", k.Value, what, strings.Join(known, ", "))
		case out[k.Value] != nil:
			r.nodeError(k, SeverityError, "key %q appears twice in %s; keep one", k.Value, what)
		default:
			out[k.Value] = val
		}
	}
	return out, true
}

// text returns a scalar field's text, "" when absent; a list or map there
// is an error.
func (r *reader) text(v *yaml.Node, what string) string {
	if v == nil || v.Tag == "!!null" {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		r.nodeError(v, SeverityError, "%s must be a single value, not a list or map", what)
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// readFirstReported reads first_reported: a citation key ("memoir" or
// "@memoir"), a Pandoc citation ("[@memoir, para. 4]", quoted, as YAML
// takes "[@" for the start of a list), or a list [memoir, para. 4].
func readFirstReported(r *reader) annals.SourceRef {
	const key = "first_reported"
	r.used[key] = true
	v := r.fm.values[key]
	if v == nil || v.Tag == "!!null" {
		return annals.SourceRef{}
	}
	bad := func() annals.SourceRef {
		r.nodeError(v, SeverityError, `first_reported must name one source: a citation key such as "first_reported: memoir", or with a locator "first_reported: [memoir, para. 4]"`)
		return annals.SourceRef{}
	}
	var ref annals.SourceRef
	switch v.Kind {
	case yaml.ScalarNode:
		s := strings.TrimSpace(v.Value)
		if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
			items, ok := parseCluster(s[1 : len(s)-1])
			if !ok || len(items) != 1 {
				return bad()
			}
			ref = annals.SourceRef{Key: items[0].Key, Locator: items[0].Locator.String()}
			break
		}
		ref.Key = strings.TrimPrefix(s, "@")
	case yaml.SequenceNode:
		if len(v.Content) == 0 || len(v.Content) > 2 {
			return bad()
		}
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return bad()
			}
		}
		ref.Key = strings.TrimPrefix(strings.TrimSpace(v.Content[0].Value), "@")
		if len(v.Content) == 2 {
			loc, rest := parseLocator(", " + v.Content[1].Value)
			if loc.Value == "" || rest != "" {
				r.nodeError(v.Content[1], SeverityError, "first_reported: %q is not a locator: write it as in a citation, such as \"para. 4\" or \"p. 212\"", v.Content[1].Value)
				return annals.SourceRef{}
			}
			ref.Locator = loc.String()
		}
	default:
		return bad()
	}
	if k, n := readKey(ref.Key); k == "" || n != len(ref.Key) {
		return bad()
	}
	r.at(key, 0, v)
	return ref
}

// bareCitation matches a first_reported line written in Pandoc's syntax,
// first_reported: [@memoir, para. 4], which YAML cannot read: "@" may not
// start a value.
var bareCitation = regexp.MustCompile(`(?m)^(first_reported:[ \t]*)(\[@[^\]\n'"]*\])[ \t]*\r?$`)

// quoteCitations quotes a first_reported value written as a bare Pandoc
// citation, so that it reads as the string it looks like. Lines keep
// their numbers.
func quoteCitations(yml []byte) []byte {
	if !bytes.Contains(yml, []byte("first_reported:")) {
		return yml
	}
	return bareCitation.ReplaceAll(yml, []byte("$1'$2'"))
}

var (
	discrepancyKeys = []string{"about", "values"}
	valueKeys       = []string{"value", "sources", "rank", "note"}
	verdictKeys     = []string{"rating", "reviewed", "summary"}
)

// DiscrepancyPos returns where value j of discrepancy i was written, and
// where its k-th source was.
func (n *Note) DiscrepancyPos(i, j, k int) (value, source Pos) {
	return n.ValuePos(fmt.Sprintf("discrepancies[%d].values", i), j), n.ValuePos(fmt.Sprintf("discrepancies[%d].values[%d].sources", i, j), k)
}

// readDiscrepancies reads the discrepancies list: each item names what it
// is about and lists the values sources give, each with its sources, rank
// and note.
func readDiscrepancies(r *reader) []annals.Discrepancy {
	const key = "discrepancies"
	r.used[key] = true
	v := r.fm.values[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		r.nodeError(v, SeverityError, "discrepancies must be a list whose items have about: (what the sources disagree on) and values: (each with value:, sources:, rank: and note:); see annals check --help")
		return nil
	}
	var out []annals.Discrepancy
	for i, item := range v.Content {
		what := fmt.Sprintf("discrepancy %d", i+1)
		f, ok := r.fields(item, what, discrepancyKeys)
		if !ok {
			continue
		}
		r.at(key, i, item)
		d := annals.Discrepancy{About: r.text(f["about"], what+": about")}
		if d.About == "" {
			r.nodeError(item, SeverityError, "%s has no about: say what the sources disagree on, such as \"about: when Stoltenberg left office\"", what)
		}
		what = fmt.Sprintf("discrepancy %q", d.About)
		vals := f["values"]
		if vals == nil || vals.Kind != yaml.SequenceNode || len(vals.Content) == 0 {
			at := item
			if vals != nil {
				at = vals
			}
			r.nodeError(at, SeverityError, "%s needs values: a list of the values sources give, each with value: and sources:", what)
			continue
		}
		dropped := false
		for j, vn := range vals.Content {
			val, ok := r.discrepancyValue(vn, what, fmt.Sprintf("%s[%d].values", key, i), j)
			if ok {
				d.Values = append(d.Values, val)
			}
			dropped = dropped || !ok
		}
		// The ranks of a list with a broken value are judged once it is fixed.
		switch p := d.Preferred(); {
		case dropped:
		case p == 0:
			r.nodeError(item, SeverityWarning, "%s has no preferred value: mark the value the sources best support with rank: preferred", what)
		case p > 1:
			r.nodeError(item, SeverityWarning, "%s has %d preferred values: keep rank: preferred on one and make the others normal or deprecated", what, p)
		}
		out = append(out, d)
	}
	return out
}

// discrepancyValue reads value j of a discrepancy, recording where it and
// its sources were written under key.
func (r *reader) discrepancyValue(vn *yaml.Node, what, key string, j int) (annals.Value, bool) {
	f, ok := r.fields(vn, fmt.Sprintf("a value of %s", what), valueKeys)
	if !ok {
		return annals.Value{}, false
	}
	r.at(key, j, vn)
	val := annals.Value{Value: r.text(f["value"], what+": value"), Rank: annals.RankNormal, Note: r.text(f["note"], what+": note")}
	if val.Value == "" {
		r.nodeError(vn, SeverityError, "a value of %s has no value: add value: with what the sources say", what)
		return annals.Value{}, false
	}
	if s := r.text(f["rank"], what+": rank"); s != "" {
		val.Rank = annals.Rank(strings.ToLower(s))
		if !slices.Contains(annals.Ranks, val.Rank) {
			r.nodeError(f["rank"], SeverityError, "unknown rank %q for %q: use preferred, normal or deprecated", s, val.Value)
			return annals.Value{}, false
		}
	}
	srcs := f["sources"]
	switch {
	case srcs == nil || srcs.Tag == "!!null":
	case srcs.Kind == yaml.ScalarNode:
		if s := strings.TrimSpace(srcs.Value); s != "" {
			r.at(key+fmt.Sprintf("[%d].sources", j), 0, srcs)
			val.Sources = []string{strings.TrimPrefix(s, "@")}
		}
	case srcs.Kind == yaml.SequenceNode:
		for _, s := range srcs.Content {
			if s.Kind != yaml.ScalarNode || strings.TrimSpace(s.Value) == "" {
				r.nodeError(s, SeverityError, "each source of %q must be a citation key", val.Value)
				continue
			}
			r.at(key+fmt.Sprintf("[%d].sources", j), len(val.Sources), s)
			val.Sources = append(val.Sources, strings.TrimPrefix(strings.TrimSpace(s.Value), "@"))
		}
	default:
		r.nodeError(srcs, SeverityError, "the sources of %q must be a list of citation keys, such as sources: [memoir]", val.Value)
	}
	if len(val.Sources) == 0 {
		r.nodeError(vn, SeverityError, "the value %q of %s has no source: add sources: [key] naming the sources that give it", val.Value, what)
		return annals.Value{}, false
	}
	return val, true
}

// readVerdict reads the verdict on a claimed or disputed event.
func readVerdict(r *reader, status Status) *annals.Verdict {
	const key = "verdict"
	r.used[key] = true
	v := r.fm.values[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	f, ok := r.fields(v, "verdict", verdictKeys)
	if !ok {
		return nil
	}
	r.at(key, 0, v)
	if status != StatusClaimed && status != StatusDisputed {
		r.diags = append(r.diags, Diagnostic{Path: r.path, Line: r.fm.lines[key], Col: 1, Severity: SeverityError,
			Message: fmt.Sprintf("a verdict reviews a claim, and this event's status is %s: set status: claimed or disputed, or remove the verdict", status)})
		return nil
	}
	verdict := &annals.Verdict{Summary: r.text(f["summary"], "verdict: summary")}
	ok = true
	s := r.text(f["rating"], "verdict: rating")
	verdict.Rating = annals.Rating(strings.ToLower(s))
	if !slices.Contains(annals.Ratings, verdict.Rating) {
		at := f["rating"]
		if at == nil {
			at = v
		}
		r.nodeError(at, SeverityError, "verdict rating %q is not one of true, mostly-true, mixed, mostly-false, false, unproven", s)
		ok = false
	}
	raw := r.text(f["reviewed"], "verdict: reviewed")
	d, err := edtf.Parse(raw)
	if at := f["reviewed"]; err != nil || d.Interval || d.Precision() != edtf.PrecisionDay || d.Uncertain() || d.Approximate() {
		if at == nil {
			at = v
		}
		r.nodeError(at, SeverityError, "verdict reviewed must be the day the claim was reviewed, such as reviewed: 2025-10-02, not %q", raw)
		ok = false
	}
	if !ok {
		return nil
	}
	verdict.Reviewed = d
	if verdict.Summary == "" {
		r.nodeError(v, SeverityWarning, "the verdict has no summary: add summary: with one sentence that explains the rating")
	}
	return verdict
}
