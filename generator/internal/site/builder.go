package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/layered"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/render"
	"guidepost/generator/internal/search"
)

// builder holds what one build knows once the content is loaded: the indexes every page
// reads (computed once, read-only while pages render) and the anchors found while rendering.
type builder struct {
	fsys  fs.FS
	opts  Options
	site  content.Site
	theme *render.Theme
	md    *markdown.Converter
	diags *diag.List
	links links
	cat   *i18n.Catalogue // the theme's words in the language built
	lang  *langSite       // the site's languages, when it has several; nil otherwise

	articles       []*content.Article
	media          []string // content/media files, copied as they are
	questionnaires []*questionnaire.Questionnaire
	// bySource, bySlug and paths are derived, not copied, by a dev rebuild (package layered).
	bySource     *layered.Map[string, string] // source file -> page or file path it builds
	names        sourceNames                  // bySource's keys by base name, for hints
	bySlug       *layered.Map[string, *content.Article]
	tags         []tag
	az           [][]*content.Article // the pages of the A to Z of the articles (see indexAZ)
	groups       *tagGroups           // the articles by set of tags, for related
	related      map[*content.Article][]*content.Article
	recommenders map[string][]*questionnaire.Questionnaire // article slug -> questionnaires

	mu  sync.Mutex
	ids *layered.Map[string, []string] // source file -> ids its page defines
	// paths holds the source files of the articles and questionnaires, each as its own key:
	// a link's target is made the path its file already has, so that the links kept until
	// every page is rendered keep no copies of file names.
	paths *layered.Map[string, string]
	refs  []markdown.Ref

	search *searchDocs // the articles' search documents, made as their pages render; nil without search
	hooks  Hooks       // plainHooks for a build; a dev rebuild's own (package rebuild) to keep and reuse work

	noticeMu sync.Mutex
	notices  map[int]template.HTML // the site's notice by the depth of the page it is on
	// noticeLinks are the source files the notice's links name, in order.
	noticeLinks []string

	smap        *sitemapState // the sitemap's entries of the articles, made once (see sitemap.go)
	paginations *paginations  // shared by the builders derived from this one (see pagination)
}

// Hooks are the five points of rendering a page at which a dev rebuild (package rebuild)
// keeps work for the next rebuild and takes it from the last one. The builder calls them and
// knows nothing more of dev mode; plainHooks is what a build does.
type Hooks interface {
	// Convert converts the markdown src for the page from.
	Convert(from string, src []byte, doc markdown.Doc) markdown.Result
	// ConvertArticle converts the body of article a for its page from, as Convert converts
	// what content.ReadBody returns; a dev rebuild that holds the conversion of the very
	// file it would read takes that, without reading the file.
	ConvertArticle(from string, a *content.Article) (markdown.Result, error)
	// Anchors takes the ids and links to anchors that the markdown of source file p
	// defines on the page from; false leaves them to the builder.
	Anchors(from, p string, ids []string, refs []markdown.Ref) bool
	// Fill sets the HTML of the entries of list, shown on a page of kind (render.Summary.HTML).
	Fill(kind string, list render.Summaries) error
	// Indexed notes the search document made for the article page from; nil: none (a draft).
	Indexed(from string, d *search.Doc)
}

// plainHooks are the hooks of a build: convert, and keep nothing.
type plainHooks struct{ b *builder }

func (h plainHooks) Convert(from string, src []byte, doc markdown.Doc) markdown.Result {
	doc.Linker = linker{h.b, from}
	return h.b.md.Convert(src, doc, h.b.diags)
}

func (h plainHooks) ConvertArticle(from string, a *content.Article) (markdown.Result, error) {
	body, line, err := content.ReadBody(h.b.fsys, a)
	if err != nil {
		return markdown.Result{}, err
	}
	return h.Convert(from, body, markdown.Doc{Path: a.Path, Line: line}), nil
}

func (plainHooks) Anchors(string, string, []string, []markdown.Ref) bool { return false }
func (plainHooks) Fill(string, render.Summaries) error                   { return nil }
func (plainHooks) Indexed(string, *search.Doc)                           {}

