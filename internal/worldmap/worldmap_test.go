package worldmap_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"annals.dev/annals/internal/worldmap"
)

func TestProject(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		x, y     float64
	}{
		{"null island", 0, 0, 180, 90},
		{"Brussels", 50.8467, 4.3525, 184.3525, 39.1533},
		{"Washington", 38.8951, -77.0364, 102.9636, 51.1049},
		{"north-west corner", 90, -180, 0, 0},
		{"south-east corner", -90, 180, 360, 180},
	}
	for _, tt := range tests {
		x, y := worldmap.Project(tt.lat, tt.lon)
		if abs(x-tt.x) > 1e-9 || abs(y-tt.y) > 1e-9 {
			t.Errorf("%s: Project(%v, %v) = %v, %v; want %v, %v", tt.name, tt.lat, tt.lon, x, y, tt.x, tt.y)
		}
	}
}

// TestLand reads the embedded outlines as an SVG path: closed rings of
// relative moves that stay on the map, and small enough to send with a
// page.
func TestLand(t *testing.T) {
	d := worldmap.Land()
	if len(d) > 64<<10 {
		t.Errorf("land outlines are %d bytes; keep them under 64 KiB", len(d))
	}
	if !regexp.MustCompile(`^(M[-.0-9]+ [-.0-9]+l[-. 0-9]*z)+$`).MatchString(d) {
		t.Fatalf("land outlines are not closed rings of M…l…z: %.200q", d)
	}
	const eps = 1e-6 // the sums of tenths are not exact in binary
	number := regexp.MustCompile(`-?(\d+\.?\d*|\.\d+)`)
	rings := strings.Split(strings.TrimSuffix(d, "z"), "z")
	if len(rings) < 100 {
		t.Errorf("%d rings; Natural Earth's 1:110m land has over a hundred", len(rings))
	}
	for _, r := range rings {
		var x, y, minX, maxX float64
		nums := number.FindAllString(r, -1)
		if len(nums)%2 != 0 {
			t.Fatalf("odd number of coordinates in %.80q", r)
		}
		for i := 0; i < len(nums); i += 2 {
			dx, _ := strconv.ParseFloat(nums[i], 64)
			dy, _ := strconv.ParseFloat(nums[i+1], 64)
			x, y = x+dx, y+dy
			if i == 0 {
				minX, maxX = x, x
			}
			minX, maxX = min(minX, x), max(maxX, x)
			// A ring may reach past one edge (it is drawn again at the
			// other), but never by more than a whole map, nor off the poles.
			if x < -360-eps || x > 720+eps || y < -eps || y > worldmap.Height+eps {
				t.Fatalf("point %v, %v is off the map in %.80q", x, y, r)
			}
		}
		if maxX < 0 || minX > worldmap.Width {
			t.Errorf("a ring lies wholly off the map: x from %v to %v", minX, maxX)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
