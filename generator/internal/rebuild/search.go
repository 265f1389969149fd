package rebuild

import (
	"slices"
	"strings"

	"guidepost/generator/internal/site"
)

// replaySearch records again the search document of a page taken from its last rendering.
func replaySearch(b *site.Loaded, page string, l *pageLog) {
	b.AddSearch(page, l.search)
}

// searchAgain produces the files of search again, for a quick build that rendered articles
// again: by name, with the shards' names sorted; ok is false when one failed (reported to
// b.diags).
func searchAgain(b *site.Loaded) (files map[string][]byte, shards []string, ok bool) {
	jobs, shards := b.SearchFiles()
	files = make(map[string][]byte, len(jobs))
	for _, j := range jobs {
		data, ok := b.Produce(j)
		if !ok || data == nil {
			return nil, nil, false
		}
		files[j.Name()] = data
	}
	return files, shards, true
}

// replaceSearch puts the files of search made by searchAgain in place of those of the last
// build: the shards' names change with their content.
func (last *lastBuild) replaceSearch(files map[string][]byte, shards []string) {
	written := slices.DeleteFunc(slices.Clone(last.res.Written), func(name string) bool {
		if strings.HasPrefix(name, site.SearchDir+"/") {
			last.files.Delete(name)
			return true
		}
		return false
	})
	for name, data := range files {
		last.files.Set(name, data)
		if strings.HasPrefix(name, site.SearchDir+"/") {
			written = append(written, name)
		}
	}
	slices.Sort(written)
	last.res.Written, last.res.Files, last.res.Hashed = written, len(written), last.b.Hashed(shards)
}
