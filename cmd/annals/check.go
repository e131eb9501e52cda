package main

import (
	"context"
	"encoding/json"
	"fmt"

	"annals.dev/annals/internal/check"
	"annals.dev/annals/internal/note"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[--json] [--content DIR]", `
Check every note in the content folder, drafts included, and print each
problem as path:line:col: severity: message, sorted by path. Nothing is
written; the data folder is not used.

Errors: invalid YAML, a missing title or date, an invalid EDTF date, an
unknown citation key, a [[link]] to no event, related, via, claimed_by or
disputed_by naming no note, a duplicate id, place coordinates out of range,
an event place that looks like an id but names no place note; first_reported
naming no source; a discrepancies block that is not a list of about: and
values:, a value with no value or no source, a value's source that does not
exist, a rank other than preferred, normal or deprecated; a verdict on an
event that is not claimed or disputed, a rating other than true,
mostly-true, mixed, mostly-false, false or unproven, a reviewed that is not
a single day (2025-10-02); and:
  via cycle: a → b → a
      sources that report from each other; remove the via that points back

Warnings: an event citing no source; a source no event cites, directly or
through via; a claimed event without claimed_by; an event whose cited
sources were all issued, or may have been, before it began, so that none
can have reported it (unless planned, or first_reported names the first
report); a secondary source without via; an unknown key, in the front
matter or in a discrepancy or verdict; an event place given by a place's
title or alias rather than its id; a discrepancy with no preferred value,
or with more than one; a verdict without a summary; and:
  the sentence "…" cites no source, while others in this event do
      in an event with citations, each sentence needs one; headings,
      sentences ending in ":" (a list's intro) and sentences ending in a
      [[link]] to another event are exempt
  a confirmed event is no longer only X's claim
      status: confirmed with claimed_by
  a disputed event should say who disputes it
      status: disputed with neither disputed_by nor discrepancies
  a confirmed event that rests on one account: every source cited leads
  to X (Y through via)
      all its sources lead, through via, to one source, at least one of
      them through via
  a source with a URL should say when it was read or where a copy is kept
      URL without accessed or archived
  @word names no source, so it is shown as text
      an in-text citation (@key says) whose key no source has, such as a
      handle (@NATO); write \\@NATO for the text alone

In a .bib or CSL-JSON bibliography, an entry is kept and its bad field is
a warning: an unreadable date (read as its year), a missing title (shown
as its container title or key), a repeated field, an undefined @string, a
crossref naming no entry, a link that is not a web address; a missing or
repeated key and an invalid draft are errors.

A note with an error is left out of the index (its last good version stays)
and the rest of the collection is served.

Stored texts. A source's captured text may sit beside it as
sources/<id>.txt (UTF-8, paragraphs separated by blank lines, numbered
from 1: para. 4 is the fourth). Where one exists, each quotation of three
words or more in double quotation marks, in a sentence citing that source,
must be in the text, ignoring case, whitespace, quotation marks and the
kind of dash ("…" and "[…]" stand for words left out; a translation in
parentheses right after a quotation is not checked):
  error: the quotation "…" is not in the stored text of @key (path); the
         nearest passage, in para. N, reads "…"
  error: the quotation "…" is in para. N of the stored text of @key, not
         in para. M: fix the locator
  error: para. N is past the end of the stored text of @key, which has M
         paragraphs
  warning: @key has a stored text (path) and this citation says nowhere
           in it (a citation with no locator)
  warning: a text that cannot be read (too large, binary, not UTF-8,
           empty): until it is fixed, the quotations citing @key are not
           checked
  warning: no source has the id "x", so this stored text checks nothing

The exit status is 1 if there are errors, 0 otherwise (warnings included).`)
	content := fs.String("content", envOr(e, "ANNALS_CONTENT", "content"), "the folder of notes (env ANNALS_CONTENT)")
	asJSON := fs.Bool("json", false, "print JSON: {notes, errors, warnings, diagnostics: [{path, line, col, severity, message}]}")
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals check: unexpected argument %q\n", rest[0])
		return errUsage
	}
	res, err := check.Run(ctx, *content)
	if err != nil {
		return err
	}
	errs, warns := res.Count(note.SeverityError), res.Count(note.SeverityWarning)
	if *asJSON {
		out := struct {
			Notes       int              `json:"notes"`
			Errors      int              `json:"errors"`
			Warnings    int              `json:"warnings"`
			Diagnostics note.Diagnostics `json:"diagnostics"`
		}{res.Notes, errs, warns, res.Diagnostics}
		if out.Diagnostics == nil {
			out.Diagnostics = note.Diagnostics{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, d := range res.Diagnostics {
			fmt.Fprintln(e.stdout, d.Error())
		}
		fmt.Fprintf(e.stderr, "checked %d notes: %s, %s\n", res.Notes, plural(errs, "error"), plural(warns, "warning"))
	}
	if errs > 0 {
		return errReported
	}
	return nil
}

// plural writes a count with its noun: "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
