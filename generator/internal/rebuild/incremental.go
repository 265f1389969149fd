// Package rebuild builds a site again and again, as dev mode does after each change (type
// Incremental), and renders again only the pages whose inputs changed since the build
// before. It is a layer above package site: it loads and renders through site.Loaded, and
// the builder calls it only through the hooks it is given (site.Hooks: converting markdown,
// recording anchors, filling list entries, noting search documents).
//
// Start (pending.go) is BuildNamed for dev mode's server: a whole build with many pages to
// render, or a quick one with more than a few files, is returned before they are, as a
// Pending build whose pages render in the background or when asked for, each once.
//
// BuildNamed, told which files changed by a watcher, first tries a quick build (quick.go):
// when the files named are only articles that keep their slug, as after an editor saved an
// article, it reads nothing else and renders only their pages and, when their front matter
// changed, the pages listing them. Otherwise a whole build lists all the content and
// computes every index; it parses again only the articles whose bytes changed, and what it
// saves most is rendering (and converting markdown: see conversion). Build reads
// every article; a whole build of BuildNamed does not read an article that the watcher did
// not name and whose size and modification time are those it had when it was last read: it
// takes the article and its bytes' hash from that reading. (A file the watcher names is always
// read: a rewrite may keep both its size and its modification time, whose clock ticks
// coarsely.) An article's body is read again when its page renders, unless the page's last
// rendering converted the body of a file with the very bytes this build loaded the article
// from (devHooks.ConvertArticle): after a template edit, no article is read. For each page it
// computes a fingerprint of everything the page is rendered from:
//
//   - for every page: the options, site.yaml, and every theme file (built-in and the site's
//     own templates/), so that a template or settings edit renders everything again;
//   - 404.html: nothing more;
//   - the home page: the title, description, slug and draft state of every article, and the
//     title, description and slug of every questionnaire, in listing order;
//   - an article: its source file's bytes, its related articles and the questionnaires
//     recommending it (as the summaries it shows);
//   - a tag listing: its articles (as summaries);
//   - a questionnaire's page: the questionnaire file's bytes and the articles its outcomes
//     recommend (as summaries); a node's page: the same, but only the node's articles;
//   - and, for a page with markdown, what each source file its links named resolved to the
//     last time it was rendered (a link to an article that was renamed or removed changes).
//
// What each kind of page reads is declared beside the code that renders it (site.Reads); the
// fingerprint is made of that declaration (pageFingerprint). A page whose fingerprint equals
// the one of its last rendering is not rendered: its bytes, and the anchors and diagnostics
// its markdown reported, are taken from that rendering. Any other file (the sitemap, media,
// theme assets) is produced again by every whole build. So the output and the diagnostics
// equal those of site.Build by construction, as long as each page declares what it reads
// (the tests compare both builds over random edits).
package rebuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/layered"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/render"
	"guidepost/generator/internal/search"
	"guidepost/generator/internal/site"
)

// Incremental builds the same site again and again, as dev mode does: see the package
// documentation for what each build reads and renders again.
type Incremental struct {
	fsys     fs.FS
	opts     site.Options
	builtin  fingerprint                     // of the built-in theme, which cannot change
	cache    *layered.Map[string, *rendered] // the pages kept, by file name
	links    fingerprint                     // of the links' targets the cache's fingerprints were made with
	articles articleCache
	last     *lastBuild // what a quick build starts from; nil: the next build is a whole one
	media    mediaCache // the media files' bytes, shared by the build served and the next
	frags    *fragments
	stems    *search.Stems
	search   *search.Cache
	pending  *Pending // the build whose pages are rendering, if any: the next build waits for it
}

// Stats says what one incremental build did.
type Stats struct {
	Rendered []string // the pages rendered, sorted; not the search page, made with every build that renders any page (as the sitemap is)
	Reused   int      // the pages taken from the build before
	Quick    bool     // only the files named were read (see BuildNamed)
}

// fingerprint is the hash of what a page is rendered from.
type fingerprint [sha256.Size]byte

// rendered is a page as it was last rendered.
type rendered struct {
	inputs fingerprint // base with its links' targets
	base   fingerprint
	data   []byte
	log    *pageLog
}

// NewIncremental prepares to build the site in fsys with opts, again and again.
func NewIncremental(fsys fs.FS, opts site.Options) *Incremental {
	if opts.SingleFile {
		opts.Offline = true // as Build does
	}
	h := newHasher()
	if opts.Theme != nil {
		_ = fs.WalkDir(opts.Theme, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			data, err := fs.ReadFile(opts.Theme, p)
			h.str(p, string(data), fmt.Sprint(err))
			return nil
		})
	}
	inc := &Incremental{fsys: fsys, opts: opts, builtin: h.sum(), cache: layered.New[string, *rendered](nil), stems: &search.Stems{}, search: &search.Cache{}}
	inc.articles.limits = opts.Limits
	return inc
}

