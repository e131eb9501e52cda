package annals_test

import (
	"testing"

	"annals.dev/annals/internal/annals"
)

func place(id, title string, aliases ...string) annals.PlaceNames {
	return annals.PlaceNames{ID: id, Title: title, Aliases: aliases}
}

func TestGazetteerResolve(t *testing.T) {
	g := annals.NewGazetteer([]annals.PlaceNames{
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
		got, byID := g.Resolve(tt.name)
		if got != tt.want || byID != tt.byID {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tt.name, got, byID, tt.want, tt.byID)
		}
	}
	var none *annals.Gazetteer
	if id, _ := none.Resolve("brussels"); id != "" {
		t.Errorf("a nil gazetteer resolved %q", id)
	}
}
