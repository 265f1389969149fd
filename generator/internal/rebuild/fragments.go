package rebuild

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

// fill sets the HTML of each entry of list, listed on a page of kind, rendering with theme
// those it did not render before; it leaves them without when the theme has no template
// "summary" (a site's own partials.html may list articles its own way).
func (f *fragments) fill(theme *render.Theme, kind string, list render.Summaries) error {
	if len(list) == 0 || !theme.Defines(kind, "summary") {
		return nil
	}
	var missing []int
	f.mu.Lock()
	for i, s := range list {
		if e, ok := f.m[fragmentKey{kind, s.URL}]; ok && e.s == s {
			list[i].HTML = e.html
		} else {
			missing = append(missing, i)
		}
	}
	f.mu.Unlock()
	for _, i := range missing {
		h, err := theme.Fragment(kind, "summary", list[i])
		if err != nil {
			return err
		}
		f.mu.Lock()
		f.m[fragmentKey{kind, list[i].URL}] = fragment{list[i], h}
		f.mu.Unlock()
		list[i].HTML = h
	}
	return nil
}
