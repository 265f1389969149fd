package site

import (
	"cmp"
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
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
	diags   []diag.Diagnostic // what the last build, whole or quick, reported
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
// that keep their slug (and their draft state, unless drafts are built), which is what a
// watcher reports after an editor saved an article. It reads nothing but the named files and
// renders only the pages that may show what changed, each only when its fingerprint did:
//
//   - when an article's front matter reads as it did (the editor changed its body), its own
//     page: no listing, index or other page can have changed;
//   - when its front matter changed, with no diagnostic before or after and the site keeping
//     the same tags, also the pages that list or recommend it, as relist finds them.
//
// It then checks again the links to the anchors of the pages rendered, and writes every file
// of the last build again. ok is false, with nothing written, when it cannot do that; the
// caller then builds the whole site.
func (inc *Incremental) quick(out Output, named map[string]bool) (Result, Stats, bool) {
	last := inc.last
	if last == nil {
		return Result{}, Stats{}, false
	}
	rfs := &readFS{FS: inc.fsys, sums: make(map[string]fingerprint, len(named))}
	edits, ok := inc.edits(rfs, named)
	if !ok {
		return Result{}, Stats{}, false
	}
	// From here on the last build is changed in place; should a page fail to render, it is
	// dropped and the caller's whole build puts everything right.
	tasks, ok := inc.toRender(inc.apply(edits))
	if !ok {
		inc.last = nil
		return Result{}, Stats{}, false
	}
	data, rec, reset, ok := inc.renderAgain(rfs, tasks)
	if !ok {
		inc.last = nil
		return Result{}, Stats{}, false
	}
	if len(tasks) > 0 { // the articles' text or order changed: the search index too
		files, shards, ok := last.b.searchAgain()
		if !ok {
			inc.last = nil
			return Result{}, Stats{}, false
		}
		last.replaceSearch(files, shards)
	}
	stats, quiet := inc.settle(tasks, data, rec, reset)

	res := last.res
	if quiet { // the diagnostics are the last build's
		res.Diags = &diag.List{}
		for _, d := range last.diags {
			res.Diags.Add(d)
		}
	} else {
		res.Diags = assemble(last.global, inc.cache)
		last.diags = res.Diags.Sorted()
	}
	w := newWriter(context.Background(), out, res.Diags)
	defer w.close()
	for _, name := range res.Written {
		if w.stopped() || !w.write(name, false, last.files[name]) {
			break
		}
	}
	if rfs.unstable() { // as in build: a page may mix two versions of a file
		inc.cache, inc.last = make(map[string]*rendered), nil
	}
	return res, stats, true
}

// apply makes the edits to the last build's articles and indexes, and returns the jobs of
// the files that may show them, by name: the edited articles' pages, and when their front
// matter changed, what relist finds.
func (inc *Incremental) apply(edits []edit) map[string]job {
	last, b := inc.last, inc.last.b
	consider := make(map[string]job)
	for _, e := range edits {
		*e.a = e.parsed.article
		inc.articles.last[e.a.Path] = e.parsed
		last.in.sums[e.a.Path] = e.parsed.sum
		if e.listed {
			last.in.summaries[e.a] = summary(e.a)
		}
		j := b.articleJob(e.a)
		consider[j.name] = j
	}
	if slices.ContainsFunc(edits, func(e edit) bool { return e.listed }) {
		for _, j := range b.relist(edits) {
			consider[j.name] = j
		}
	}
	return consider
}

// renderAgain renders the tasks with the last build's builder reading rfs, each page with a
// log that may take its conversions from its last rendering. reset holds the source files
// whose anchors were forgotten, to be recorded again. ok is false when a page failed or
// anything reported a problem: only a whole build then says it right.
func (inc *Incremental) renderAgain(rfs *readFS, tasks []task) (data [][]byte, rec *recorder, reset map[string]bool, ok bool) {
	b := inc.last.b
	b.fsys, b.diags, b.refs = rfs, &diag.List{}, nil
	rec = &recorder{pages: make(map[string]*pageLog, len(tasks))}
	b.hooks = &devHooks{b: b, rec: rec, frags: inc.frags}
	reset = make(map[string]bool)
	for _, t := range tasks {
		if t.cache {
			rec.pages[t.key] = &pageLog{before: inc.cache[t.name].log}
			for _, ids := range inc.cache[t.name].log.ids {
				reset[ids.path] = true
			}
			b.forget(inc.cache[t.name].log)
		}
	}
	data = make([][]byte, len(tasks))
	failed := make([]bool, len(tasks))
	parallel.Do(len(tasks), func(i int) {
		d, ok := produce(b, tasks[i].job)
		data[i], failed[i] = d, !ok || d == nil
	})
	ok = !slices.Contains(failed, true) && b.diags.Len() == 0 && len(b.refs) == 0
	return data, rec, reset, ok
}

// settle keeps the pages rendered again as the last build's, and checks again the links to
// the anchors of the source files they define. quiet reports that no page rendered or
// checked again reports anything now, nor did before: the diagnostics are the last ones.
func (inc *Incremental) settle(tasks []task, data [][]byte, rec *recorder, reset map[string]bool) (stats Stats, quiet bool) {
	last, b := inc.last, inc.last.b
	stats = Stats{Quick: true}
	var recheck []*pageLog // the pages whose links to anchors are checked again
	quiet = true
	for i, t := range tasks {
		last.files[t.name] = data[i]
		if !t.cache {
			continue
		}
		log, old := rec.pages[t.key], inc.cache[t.name].log
		quiet = quiet && log.diags.Len()+old.diags.Len()+old.refDiags.Len() == 0
		log.pin(data[i])
		log.before = nil
		last.unlink(old)
		last.link(log)
		inc.cache[t.name] = &rendered{inputs: b.withLinks(t.base, log.lookups), base: t.base, data: data[i], log: log}
		stats.Rendered = append(stats.Rendered, t.name)
		recheck = append(recheck, log)
		for _, ids := range log.ids {
			reset[ids.path] = true
		}
	}
	stats.Reused = len(inc.cache) - len(stats.Rendered)
	slices.Sort(stats.Rendered)
	for p := range reset {
		recheck = append(recheck, last.linkers[p]...)
	}
	for _, l := range recheck {
		quiet = quiet && l.refDiags.Len() == 0
		l.refDiags = diag.List{}
		b.checkRefs(l.refs, &l.refDiags)
		quiet = quiet && l.refDiags.Len() == 0
	}
	return stats, quiet
}

// edits reads the articles named again, as the last build's articles they are, with ok false
// when one of them is not such an article or changed more than a quick build can follow.
func (inc *Incremental) edits(rfs *readFS, named map[string]bool) ([]edit, bool) {
	b := inc.last.b
	var edits []edit
	for _, p := range slices.Sorted(maps.Keys(named)) {
		a := b.articleAt(p)
		prev, ok := inc.articles.last[p]
		if a == nil || !ok {
			return nil, false
		}
		e, ok := reparse(rfs, p, inc.opts.Limits)
		if !ok {
			return nil, false
		}
		same := sameFrontMatter(prev, e)
		if !same && !relisted(prev, e, inc.opts.Drafts) {
			return nil, false
		}
		edits = append(edits, edit{a: a, parsed: e, before: *a, listed: !same})
	}
	return edits, b.keepsTags(edits)
}

// toRender returns the jobs of consider to run, in the order to run them: the files that are
// not pages, and the pages whose fingerprint changed (with the fingerprint). ok is false when
// a page cannot be rendered alone: one the last build did not keep.
func (inc *Incremental) toRender(consider map[string]job) ([]task, bool) {
	var tasks []task
	for _, name := range slices.SortedFunc(maps.Keys(consider), longestFirst) {
		t := task{job: consider[name]}
		if key, ok := pageKey(t.job); ok {
			prev := inc.cache[t.name]
			base, ok := inc.last.b.fingerprint(key, t.job, inc.last.in)
			if !ok || prev == nil {
				return nil, false
			} else if base == prev.base {
				continue
			}
			t.key, t.base, t.cache = key, base, true
		}
		tasks = append(tasks, t)
	}
	return tasks, true
}

// longestFirst orders files to render: the lists of every article (the home page, the
// sitemap) before those of a tag, before the other pages, so that the cores finish together.
func longestFirst(x, y string) int {
	rank := func(name string) int {
		switch {
		case name == "index.html" || name == "sitemap.xml":
			return 0
		case strings.HasPrefix(name, "tags/"):
			return 1
		}
		return 2
	}
	return cmp.Or(cmp.Compare(rank(x), rank(y)), strings.Compare(x, y))
}

// An edit is an article a quick build reads again.
type edit struct {
	a      *content.Article // the builder's, changed in place
	before content.Article  // a as it was
	parsed parsedArticle
	listed bool // its front matter changed
}

// relist brings the listing order, the tags' listings and the related articles up to date
// once the edits are made, and returns the jobs of the files that may show them: the home
// page, the sitemap, the listings of every tag the edited articles had or have, the pages of
// the articles whose related articles changed or include an edited one, and the pages of the
// questionnaires recommending one.
func (b *builder) relist(edits []edit) []job {
	order, related := slices.Clone(b.articles), b.related
	// The edited articles move to their places in the listing order, the others keep theirs.
	moved := make(map[*content.Article]bool, len(edits))
	for _, e := range edits {
		moved[e.a] = e.listed
	}
	list := slices.DeleteFunc(slices.Clone(b.articles), func(a *content.Article) bool { return moved[a] })
	for _, e := range edits {
		if e.listed {
			i, _ := slices.BinarySearchFunc(list, e.a, content.CompareArticles)
			list = slices.Insert(list, i, e.a)
		}
	}
	copy(b.articles, list)
	if slices.ContainsFunc(edits, func(e edit) bool { return !slices.Equal(e.before.Tags, e.a.Tags) }) {
		b.groups = nil
		b.indexTags()
	} else if !slices.Equal(order, b.articles) {
		b.indexTags() // the same groups of tags, in another order
	}

	jobs := []job{b.homeJob()}
	if slices.ContainsFunc(edits, func(e edit) bool { return e.listed }) {
		// A title or a tag may have changed: the A to Z and the index of the tags may show it.
		b.indexAZ()
		jobs = append(jobs, b.tagsJob())
		jobs = append(jobs, b.azJobs()...)
	}
	if b.sitemap() && slices.ContainsFunc(edits, func(e edit) bool {
		return !e.before.Date.Equal(e.a.Date) || !e.before.Reviewed.Equal(e.a.Reviewed)
	}) {
		jobs = append(jobs, b.sitemapJob())
	}
	var listed []*content.Article // the articles whose front matter changed: a few
	for _, e := range edits {
		if !e.listed {
			continue
		}
		listed = append(listed, e.a)
		for _, name := range slices.Concat(e.before.Tags, e.a.Tags) {
			if i, ok := b.tag(name); ok {
				jobs = append(jobs, b.tagJob(&b.tags[i]))
			}
		}
		for _, q := range b.recommenders[e.a.Slug] {
			jobs = append(jobs, b.questionnaireJobs(q)...)
		}
	}
	for _, a := range b.articles {
		if now := b.related[a]; !slices.Equal(related[a], now) || slices.ContainsFunc(now, func(r *content.Article) bool { return slices.Contains(listed, r) }) {
			jobs = append(jobs, b.articleJob(a))
		}
	}
	return jobs
}

// tag returns the index in b.tags of the tag called name.
func (b *builder) tag(name string) (int, bool) {
	return slices.BinarySearchFunc(b.tags, name, func(t tag, name string) int { return strings.Compare(t.name, name) })
}

// keepsTags reports whether the site has the same tags once the edits are made: no tag loses
// its last article and none is new.
func (b *builder) keepsTags(edits []edit) bool {
	size := func(name string) int {
		i, ok := b.tag(name)
		if !ok {
			return 0
		}
		return len(b.tags[i].articles)
	}
	after := make(map[string]int)
	for _, e := range edits {
		for _, t := range slices.Concat(e.before.Tags, e.parsed.article.Tags) {
			if _, ok := after[t]; !ok {
				after[t] = size(t)
			}
		}
	}
	for _, e := range edits {
		for _, t := range e.before.Tags {
			after[t]--
		}
		for _, t := range e.parsed.article.Tags {
			after[t]++
		}
	}
	for t, n := range after {
		if (size(t) > 0) != (n > 0) {
			return false
		}
	}
	return true
}

// forget drops the anchors the page of l defined, before it is rendered again.
func (b *builder) forget(l *pageLog) {
	for _, a := range l.ids {
		ids := b.ids[a.path]
		for _, id := range a.ids {
			if i := slices.Index(ids, id); i >= 0 {
				ids = slices.Delete(ids, i, i+1)
			}
		}
		b.ids[a.path] = ids
	}
}

// reparse reads and parses the article at p as the articleCache does; ok is false when it
// cannot be read.
func reparse(rfs *readFS, p string, lim limits.Limits) (parsedArticle, bool) {
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
	e.article = *content.ParseArticleWith(p, src, lim, e.diags)
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

// relisted reports whether the second parsing of an article changes only what pages show of
// it: it has the same slug, the same draft state unless drafts are built (then a draft only
// shows as one), and neither parsing reported anything (an error may hide the article or
// change which pages there are).
func relisted(x, y parsedArticle, drafts bool) bool {
	a, b := x.article, y.article
	return a.Path == b.Path && a.Slug == b.Slug && (drafts || a.Draft == b.Draft) && x.diags.Len() == 0 && y.diags.Len() == 0
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
