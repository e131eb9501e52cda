package bibliography

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// texAccents maps TeX's accent commands to the combining marks they put
// on the following letter: \"o, {\"o}, \"{o}, \c{c}, \v c, \H o.
var texAccents = map[string]rune{
	"`": '\u0300', "'": '\u0301', "^": '\u0302', "~": '\u0303', "=": '\u0304', "u": '\u0306', ".": '\u0307',
	`"`: '\u0308', "r": '\u030a', "H": '\u030b', "v": '\u030c', "d": '\u0323', "c": '\u0327', "k": '\u0328',
	"b": '\u0331', "t": '\u0361',
}

// texSymbols maps TeX's commands for letters, symbols and logos, and the
// escapes of its special characters, to the characters they set. Like
// Pandoc's table, it covers what bibliographies use, in text and in math.
var texSymbols = map[string]string{
	"aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "o": "ø", "O": "Ø", "oe": "œ", "OE": "Œ", "ss": "ß", "SS": "SS",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"dj": "đ", "DJ": "Đ", "ij": "ĳ", "IJ": "Ĳ",
	"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", "\\": " ", ",": " ", "-": "",
	";": " ", ":": " ", ">": " ", "!": "", "/": "", "@": "",
	"textbackslash": `\`, "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_",
	"textdollar": "$", "textbar": "|", "textless": "<", "textgreater": ">", "textendash": "–", "textemdash": "—",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"textquotesingle": "'", "textquotedbl": `"`, "quotedblbase": "„", "quotesinglbase": "‚",
	"guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
	"guilsinglleft": "‹", "guilsinglright": "›", "textexclamdown": "¡", "textquestiondown": "¿",
	"ldots": "…", "dots": "…", "cdots": "⋯", "textellipsis": "…", "textregistered": "®", "copyright": "©",
	"textcopyright": "©", "texttrademark": "™", "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶",
	"euro": "€", "texteuro": "€", "pounds": "£", "textsterling": "£", "textyen": "¥", "textcent": "¢",
	"textdegree": "°", "textpm": "±", "texttimes": "×", "textdiv": "÷", "textmu": "µ", "textminus": "−",
	"textonehalf": "½", "textonequarter": "¼", "textthreequarters": "¾", "textperthousand": "‰",
	"textbullet": "•", "textdagger": "†", "textdaggerdbl": "‡", "dag": "†", "ddag": "‡",
	"textperiodcentered": "·", "textbraceleft": "{", "textbraceright": "}", "textasciigrave": "`",
	"nobreakspace": " ", "space": " ", "slash": "/", "hyphen": "-", "textnumero": "№",
	"quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "relax": "", "newblock": " ", "par": " ",
	"protect": "", "noindent": "", "unskip": "", "nocorr": "", "bibrangedash": "–", "bibdatedash": "–",
	// Logos.
	"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
	"XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "ConTeXt": "ConTeXt", "AmS": "AMS",
	"AmSTeX": "AMS-TeX", "SliTeX": "SliTeX", "METAFONT": "METAFONT", "MF": "METAFONT", "MP": "MetaPost",
	"eTeX": "ε-TeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX",
	// Math: Greek letters.
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
	"xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
	"upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
	"Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	// Math: symbols, relations and arrows.
	"ell": "ℓ", "hbar": "ℏ", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "wp": "℘", "infty": "∞", "partial": "∂",
	"nabla": "∇", "prime": "′", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬",
	"cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘",
	"bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "odot": "⊙", "wedge": "∧", "land": "∧",
	"vee": "∨", "lor": "∨", "cap": "∩", "cup": "∪", "setminus": "∖", "sum": "∑", "prod": "∏", "int": "∫",
	"oint": "∮", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "ll": "≪", "gg": "≫",
	"approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "in": "∈",
	"notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "perp": "⊥",
	"parallel": "∥", "mid": "∣", "angle": "∠", "triangle": "△", "to": "→", "rightarrow": "→",
	"leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐",
	"Leftrightarrow": "⇔", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓", "langle": "⟨", "rangle": "⟩",
	"lbrace": "{", "rbrace": "}", "vert": "|", "Vert": "‖", "surd": "√",
}