// A tag is one tag's listing.
type tag struct {
	name     string
	articles []*content.Article
}

func newBuilder(fsys fs.FS, opts Options, c *content.Content, questionnaires []*questionnaire.Questionnaire, theme *render.Theme, diags *diag.List) *builder {
	b := &builder{
		fsys: fsys, opts: opts, site: c.Site, theme: theme, diags: diags,
		md:             newConverter(c.Site, theme, opts.Limits),
		links:          links{offline: opts.Offline, fragments: opts.SingleFile},
		media:          c.Media,
		articles:       c.Articles,
		questionnaires: questionnaires,

		related:      make(map[*content.Article][]*content.Article),
		recommenders: make(map[string][]*questionnaire.Questionnaire),
		ids:          layered.New[string, []string](nil),
		smap:         &sitemapState{},
		paginations:  &paginations{m: make(map[string]template.HTML)},
	}
	b.hooks = plainHooks{b}
	if c.Site.Search {
		b.search = newSearchDocs(nil)
	}
	bySource, bySlug, paths := make(map[string]string, len(b.articles)), make(map[string]*content.Article, len(b.articles)), make(map[string]string, len(b.articles))
	for _, a := range b.articles {
		if a.Slug != "" {
			bySource[a.Path] = articlePage(a.Slug)
			paths[a.Path] = a.Path
			bySlug[a.Slug] = a
		}
	}
	b.bySource, b.bySlug, b.paths = layered.New(bySource), layered.New(bySlug), layered.New(paths)
	for _, q := range questionnaires {
		b.bySource.Set(q.Path, questionnairePage(q.Slug))
		b.paths.Set(q.Path, q.Path)
		b.checkActions(q)
		for _, n := range q.Nodes {
			for _, slug := range n.Articles {
				if !slices.Contains(b.recommenders[slug], q) {
					b.recommenders[slug] = append(b.recommenders[slug], q)
				}
			}
		}
	}
	for _, m := range c.Media {
		b.bySource.Set(m, strings.TrimPrefix(m, content.Dir+"/"))
	}
	for _, l := range c.Site.FooterLinks {
		if _, ok := b.bySource.Get(l.Article); l.Article != "" && !ok {
			b.diags.Hintf(l.Pos, "name an article's source file inside content/articles/, such as accessibility.md",
				"footer_links: %s is not an article that is built", l.Href)
		}
	}
	if c.Site.Notice != "" {
		b.notices = make(map[int]template.HTML)
		b.notice("") // reports its errors once
	}
	b.indexTags()
	b.indexAZ()
	return b
}

// notice returns the site's notice as HTML for the page p. Its links depend only on how
// deep p is, so it is converted once for each depth; only the first conversion reports
// the notice's errors.
func (b *builder) notice(p string) template.HTML {
	if b.notices == nil {
		return ""
	}
	depth := strings.Count(p, "/")
	if b.links.fragments {
		depth = 0
	}
	b.noticeMu.Lock()
	defer b.noticeMu.Unlock()
	if h, ok := b.notices[depth]; ok {
		return h
	}
	diags := b.diags
	if len(b.notices) > 0 {
		diags = new(diag.List)
	}
	var l markdown.Linker = linker{b, p}
	if len(b.notices) == 0 { // the first conversion: note the files its links name
		l = namingLinker{linker{b, p}, &b.noticeLinks}
	}
	doc := markdown.Doc{Path: content.SiteFile, Line: b.site.NoticeLine, Col: b.site.NoticeCol, Linker: l}
	h := template.HTML(b.md.Convert([]byte(b.site.Notice), doc, diags).HTML)
	b.notices[depth] = h
	return h
}

// namingLinker is a linker that notes the source files looked up.
type namingLinker struct {
	linker
	named *[]string
}

func (l namingLinker) Link(src string) (string, bool) {
	*l.named = append(*l.named, src)
	return l.linker.Link(src)
}

