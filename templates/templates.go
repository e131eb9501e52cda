// Package templates holds the site's html/template files and static assets,
// embedded so the binary serves them without the source tree.
package templates

import "embed"

// FS holds every page template, the stylesheet and the script of the
// authoring mode.
//
//go:embed *.html *.css *.js
var FS embed.FS
