package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// csvHeader names the columns of the spreadsheet export, one row per
// public event in date order.
var csvHeader = []string{
	"id", "title", "date", "start", "end", "display", "place", "latitude", "longitude", "actors", "tags",
	"status", "claimed_by", "sources", "summary", "url",
}

// listSep joins the values of a list column. A semicolon and a space read
// well in a cell and do not clash with the commas inside titles.
const listSep = "; "

// writeCSV writes the events as RFC 4180 CSV: UTF-8, a header row, CRLF
// line ends. date is the EDTF date as written; start and end are the
// earliest and latest day it may mean (empty on an open or unknown side);
// a place note is shown by its title, with its coordinates in decimal
// degrees; actors are shown by name; sources are citation keys. Line
// breaks within a value become spaces.
func writeCSV(w io.Writer, c *Collection) (note.Diagnostics, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return nil, err
	}
	for _, n := range c.Events {
		e := n.Event
		start, end := dayRange(e.Date)
		var actors []string
		for _, a := range e.Actors {
			if name := c.actorName(a); name != "" {
				actors = append(actors, name)
			}
		}
		var keys []string
		for _, ct := range c.citations(n) {
			keys = append(keys, ct.Source.ID)
		}
		place, lat, lon := e.Place, "", ""
		if p := c.place(e); p != nil {
			place = p.Title
			if p.Place.Located {
				lat = strconv.FormatFloat(p.Place.Lat, 'f', -1, 64)
				lon = strconv.FormatFloat(p.Place.Lon, 'f', -1, 64)
			}
		}
		claimedBy := c.actorName(e.ClaimedBy)
		row := []string{
			n.ID, n.Title, e.Date.String(), start, end, e.Date.Display(), place, lat, lon,
			strings.Join(actors, listSep), strings.Join(e.Tags, listSep),
			string(status(e)), claimedBy, strings.Join(keys, listSep), e.Summary,
			c.permalink(note.KindEvent, n.ID),
		}
		for i := range row {
			row[i] = inertCell(oneLine(row[i]))
		}
		if err := cw.Write(row); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return nil, cw.Error()
}

// dayRange returns the earliest and latest day date may mean as ISO
// dates, each empty where that side is open or unknown.
func dayRange(d edtf.Date) (start, end string) {
	if !open(d.Start) {
		start = d.Start.Earliest().String()
	}
	if !open(d.End) {
		end = d.End.Latest().String()
	}
	return start, end
}

// oneLine folds each line break in s, with the spaces around it, into a
// single space. A row is one event and a cell one value; readers also
// disagree on a line break inside a quoted cell (RFC 4180 writes it as
// CRLF, which Go's reader turns into LF and Python's keeps).
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' })
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, " ")
}

// inertCell keeps a spreadsheet from reading a cell as a formula, as
// OWASP's advice on CSV injection says: a cell that begins with =, +, -,
// @, a tab or a carriage return is prefixed with an apostrophe, which
// spreadsheets show as text and do not evaluate.
func inertCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
