package site

import (
	"path"
	"slices"
	"sync"
)

// sourceNames indexes the source files a link may name by their base name, for the hints
// of broken links (markdown.Finder). It is built on first use: a site without a broken link
// never builds it.
type sourceNames struct {
	once   sync.Once
	byName map[string][]string
}

// Find returns the source files of the site named name, sorted.
func (l linker) Find(name string) []string {
	n := &l.b.names
	n.once.Do(func() {
		n.byName = make(map[string][]string)
		for src := range l.b.bySource.All() {
			n.byName[path.Base(src)] = append(n.byName[path.Base(src)], src)
		}
		for _, list := range n.byName {
			slices.Sort(list)
		}
	})
	return n.byName[name]
}