// readsEverywhere returns the source files that what every page shows (the notice, the
// footer's links) links to: a dev rebuild renders every page again when one of them moves.
func (b *builder) readsEverywhere() []string {
	srcs := slices.Clone(b.noticeLinks)
	for _, l := range b.site.FooterLinks {
		if l.Article != "" {
			srcs = append(srcs, l.Article)
		}
	}
	return srcs
}

func articlePage(slug string) string       { return "articles/" + slug + "/" }
func tagPage(name string) string           { return "tags/" + name + "/" }
func questionnairePage(slug string) string { return "questionnaires/" + slug + "/" }
func nodePage(slug, id string) string      { return "questionnaires/" + slug + "/" + id + "/" }

// indexTags groups articles by tag and finds each article's related articles: those that
// share the most tags with it, then in listing order. It groups the articles by their set of
// tags unless b.groups holds them already (see relist).
func (b *builder) indexTags() {
	var wg sync.WaitGroup
	wg.Go(func() { // beside the tags: a dev rebuild waits for both
		if b.groups == nil {
			b.groups = groupTags(b.articles)
		}
		b.related = b.groups.related(b.articles, 5)
	})
	defer wg.Wait()
	b.tags = nil
	byName := make(map[string]*tag)
	for _, a := range b.articles {
		for _, t := range a.Tags {
			if byName[t] == nil {
				byName[t] = &tag{name: t}
			}
			byName[t].articles = append(byName[t].articles, a)
		}
	}
	for _, t := range byName {
		b.tags = append(b.tags, *t)
	}
	slices.SortFunc(b.tags, func(x, y tag) int { return strings.Compare(x.name, y.name) })
}

// plan lists every file of the site: first the listings, whose size grows with the site's
// (see Build), then the articles' pages.
func (b *builder) plan() []job {
	jobs := b.listings()
	for _, a := range b.paged() {
		jobs = append(jobs, b.articleJob(a))
	}
	return jobs
}

// paged returns the articles that have a page, in listing order.
func (b *builder) paged() []*content.Article {
	return slices.DeleteFunc(slices.Clone(b.articles), func(a *content.Article) bool { return a.Slug == "" })
}

// listings lists the files of the site but the articles' pages, the home page first.
func (b *builder) listings() []job {
	jobs := []job{b.homeJob(), b.tagsJob()}
	jobs = append(jobs, b.azJobs()...)
	for i := range b.tags {
		jobs = append(jobs, b.tagJob(&b.tags[i]))
	}
	for _, q := range b.questionnaires {
		jobs = append(jobs, b.questionnaireJobs(q)...)
		if b.site.Maps {
			jobs = append(jobs, job{name: questionnairePage(q.Slug) + "map.svg", source: q.Path, render: func() ([]byte, error) { return drawMap(q) }})
		}
	}
	for _, m := range b.media {
		if !b.sharedFiles() {
			break
		}
		jobs = append(jobs, job{name: b.bySource.Value(m), source: m, copyFrom: m, render: func() ([]byte, error) {
			return fs.ReadFile(b.fsys, m)
		}})
	}
	for _, a := range b.theme.Assets() {
		if !b.sharedFiles() {
			break
		}
		jobs = append(jobs, job{name: a.Path, source: "templates/" + a.Name, render: func() ([]byte, error) {
			return a.Data, nil
		}})
	}
	if !b.opts.Offline && b.sharedFiles() {
		jobs = append(jobs, job{name: "404.html", source: "templates/404.html", page: true, render: b.renderNotFound, reads: readsNotFound})
	}
	if b.sitemap() {
		jobs = append(jobs, b.sitemapJob())
		if b.sharedFiles() {
			jobs = append(jobs, job{name: "robots.txt", source: content.SiteFile, render: b.renderRobots})
		}
	}
	return jobs
}

// sitemap reports whether the site has a sitemap and robots.txt: a published site with its address.
func (b *builder) sitemap() bool { return !b.opts.Offline && b.site.BaseURL != "" }

func (b *builder) homeJob() job {
	return job{name: "index.html", source: content.SiteFile, page: true, render: b.renderIndex, reads: b.readsIndex}
}

