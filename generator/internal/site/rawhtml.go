package site

import (
	"guidepost/generator/internal/content"
	"guidepost/generator/internal/markdown"
)

// newConverter returns the markdown converter for a site with the settings s.
func newConverter(s content.Site) *markdown.Converter {
	if s.EscapeRawHTML {
		return markdown.NewWith(markdown.EscapeHTML)
	}
	return markdown.New()
}
