// Package annals holds the rules that say what a collection of notes
// means, so that pages, exports and checks give one answer: which source
// first reported an event and how long after, how the values sources give
// for one fact are ranked, and what a verdict on a claim says. It depends on
// nothing but the date package.
package annals

import "regexp"

// idPattern is the shape of a note id as "annals new" writes it.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// LooksLikeID reports whether a reference such as claimed_by is written as
// a note id ("jens-stoltenberg") rather than a plain name ("Jens
// Stoltenberg"): an id that names no public note is a draft or a mistake,
// and must not be shown as a name.
func LooksLikeID(s string) bool { return idPattern.MatchString(s) }