// Build builds the site into out, as Build does, rendering only the pages whose inputs
// changed since the last call. Every file of the site is written to out, changed or not.
func (inc *Incremental) Build(out site.Output) (site.Result, Stats) {
	return inc.build(out, nil)
}

// BuildNamed is Build for a caller that watches the site's files: named lists the files
// (slash paths relative to the site folder) the watcher reported since the last build began
// (written, created, removed or renamed: whether their bytes changed is for the build to
// tell), and may be empty. A file not listed is taken as it was: a quick build does not look at it, and a
// whole one reads an article not listed only when its size or modification time changed. A
// change the watcher may have missed (lost events, a first build) calls for Build, which
// trusts nothing.
func (inc *Incremental) BuildNamed(out site.Output, named []string) (site.Result, Stats) {
	set := make(map[string]bool, len(named))
	for _, p := range named {
		set[p] = true
	}
	return inc.build(out, set)
}

// build builds the site; named, when not nil, holds the only files that may have changed
// while keeping their size and modification time.
func (inc *Incremental) build(out site.Output, named map[string]bool) (site.Result, Stats) {
	res, stats, _ := inc.start(out, named, Lazy{})
	return res, stats
}

// start builds the site as build does, or returns a pending build as lazy allows (see Start).
func (inc *Incremental) start(out site.Output, named map[string]bool, lazy Lazy) (site.Result, Stats, *Pending) {
	inc.pending.wait()
	inc.pending = nil
	if named != nil {
		if r, ok := inc.planQuick(named); ok {
			if lazy.allowsQuick(r.tasks, r.q.next.b.Searches()) {
				r.out = out
				inc.pending = newPending(r, r.tasks, r.ready(), lazy)
				return site.Result{}, Stats{}, inc.pending
			}
			if res, stats, ok := r.build(out); ok {
				return res, stats, nil
			}
		}
	}
	return inc.whole(out, named, lazy)
}

// whole builds the whole site, reading again the files named (all when named is nil), or
// returns it pending as lazy allows.
func (inc *Incremental) whole(out site.Output, named map[string]bool, lazy Lazy) (site.Result, Stats, *Pending) {
	inc.last = nil
	diags := &diag.List{}
	rfs := &readFS{FS: inc.fsys, sums: make(map[string]fingerprint, len(inc.articles.last)+16)}
	b := inc.load(rfs, named, diags)
	links := targets(b)
	tasks, in, rec := inc.schedule(b, b.Plan(), rfs, links)
	inc.media.reuse(inc.fsys, tasks, named)
	inc.frags = inc.frags.renew(in.global, b.Theme())
	b.SetHooks(&devHooks{b: b, rec: rec, frags: inc.frags, known: rfs.sum})

	wb := &wholeBuild{
		inc: inc, b: b, rfs: rfs, diags: diags, links: links, tasks: tasks, in: in, rec: rec, out: out,
		w:    site.NewWriter(context.Background(), out, diags),
		next: make(map[string]*rendered), files: make(map[string][]byte, len(tasks)),
	}
	if lazy.allows(b, diags, tasks) {
		inc.pending = wb.pending(lazy)
		return site.Result{}, Stats{}, inc.pending
	}
	parallel.Do(len(tasks), func(i int) { wb.run(tasks[i]) })
	res, stats := wb.finish()
	return res, stats, nil
}

// A wholeBuild is a whole build whose files are being produced.
type wholeBuild struct {
	inc   *Incremental
	b     *site.Loaded
	rfs   *readFS
	diags *diag.List
	links fingerprint
	tasks []task
	in    *inputs
	rec   *recorder
	out   site.Output
	w     *site.Writer

	mu    sync.Mutex
	next  map[string]*rendered // the pages to keep for the next build
	files map[string][]byte    // every file written, by name
	stats Stats
}

// run produces the file of task t and writes it; ok is false when there is none.
func (wb *wholeBuild) run(t task) (data []byte, ok bool) {
	if wb.w.Stopped() {
		return nil, false
	}
	entry, ok := t.run(wb.b, wb.rec)
	if !ok || !wb.w.Write(t.Name(), t.Page(), entry.data) {
		return nil, false
	}
	wb.mu.Lock()
	defer wb.mu.Unlock()
	wb.files[t.Name()] = entry.data
	if t.cache {
		wb.next[t.Name()] = entry
	}
	if t.reuse != nil {
		wb.stats.Reused++
	} else if t.Page() {
		wb.stats.Rendered = append(wb.stats.Rendered, t.Name())
	}
	return entry.data, true
}

