package devserver

import (
	"slices"
	"sync"

	"guidepost/generator/internal/layered"
)

// files are the files of a build, by name: a rebuild's derive from the last good build's
// (package layered), so that serving a rebuild costs the files it changed, not a new map of
// every file. A build served is never changed: requests read it while the next is made.
type files = *layered.Map[string, []byte]

// An output is what a rebuild writes to: over the files of the last good build (none before
// the first), it keeps only the files that are new or whose bytes changed, and says which
// changed and which are gone. A rebuild writes every file of the site, most of them the very
// slices of the build before, which cost a lookup and no copy here.
type output struct {
	last files // read-only: it may be served while the rebuild runs

	mu      sync.Mutex
	files   files    // last's, with the files written that are new or changed
	written []string // every name written
	c       changes  // the files added and modified so far
}

// newOutput returns an output over the files of the last good build, nil for none.
func newOutput(last files) *output {
	if last == nil {
		return &output{files: layered.New[string, []byte](nil)}
	}
	return &output{last: last, files: last.Derive(), written: make([]string, 0, last.Len())}
}

// WriteFile keeps data as the file name, when the last build did not have those bytes.
func (o *output) WriteFile(name string, data []byte) error {
	var had bool
	if o.last != nil {
		var before []byte
		before, had = o.last.Get(name)
		if had && same(before, data) {
			o.mu.Lock()
			o.written = append(o.written, name)
			o.mu.Unlock()
			return nil
		}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.written = append(o.written, name)
	o.files.Set(name, data)
	if had {
		o.c.modified = append(o.c.modified, name)
	} else {
		o.c.added = append(o.c.added, name)
	}
	return nil
}

// result returns the files of the build once written, and how they differ from the last
// good build's; the files the last build had and this one did not write are taken out.
// There are none unless the rebuild wrote fewer files than the last build had minus those
// it added, the only case that costs a look at every name.
func (o *output) result() (files, changes) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := o.c
	if o.last != nil && len(o.written)-len(c.added) < o.last.Len() {
		slices.Sort(o.written)
		for name := range o.last.All() {
			if _, ok := slices.BinarySearch(o.written, name); !ok {
				c.removed = append(c.removed, name)
				o.files.Delete(name)
			}
		}
	}
	return o.files, c
}
