package bibliography

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// texAccents maps TeX's accent commands to the combining marks they put
// on the following letter: \"o, {\"o}, \"{o}, \c{c}, \v c.
var texAccents = map[string]rune{
	"`": '\u0300', "'": '\u0301', "^": '\u0302', "~": '\u0303', "=": '\u0304', "u": '\u0306', ".": '\u0307',
	`"`: '\u0308', "r": '\u030a', "H": '\u030b', "v": '\u030c', "d": '\u0323', "c": '\u0327', "k": '\u0328',
	"b": '\u0331', "t": '\u0361',
}

// texSymbols maps TeX's commands for letters and symbols, and the escapes
// of its special characters, to the characters they set.
var texSymbols = map[string]string{
	"aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "o": "ø", "O": "Ø", "oe": "œ", "OE": "Œ", "ss": "ß", "SS": "SS",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", "\\": " ", ",": " ", "-": "",
	"textbackslash": `\`, "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_",
	"textdollar": "$", "textbar": "|", "textless": "<", "textgreater": ">", "textendash": "–", "textemdash": "—",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
	"ldots": "…", "dots": "…", "textellipsis": "…", "textregistered": "®", "copyright": "©", "textcopyright": "©",
	"texttrademark": "™", "S": "§", "P": "¶", "euro": "€", "texteuro": "€", "pounds": "£", "textsterling": "£",
	"textdegree": "°", "nobreakspace": " ", "space": " ", "slash": "/", "textperiodcentered": "·",
	"quad": " ", "qquad": " ", "relax": "", "newblock": " ", "par": " ",
}

// maxTeXDepth bounds how deeply accent arguments are decoded, so that a
// file of nothing but "\"{" cannot exhaust the stack.
const maxTeXDepth = 32

// decodeTeX turns the TeX of a BibTeX field into plain Unicode text: it
// decodes accents and escapes, sets "--" and "---" as dashes and TeX's
// quotes as typographic ones, keeps the argument of other commands
// (\emph{x} is x), drops the braces that protect case, and collapses white
// space.
func decodeTeX(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(texText(s, 0))), " ")
}

func texText(s string, depth int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{' || c == '}':
			i++
		case c == '\\':
			out, n := texCommand(s[i:], depth)
			b.WriteString(out)
			i += n
		case c == '~':
			b.WriteByte(' ')
			i++
		case c == '$':
			// Math is kept as its text, without the dollars.
			i++
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
// backslash) and its argument, returning the text and the bytes used.
func texCommand(s string, depth int) (string, int) {
	if len(s) < 2 {
		return "", len(s)
	}
	i := 1
	name := s[1:2]
	if isLetter(s[1]) {
		for i < len(s) && isLetter(s[i]) {
			i++
		}
		name = s[1:i]
	} else {
		i = 2
	}
	if mark, ok := texAccents[name]; ok {
		if isLetter(s[1]) {
			// TeX skips the space after a command made of letters:
			// "\c c" is ç.
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
		}
		arg, n := texArgument(s[i:], depth)
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
	if isLetter(s[1]) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
	}
	if sym, ok := texSymbols[name]; ok {
		return sym, i
	}
	// Another command, such as \emph or \mkbibquote: its text is its
	// argument, decoded like the rest; \url{…} keeps its argument as is.
	if i < len(s) && s[i] == '{' {
		if name == "url" || name == "href" {
			if end := matchBrace(s[i:]); end > 0 {
				return s[i+1 : i+end], i + end + 1
			}
		}
		return "", i
	}
	return "", i
}

// texArgument reads an accent's argument: a braced group, a command such
// as \i, or one character.
func texArgument(s string, depth int) (string, int) {
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
		return texText(group, depth+1), n
	case s[0] == '\\':
		if depth >= maxTeXDepth {
			return "", 1
		}
		return texCommand(s, depth+1)
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