func (b *builder) articleJob(a *content.Article) job {
	return job{name: articlePage(a.Slug) + "index.html", source: a.Path, page: true,
		render: func() ([]byte, error) { return b.renderArticle(a) },
		reads:  func() Reads { return b.readsArticle(a) }}
}

func (b *builder) tagJob(t *tag) job {
	return job{name: tagPage(t.name) + "index.html", source: content.ArticlesDir, page: true,
		render: func() ([]byte, error) { return b.renderTag(t) },
		reads:  func() Reads { return Reads{Listed: t.articles, Theme: "tag"} }}
}

// questionnaireJobs returns the jobs rendering q's page and its nodes' pages.
func (b *builder) questionnaireJobs(q *questionnaire.Questionnaire) []job {
	jobs := []job{{name: questionnairePage(q.Slug) + "index.html", source: q.Path, page: true,
		render: func() ([]byte, error) { return b.renderQuestionnaire(q) },
		reads:  func() Reads { return b.readsQuestionnaire(q, nil) }}}
	pages, err := q.Pages() // an error (a broken tree) is reported by Check
	if err != nil {
		return jobs
	}
	w := newWays(pages)
	for i, pg := range pages {
		jobs = append(jobs, job{name: questionnairePage(q.Slug) + pg.Dir + "index.html", source: q.Path, page: true,
			render: func() ([]byte, error) { return b.renderNode(q, pages, w, i) },
			reads:  func() Reads { return b.readsQuestionnaire(q, pg.Node) }})
	}
	return jobs
}

func (b *builder) sitemapJob() job {
	return job{name: "sitemap.xml", source: content.SiteFile, render: b.renderSitemap}
}

// links computes URLs between the files of the site.
type links struct {
	offline   bool
	fragments bool // one file: pages are "#" + SectionID, files are paths from the root
	// prefix is the folder of the language built on a site of several languages ("cy/"),
	// "" for the default: paths given to rel are under it, but for those starting with "/",
	// which are from the site's root (shared files, other languages' pages).
	prefix string
}

// rel returns the URL of to as seen from the page from. Both are paths from the site root;
// pages end in "/" (the home page is ""), files do not.
func (l links) rel(from, to string) string {
	if root, ok := strings.CutPrefix(to, "/"); ok {
		to = root
		from = l.prefix + from
	} else if l.prefix != "" {
		from, to = l.prefix+from, l.prefix+to
	}
	if l.fragments {
		if to == "" || strings.HasSuffix(to, "/") {
			return "#" + SectionID(to)
		}
		return escapePath(to)
	}
	u := strings.Repeat("../", strings.Count(from, "/")) + escapePath(to)
	if l.offline && (to == "" || strings.HasSuffix(to, "/")) {
		return u + "index.html"
	}
	if u == "" {
		return "./"
	}
	return u
}

// linker resolves the links of markdown rendered on the page from.
type linker struct {
	b    *builder
	from string
}

func (l linker) Link(src string) (string, bool) {
	to, ok := l.b.bySource.Get(src)
	if !ok {
		return "", false
	}
	return l.b.links.rel(l.from, to), true
}

// markdown converts the markdown of doc for the page from, records the anchors it defines and
// links to, and returns the HTML.
func (b *builder) markdown(from string, src []byte, doc markdown.Doc) template.HTML {
	r := b.hooks.Convert(from, src, doc)
	b.anchors(from, doc.Path, r.IDs, r.Refs)
	return template.HTML(r.HTML)
}

// anchors records the ids the markdown of source file p defines and the anchors it links to,
// unless the hooks take the links (a dev rebuild keeps them with the page).
func (b *builder) anchors(from, p string, ids []string, refs []markdown.Ref) {
	logged := b.hooks.Anchors(from, p, ids, refs)
	b.mu.Lock()
	b.ids.Set(p, append(slices.Clip(b.ids.Value(p)), ids...))
	if !logged {
		for _, r := range refs {
			if t, ok := b.paths.Get(r.Target); ok {
				r.Target = t
			}
			if b.lang != nil && b.lang.skipRef(p, r.Target) {
				continue
			}
			b.refs = append(b.refs, r)
		}
	}
	b.mu.Unlock()
}

