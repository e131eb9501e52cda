// Package annals holds the rules that say what a collection of notes
// means, so that pages, exports and checks give one answer: which source
// first reported an event and how long after, how the values sources give
// for one fact are ranked, and what a verdict on a claim says. It depends on
// nothing but the date package.
package annals
