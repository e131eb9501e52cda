package note

// WebURL reports whether s is an absolute http or https URL, the only kind
// of address a source may link to (its URL and its archived copy).
func WebURL(s string) bool {
	return webURL(s)
}

// PlainKey reports whether key can be cited as written, [@key], rather
// than only in braces, [@{key}].
func PlainKey(key string) bool {
	k, n := readKey(key)
	return k == key && n == len(key)
}