// inline converts one line of markdown, without its paragraph.
func (b *builder) inline(from string, src string, doc markdown.Doc) template.HTML {
	r := b.hooks.Convert(from, []byte(src), doc)
	h := bytes.TrimSpace(r.HTML)
	if bytes.HasPrefix(h, []byte("<p>")) && bytes.HasSuffix(h, []byte("</p>")) && bytes.Count(h, []byte("<p>")) == 1 {
		h = h[3 : len(h)-4]
	}
	return template.HTML(h)
}

// checkRefs reports to diags the links of refs to anchors that the target page does not
// define. It runs once every page is rendered.
func (b *builder) checkRefs(refs []markdown.Ref, diags *diag.List) {
	for _, r := range refs {
		ids := b.ids.Value(r.Target)
		if slices.Contains(ids, r.Fragment) {
			continue
		}
		hint := diag.Suggest(r.Fragment, ids)
		if hint == "" {
			hint = "link to a heading of that page, written as its id (\"## When to stop\" is #when-to-stop)"
		}
		diags.Hintf(r.Pos, hint, "%s has no heading with id %q", r.Target, r.Fragment)
	}
}

// page returns what every page has, for the page at p.
func (b *builder) page(p, title, description string, crumbs ...render.Link) render.Page {
	pg := render.Page{
		Site:        render.Site{Title: b.site.Title, Description: b.site.Description, Language: b.site.Language, Organisation: b.site.Organisation},
		Notice:      b.notice(p),
		Title:       title,
		Description: description,
		Home:        b.links.rel(p, ""),
		Crumbs:      crumbs,
		Assets:      make(map[string]string),
	}
	if b.search != nil {
		pg.Search = b.links.rel(p, searchPage)
	}
	if pg.Description == "" {
		pg.Description = b.site.Description
	}
	if b.site.BaseURL != "" && !b.opts.Offline {
		pg.Canonical = b.site.BaseURL + p
	}
	for _, a := range b.theme.Assets() {
		pg.Assets[strings.TrimPrefix(a.Name, "assets/")] = b.links.rel(p, b.shared(a.Path))
	}
	for _, s := range b.opts.Scripts {
		pg.Scripts = append(pg.Scripts, b.links.rel(p, b.shared(s)))
	}
	for _, l := range b.site.FooterLinks {
		u := l.Href
		if l.Article != "" {
			u = b.links.rel(p, b.bySource.Value(l.Article))
			if _, frag, ok := strings.Cut(l.Href, "#"); ok {
				u += "#" + frag
			}
		}
		pg.FooterLinks = append(pg.FooterLinks, render.Link{URL: u, Text: l.Label})
	}
	b.setPageLanguage(&pg, p)
	return pg
}

// shared returns the path of a file at the site's root (an asset, a script) as rel takes it
// from the pages of any language.
func (b *builder) shared(p string) string {
	if b.links.prefix == "" {
		return p
	}
	return "/" + p
}

// date returns t as the pages show a day, in the language built; nil when t is zero.
func (b *builder) date(t time.Time) *render.Date {
	if t.IsZero() {
		return nil
	}
	return &render.Date{ISO: t.Format(time.DateOnly), Text: b.cat.Date(t)}
}

func (b *builder) home(p string) render.Link {
	return render.Link{URL: b.links.rel(p, ""), Text: b.cat.Must("page.home")}
}

// summaries returns the entries listing the articles of list on the page from, of kind,
// filled by the hooks (a dev rebuild gives each the HTML it rendered before).
func (b *builder) summaries(kind, from string, list []*content.Article) (render.Summaries, error) {
	out := make(render.Summaries, len(list))
	// Every entry's URL climbs out of from's folder as rel does: the way up, made once (a
	// list may hold 10,000 entries).
	up, plain := "", b.links.prefix == "" && !b.links.fragments && !b.links.offline
	if plain {
		up = strings.Repeat("../", strings.Count(from, "/")) + "articles/"
	}
	for i, a := range list {
		var u string
		if plain && a.Slug != "" && !needsEscape(a.Slug) {
			u = up + a.Slug + "/"
		} else {
			u = b.links.rel(from, articlePage(a.Slug))
		}
		out[i] = render.Summary{URL: u, Title: a.Title, Description: a.Description, Draft: a.Draft}
		out[i].Lang, out[i].Dir = b.otherLang(a.Lang)
	}
	if err := b.hooks.Fill(kind, out); err != nil {
		return nil, err
	}
	return out, nil
}

