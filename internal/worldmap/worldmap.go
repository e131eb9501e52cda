// Package worldmap draws the world for the site's map: land outlines from
// Natural Earth's public-domain 1:110m data, embedded as SVG path data, and
// the projection that puts a place on them. The map is drawn on the server
// as SVG, with no tiles and no script.
package worldmap

import (
	_ "embed"
	"strings"
)

// land is SVG path data of every land polygon, written by ./gen.
//
//go:embed land.txt
var land string

// Land returns the land outlines as SVG path data in the coordinates of
// Project.
func Land() string { return strings.TrimSpace(land) }

// The equirectangular projection of Project spans Width × Height units.
const (
	Width  = 360
	Height = 180
)

// Project returns where latitude lat and longitude lon (WGS 84 degrees)
// fall on the map: x from 0 at 180°W to 360 at 180°E, y from 0 at 90°N to
// 180 at 90°S, one unit per degree.
func Project(lat, lon float64) (x, y float64) {
	return lon + 180, 90 - lat
}
