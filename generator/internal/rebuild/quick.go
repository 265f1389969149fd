package rebuild

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
	"guidepost/generator/internal/layered"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/site"
)

// lastBuild is what an incremental build leaves for a quick one: its builder, with every
// index and the anchors each source file defines; what its pages' fingerprints were made
// of; every file it wrote; its result; the diagnostics that did not come from a page's
// markdown or links (global); the logs of the pages linking to each source file's anchors;
// and its pages by the source files their links looked up.
type lastBuild struct {
	b       *site.Loaded
	in      *inputs
	files   *layered.Map[string, []byte]
	res     site.Result
	diags   []diag.Diagnostic // what the last build, whole or quick, reported
	global  []diag.Diagnostic
	linkers *layered.Map[string, []*pageLog] // by the source file whose anchors they link to
	looked  *lookups
}

// newLastBuild returns what a whole build leaves for a quick one.
func newLastBuild(b *site.Loaded, in *inputs, files map[string][]byte, res site.Result, global []diag.Diagnostic, pages map[string]*rendered) *lastBuild {
	last := &lastBuild{b: b, in: in, files: layered.New(files), res: res, diags: res.Diags.Sorted(), global: global, linkers: layered.New[string, []*pageLog](nil)}
	for _, e := range pages {
		last.link(e.log)
	}
	last.looked = newLookups(func(yield func(*pageLog) bool) {
		for _, e := range pages {
			if !yield(e.log) {
				return
			}
		}
	})
	return last
}

// link records the anchors l's page links to. The lists it changes may be shared with the
// build before: it copies them first.
func (last *lastBuild) link(l *pageLog) {
	for _, t := range l.targets() {
		last.linkers.Set(t, append(slices.Clip(last.linkers.Value(t)), l))
	}
}

// unlink forgets the anchors l's page linked to, copying the lists it changes.
func (last *lastBuild) unlink(l *pageLog) {
	for _, t := range l.targets() {
		last.linkers.Set(t, slices.DeleteFunc(slices.Clone(last.linkers.Value(t)), func(x *pageLog) bool { return x == l }))
	}
}

// quick builds the site again when the files named are only articles of the last build
// that keep their slug (and their draft state, unless drafts are built), which is what a
// watcher reports after an editor saved an article. It reads nothing but the named files and
// renders only the pages that may show what changed, each only when its fingerprint did:
//
//   - when an article's front matter reads as it did (the editor changed its body), its own
//     page: no listing, index or other page can have changed;
//   - when its front matter changed, with no diagnostic before or after, also the pages that
//     list or recommend it, as site.Loaded.Derive finds them: a tag's listing among them when
//     the tag is new, and the listing of a tag left without articles dropped.
//
// It then checks again the links to the anchors of the pages rendered, and writes every file
// of the last build again. ok is false, with nothing written, when it cannot do that; the
// caller then builds the whole site.
//
// The last build is never changed: the quick build makes its own state (a quickBuild) of
// copies of what it changes, and only once that state is whole does it become the last
// build (commit). A quick build that fails part way leaves the last one as it was. Start
// may serve a quick build while its files render (Lazy.Quick): it is then planned here,
// rendered by a Pending build, and completed by it.
func (inc *Incremental) quick(out site.Output, named map[string]bool) (site.Result, Stats, bool) {
	r, ok := inc.planQuick(named)
	if !ok {
		return site.Result{}, Stats{}, false
	}
	return r.build(out)
}

// build renders every task at once, then completes the quick build.
func (r *quickRender) build(out site.Output) (site.Result, Stats, bool) {
	parallel.Do(len(r.tasks), func(i int) { r.run(r.tasks[i]) })
	return r.complete(out)
}

// planQuick makes the state of a quick build and decides what it renders, rendering
// nothing yet (see quick); ok is false when a quick build cannot follow the files named.
func (inc *Incremental) planQuick(named map[string]bool) (_ *quickRender, ok bool) {
	if inc.last == nil {
		return nil, false
	}
	q := &quickBuild{inc: inc, last: inc.last, rfs: &readFS{FS: inc.fsys, sums: make(map[string]fingerprint, len(named))}}
	var edits []edit
	consider, mv, moved := q.moves(named) // articles added or removed, or a questionnaire
	dropped := moved
	if !moved {
		if edits, ok = inc.edits(q.rfs, named); !ok {
			return nil, false
		}
		consider, mv, dropped = q.derive(edits)
	}
	reviewed := q.review(moved, edits, mv) // a review warning may come or go
	tasks, ok := q.toRender(consider, mv)
	if !ok {
		return nil, false
	}
	r := &quickRender{q: q, edits: edits, mv: mv, tasks: tasks, named: named}
	r.lastDiags = !dropped && !reviewed // pages gone take their diagnostics with them
	r.at, r.data, r.failed = make(map[string]int, len(tasks)), make([][]byte, len(tasks)), make([]bool, len(tasks))
	for i, t := range tasks {
		r.at[t.Name()] = i
	}
	r.rec, r.reset = q.prepare(tasks, mv.force)
	return r, true
}