// finish writes what is made of every page (the search index), checks the links to
// anchors, and keeps what the next build starts from, once every task has run.
func (wb *wholeBuild) finish() (site.Result, Stats) {
	inc, b, w, out, rfs, tasks := wb.inc, wb.b, wb.w, wb.out, wb.rfs, wb.tasks
	defer inc.media.done()
	defer w.Close()
	next, files, stats := wb.next, wb.files, wb.stats
	slices.Sort(stats.Rendered)
	searchFiles, shards, searchPage := b.WriteSearch(w)
	maps.Copy(files, searchFiles)
	res, global := result(b, w, wb.diags, next, shards)
	inc.cache, inc.links = layered.New(next), wb.links
	if _, ok := b.Languages(); ok {
		// The other languages are built whole, after the default one (see languages.go);
		// quick builds know the default language only.
		res = b.Translations(context.Background(), rfs, out, res)
		if rfs.unstable() {
			inc.cache = layered.New[string, *rendered](nil)
		}
		return res, stats
	}
	if rfs.unstable() {
		// A page may mix two versions of a file: keep none. The write that changed the file
		// brings another build.
		inc.cache = layered.New[string, *rendered](nil)
		return res, stats
	}
	// A quick build needs every file of this one, and every page with its log.
	if n := len(tasks) + len(searchFiles); len(res.Written) == n && len(files) == n && searchPage && !slices.ContainsFunc(tasks, func(t task) bool { return t.Page() && !t.cache }) {
		inc.last = newLastBuild(b, wb.in, files, res, global, next)
	}
	return res, stats
}

// result checks the links to anchors once every page is written with w, and returns the
// build's result and the diagnostics that came from no page's log (global).
func result(b *site.Loaded, w *site.Writer, diags *diag.List, pages map[string]*rendered, shards []string) (res site.Result, global []diag.Diagnostic) {
	b.CheckRefs(b.Refs(), diags) // the links of pages without a log
	for _, e := range pages {
		e.log.refDiags = diag.List{}
		b.CheckRefs(e.log.refs, &e.log.refDiags)
	}
	res = w.Result()
	res.Hashed = b.Hashed(shards)
	global = diags.Sorted()
	res.Diags = assemble(global, maps.All(pages))
	return res, global
}

// load loads the site through rfs as Build does, taking from the articles of the last build
// those the watcher did not name and whose size and time held (see articleCache).
func (inc *Incremental) load(rfs *readFS, named map[string]bool, diags *diag.List) *site.Loaded {
	inc.articles.begin(rfs, named)
	b := site.Load(rfs, inc.opts, content.Options{Parse: inc.articles.parse, Cached: inc.articles.cached}, diags)
	inc.articles.forget()
	b.UseSearch(inc.stems, inc.search)
	return b
}

// assemble returns the diagnostics of a build: global, and what each page's markdown and
// links reported.
func assemble(global []diag.Diagnostic, pages iter.Seq2[string, *rendered]) *diag.List {
	l := &diag.List{}
	for _, d := range global {
		l.Add(d)
	}
	for _, e := range pages {
		if e.log.diags.Len() > 0 {
			l.Merge(&e.log.diags)
		}
		if e.log.refDiags.Len() > 0 {
			l.Merge(&e.log.refDiags)
		}
	}
	return l
}

// A task is a job of an incremental build, and what is known of it before it runs.
type task struct {
	site.Job
	key   string      // the page's key (see pageKey)
	cache bool        // the page may be kept for the next build
	base  fingerprint // its fingerprint, its links' targets aside
	reuse *rendered   // the last rendering, when it still holds
}

// schedule decides, for each job, whether its last rendering still holds, and prepares a
// log for each page that is to be rendered and kept.
//
// When links, the fingerprint of every link target, equals that of the last build, a page's
// links resolve as they did and its fingerprint holds when its base does.
func (inc *Incremental) schedule(b *site.Loaded, jobs []site.Job, rfs *readFS, links fingerprint) ([]task, *inputs, *recorder) {
	in := &inputs{global: inc.global(b, rfs), sums: layered.New(rfs.sums)}
	in.themes, in.theme = themes(rfs.sums)
	sums := make([]fingerprint, len(b.Articles()))
	parallel.Do(len(b.Articles()), func(i int) { sums[i] = summary(b.Articles()[i]) })
	summaries := make(map[*content.Article]fingerprint, len(b.Articles()))
	for i, a := range b.Articles() {
		summaries[a] = sums[i]
	}
	in.summaries = layered.New(summaries)
	names := make(map[string]int)
	for _, j := range jobs {
		names[j.Name()]++
	}
	// Fingerprints are computed in parallel, only reading what the build loaded.
	tasks := make([]task, len(jobs))
	parallel.Do(len(jobs), func(i int) {
		j := jobs[i]
		t := task{Job: j}
		if key, ok := pageKey(j); ok && names[j.Name()] == 1 { // two jobs of one name: an error already
			t.key = key
			t.base, t.cache = pageFingerprint(b, key, j, in)
		}
		if prev := inc.cache.Value(j.Name()); t.cache && prev != nil && inc.holds(b, prev, t.base, links) {
			t.reuse = prev
		}
		tasks[i] = t
	})
	rec := &recorder{pages: make(map[string]*pageLog)}
	for _, t := range tasks {
		if t.cache && t.reuse == nil {
			l := &pageLog{page: t.Name()}
			if prev := inc.cache.Value(t.Name()); prev != nil && links == inc.links { // links resolve as they did
				l.before = prev.log
			}
			rec.pages[t.key] = l
		}
	}
	return tasks, in, rec
}

