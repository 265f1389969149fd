package site

import (
	"context"
	"io/fs"
	"iter"
	"slices"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/render"
	"guidepost/generator/internal/search"
)

// Loaded is a site loaded and indexed, as a build has it before it renders: what a dev
// rebuild (package rebuild) plans, renders page by page and keeps from one build to the
// next. Build itself does not use it. Its methods are the builder's, for that one caller.
type Loaded struct{ b *builder }

// Load reads everything a build of fsys needs and computes the indexes pages read, as Build
// does. reuse's Parse and Cached, when set, are those of content.Options (a dev rebuild
// reuses the articles that did not change).
func Load(fsys fs.FS, opts Options, reuse content.Options, diags *diag.List) *Loaded {
	return &Loaded{load(fsys, opts, reuse, diags)}
}

// UseSearch makes the search index with stems and cache, kept from build to build; it does
// nothing on a site without search.
func (l *Loaded) UseSearch(stems *search.Stems, cache *search.Cache) {
	if l.b.search != nil {
		l.b.search = newSearchDocs(stems)
		l.b.search.cache = cache
	}
}

// A Job makes one file of the site.
type Job struct{ j job }

// Name is the file's path in the output.
func (j Job) Name() string { return j.j.name }

// Page reports whether the file is an HTML page.
func (j Job) Page() bool { return j.j.page }

// CopyFrom is, for a file copied as it is (media), its path in the site folder; "" otherwise.
func (j Job) CopyFrom() string { return j.j.copyFrom }

// Reads returns what the page declares it renders from besides what every page reads;
// ok is false for a file that declares nothing, which every build makes again.
func (j Job) Reads() (r Reads, ok bool) {
	if j.j.reads == nil {
		return Reads{}, false
	}
	return j.j.reads(), true
}

// Render returns the file's bytes as the job makes them (see Loaded.Produce).
func (j Job) Render() ([]byte, error) { return j.j.render() }

// SetRender makes the job's bytes come from render.
func (j *Job) SetRender(render func() ([]byte, error)) { j.j.render = render }

func jobs(list []job) []Job {
	out := make([]Job, len(list))
	for i, j := range list {
		out[i] = Job{j}
	}
	return out
}

// Plan lists every file of the site but those of search (see WriteSearch).
func (l *Loaded) Plan() []Job { return jobs(l.b.plan()) }

// ArticleJob returns the job of a's page.
func (l *Loaded) ArticleJob(a *content.Article) Job { return Job{l.b.articleJob(a)} }

// Produce renders j, reporting problems to the build's diagnostics; ok is false when it
// failed.
func (l *Loaded) Produce(j Job) ([]byte, bool) { return produce(l.b, j.j) }

// SetHooks makes the builder call h while pages render.
func (l *Loaded) SetHooks(h Hooks) { l.b.hooks = h }

// PlainHooks returns the hooks of a build, which keep nothing.
func (l *Loaded) PlainHooks() Hooks { return plainHooks{l.b} }

// FS returns the site folder the builder reads.
func (l *Loaded) FS() fs.FS { return l.b.fsys }

// Linker returns what resolves the links of markdown on the page from.
func (l *Loaded) Linker(from string) markdown.Linker { return linker{l.b, from} }

// Convert converts the markdown src as doc says (its Linker included), reporting to diags.
func (l *Loaded) Convert(src []byte, doc markdown.Doc, diags *diag.List) markdown.Result {
	return l.b.md.Convert(src, doc, diags)
}

// Theme returns the theme the pages render with.
func (l *Loaded) Theme() *render.Theme { return l.b.theme }

// Settings returns the site's settings (site.yaml, with the options that override it).
func (l *Loaded) Settings() content.Site { return l.b.site }

// Articles returns the articles, in listing order.
func (l *Loaded) Articles() []*content.Article { return l.b.articles }

// ArticleAt returns the article made from the source file p, or nil.
func (l *Loaded) ArticleAt(p string) *content.Article { return l.b.articleAt(p) }