func (b *builder) questionnaireSummaries(from string, list []*questionnaire.Questionnaire) []render.Summary {
	out := make([]render.Summary, len(list))
	for i, q := range list {
		out[i] = render.Summary{URL: b.links.rel(from, questionnairePage(q.Slug)), Title: q.Title, Description: q.Description}
		out[i].Lang, out[i].Dir = b.otherLang(q.Lang)
	}
	return out
}

// readsIndex: the home page lists the first articles and every questionnaire, shows the
// topics with their counts and the number of articles.
func (b *builder) readsIndex() Reads {
	return Reads{Listed: b.articles[:min(len(b.articles), homeArticles)], Questionnaires: b.questionnaires,
		Words: append(b.tagCounts(), strconv.Itoa(len(b.articles))), Theme: "index"}
}

// renderIndex renders the home page: the questionnaires, the most used topics, and the
// first articles in listing order, with links to every topic and to the A to Z.
func (b *builder) renderIndex() ([]byte, error) {
	paged := b.articles
	if len(paged) > homeArticles {
		paged = paged[:homeArticles]
	}
	articles, err := b.summaries("index", "", paged)
	if err != nil {
		return nil, err
	}
	topics, more := b.homeTopicList()
	return b.theme.Execute("index", render.Index{
		Page:           b.page("", "", b.site.Description),
		Questionnaires: b.questionnaireSummaries("", b.questionnaires),
		Topics:         topics,
		MoreTopics:     more,
		TopicsURL:      b.links.rel("", tagsPage),
		Articles:       articles,
		Total:          len(b.articles),
		ArticlesURL:    b.links.rel("", azPage),
	})
}

// readsArticle: an article's page renders its source file (body, front matter, sources,
// tags), lists its related articles and the questionnaires recommending it.
func (b *builder) readsArticle(a *content.Article) Reads {
	return Reads{Files: []string{a.Path}, Listed: b.related[a], Questionnaires: b.recommenders[a.Slug], Theme: "article"}
}

func (b *builder) renderArticle(a *content.Article) ([]byte, error) {
	p := articlePage(a.Slug)
	// Bodies are read when their page renders, not kept from loading (content.Options.NoBodies).
	conv, err := b.hooks.ConvertArticle(p, a)
	if err != nil {
		return nil, err
	}
	b.anchors(p, a.Path, conv.IDs, conv.Refs)
	related, err := b.summaries("article", p, b.related[a])
	if err != nil {
		return nil, err
	}
	data := render.Article{
		Page:           b.page(p, a.Title, a.Description, b.home(p)),
		Body:           template.HTML(conv.HTML),
		Published:      b.date(a.Date),
		Reviewed:       b.date(a.Reviewed),
		Related:        related,
		Questionnaires: b.questionnaireSummaries(p, b.recommenders[a.Slug]),
	}
	data.Draft = a.Draft
	data.Contents = contents(data.Body)
	if !a.Reviewed.IsZero() && !b.site.ReviewAfter.IsZero() {
		data.NextReview = b.date(b.site.ReviewAfter.After(a.Reviewed))
	}
	b.translatedPage(&data.Page, a.Path)
	b.indexArticle(p, a, string(data.Body))
	for _, s := range a.Sources {
		data.Sources = append(data.Sources, b.inline(p, s, markdown.Doc{Path: a.Path, Line: a.FrontMatter.Line}))
	}
	for _, t := range a.Tags {
		data.Tags = append(data.Tags, render.Link{URL: b.links.rel(p, tagPage(t)), Text: tagTitle(t)})
	}
	return b.theme.Execute("article", data)
}