// A quickRender is a quick build planned, whose files render (run) before it completes:
// at once in quick, or as a Pending build (see Lazy.Quick).
type quickRender struct {
	q         *quickBuild
	edits     []edit
	mv        moves
	tasks     []task
	named     map[string]bool
	lastDiags bool           // the last diagnostics may stand, if nothing rendered reports any
	at        map[string]int // each task's place in tasks, by name
	data      [][]byte       // by task
	failed    []bool         // by task
	rec       *recorder
	reset     map[string]bool // see prepare

	out site.Output // for a pending build: what finish writes to
}

// run renders task t with the quick build's builder; each task runs once, and tasks may run
// at once.
func (r *quickRender) run(t task) ([]byte, bool) {
	i := r.at[t.Name()]
	d, ok := r.q.next.b.Produce(t.Job)
	r.data[i], r.failed[i] = d, !ok || d == nil
	return d, !r.failed[i]
}

// complete ends the quick build once every task has run: it checks again the links to
// anchors, makes the search index again, writes every file of the build to out and makes it
// the last build. ok is false, with nothing written and the last build as it was, when a
// page failed or anything reported a problem: only a whole build then says it right.
func (r *quickRender) complete(out site.Output) (site.Result, Stats, bool) {
	q, b := r.q, r.q.next.b
	if slices.Contains(r.failed, true) || b.Diags().Len() > 0 || len(b.Refs()) > 0 {
		return site.Result{}, Stats{}, false
	}
	for p := range r.mv.paths { // the links to the anchors of files gone, new or edited
		r.reset[p] = true
	}
	if len(r.tasks) > 0 { // the articles' text or order changed: the search index too
		files, shards, ok := searchAgain(b)
		if !ok {
			return site.Result{}, Stats{}, false
		}
		q.next.replaceSearch(files, shards)
	}
	stats, quiet := q.settle(r.tasks, r.data, r.rec, r.reset)
	res := q.result(quiet && r.lastDiags)
	q.write(out, res)
	q.inc.commit(q, r.edits, r.mv)
	return res, stats, true
}

// finish completes the quick build served pending, or, when it cannot, builds the whole
// site instead, as quick's caller would have.
func (r *quickRender) finish() (site.Result, Stats) {
	if res, stats, ok := r.complete(r.out); ok {
		return res, stats
	}
	res, stats, _ := r.q.inc.whole(r.out, r.named, Lazy{})
	return res, stats
}

// abandon: nothing was written, and the last build stays as it was.
func (r *quickRender) abandon() {}

// ready returns the files of the quick build that need no rendering, to serve while its
// tasks render: the last build's, without those the tasks make again, nor, on a site with
// search, the search page and index, which are made again once the pages are.
func (r *quickRender) ready() *layered.Map[string, []byte] {
	next := r.q.next
	files := next.files.Derive()
	for _, t := range r.tasks {
		files.Delete(t.Name())
	}
	if next.b.Searches() {
		files.Delete(site.SearchPageFile)
		written := next.res.Written
		i, _ := slices.BinarySearch(written, site.SearchDir+"/")
		for ; i < len(written) && strings.HasPrefix(written[i], site.SearchDir+"/"); i++ {
			files.Delete(written[i])
		}
	}
	return files
}

// A quickBuild is a quick build under way: the state it makes (next, cache) starts as the
// last build's, sharing what it does not change; what it changes it copies first.
type quickBuild struct {
	inc   *Incremental
	rfs   *readFS
	last  *lastBuild                      // the last build's state, read-only
	next  *lastBuild                      // this build's (see derive)
	cache *layered.Map[string, *rendered] // the pages as this build leaves them, derived from inc.cache
}