// holds reports whether the rendering prev still holds for a page whose base fingerprint is
// now base.
func (inc *Incremental) holds(b *site.Loaded, prev *rendered, base, links fingerprint) bool {
	if links == inc.links {
		return prev.base == base
	}
	return prev.inputs == withLinks(b, base, prev.log.lookups)
}

// run renders the task's file, or takes it from its last rendering and the anchors it
// defined; ok is false when there is nothing to write. What a kept page's markdown reported
// stays in its log.
func (t task) run(b *site.Loaded, rec *recorder) (*rendered, bool) {
	if t.reuse != nil {
		replay(b, t.reuse.log)
		replaySearch(b, t.key, t.reuse.log)
		return t.reuse, true
	}
	data, ok := b.Produce(t.Job)
	ok = ok && data != nil
	entry := &rendered{data: data}
	if t.cache {
		log := rec.pages[t.key]
		if !ok { // no page keeps the log: report it now
			b.Diags().Merge(&log.diags)
			b.AddRefs(log.refs)
		}
		if ok {
			log.pin(data)
		}
		log.before = nil
		entry.inputs, entry.base, entry.log = withLinks(b, t.base, log.lookups), t.base, log
	}
	return entry, ok
}

// pageKey returns the path of the page that job j renders ("" for the home page,
// "articles/walking/" ...), the path its markdown is converted for; ok is false for files
// that are not such pages, which are always produced again.
func pageKey(j site.Job) (string, bool) {
	if !j.Page() {
		return "", false
	}
	if j.Name() == "404.html" { // reads nothing but the site and the theme, and no markdown
		return j.Name(), true
	}
	return strings.CutSuffix(j.Name(), "index.html")
}

// kindFile reports whether the site's file p is a template that only some kinds of page
// are rendered with (render.KindFiles): its hash goes into those pages' fingerprints (see
// themes), not into what every page reads.
func kindFile(p string) bool {
	name, ok := strings.CutPrefix(p, render.TemplatesDir+"/")
	return ok && !strings.Contains(name, "/") && strings.HasSuffix(name, ".html")
}

// themes returns, for each kind of page, the fingerprint of the site's own copies of the
// templates it is rendered with (a file absent is the built-in one, in every page's global
// fingerprint), and of them all for a page that names no kind.
func themes(sums map[string]fingerprint) (byKind map[string]fingerprint, all fingerprint) {
	byKind = make(map[string]fingerprint, len(render.Kinds))
	h := newHasher()
	for _, kind := range render.Kinds {
		k := newHasher()
		for _, name := range render.KindFiles(kind) {
			p := render.TemplatesDir + "/" + name
			s, ok := sums[p]
			k.str(p, strconv.FormatBool(ok))
			k.write(s[:])
		}
		byKind[kind] = k.sum()
		h.str(kind)
		h.write(k.buf)
	}
	return byKind, h.sum()
}

// global returns the fingerprint of what every page reads.
func (inc *Incremental) global(b *site.Loaded, rfs *readFS) fingerprint {
	h := newHasher()
	h.write(inc.builtin[:])
	h.str(fmt.Sprintf("%+v", b.Settings()), fmt.Sprint(inc.opts.Drafts, inc.opts.Offline, inc.opts.Minify != nil))
	h.strs(inc.opts.Scripts)
	for _, src := range b.ReadsEverywhere() {
		to, ok := b.Resolve(src)
		h.str(src, to, strconv.FormatBool(ok))
	}
	if translated, ok := b.Languages(); ok {
		// Which files are translated decides every page's alternates.
		h.str(fmt.Sprint(translated))
	}
	rfs.mu.Lock()
	defer rfs.mu.Unlock()
	var read []string
	for p := range rfs.sums {
		if p == content.SiteFile || strings.HasPrefix(p, "templates/") && !kindFile(p) || strings.HasPrefix(p, i18n.Dir+"/") {
			read = append(read, p)
		}
	}
	slices.Sort(read)
	for _, p := range read {
		s := rfs.sums[p]
		h.str(p)
		h.write(s[:])
	}
	return h.sum()
}

