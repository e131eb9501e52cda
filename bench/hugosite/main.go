// Command hugosite wraps a folder of annals notes in a minimal Hugo site,
// the peer of "annals build" in bench/run.sh: every note becomes a page
// with its title and markdown body, under one plain layout.
//
//	go run ./bench/hugosite -content DIR -o SITE
//
// Only the title is kept of the front matter: annals' "date" is an EDTF
// date of the event, which Hugo would read as a publish date and reject.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

var files = map[string]string{
	"config.toml": `baseURL = "http://localhost/"
title = "annals benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

func main() {
	content := flag.String("content", "", "the folder of notes (required)")
	out := flag.String("o", "", "the Hugo site folder to write (required)")
	flag.Parse()
	if *content == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "hugosite: -content DIR and -o SITE are required")
		flag.Usage()
		os.Exit(2)
	}
	if err := write(*content, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hugosite:", err)
		os.Exit(1)
	}
}

func write(content, site string) error {
	if err := os.RemoveAll(site); err != nil {
		return err
	}
	for name, text := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, err := filepath.Rel(content, p)
		if err != nil {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		title, body := split(src)
		dst := filepath.Join(site, "content", rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		page := "---\ntitle: " + strconv.Quote(title) + "\n---\n" + body
		return os.WriteFile(dst, []byte(page), 0o644)
	})
}

// split returns a note's title and the body after its front matter.
func split(src []byte) (title, body string) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return "", string(src)
	}
	front, after, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return "", string(src)
	}
	for line := range strings.SplitSeq(string(front), "\n") {
		if v, ok := strings.CutPrefix(line, "title: "); ok {
			if u, err := strconv.Unquote(v); err == nil {
				v = u
			}
			title = strings.Trim(v, `'`)
		}
	}
	return title, string(after)
}