// texOperators are math's named functions, which TeX sets upright, in
// words: $\log\log n$ is "log log n".
var texOperators = map[string]bool{
	"log": true, "ln": true, "lg": true, "exp": true, "sin": true, "cos": true, "tan": true, "cot": true,
	"sec": true, "csc": true, "sinh": true, "cosh": true, "tanh": true, "arcsin": true, "arccos": true,
	"arctan": true, "deg": true, "max": true, "min": true, "sup": true, "inf": true, "lim": true, "det": true,
	"dim": true, "ker": true, "arg": true, "gcd": true, "hom": true, "Pr": true,
}

// texQuotes are the commands that quote their argument.
var texQuotes = map[string]bool{"mkbibquote": true, "enquote": true, "textquote": true}

// maxTeXDepth bounds how deeply arguments are decoded, so that a file of
// nothing but "\"{" cannot exhaust the stack.
const maxTeXDepth = 32

// decodeTeX turns the TeX of a BibTeX field into plain Unicode text: it
// decodes accents, escapes, symbols and logos, sets "--" and "---" as
// dashes and TeX's quotes as typographic ones, keeps the argument of other
// commands (\emph{x} is x) and the name of commands it does not know
// (\foo stays \foo), keeps math as its text with its symbols in Unicode
// ($\gamma$-ray is γ-ray), drops the braces that protect case, and
// collapses white space.
func decodeTeX(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(texText(s, 0, false))), " ")
}

