package site

import (
	"guidepost/generator/internal/content"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/render"
)

// newConverter returns the markdown converter for a site with the settings s and the theme
// th, whose ids headings must not take.
func newConverter(s content.Site, th *render.Theme, lim limits.Limits) *markdown.Converter {
	o := markdown.Options{}
	if s.EscapeRawHTML {
		o.RawHTML = markdown.EscapeHTML
	}
	if th != nil {
		o.ReservedIDs, o.ReservedPrefixes = th.IDs()
	}
	c := markdown.NewWith(o)
	c.Limits = lim
	return c
}
