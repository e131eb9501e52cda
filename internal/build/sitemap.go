package build

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"path"
	"strings"
)

// sitemap lists every page of s at the published address base, in the
// sitemaps.org protocol that search engines read.
func sitemap(s *site, base string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range s.pages {
		dir, ok := strings.CutSuffix(p.file, "index.html")
		if !ok {
			continue
		}
		// The folder's address, which a static host answers with its
		// index.html: the file names, not the server's URLs, since an
		// id that is no safe file name is stored under another name.
		var segs []string
		for _, seg := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
			segs = append(segs, url.PathEscape(seg))
		}
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(base+"/"+path.Join(segs...)))
		if dir != "" {
			b.WriteString("/")
		}
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// robots lets every crawler read the whole site, and names the sitemap
// when the site's address is known.
func robots(base string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if base != "" {
		s += "\nSitemap: " + base + sitemapPath + "\n"
	}
	return []byte(s)
}