// tagTitle turns a tag into words: "low-impact" is "Low impact".
func tagTitle(t string) string {
	t = strings.ReplaceAll(t, "-", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

func (b *builder) renderTag(t *tag) ([]byte, error) {
	p := tagPage(t.name)
	articles, err := b.summaries("tag", p, t.articles)
	if err != nil {
		return nil, err
	}
	data := render.Tag{
		Page:     b.page(p, tagTitle(t.name), b.tagDescription(t.name), b.home(p)),
		Articles: articles,
	}
	// A listing of 1,600 entries is some 400 KB: when the entries' HTML is known (dev mode),
	// the buffer is sized from it at once rather than from the last page of the kind, which
	// may be a short listing (a buffer grown twice on fresh memory costs more than the
	// template).
	size := 0
	for _, e := range articles {
		size += len(e.HTML)
	}
	if size == 0 {
		return b.theme.Execute("tag", data)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+16<<10))
	err = b.theme.Render(buf, "tag", data)
	return buf.Bytes(), err
}

// readsNotFound: 404.html shows nothing but what every page shows.
func readsNotFound() Reads { return Reads{Theme: "404"} }

// renderNotFound renders 404.html, which a server returns at any address: its links are
// absolute when the site has a base URL, and absolute paths from the host's root ("/") otherwise.
func (b *builder) renderNotFound() ([]byte, error) {
	pg := b.page("", b.cat.Must("notfound.title"), "")
	base := b.site.BaseURL
	if base == "" {
		base = "/" // without a base URL, the site is taken to be at the root of its host
	}
	pg.Home = base
	if b.search != nil {
		pg.Search = base + searchPage
	}
	for name, u := range pg.Assets {
		pg.Assets[name] = base + u
	}
	pg.Canonical = ""
	pg.Languages, pg.Alternates = nil, nil // served at any address: no page to switch to
	return b.theme.Execute("404", render.NotFound{Page: pg})
}

func (b *builder) renderRobots() ([]byte, error) {
	out := fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", b.site.BaseURL)
	if b.lang != nil && !b.lang.alone {
		for _, l := range b.lang.all[1:] {
			out = fmt.Appendf(out, "Sitemap: %s%s/sitemap.xml\n", b.site.BaseURL, l)
		}
	}
	return out, nil
}

// renderSitemap lists the pages of a published site, articles by slug (so that an edit of a
// title or a weight leaves the sitemap as it was); an article's last modification is the
// day it was reviewed, or else published (see sitemap.go).
func (b *builder) renderSitemap() ([]byte, error) {
	// An article's entry takes some 120 bytes besides the base URL: room for all of them at
	// once, as growing a buffer of a megabyte and more costs two more allocations and copies.
	buf := make([]byte, 0, 64+(len(b.articles)+len(b.az)+len(b.tags)+len(b.questionnaires)+2)*(len(b.site.BaseURL)+128))
	buf = append(buf, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	buf = append(buf, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n"...)
	buf = b.appendSitemapURL(buf, "", time.Time{})
	buf = b.appendSitemapURL(buf, tagsPage, time.Time{})
	for i := range b.az {
		buf = b.appendSitemapURL(buf, azPageOf(i), time.Time{})
	}
	for _, q := range b.questionnaires {
		buf = b.appendSitemapURL(buf, questionnairePage(q.Slug), time.Time{})
	}
	buf = b.appendSitemapArticles(buf)
	for _, t := range b.tags {
		buf = b.appendSitemapURL(buf, tagPage(t.name), time.Time{})
	}
	buf = append(buf, "</urlset>\n"...)
	return buf, nil
}

// appendEscaped appends s to buf escaped for XML text, as template.HTMLEscape escapes it.
func appendEscaped(buf []byte, s string) []byte {
	if !strings.ContainsAny(s, `<>&'"`+"\x00") {
		return append(buf, s...)
	}
	var b bytes.Buffer
	template.HTMLEscape(&b, []byte(s))
	return append(buf, b.Bytes()...)
}