// inputs is what the fingerprints of one build's pages are made of.
type inputs struct {
	global    fingerprint                                 // what every page reads
	themes    map[string]fingerprint                      // the templates of each kind of page (see themes)
	theme     fingerprint                                 // those of every kind
	sums      *layered.Map[string, fingerprint]           // the files read, by path (a whole build's readFS may add those it reads while rendering, before anything is derived from it)
	summaries *layered.Map[*content.Article, fingerprint] // what listings show of each article
}

// article adds to h what a listing shows of a.
func (in *inputs) article(h *hasher, a *content.Article) {
	s, ok := in.summaries.Get(a)
	if !ok {
		s = summary(a)
	}
	h.write(s[:])
}

// pageFingerprint returns the fingerprint of what the page at key reads, as its job declares
// it (see site.Reads), its markdown's links aside; ok is false for a file that declares
// nothing, which is always made again.
func pageFingerprint(b *site.Loaded, key string, j site.Job, in *inputs) (fingerprint, bool) {
	r, ok := j.Reads()
	if !ok {
		return fingerprint{}, false
	}
	h := newHasher()
	h.write(in.global[:])
	if t, ok := in.themes[r.Theme]; ok {
		h.write(t[:])
	} else {
		h.write(in.theme[:])
	}
	h.str(key)
	h.strs(r.Files)
	for _, p := range r.Files {
		s := in.sums.Value(p)
		h.write(s[:])
	}
	h.buf = binary.AppendUvarint(h.buf, uint64(len(r.Listed)))
	h.buf = slices.Grow(h.buf, len(fingerprint{})*len(r.Listed)) // a tag's listing: thousands
	for _, a := range r.Listed {
		in.article(h, a)
	}
	h.buf = binary.AppendUvarint(h.buf, uint64(len(r.Questionnaires)))
	for _, q := range r.Questionnaires {
		h.questionnaire(q)
	}
	h.strs(r.Slugs)
	h.strs(r.Words)
	for _, src := range r.Links {
		to, ok := b.Resolve(src)
		h.str(src, to, strconv.FormatBool(ok))
	}
	return h.sum(), true
}

// withLinks adds to base what each of the source files looked up resolves to now.
func withLinks(b *site.Loaded, base fingerprint, lookups []string) fingerprint {
	h := newHasher()
	h.write(base[:])
	for _, src := range lookups {
		to, ok := b.Resolve(src)
		h.str(src, to, strconv.FormatBool(ok))
	}
	return h.sum()
}

// targets returns the fingerprint of what every source file a link may name resolves to,
// and of how markdown converts (raw HTML, the ids the theme reserves): a conversion is
// taken from a page's last rendering only when neither changed. It combines one hash per
// source file (see toggle) in no order, so that a quick build adding or removing an article
// could update it alone.
func targets(b *site.Loaded) fingerprint {
	h := newHasher()
	h.str(strconv.FormatBool(b.Settings().EscapeRawHTML))
	if th := b.Theme(); th != nil { // the ids the theme's templates use, which markdown's headings avoid
		ids, prefixes := th.IDs()
		h.strs(ids)
		h.strs(prefixes)
	}
	f := h.sum()
	var buf []byte
	for src, to := range b.Sources() {
		buf = f.toggle(buf, src, to)
	}
	return f
}

// toggle adds to f, or takes away from it, that the source file src resolves to to, using buf
// as scratch space, which it returns.
func (f *fingerprint) toggle(buf []byte, src, to string) []byte {
	buf = binary.AppendUvarint(buf[:0], uint64(len(src)))
	buf = append(buf, src...)
	buf = binary.AppendUvarint(buf, uint64(len(to)))
	buf = append(buf, to...)
	t := sha256.Sum256(buf)
	for i := range f {
		f[i] ^= t[i]
	}
	return buf
}

// replay records again the anchors the markdown of a page defined when it was rendered.
func replay(b *site.Loaded, l *pageLog) {
	for _, a := range l.ids {
		b.AddAnchors(a.path, a.ids)
	}
}

// A recorder keeps, for each page rendered by an incremental build, what its markdown read
// and reported. Its map is filled before rendering starts and only read while pages render.
type recorder struct {
	pages map[string]*pageLog // by page key
}