// derive makes the state of the quick build from the last build's once the edits are
// made, and returns the jobs of the files that may show them, by name: the edited articles'
// pages, and when their front matter changed, what site.Loaded.Derive finds. When an edit
// changed an article's tags, a tag may come (its listing is a new page: mv.fresh) or lose
// its last article (its listing is dropped, and dropped is true).
func (q *quickBuild) derive(edits []edit) (_ map[string]site.Job, mv moves, dropped bool) {
	last := q.last
	b, jobs, gone := last.b.Derive(q.rfs, &diag.List{}, siteEdits(edits))
	in := &inputs{global: last.in.global, themes: last.in.themes, theme: last.in.theme, sums: last.in.sums.Derive(), summaries: last.in.summaries}
	q.next = &lastBuild{b: b, in: in, files: last.files.Derive(), res: last.res, diags: last.diags, global: last.global, linkers: last.linkers.Derive(), looked: last.looked.derive()}
	q.cache = q.inc.cache.Derive()
	consider := make(map[string]site.Job)
	for _, e := range edits {
		// A new article when its front matter changed: its summary is not in in.summaries,
		// shared with the last build, and is made when a page lists it (inputs.article).
		a := b.ArticleAt(e.Article.Path)
		in.sums.Set(a.Path, e.parsed.sum)
		j := b.ArticleJob(a)
		consider[j.Name()] = j
	}
	for _, j := range jobs {
		consider[j.Name()] = j
	}
	mv.fresh = slices.ContainsFunc(edits, func(e edit) bool { return !slices.Equal(e.Before.Tags, e.After.Tags) })
	q.drop(gone)
	return consider, mv, len(gone) > 0
}

// prepare readies the quick build's builder to render the tasks, each page with a log that
// may take its conversions from its last rendering. reset holds the source files whose
// anchors were forgotten, to be recorded again.
func (q *quickBuild) prepare(tasks []task, relink map[string]bool) (rec *recorder, reset map[string]bool) {
	b := q.next.b
	rec = &recorder{pages: make(map[string]*pageLog, len(tasks))}
	b.SetHooks(&devHooks{b: b, rec: rec, frags: q.inc.frags})
	reset = make(map[string]bool)
	for _, t := range tasks {
		if t.cache && q.cache.Value(t.Name()) == nil { // a new page (see moves)
			rec.pages[t.key] = &pageLog{page: t.Name()}
		} else if t.cache {
			prev := q.cache.Value(t.Name()).log
			rec.pages[t.key] = &pageLog{page: t.Name(), before: prev}
			if relink[t.Name()] { // its links resolve otherwise: no conversion of it holds
				rec.pages[t.key].before = nil
			}
			for _, ids := range prev.ids {
				reset[ids.path] = true
				b.ForgetAnchors(ids.path, ids.ids)
			}
		}
	}
	return rec, reset
}

// settle keeps the pages rendered again in the quick build's state, and checks again the
// links to the anchors of the source files they define. quiet reports that no page rendered
// or checked again reports anything now, nor did before: the diagnostics are the last ones.
func (q *quickBuild) settle(tasks []task, data [][]byte, rec *recorder, reset map[string]bool) (stats Stats, quiet bool) {
	next, b := q.next, q.next.b
	stats = Stats{Quick: true}
	fresh := make(map[*pageLog]bool) // the logs of the pages rendered, this build's own
	quiet = true
	for i, t := range tasks {
		q.put(t.Name(), t.Page(), data[i])
		if !t.cache {
			continue
		}
		log, old := rec.pages[t.key], &pageLog{}
		if prev := q.cache.Value(t.Name()); prev != nil {
			old = prev.log
			next.looked.change(old, log)
		} else {
			next.looked.change(nil, log)
		}
		quiet = quiet && log.diags.Len()+old.diags.Len()+old.refDiags.Len() == 0
		log.pin(data[i])
		log.before = nil
		next.unlink(old)
		next.link(log)
		q.cache.Set(t.Name(), &rendered{inputs: withLinks(b, t.base, log.lookups), base: t.base, data: data[i], log: log})
		stats.Rendered = append(stats.Rendered, t.Name())
		fresh[log] = true
		for _, ids := range log.ids {
			reset[ids.path] = true
		}
	}
	stats.Reused = q.cache.Len() - len(stats.Rendered)
	slices.Sort(stats.Rendered)
	recheck := maps.Clone(fresh) // the pages whose links to anchors are checked again
	for p := range reset {
		for _, l := range next.linkers.Value(p) {
			recheck[l] = true
		}
	}
	for l := range recheck {
		var found diag.List
		b.CheckRefs(l.refs, &found)
		quiet = quiet && l.refDiags.Len() == 0 && found.Len() == 0
		next.looked.report(l.page, l.diags.Len()+found.Len() > 0)
		if fresh[l] {
			l.refDiags = diag.List{}
			l.refDiags.Merge(&found)
		} else {
			q.recheck(l, &found)
		}
	}
	return stats, quiet
}

