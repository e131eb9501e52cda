// Package templates holds the site's html/template files and static assets,
// embedded so the binary serves them without the source tree.
package templates

import "embed"

// FS holds every page template and the stylesheet.
//
//go:embed *.html *.css
var FS embed.FS
