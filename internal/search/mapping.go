package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// textAnalyzer folds accents ("Støre" finds "Store"), drops English stop
// words and stems ("spend" finds "spending").
const textAnalyzer = "annals_en"

// textFields are searched by a query term that names no field, with the
// weight each carries: a word in a title or a name counts more than one in
// the body.
var textFields = []struct {
	name  string
	boost float64
}{
	{"title", 4},
	{"names", 3},
	{"summary", 2},
	{"place", 1.5},
	{"body", 1},
}

// highlightFields are the fields whose matches are shown as fragments; a
// hit's title is shown anyway.
var highlightFields = []string{"summary", "body"}

func newMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	err := m.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	})
	if err != nil {
		return nil, err
	}
	m.DefaultAnalyzer = textAnalyzer
	m.DefaultField = "body"

	// A static mapping indexes only the fields named here; nothing goes
	// into the catch-all _all field, which would double the index.
	doc := bleve.NewDocumentStaticMapping()
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAnalyzer
		f.Store = store
		f.IncludeTermVectors = vectors // for highlighting and phrases
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	dateField := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		return f
	}
	doc.AddFieldMappingsAt("title", text(true, true))
	doc.AddFieldMappingsAt("summary", text(true, true))
	doc.AddFieldMappingsAt("body", text(true, true))
	doc.AddFieldMappingsAt("names", text(false, false))
	doc.AddFieldMappingsAt("place", text(false, false))
	for _, k := range []string{"kind", "tag", "actor", "status", "source", "id"} {
		doc.AddFieldMappingsAt(k, keywordField())
	}
	doc.AddFieldMappingsAt("start", dateField())
	doc.AddFieldMappingsAt("end", dateField())
	doc.AddFieldMappingsAt("edtf", stored())
	doc.AddFieldMappingsAt("display", stored())
	m.DefaultMapping = doc
	return m, nil
}