// pageLog is what converting the markdown of one page looked up and reported.
type pageLog struct {
	page     string // the page's file
	mu       sync.Mutex
	lookups  []string // the source files its links named, in order
	ids      []pathIDs
	refs     []markdown.Ref
	diags    diag.List
	refDiags diag.List // its links to anchors the target does not define, once all pages are rendered
	convs    []*conversion
	search   *search.Doc // the article's search document
	// before is the log of the page's last rendering while the page renders again, when
	// its links resolve as they did then: its conversions may be taken from there.
	before *pageLog
}

// A conversion is one conversion of markdown on a page, kept with what it looked up and
// reported, so that the page renders again without converting markdown that did not change:
// a page listing an article whose title changed, every page after a template edit.
type conversion struct {
	path              string // as in markdown.Doc
	line, col, indent int
	sum               fingerprint // of the markdown
	res               markdown.Result
	lookups           []string
	diags             diag.List
	kept              bool // res.HTML is kept (see pin)
	// file, for the body of an article (devHooks.ConvertArticle), is the hash of the whole
	// file it was read from; zero for any other markdown.
	file fingerprint
}

// reuse returns the conversion of the page's last rendering that stands for converting src
// as doc as the n-th conversion of the page, if there is one.
func (l *pageLog) reuse(n int, src []byte, doc markdown.Doc) *conversion {
	if l.before == nil || n >= len(l.before.convs) {
		return nil
	}
	c := l.before.convs[n]
	if !c.kept || c.path != doc.Path || c.line != doc.Line || c.col != doc.Col || c.indent != doc.Indent || c.sum != sha256.Sum256(src) {
		return nil
	}
	return c
}

// reuseFile returns the conversion of the page's last rendering that stands for
// converting, as the n-th conversion of the page, the body of the article read from the
// file p whose bytes hash to sum, if there is one: the same bytes give the same body at the
// same line.
func (l *pageLog) reuseFile(n int, p string, sum fingerprint) *conversion {
	if l.before == nil || n >= len(l.before.convs) {
		return nil
	}
	c := l.before.convs[n]
	if !c.kept || c.path != p || c.file == (fingerprint{}) || c.file != sum {
		return nil
	}
	return c
}

// withRefDiags returns a copy of l, a page's log once rendered, whose links to anchors
// reported found (see quickBuild.recheck).
func (l *pageLog) withRefDiags(found *diag.List) *pageLog {
	c := &pageLog{page: l.page, lookups: l.lookups, ids: l.ids, refs: l.refs, convs: l.convs, search: l.search}
	c.diags.Merge(&l.diags)
	c.refDiags.Merge(found)
	return c
}

// pin keeps the HTML of the page's conversions once the page is rendered as page: as the
// part of page that holds it, costing no memory, or as a copy when it is short; a long one
// the page does not hold (printed in some other form) is not kept.
func (l *pageLog) pin(page []byte) {
	for _, c := range l.convs {
		h := c.res.HTML
		switch i := index(page, h); {
		case i >= 0:
			c.res.HTML, c.kept = page[i:i+len(h):i+len(h)], true
		case len(h) <= 1024:
			c.res.HTML, c.kept = bytes.Clone(h), true
		default:
			c.res.HTML, c.kept = nil, false
		}
	}
}

// index is bytes.Index for the HTML of a conversion, often kilobytes long, in its page: it
// looks for the HTML's first 32 bytes, which the processor's vector instructions find
// quickly, and compares the rest where they are, where bytes.Index would hash the whole.
func index(page, h []byte) int {
	const head = 32
	if len(h) <= head {
		return bytes.Index(page, h)
	}
	for from := 0; ; {
		i := bytes.Index(page[from:], h[:head])
		if i < 0 {
			return -1
		}
		if bytes.HasPrefix(page[from+i:], h) {
			return from + i
		}
		from += i + 1
	}
}

type pathIDs struct {
	path string
	ids  []string
}

func (r *recorder) log(from string) *pageLog {
	if r == nil {
		return nil
	}
	return r.pages[from]
}

// anchors records in the log of the page from the anchors its markdown defines and links
// to; it reports false when there is no such log.
func (r *recorder) anchors(from, p string, ids []string, refs []markdown.Ref) bool {
	l := r.log(from)
	if l == nil {
		return false
	}
	l.mu.Lock()
	l.ids = append(l.ids, pathIDs{p, ids})
	l.refs = append(l.refs, refs...)
	l.mu.Unlock()
	return true
}

// devHooks are the hooks of an incremental build: while it renders a page it keeps (in
// rec), what the page's markdown looked up, defined and reported, taking conversions of
// unchanged markdown from the page's last rendering, and the search document of an
// article's page; the entries of lists come from frags.
type devHooks struct {
	b     *site.Loaded
	rec   *recorder
	frags *fragments
	// known, when not nil, returns the hash of a file's bytes as the build loaded it (see
	// readFS.sum): an article's body converted from those bytes is not read again.
	known func(p string) (fingerprint, bool)
}

