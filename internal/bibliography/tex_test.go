package bibliography_test

import (
	"strings"
	"testing"

	"annals.dev/annals/internal/bibliography"
)

// TestTeXCommands checks how TeX in a field reads: symbols and logos as Unicode,
// math kept as its text, commands that take their text from an argument,
// and commands not known kept as written.
func TestTeXCommands(t *testing.T) {
	for _, tt := range []struct{ tex, want string }{
		{`The {\TeX book}`, "The TeXbook"},
		{`The \TeX book`, "The TeXbook"},
		{`\LaTeX\ and \BibTeX{} for \LaTeXe`, "LaTeX and BibTeX for LaTeX2ε"},
		{`$\gamma$-Ray Bursts`, "γ-Ray Bursts"},
		{`The \ell-adic $a \cdot b$ and \ensuremath{\alpha}`, "The ℓ-adic a ⋅ b and α"},
		{`An {$O(n \log n / \! \log\log n)$} Algorithm`, "An O(n log n / log log n) Algorithm"},
		{`$\frac{1}{2}$ and $\sqrt{x}$`, "1/2 and √x"},
		{`\foreignlanguage{german}{Haus} am See`, "Haus am See"},
		{`See \href{https://example.org/}{the site}`, "See the site"},
		{`At \url{https://example.org/a_b}`, "At https://example.org/a_b"},
		{`\mkbibquote{Intention} und \enquote*{Sinn}`, "“Intention” und “Sinn”"},
		{`methodology\hyphen independent`, "methodology-independent"},
		{`{\noopsort{1973b}}Title`, "Title"},
		{`\emph{Emphasised} \textbf{bold} \unknowncmd{kept}`, "Emphasised bold kept"},
		{`An \unknown command, \unknown.`, `An \unknown command, \unknown.`},
		{`Dezs\H o Nagy, \c Cetin, {\"O}zge, \'{\i}`, "Dezső Nagy, Çetin, Özge, í"},
		{"Caf\\'e -- 1990--91 --- ``quoted''", "Café – 1990–91 — “quoted”"},
		{`50\,\% \& \$5 \textpm{} 1\textdegree`, "50 % & $5 ± 1°"},
		{`{\oe}uvre, Stra{\ss}e, \AA{}ngstr\"om`, "œuvre, Straße, Ångström"},
	} {
		n := parseOne(t, "r.bib", "@misc{k, title = {"+tt.tex+"}}")
		if n.Title != tt.want {
			t.Errorf("%s\n got %q\nwant %q", tt.tex, n.Title, tt.want)
		}
	}
}

// TestBibNames checks names as BibTeX and biblatex write them, including
// biblatex's extended name format that Better BibTeX writes for names with
// a particle.
func TestBibNames(t *testing.T) {
	for _, tt := range []struct{ author, want string }{
		{`family=Pina-Cabral, given=João, prefix=de, useprefix=true`, "João de Pina-Cabral"},
		{`given={Vincent}, family={Meij}, prefix={van der} and Guo, Difeng`, "Vincent van der Meij; Difeng Guo"},
		{`family=Software, prefix=id, useprefix=true`, "id Software"},
		{`family=King, given=Martin Luther, suffix=Jr.`, "Martin Luther, Jr. King"},
		{`Dezs\H o Nagy`, "Dezső Nagy"},
		{`von Brandt, Ahasver and Erich Hoffmann`, "Ahasver von Brandt; Erich Hoffmann"},
		{`{U.S. Bureau of the Census}`, "U.S. Bureau of the Census"},
		{`Bennett, Jr., Frank G.`, "Frank G., Jr. Bennett"},
	} {
		n := parseOne(t, "r.bib", "@misc{k, title = {T}, author = {"+tt.author+"}}")
		var got []string
		for _, a := range n.Source.Authors {
			got = append(got, a.String())
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s\n got %q\nwant %q", tt.author, g, tt.want)
		}
	}
}

// TestBibDates checks the dates BibTeX files hold that are not EDTF: each
// is read, and an entry is never lost for its date; the ones annals has to
// guess at are read as their year with a warning at the field's line.
func TestBibDates(t *testing.T) {
	for _, tt := range []struct {
		fields, want string
		warn         bool
	}{
		{`year = {1988--1992}`, "1988/1992", false},
		{`year = {1968--90}`, "1968/1990", false},
		{`year = {1973--1968}`, "1973", true},
		{`year = {2010a}`, "2010", false},
		{`year = {n.d.}`, "", false},
		{`year = "{\noopsort{1973b}}1973"`, "1973", false},
		{`year = 1988, month = jun # "-" # aug`, "1988-06/1988-08", false},
		{`year = 1988, month = nov # ", " # dec`, "1988-11/1988-12", false},
		{`year = 1973, month = "10~" # jan`, "1973-01-10", false},
		{`year = 2019, month = {Mai}`, "2019-05", false},
		{`year = 2019, month = {Dez.}`, "2019-12", false},
		{`year = 2019, month = {Brumaire}`, "2019", true},
		{`date = {1723?~}`, "1723%", false},
		{`date = {20uu}`, "20XX", false},
		{`date = {1999/open}`, "1999/..", false},
		{`date = {2014-12-31/}`, "2014-12-31/", false},
		{`date = {circa 1850}`, "1850", true},
		{`date = {sometime}`, "", true},
	} {
		n := parseOne(t, "r.bib", "@misc{k,\n  title = {T},\n  "+tt.fields+"}")
		if got := n.Source.Issued.String(); got != tt.want {
			t.Errorf("%s: issued %q, want %q", tt.fields, got, tt.want)
		}
		if got := len(n.Warnings) == 1 && n.Warnings[0].Line == 3; got != tt.warn {
			t.Errorf("%s: warnings %v, want a warning on line 3: %v", tt.fields, n.Warnings, tt.warn)
		}
	}
}

// TestCrossref checks that an entry takes what it lacks from the entry its
// crossref or xdata names, a chapter the book's title as its container.
func TestCrossref(t *testing.T) {
	notes, diags := bibliography.Parse("r.bib", []byte(`
@xdata{gaonkar-press, publisher = {Duke University Press}, date = 2001}
@incollection{chapter, author = {Gaonkar, Dilip}, title = {On Alternative Modernities}, crossref = {book}}
@collection{book, title = {Alternative Modernities}, xdata = {gaonkar-press}}
`))
	if len(diags) > 0 || len(notes) != 2 {
		t.Fatalf("%d notes, diagnostics %v", len(notes), diags)
	}
	c := notes[0]
	if c.ID != "chapter" || c.Source.ContainerTitle != "Alternative Modernities" || c.Source.Publisher != "Duke University Press" ||
		c.Source.Issued.String() != "2001" || c.Title != "On Alternative Modernities" {
		t.Errorf("chapter %q: title %q, in %q, publisher %q, issued %v", c.ID, c.Title, c.Source.ContainerTitle, c.Source.Publisher, c.Source.Issued)
	}
	if b := notes[1]; b.ID != "book" || b.Source.Publisher != "Duke University Press" || b.Source.ContainerTitle != "" {
		t.Errorf("book %q: publisher %q, in %q", b.ID, b.Source.Publisher, b.Source.ContainerTitle)
	}
}