func texText(s string, depth int, math bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{' || c == '}':
			i++
		case c == '\\':
			out, n := texCommand(s[i:], depth, math)
			b.WriteString(out)
			i += n
		case c == '$':
			// Math is kept as its text, without the dollars.
			math = !math
			i++
		case c == '~':
			b.WriteByte(' ')
			i++
		case math:
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 3
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i += 2
		case strings.HasPrefix(s[i:], "``"):
			b.WriteString("“")
			i += 2
		case strings.HasPrefix(s[i:], "''"):
			b.WriteString("”")
			i += 2
		case c == '`':
			b.WriteString("‘")
			i++
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

// texCommand decodes the command at the start of s (which begins with a
// backslash) and its arguments, returning the text and the bytes used.
func texCommand(s string, depth int, math bool) (string, int) {
	if len(s) < 2 {
		return "", len(s)
	}
	i := 1
	name := s[1:2]
	letters, spaced := isLetter(s[1]), false
	if letters {
		for i < len(s) && isLetter(s[i]) {
			i++
		}
		name = s[1:i]
		if i < len(s) && s[i] == '*' {
			i++ // \enquote*{…}
		}
		spaced = i < len(s) && isSpace(s[i])
		// TeX skips the space after a command made of letters: "\c c"
		// is ç, "\TeX book" is TeXbook.
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	} else {
		i = 2
	}
	if mark, ok := texAccents[name]; ok {
		arg, n := texArgument(s[i:], depth, math)
		if arg == "" {
			return string(mark), i + n
		}
		r, size := utf8.DecodeRuneInString(arg)
		// An accent goes on a dotless i or j: \'{\i} is í.
		switch r {
		case 'ı':
			r = 'i'
		case 'ȷ':
			r = 'j'
		}
		return string(r) + string(mark) + arg[size:], i + n
	}
	if sym, ok := texSymbols[name]; ok {
		if math && spaced {
			// TeX sets its own spacing in math, so the space written
			// is how the formula reads: $a \cdot b$ is a ⋅ b.
			return sym + " ", i
		}
		return sym, i
	}
	if texOperators[name] {
		return name + " ", i
	}
	args := func(k int) ([]string, int) {
		var out []string
		n := i
		for range k {
			raw, used, ok := rawArgument(s[n:])
			if !ok {
				break
			}
			out = append(out, raw)
			n += used
		}
		return out, n
	}
	decode := func(raw string, math bool) string {
		if depth >= maxTeXDepth {
			return raw
		}
		return texText(raw, depth+1, math)
	}
	switch name {
	case "url", "path", "nolinkurl":
		// A URL is verbatim.
		if a, n := args(1); len(a) == 1 {
			return a[0], n
		}
	case "href":
		// \href{url}{text} reads as its text.
		if a, n := args(2); len(a) == 2 {
			return decode(a[1], math), n
		}
	case "foreignlanguage", "foreignquote", "hyphenquote", "foreignblockquote", "textlang":
		// The first argument names the language, the second is the text.
		if a, n := args(2); len(a) == 2 {
			text := decode(a[1], math)
			if name != "foreignlanguage" && name != "textlang" {
				text = "“" + text + "”"
			}
			return text, n
		}
	case "noopsort", "hspace", "vspace", "label", "index", "nocite", "bibstring":
		// Sort keys, spacing and marks that print nothing.
		if _, n := args(1); n > i {
			return "", n
		}
	case "switchargs":
		if a, n := args(2); len(a) == 2 {
			return decode(a[1], math) + decode(a[0], math), n
		}
	case "printfirst":
		if a, n := args(2); len(a) == 2 {
			return decode(a[0], math), n
		}
	case "ensuremath", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "operatorname":
		if a, n := args(1); len(a) == 1 {
			return decode(a[0], true), n
		}
	case "frac", "tfrac", "dfrac":
		if a, n := args(2); len(a) == 2 {
			return decode(a[0], true) + "/" + decode(a[1], true), n
		}
	case "sqrt":
		if a, n := args(1); len(a) == 1 {
			return "√" + decode(a[0], true), n
		}
	}
	if texQuotes[name] {
		if a, n := args(1); len(a) == 1 {
			return "“" + decode(a[0], math) + "”", n
		}
	}
	// Another command, such as \emph or \mkbibemph: its text is its
	// argument, decoded like the rest. A command with no argument that is
	// not known keeps its name, so that nothing is lost silently.
	if i < len(s) && s[i] == '{' {
		return "", i
	}
	if !letters {
		return s[1:2], 2
	}
	if spaced {
		return `\` + name + " ", i
	}
	return `\` + name, i
}

// rawArgument returns a command's next argument as written: the inside of
// a braced group, a command, or one character, after white space.
func rawArgument(s string) (string, int, bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	switch {
	case i >= len(s) || s[i] == '}':
		return "", i, false
	case s[i] == '{':
		end := matchBrace(s[i:])
		if end < 0 {
			return s[i+1:], len(s), true
		}
		return s[i+1 : i+end], i + end + 1, true
	case s[i] == '\\':
		j := i + 1
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j == i+1 && j < len(s) {
			j++
		}
		return s[i:j], j, true
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i : i+n], i + n, true
}

// texArgument reads an accent's argument: a braced group, a command such
// as \i, or one character.
func texArgument(s string, depth int, math bool) (string, int) {
	switch {
	case s == "":
		return "", 0
	case s[0] == '{':
		group, n := s[1:], len(s)
		if end := matchBrace(s); end > 0 {
			group, n = s[1:end], end+1
		}
		// An unclosed group runs to the end, as in TeX; taking it all also
		// keeps the work linear.
		if depth >= maxTeXDepth {
			return group, n
		}
		return texText(group, depth+1, math), n
	case s[0] == '\\':
		if depth >= maxTeXDepth {
			return "", 1
		}
		return texCommand(s, depth+1, math)
	}
	_, n := utf8.DecodeRuneInString(s)
	return s[:n], n
}

// matchBrace returns the offset of the } closing the { that s starts with,
// or -1.
func matchBrace(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