// convert converts markdown for the page from. While an incremental build renders that
// page, its diagnostics and link lookups go to the page's log instead of the build's, and
// the same markdown converted by the page's last rendering is taken from there.
func (h *devHooks) Convert(from string, src []byte, doc markdown.Doc) markdown.Result {
	l := h.rec.log(from)
	if l == nil {
		return h.b.PlainHooks().Convert(from, src, doc)
	}
	if c := l.reuse(len(l.convs), src, doc); c != nil {
		return l.take(c)
	}
	return h.convert(l, from, src, doc).res
}

// ConvertArticle converts the body of article a for its page from. When the page's last
// rendering converted the body of a file with the very bytes the build loaded a from, it
// takes that conversion and does not read the file again: after a template edit, no
// article is read. Otherwise it reads the file, converts its body and notes the file's hash
// with the conversion.
func (h *devHooks) ConvertArticle(from string, a *content.Article) (markdown.Result, error) {
	l := h.rec.log(from)
	if l == nil {
		return h.b.PlainHooks().ConvertArticle(from, a)
	}
	if a.Body != nil { // loaded with its body: nothing to read
		return h.Convert(from, a.Body, markdown.Doc{Path: a.Path, Line: a.BodyLine}), nil
	}
	if h.known != nil {
		if sum, ok := h.known(a.Path); ok {
			if c := l.reuseFile(len(l.convs), a.Path, sum); c != nil {
				return l.take(c), nil
			}
		}
	}
	src, err := content.ReadSource(h.b.FS(), a)
	if err != nil {
		return markdown.Result{}, err
	}
	body, line := content.Body(src)
	doc := markdown.Doc{Path: a.Path, Line: line}
	if c := l.reuse(len(l.convs), body, doc); c != nil {
		return l.take(c), nil
	}
	c := h.convert(l, from, body, doc)
	c.file = sha256.Sum256(src)
	return c.res, nil
}

// take records in l the conversion c of the page's last rendering as the page's next one.
func (l *pageLog) take(c *conversion) markdown.Result {
	l.mu.Lock()
	l.lookups = append(l.lookups, c.lookups...)
	l.mu.Unlock()
	l.diags.Merge(&c.diags)
	l.convs = append(l.convs, c)
	return c.res
}

// convert converts src as doc says for the page from, whose log is l, and records the
// conversion in l.
func (h *devHooks) convert(l *pageLog, from string, src []byte, doc markdown.Doc) *conversion {
	c := &conversion{path: doc.Path, line: doc.Line, col: doc.Col, indent: doc.Indent, sum: sha256.Sum256(src)}
	n := len(l.lookups)
	doc.Linker = recordingLinker{h.b.Linker(from), l}
	c.res = h.b.Convert(src, doc, &c.diags)
	c.lookups = slices.Clone(l.lookups[n:])
	l.diags.Merge(&c.diags)
	l.convs = append(l.convs, c)
	return c
}

func (h *devHooks) Anchors(from, p string, ids []string, refs []markdown.Ref) bool {
	return h.rec.anchors(from, p, ids, refs)
}

func (h *devHooks) Fill(kind string, list render.Summaries) error {
	if h.frags == nil {
		return nil
	}
	return h.frags.fill(h.b.Theme(), kind, list)
}

func (h *devHooks) Indexed(from string, d *search.Doc) {
	if l := h.rec.log(from); l != nil {
		l.search = d
	}
}

// recordingLinker records the source files a page's links name.
type recordingLinker struct {
	markdown.Linker
	log *pageLog
}

func (l recordingLinker) Link(src string) (string, bool) {
	l.log.mu.Lock()
	l.log.lookups = append(l.log.lookups, src)
	l.log.mu.Unlock()
	return l.Linker.Link(src)
}

// readFS is the site folder, remembering the hash of every file read through it, so that
// fingerprints describe the very bytes the build read.
type readFS struct {
	fs.FS
	mu      sync.Mutex
	sums    map[string]fingerprint // by path, as first read
	churned bool                   // a file was read twice and changed in between
}

func (r *readFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.FS, name)
	if err == nil {
		s := fingerprint(sha256.Sum256(data))
		r.mu.Lock()
		if prev, ok := r.sums[name]; !ok {
			r.sums[name] = s
		} else if prev != s {
			r.churned = true
		}
		r.mu.Unlock()
	}
	return data, err
}

// Stat looks at the file name as the site folder does (a stat, where fs.Stat would open
// a file that has no Stat of its own).
func (r *readFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.FS, name) }

// sum returns the hash of the file name as the build first read it, or took it to be (see
// assume); ok is false when the build has not read it.
func (r *readFS) sum(name string) (s fingerprint, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok = r.sums[name]
	return s, ok
}