// Resolve returns the page or file the source file src builds.
func (l *Loaded) Resolve(src string) (string, bool) {
	to, ok := l.b.bySource.Get(src)
	return to, ok
}

// Sources returns every source file a link may name, with what it builds, in no order.
func (l *Loaded) Sources() iter.Seq2[string, string] { return l.b.bySource.All() }

// ReadsEverywhere returns the source files that what every page shows links to.
func (l *Loaded) ReadsEverywhere() []string { return l.b.readsEverywhere() }

// Languages reports whether the site has several languages; translated then lists, by
// original file, the languages it is translated into.
func (l *Loaded) Languages() (translated map[string][]string, ok bool) {
	if l.b.lang == nil {
		return nil, false
	}
	return l.b.lang.translated, true
}

// Translations builds the site's other languages after the default one, as Build does, and
// adds what they wrote and reported to res.
func (l *Loaded) Translations(ctx context.Context, fsys fs.FS, out Output, res Result) Result {
	return buildTranslations(ctx, fsys, l.b.opts, out, l.b.site, res)
}

// Diags returns the list the build reports to.
func (l *Loaded) Diags() *diag.List { return l.b.diags }

// Derive returns the site once the edits are made to its articles (which keep their slug),
// reading fsys and reporting to diags, with the hooks of a build and no links to anchors
// kept; the jobs of the files that may show the edits besides the edited articles' own
// pages (see ArticleJob): none when only bodies changed; and the names of the pages gone:
// the listings of the tags the edits left without articles (a tag an edit brings has its
// listing among the jobs). l is left as it was, so that it stays whole should the new site
// fail to render.
func (l *Loaded) Derive(fsys fs.FS, diags *diag.List, edits []Edit) (*Loaded, []Job, []string) {
	b, j, gone := l.b.derive(fsys, diags, edits)
	return &Loaded{b}, jobs(j), gone
}

// AddAnchors records the ids a page defines for the source file p, as its rendering did.
func (l *Loaded) AddAnchors(p string, ids []string) {
	l.b.mu.Lock()
	l.b.ids.Set(p, append(slices.Clip(l.b.ids.Value(p)), ids...))
	l.b.mu.Unlock()
}

// ForgetAnchors drops the ids a page defined for the source file p.
func (l *Loaded) ForgetAnchors(p string, ids []string) { l.b.forget(p, ids) }

// Refs returns the links to anchors that the builder kept, to be checked once every page
// is rendered.
func (l *Loaded) Refs() []markdown.Ref { return l.b.refs }

// AddRefs keeps refs with the builder's links to anchors.
func (l *Loaded) AddRefs(refs []markdown.Ref) {
	l.b.mu.Lock()
	l.b.refs = append(l.b.refs, refs...)
	l.b.mu.Unlock()
}

// CheckRefs reports to diags the links of refs to anchors their target does not define.
func (l *Loaded) CheckRefs(refs []markdown.Ref, diags *diag.List) { l.b.checkRefs(refs, diags) }

// AddSearch records d as the search document of the article page, as its rendering made it.
func (l *Loaded) AddSearch(page string, d *search.Doc) {
	if l.b.search != nil && d != nil {
		l.b.search.add(page, d)
	}
}

// SearchFiles returns the jobs of the files of search, once every article is rendered, and
// the names of the index's shards, sorted.
func (l *Loaded) SearchFiles() ([]Job, []string) {
	files, shards := l.b.searchFiles()
	return jobs(files), shards
}

// WriteSearch produces the files of search and writes them with w: it returns those
// written, by name, the shards' names, sorted, and whether the search page was written (or
// the site has no search).
func (l *Loaded) WriteSearch(w *Writer) (files map[string][]byte, shards []string, ok bool) {
	so := l.b.writeSearch(w)
	return so.data, so.shards, so.page || l.b.search == nil
}

// Hashed returns the files named by a hash of their content, sorted: the theme's assets and
// the shards.
func (l *Loaded) Hashed(shards []string) []string { return l.b.hashed(shards) }
