// Package templates is guidepost's default theme: html/template files for every kind of
// page and the assets (CSS, JavaScript, icon) they use. The generator embeds it, so a
// folder holding only content/ builds; a site's own templates/ folder overrides these
// files one by one.
package templates

import "embed"

// FS holds the theme: the page templates at the top, the assets under assets/.
//
//go:embed *.html assets
var FS embed.FS
