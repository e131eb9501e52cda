package main

import (
	"strings"
	"testing"
)

func TestNum(t *testing.T) {
	for tenths, want := range map[int]string{0: "0", 5: ".5", -3: "-.3", 12: "1.2", 105: "10.5", -105: "-10.5", 1800: "180", -7: "-.7"} {
		if got := num(tenths); got != want {
			t.Errorf("num(%d) = %q, want %q", tenths, got, want)
		}
	}
}

func TestPlace(t *testing.T) {
	// A ring crossing the antimeridian, as Chukotka's does: unwrapped so
	// that no edge jumps across the map, and drawn at both edges.
	cross := []point{{170, 65}, {180, 66}, {-170, 65}, {-175, 60}, {170, 65}}
	got := place(cross)
	if len(got) != 2 {
		t.Fatalf("a ring across 180° is drawn %d times, want 2", len(got))
	}
	for _, r := range got {
		for i := 1; i < len(r); i++ {
			if d := r[i].lon - r[i-1].lon; d > 180 || d < -180 {
				t.Errorf("an edge jumps %v degrees: %v", d, r)
			}
		}
	}
	// A ring around the south pole, as Antarctica's: closed through the
	// pole rather than by an edge across the whole map.
	pole := []point{{-180, -80}, {-90, -75}, {0, -70}, {90, -75}, {180, -80}}
	got = place(pole)
	last := got[len(got)-1]
	if n := len(last); last[n-1].lat != -90 || last[n-2].lat != -90 {
		t.Errorf("a polar ring is not closed through the pole: %v", last)
	}
	// A ring well inside the map is drawn once, unchanged.
	inside := []point{{4, 50}, {5, 51}, {4, 51}, {4, 50}}
	if got := place(inside); len(got) != 1 || got[0][1] != (point{5, 51}) {
		t.Errorf("place(inside) = %v", got)
	}
}

func TestWriteRing(t *testing.T) {
	var b strings.Builder
	writeRing(&b, []point{{0, 0}, {0.01, 0.01}, {1, 1}, {2, -0.5}, {0, 0}})
	// (0.01, 0.01) rounds onto the first point and is left out.
	if got, want := b.String(), "M180 90l1-1 1 1.5-2-.5z"; got != want {
		t.Errorf("writeRing = %q, want %q", got, want)
	}
}
