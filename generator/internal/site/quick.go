package site

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/parallel"
)

// lastBuild is what an incremental build leaves for a quick one: its builder, with every
// index and the anchors each source file defines; what its pages' fingerprints were made
// of; every file it wrote; its result; the diagnostics that did not come from a page's
// markdown or links (global); and the logs of the pages linking to each source file's anchors.
type lastBuild struct {
	b       *builder
	in      *inputs
	files   map[string][]byte
	res     Result
	global  []diag.Diagnostic
	linkers map[string][]*pageLog // by the source file whose anchors they link to
}

// link records the anchors l's page links to.
func (last *lastBuild) link(l *pageLog) {
	for _, t := range l.targets() {
		last.linkers[t] = append(last.linkers[t], l)
	}
}

// unlink forgets the anchors l's page linked to.
func (last *lastBuild) unlink(l *pageLog) {
	for _, t := range l.targets() {
		last.linkers[t] = slices.DeleteFunc(last.linkers[t], func(x *pageLog) bool { return x == l })
	}
}

// quick builds the site again when the files named are only articles of the last build
// whose front matter still reads as it did, which is what a watcher reports after an editor
// saved the body of an article. Then no listing, index or other page can have changed: it
// reads nothing but the named files, renders their pages, checks again the links to the
// anchors of those articles, and writes every file of the last build again. ok is false,
// with nothing written, when it cannot do that; the caller then builds the whole site.
func (inc *Incremental) quick(out Output, named map[string]bool) (Result, Stats, bool) {
	last := inc.last
	if last == nil {
		return Result{}, Stats{}, false
	}
	b := last.b
	rfs := &readFS{FS: inc.fsys, sums: make(map[string]fingerprint, len(named))}
	type edit struct {
		a      *content.Article // the builder's, changed in place
		parsed parsedArticle
	}
	var edits []edit
	for _, p := range slices.Sorted(maps.Keys(named)) {
		a := b.articleAt(p)
		prev, ok := inc.articles.last[p]
		if a == nil || !ok {
			return Result{}, Stats{}, false
		}
		e, ok := reparse(rfs, p)
		if !ok || !sameFrontMatter(prev, e) {
			return Result{}, Stats{}, false
		}
		edits = append(edits, edit{a, e})
	}

	// From here on the last build is changed in place; should a page fail to render, it is
	// dropped and the caller's whole build puts everything right.
	changed := make(map[string]bool, len(edits))
	jobs := make([]job, len(edits))
	b.fsys, b.diags, b.refs = rfs, &diag.List{}, nil
	b.rec = &recorder{pages: make(map[string]*pageLog, len(edits))}
	for i, e := range edits {
		*e.a = e.parsed.article // what listings, indexes and fingerprints read of it is the same
		inc.articles.last[e.a.Path] = e.parsed
		last.in.sums[e.a.Path] = e.parsed.sum
		changed[e.a.Path] = true
		b.ids[e.a.Path] = nil // its page defines them again
		jobs[i] = b.articleJob(e.a)
		b.rec.pages[articlePage(e.a.Slug)] = &pageLog{}
	}
	data := make([][]byte, len(jobs))
	failed := make([]bool, len(jobs))
	parallel.Do(len(jobs), func(i int) {
		d, ok := produce(b, jobs[i])
		data[i], failed[i] = d, !ok || d == nil
	})
	if slices.Contains(failed, true) || b.diags.Len() > 0 || len(b.refs) > 0 {
		inc.last = nil
		return Result{}, Stats{}, false
	}

	stats := Stats{Reused: len(inc.cache) - len(jobs), Quick: true}
	var recheck []*pageLog // the pages whose links to anchors are checked again
	for i, j := range jobs {
		key, _ := pageKey(j)
		log := b.rec.pages[key]
		base, _ := b.pageInputs(key, last.in)
		last.unlink(inc.cache[j.name].log)
		last.link(log)
		inc.cache[j.name] = &rendered{inputs: b.withLinks(base, log.lookups), base: base, data: data[i], log: log}
		last.files[j.name] = data[i]
		stats.Rendered = append(stats.Rendered, j.name)
		recheck = append(recheck, log)
	}
	slices.Sort(stats.Rendered)
	for p := range changed {
		recheck = append(recheck, last.linkers[p]...)
	}
	for _, l := range recheck {
		l.refDiags = diag.List{}
		b.checkRefs(l.refs, &l.refDiags)
	}

	res := last.res
	res.Diags = assemble(last.global, inc.cache)
	for _, name := range res.Written {
		if err := out.WriteFile(name, last.files[name]); err != nil {
			res.Diags.Errorf(diag.Pos{Path: name}, "cannot write: %v", err)
		}
	}
	if rfs.changed() { // as in build: a page may mix two versions of a file
		inc.cache, inc.last = make(map[string]*rendered), nil
	}
	return res, stats, true
}

// reparse reads and parses the article at p as the articleCache does; ok is false when it
// cannot be read.
func reparse(rfs *readFS, p string) (parsedArticle, bool) {
	info, err := fs.Stat(rfs.FS, p)
	if err != nil || !info.Mode().IsRegular() {
		return parsedArticle{}, false
	}
	st := fileStat{known: true, size: info.Size(), mtime: info.ModTime().UnixNano()}
	src, err := rfs.ReadFile(p)
	if err != nil {
		return parsedArticle{}, false
	}
	e := parsedArticle{sum: sha256.Sum256(src), stat: st, diags: &diag.List{}}
	e.article = *content.ParseArticle(p, src, e.diags)
	e.article.Body = nil // read again when its page renders
	return e, true
}

// sameFrontMatter reports whether two parsings of an article differ at most in the body, which
// only the article's own page shows.
func sameFrontMatter(x, y parsedArticle) bool {
	a, b := x.article, y.article
	a.Body, a.BodyLine, b.Body, b.BodyLine = nil, 0, nil, 0
	return reflect.DeepEqual(a, b) && slices.Equal(x.diags.Sorted(), y.diags.Sorted())
}

// articleAt returns the article the build made from the source file p, or nil.
func (b *builder) articleAt(p string) *content.Article {
	page, ok := b.bySource[p]
	if !ok {
		return nil
	}
	slug, ok := strings.CutPrefix(page, "articles/")
	a := b.bySlug[strings.TrimSuffix(slug, "/")]
	if !ok || a == nil || a.Path != p {
		return nil
	}
	return a
}

// targets returns the source files whose anchors the page of l links to, each once.
func (l *pageLog) targets() []string {
	var ts []string
	for _, r := range l.refs {
		if !slices.Contains(ts, r.Target) {
			ts = append(ts, r.Target)
		}
	}
	return ts
}
