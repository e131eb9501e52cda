// Command gen writes the world map's land outlines, land.txt, from Natural
// Earth's 1:110m land polygons as the world-atlas npm package ships them
// (TopoJSON, public domain data, ISC-licensed packaging):
//
//	npm install world-atlas@2.0.2
//	go run ./internal/worldmap/gen node_modules/world-atlas/land-110m.json > internal/worldmap/land.txt
//
// The output is SVG path data in the equirectangular projection of
// worldmap.Project: one unit per degree, x from 0 at 180°W, y from 0 at
// 90°N. Coordinates are rounded to a tenth of a degree, about 11 km, which
// is finer than the source's 1:110m scale shows.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type string          `json:"type"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

type point struct{ lon, lat float64 }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/worldmap/gen land-110m.json > internal/worldmap/land.txt")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(file string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(raw, &t); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	arcs := decodeArcs(t)
	land, ok := t.Objects["land"]
	if !ok {
		return fmt.Errorf("%s has no object \"land\"", file)
	}
	var b strings.Builder
	for _, g := range land.Geometries {
		var polygons [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polygons = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unexpected geometry %s", g.Type)
		}
		for _, p := range polygons {
			for _, ring := range p {
				for _, r := range place(stitch(arcs, ring)) {
					writeRing(&b, r)
				}
			}
		}
	}
	_, err = os.Stdout.WriteString(b.String() + "\n")
	return err
}

// decodeArcs undoes TopoJSON's quantisation and delta encoding.
func decodeArcs(t topology) [][]point {
	out := make([][]point, len(t.Arcs))
	s, tr := t.Transform.Scale, t.Transform.Translate
	for i, arc := range t.Arcs {
		var x, y float64
		for _, d := range arc {
			x += d[0]
			y += d[1]
			out[i] = append(out[i], point{x*s[0] + tr[0], y*s[1] + tr[1]})
		}
	}
	return out
}

// stitch joins a ring's arcs; a negative index ~i is arc i reversed. Each
// arc after the first repeats the previous one's last point.
func stitch(arcs [][]point, ring []int) []point {
	var out []point
	for _, i := range ring {
		var a []point
		if i >= 0 {
			a = arcs[i]
		} else {
			src := arcs[^i]
			a = make([]point, len(src))
			for j := range src {
				a[j] = src[len(src)-1-j]
			}
		}
		if len(out) > 0 {
			a = a[1:]
		}
		out = append(out, a...)
	}
	return out
}

// place makes a ring drawable on a flat map that ends at ±180°: longitudes
// are unwrapped so no edge jumps across the map, a ring around a pole is
// closed through the pole, and a ring reaching past one edge is drawn
// again shifted by 360° so its part beyond shows at the other edge.
func place(r []point) [][]point {
	for i := 1; i < len(r); i++ {
		for r[i].lon-r[i-1].lon > 180 {
			r[i].lon -= 360
		}
		for r[i].lon-r[i-1].lon < -180 {
			r[i].lon += 360
		}
	}
	first, last := r[0], r[len(r)-1]
	if math.Abs(last.lon-first.lon) > 180 {
		pole := -90.0
		if first.lat > 0 {
			pole = 90
		}
		r = append(r, point{last.lon, pole}, point{first.lon, pole})
	}
	lo, hi := r[0].lon, r[0].lon
	for _, p := range r {
		lo, hi = min(lo, p.lon), max(hi, p.lon)
	}
	var out [][]point
	for _, shift := range []float64{-360, 0, 360} {
		if hi+shift <= -180 || lo+shift >= 180 {
			continue
		}
		c := make([]point, len(r))
		for i, p := range r {
			c[i] = point{p.lon + shift, p.lat}
		}
		out = append(out, c)
	}
	return out
}

// writeRing writes one closed ring as relative moves in tenths of a degree
// scaled back to degrees, leaving out points that round onto the last.
func writeRing(b *strings.Builder, r []point) {
	tenth := func(v float64) int { return int(math.Round(v * 10)) }
	x0, y0 := tenth(r[0].lon+180), tenth(90-r[0].lat)
	b.WriteString("M" + num(x0) + " " + num(y0) + "l")
	px, py := x0, y0
	n := 0
	for _, p := range r[1:] {
		x, y := tenth(p.lon+180), tenth(90-p.lat)
		if x == px && y == py {
			continue
		}
		if n > 0 && x-px >= 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(x - px))
		if y-py >= 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(y - py))
		px, py = x, y
		n++
	}
	b.WriteString("z")
}

// num writes tenths as a decimal without a leading zero: 12 → "1.2",
// -3 → "-.3", 0 → "0".
func num(tenths int) string {
	s := strconv.FormatFloat(float64(tenths)/10, 'f', -1, 64)
	switch {
	case strings.HasPrefix(s, "0."):
		return s[1:]
	case strings.HasPrefix(s, "-0."):
		return "-" + s[2:]
	}
	return s
}
