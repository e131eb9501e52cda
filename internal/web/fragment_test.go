package web_test

import (
	"html/template"
	"testing"

	"annals.dev/annals/internal/web"
)

func TestFragment(t *testing.T) {
	tests := []struct {
		name, in string
		want     template.HTML
	}{
		{"OK", "a <mark>Norway</mark> b", "a <mark>Norway</mark> b"},
		{"Escaped", "&lt;script&gt; <mark>x</mark> &amp; &#39;", "&lt;script&gt; <mark>x</mark> &amp; &#39;"},
		{"OtherTag", "<mark>x</mark><script>alert(1)</script>", "x&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"MarkAttribute", `<mark onclick="x">y</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;y"},
		{"Unclosed", "<mark>x", "x"},
		{"Nested", "<mark><mark>x</mark></mark>", "x"},
		{"StrayClose", "x</mark>", "x"},
		{"Bracket", "a > b <mark>c</mark>", "a &gt; b c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := web.Fragment(tt.in); got != tt.want {
				t.Errorf("Fragment(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWebURL(t *testing.T) {
	for in, want := range map[string]bool{
		"https://example.org/a": true,
		"http://example.org":    true,
		"javascript:alert(1)":   false,
		"JavaScript:alert(1)":   false,
		"data:text/html,x":      false,
		"//example.org":         false,
		"/relative":             false,
		"":                      false,
	} {
		if got := web.WebURL(in); got != want {
			t.Errorf("WebURL(%q) = %v, want %v", in, got, want)
		}
	}
}
