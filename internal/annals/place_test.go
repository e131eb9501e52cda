package annals_test

import (
	"testing"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/note"
)

func place(id, title string, aliases ...string) *note.Note {
	return &note.Note{ID: id, Kind: note.KindPlace, Title: title, Place: &note.Place{Aliases: aliases}}
}

func TestGazetteerResolve(t *testing.T) {
	g := annals.NewGazetteer([]*note.Note{
		place("brussels", "Brussels", "Bruxelles", "Brussel"),
		place("newport", "Newport, Wales", "Casnewydd", "Newport"),
		place("newport-ri", "Newport, Rhode Island", "Newport"),
	})
	tests := []struct {
		name string
		want string // id, or "" for plain text
		byID bool
	}{
		{"brussels", "brussels", true},
		{"Brussels", "brussels", false},
		{"bruxelles", "brussels", false},
		{"  BRUSSEL ", "brussels", false},
		{"Newport", "newport", false}, // shared alias: the smaller id
		{"newport-ri", "newport-ri", true},
		{"White House, Washington", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		p, byID := g.Resolve(tt.name)
		got := ""
		if p != nil {
			got = p.ID
		}
		if got != tt.want || byID != tt.byID {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tt.name, got, byID, tt.want, tt.byID)
		}
	}
	var none *annals.Gazetteer
	if p, _ := none.Resolve("brussels"); p != nil {
		t.Errorf("a nil gazetteer resolved %q", p.ID)
	}
}