// recheck puts in the quick build's state, in place of the log l of a page not rendered
// again, a copy of it whose links to anchors reported found.
func (q *quickBuild) recheck(l *pageLog, found *diag.List) {
	c := l.withRefDiags(found)
	e := *q.cache.Value(l.page)
	e.log = c
	q.cache.Set(l.page, &e)
	for _, t := range l.targets() {
		list := slices.Clone(q.next.linkers.Value(t))
		for i, x := range list {
			if x == l {
				list[i] = c
			}
		}
		q.next.linkers.Set(t, list)
	}
}

// result returns the result of the quick build, its diagnostics the last build's when
// quiet.
func (q *quickBuild) result(quiet bool) site.Result {
	res := q.next.res
	if quiet {
		res.Diags = &diag.List{}
		for _, d := range q.next.diags {
			res.Diags.Add(d)
		}
	} else {
		res.Diags = assemble(q.next.global, func(yield func(string, *rendered) bool) {
			for name := range q.next.looked.reporting.All() { // the pages that report anything
				if !yield(name, q.cache.Value(name)) {
					return
				}
			}
		})
		q.next.diags = res.Diags.Sorted()
	}
	return res
}

// write writes every file of the quick build to out.
func (q *quickBuild) write(out site.Output, res site.Result) {
	w := site.NewWriter(context.Background(), out, res.Diags)
	defer w.Close()
	for _, name := range res.Written {
		if w.Stopped() || !w.Write(name, false, q.next.files.Value(name)) {
			break
		}
	}
}

// commit makes the quick build's state the last build's, now that it is whole.
func (inc *Incremental) commit(q *quickBuild, edits []edit, mv moves) {
	for _, e := range edits {
		inc.articles.last[e.Article.Path] = e.parsed
	}
	for _, a := range mv.removed { // what links to it resolved to: a change of the links' targets
		delete(inc.articles.last, a.Path)
		to, _ := q.last.b.Resolve(a.Path)
		inc.links.toggle(nil, a.Path, to)
	}
	for _, e := range mv.added {
		inc.articles.last[e.article.Path] = e
		to, _ := q.next.b.Resolve(e.article.Path)
		inc.links.toggle(nil, e.article.Path, to)
	}
	if q.rfs.unstable() { // as in build: a page may mix two versions of a file
		inc.cache, inc.last = layered.New[string, *rendered](nil), nil
		return
	}
	inc.cache, inc.last = q.cache, q.next
}

// edits reads the articles named again, as the last build's articles they are, with ok false
// when one of them is not such an article or changed more than a quick build can follow.
func (inc *Incremental) edits(rfs *readFS, named map[string]bool) ([]edit, bool) {
	b := inc.last.b
	var edits []edit
	for _, p := range slices.Sorted(maps.Keys(named)) {
		a := b.ArticleAt(p)
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
		edits = append(edits, edit{Edit: site.Edit{Article: a, Before: *a, After: e.article, Listed: !same}, parsed: e})
	}
	return edits, true
}

// toRender returns the jobs of consider to run, in the order to run them: the files that are
// not pages, and the pages whose fingerprint changed (with the fingerprint). ok is false when
// a page cannot be rendered alone: one the last build did not keep, unless mv may make new
// pages. A page is rendered when its fingerprint with what its links resolve to changed, or
// when mv forces it.
func (q *quickBuild) toRender(consider map[string]site.Job, mv moves) ([]task, bool) {
	var tasks []task
	for _, name := range slices.SortedFunc(maps.Keys(consider), longestFirst) {
		t := task{Job: consider[name]}
		if key, ok := pageKey(t.Job); ok {
			prev := q.cache.Value(t.Name()) // nil: a new page, when moves made some
			base, ok := pageFingerprint(q.next.b, key, t.Job, q.next.in)
			if !ok || prev == nil && !mv.fresh {
				return nil, false
			} else if prev != nil && !mv.force[t.Name()] && prev.inputs == withLinks(q.next.b, base, prev.log.lookups) {
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
	site.Edit
	parsed parsedArticle
}

// siteEdits returns what the builder is told of the edits.
func siteEdits(edits []edit) []site.Edit {
	out := make([]site.Edit, len(edits))
	for i, e := range edits {
		out[i] = e.Edit
	}
	return out
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
