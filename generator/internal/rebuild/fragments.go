package rebuild

import (
	"html/template"
	"maps"
	"sync"

	"guidepost/generator/internal/render"
)

// fragments keeps, across the builds of one Incremental, what the theme's template "summary"
// rendered for each entry of the lists of articles (render.Summary.HTML), so that after an
// edit the home page of a site of 10,000 articles, which lists every one, renders again in
// a fraction of the time. There is one fragment per kind of page and URL, rendered again
// when anything else the entry shows changed. The fragments hold while what every page reads
// does (global: site.yaml, the messages, the options...) and, for each kind of page, while
// "summary" and the templates it calls are defined as they were (render.Theme.Digest): an
// edit of the layout, base.html, which defines neither, keeps them all.
type fragments struct {
	global fingerprint
	kinds  map[string]fingerprint // the digest of each kind's "summary"
	// mu guards m; pages render in parallel, and their lists (the A to Z's 50 pages after a
	// new article) read it at once, so reading takes the lock shared.
	mu sync.RWMutex
	m  map[fragmentKey]fragment
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

// renew returns the fragments for a build whose pages all read global and whose theme is
// theme: f (which may be nil) without the fragments of the kinds whose "summary" changed, or
// new fragments when global changed.
func (f *fragments) renew(global fingerprint, theme *render.Theme) *fragments {
	kinds := make(map[string]fingerprint, len(render.Kinds))
	if theme != nil {
		for _, kind := range render.Kinds {
			kinds[kind] = theme.Digest(kind, "summary")
		}
	}
	if f == nil || f.global != global {
		return &fragments{global: global, kinds: kinds, m: make(map[fragmentKey]fragment)}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for kind, d := range kinds {
		if f.kinds[kind] != d {
			maps.DeleteFunc(f.m, func(k fragmentKey, _ fragment) bool { return k.kind == kind })
		}
	}
	f.kinds = kinds
	return f
}

// fill sets the HTML of each entry of list, listed on a page of kind, rendering with theme
// those it did not render before; it leaves them without when the theme has no template
// "summary" (a site's own partials.html may list articles its own way).
func (f *fragments) fill(theme *render.Theme, kind string, list render.Summaries) error {
	if len(list) == 0 || !theme.Defines(kind, "summary") {
		return nil
	}
	var missing []int
	f.mu.RLock()
	for i, s := range list {
		if e, ok := f.m[fragmentKey{kind, s.URL}]; ok && e.s == s {
			list[i].HTML = e.html
		} else {
			missing = append(missing, i)
		}
	}
	f.mu.RUnlock()
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
