package site

import (
	"html/template"
	"sync"

	"guidepost/generator/internal/render"
)

// fragments keeps, across the builds of one Incremental, what the theme's template "summary"
// rendered for each entry of the lists of articles (render.Summary.HTML), so that after an
// edit the home page of a site of 10,000 articles, which lists every one, renders again in
// a fraction of the time. There is one fragment per kind of page and URL, rendered again
// when anything else the entry shows changed. The fragments hold while what every page reads
// does (global: the theme, site.yaml, the options).
type fragments struct {
	global fingerprint
	mu     sync.Mutex
	m      map[fragmentKey]fragment
}

// A fragmentKey is an entry as a kind of page lists it (a kind of page may define "summary"
// its own way).
type fragmentKey struct {
	kind, url string
}

type fragment struct {
	s    render.Summary
	html template.HTML
}

func newFragments(global fingerprint) *fragments {
	return &fragments{global: global, m: make(map[fragmentKey]fragment)}
}

// get returns the HTML of s listed on a page of kind, rendering it with theme unless it did
// before; "" when the theme has no template "summary" (a site's own partials.html may list
// articles its own way).
func (f *fragments) get(theme *render.Theme, kind string, s render.Summary) (template.HTML, error) {
	if !theme.Defines(kind, "summary") {
		return "", nil
	}
	k := fragmentKey{kind, s.URL}
	f.mu.Lock()
	e, ok := f.m[k]
	f.mu.Unlock()
	if ok && e.s == s {
		return e.html, nil
	}
	h, err := theme.Fragment(kind, "summary", s)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	f.m[k] = fragment{s, h}
	f.mu.Unlock()
	return h, nil
}
