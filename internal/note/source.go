package note

import "strings"

// WebURL reports whether s is an absolute http or https URL, the only kind
// of address a source may link to (its URL and its archived copy).
func WebURL(s string) bool {
	return webURL(s)
}

// DOI returns a DOI as CSL-JSON keeps it, "10.1063/1.2172593", from the
// ways it is written: with a doi: or https://doi.org/ prefix, or as is.
func DOI(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:", "doi.org/"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// PlainKey reports whether key can be cited as written, [@key], rather
// than only in braces, [@{key}].
func PlainKey(key string) bool {
	k, n := readKey(key)
	return k == key && n == len(key)
}
