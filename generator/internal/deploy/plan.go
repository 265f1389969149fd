package deploy

import (
	"bytes"
	"maps"
	"path"
	"slices"
)

// A plan is what a deploy changes: the uploads, in phases that run one after the other,
// and the deletions, which come last.
type plan struct {
	phases    [][]*file // files that are not pages, then pages
	deletes   []string  // keys, sorted
	unchanged int
}

// makePlan compares the files of the folder with the bucket's objects (key → MD5, nil when
// the store did not say). A file is uploaded unless an object of its key has its MD5; an
// object with no file of its key is deleted.
func makePlan(files map[string]*file, remote map[string][]byte) plan {
	var p plan
	var assets, pages []*file
	for _, key := range slices.Sorted(maps.Keys(files)) {
		f := files[key]
		if md5, ok := remote[key]; ok && md5 != nil && bytes.Equal(md5, f.md5) {
			p.unchanged++
			continue
		}
		if path.Ext(key) == ".html" {
			pages = append(pages, f)
		} else {
			assets = append(assets, f)
		}
	}
	p.phases = [][]*file{assets, pages}
	for key := range remote {
		if files[key] == nil {
			p.deletes = append(p.deletes, key)
		}
	}
	slices.Sort(p.deletes)
	return p
}
