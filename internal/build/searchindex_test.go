package build

import (
	"slices"
	"testing"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// TestSearchOrder checks the order the search page gives hits of equal
// score: events by date (the shorter of two starting together first), then
// notes without a date, each by id and then kind, whatever order the
// store gave them in.
func TestSearchOrder(t *testing.T) {
	event := func(id, date string) *note.Note {
		d, err := edtf.Parse(date)
		if err != nil {
			t.Fatal(err)
		}
		return &note.Note{ID: id, Kind: note.KindEvent, Event: &note.Event{Date: d}}
	}
	other := func(id string, kind note.Kind) *note.Note { return &note.Note{ID: id, Kind: kind} }
	notes := []*note.Note{
		other("b", note.KindSource), other("a", note.KindSource), other("b", note.KindActor),
		event("z", "2018-07"), event("y", "2018-07-01"), event("x", "2018-07-01"), event("w", "2025"), event("v", "2018"),
	}
	var got []string
	for _, n := range searchOrder(notes) {
		got = append(got, string(n.Kind)+"/"+n.ID)
	}
	want := []string{"event/v", "event/x", "event/y", "event/z", "event/w", "source/a", "actor/b", "source/b"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