// assume records sum as the hash of the file name, known not to have changed since it
// was last read, as if it were read now.
func (r *readFS) assume(name string, sum fingerprint) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sums[name]; !ok {
		r.sums[name] = sum
	}
}

// unstable reports whether a file changed while the build read it (an article's body is
// read again when its page renders).
func (r *readFS) unstable() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.churned
}

// hasher hashes strings unambiguously: each is preceded by its length. It gathers the bytes
// and hashes them at once, which is much faster than many small writes.
type hasher struct{ buf []byte }

func newHasher() *hasher { return &hasher{buf: make([]byte, 0, 512)} }

func (h *hasher) write(p []byte) { h.buf = append(h.buf, p...) }

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.buf = binary.AppendUvarint(h.buf, uint64(len(s)))
		h.buf = append(h.buf, s...)
	}
}

func (h *hasher) strs(ss []string) {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(ss)))
	h.str(ss...)
}

// questionnaire adds what a listing shows of q.
func (h *hasher) questionnaire(q *questionnaire.Questionnaire) {
	h.str("q", q.Slug, q.Title, q.Description)
}

func (h *hasher) sum() fingerprint { return sha256.Sum256(h.buf) }

// summary returns the fingerprint of what a listing shows of a.
func summary(a *content.Article) fingerprint {
	h := newHasher()
	h.str("a", a.Slug, a.Title, a.Description, fmt.Sprint(a.Draft))
	return h.sum()
}

// articleCache keeps the articles parsed by the last build, by path, with their bytes' hash,
// the file's size and modification time before it was read, and what parsing them
// reported, so that only changed articles are parsed again, and unchanged ones not even read
// when a watcher vouches for them.
type articleCache struct {
	rfs    *readFS         // the site of the build under way
	named  map[string]bool // the files the watcher named; nil: no watcher, read every file
	limits limits.Limits   // of every article parsed

	mu        sync.Mutex
	stats     map[string]fileStat // the files' size and time before this build read them
	last, now map[string]parsedArticle
}

type parsedArticle struct {
	sum     fingerprint
	stat    fileStat
	article content.Article
	diags   *diag.List
}

// fileStat is what a watcher-trusting build compares to tell an unchanged file.
type fileStat struct {
	known bool // the file could be looked at
	size  int64
	mtime int64 // in nanoseconds since 1970
}

// begin prepares for a build of rfs; named is as for Incremental.build.
func (c *articleCache) begin(rfs *readFS, named map[string]bool) {
	c.rfs, c.named = rfs, named
	c.stats = make(map[string]fileStat)
	c.now = make(map[string]parsedArticle, len(c.last))
}

// cached stands for content.Options.Cached: it returns the article the last build parsed
// from the file p if the watcher did not name p and p's size and modification time are
// those it had then. Otherwise it returns nil and notes them for parse, the file being read
// after this.
func (c *articleCache) cached(p string, diags *diag.List) *content.Article {
	var st fileStat
	if info, err := fs.Stat(c.rfs.FS, p); err == nil {
		st = fileStat{known: true, size: info.Size(), mtime: info.ModTime().UnixNano()}
	}
	c.mu.Lock()
	e, ok := c.last[p]
	if c.named == nil || c.named[p] || !ok || !st.known || e.stat != st {
		c.stats[p] = st
		c.mu.Unlock()
		return nil
	}
	c.mu.Unlock()
	c.rfs.assume(p, e.sum)
	return c.keep(p, e, diags)
}

// parse stands for content.ParseArticle.
func (c *articleCache) parse(p string, src []byte, diags *diag.List) *content.Article {
	sum := fingerprint(sha256.Sum256(src))
	c.mu.Lock()
	e, ok := c.last[p]
	st := c.stats[p]
	c.mu.Unlock()
	if !ok || e.sum != sum {
		e = parsedArticle{sum: sum, diags: &diag.List{}}
		e.article = *content.ParseArticleWith(p, src, c.limits, e.diags)
		e.article.Body = nil // content.ReadBody reads it again when its page renders
	}
	e.stat = st
	return c.keep(p, e, diags)
}

// keep keeps e for the next build and returns a copy of its article.
func (c *articleCache) keep(p string, e parsedArticle, diags *diag.List) *content.Article {
	c.mu.Lock()
	c.now[p] = e
	c.mu.Unlock()
	diags.Merge(e.diags)
	a := e.article // a copy: nothing a build does to it reaches the cache
	return &a
}

// forget drops the articles the last build parsed and this one did not.
func (c *articleCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last, c.now = c.now, nil
	c.rfs, c.named, c.stats = nil, nil, nil
}
