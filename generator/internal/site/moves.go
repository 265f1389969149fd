package site

import (
	"io/fs"
	"slices"
	"strings"
	"sync"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/questionnaire"
)

// This file makes, for a dev rebuild (package rebuild), the site once articles were added or
// removed, or a questionnaire edited, without loading it again. As Derive, it leaves the site
// it starts from as it was: what it changes it copies first.

// DeriveMoves returns the site once the articles added (which have slugs no other article
// has) are added and those removed are removed, reading fsys and reporting to diags; the jobs
// of the files that may show them (their own pages, the home page, the index of tags, the A
// to Z, the sitemap, their tags' listings, a new tag's among them, the articles whose related
// articles changed or include a new one); and the names of the pages that are gone (a tag's
// listing among them, when its last article was removed).
func (l *Loaded) DeriveMoves(fsys fs.FS, diags *diag.List, added []content.Article, removed []*content.Article) (*Loaded, []Job, []string) {
	c, _, _ := l.b.derive(fsys, diags, nil)
	c.articles, c.bySource, c.bySlug, c.paths = slices.Clone(c.articles), c.bySource.Derive(), c.bySlug.Derive(), c.paths.Derive()
	related, pagesBefore := c.related, len(c.az)
	var gone []string
	for _, a := range removed {
		gone = append(gone, c.articleJob(a).name)
		c.removeArticle(a)
	}
	var list, news []job
	var fresh []*content.Article
	for _, e := range added {
		a := new(content.Article)
		*a = e
		c.insertArticle(a)
		fresh = append(fresh, a)
		news = append(news, c.articleJob(a))
	}
	if c.groups != nil { // the articles removed may stay in the groups: see tagGroups.with
		c.groups = c.groups.with(fresh)
	}
	if !c.moveTags(removed, fresh) { // a tag new or emptied: every tag listed again
		c.indexTags()
	}
	gone = append(gone, c.tagsGone(removed)...)
	for i := len(c.az); i < pagesBefore; i++ {
		gone = append(gone, azPageOf(i)+"index.html")
	}
	list = append(append(news, c.homeJob(), c.tagsJob()), c.azJobs()...)
	var slugs []string
	for _, a := range removed {
		slugs = append(slugs, a.Slug)
	}
	c.smap = c.derivedSitemap(l.b.smap, fresh, slugs)
	if c.sitemap() {
		list = append(list, c.sitemapJob())
	}
	for _, a := range slices.Concat(removed, fresh) {
		for _, name := range a.Tags {
			if i, ok := c.tag(name); ok {
				list = append(list, c.tagJob(&c.tags[i]))
			}
		}
	}
	for _, a := range fresh { // one taking the slug of one removed: what recommended it shows it
		for _, q := range c.recommenders[a.Slug] {
			list = append(list, c.questionnaireJobs(q)...)
		}
	}
	for _, a := range c.articles {
		if now := c.related[a]; !slices.Equal(related[a], now) || slices.ContainsFunc(now, func(r *content.Article) bool { return slices.Contains(fresh, r) }) {
			list = append(list, c.articleJob(a))
		}
	}
	return &Loaded{c}, jobs(list), gone
}

// tagsGone returns the names of the listings of the tags of the articles removed that no
// article has now.
func (b *builder) tagsGone(removed []*content.Article) []string {
	var gone []string
	for _, a := range removed {
		for _, name := range a.Tags {
			if _, ok := b.tag(name); !ok && !slices.Contains(gone, tagPage(name)+"index.html") {
				gone = append(gone, tagPage(name)+"index.html")
			}
		}
	}
	return gone
}

// DeriveQuestionnaire returns the site once the questionnaire at p, read again from fsys,
// takes the place of the one it was, and the jobs of the files that may show it: its pages
// and map, the home page, and the pages of the articles it recommended or recommends; and
// the names of its pages that are gone (a node removed). ok is false when it is not a
// questionnaire of the site, or reads or checks with any diagnostic, or has another slug or
// a language: then nothing is made.
func (l *Loaded) DeriveQuestionnaire(fsys fs.FS, diags *diag.List, p string) (_ *Loaded, _ []Job, gone []string, ok bool) {
	at := slices.IndexFunc(l.b.questionnaires, func(q *questionnaire.Questionnaire) bool { return q.Path == p })
	if at < 0 {
		return nil, nil, nil, false
	}
	built := &questionnaire.Articles{Built: make(map[string]bool, l.b.bySlug.Len()), Drafts: map[string]bool{}}
	for slug := range l.b.bySlug.All() {
		built.Built[slug] = true
	}
	var found diag.List
	old := l.b.questionnaires[at]
	q := loadQuestionnaire(fsys, p, built, l.b.opts.Limits, &found)
	if q == nil || found.Len() > 0 || q.Slug != old.Slug || q.Lang != "" {
		return nil, nil, nil, false
	}
	c, _, _ := l.b.derive(fsys, &found, nil)
	c.checkActions(q)
	if found.Len() > 0 {
		return nil, nil, nil, false
	}
	c.diags = diags
	c.questionnaires = slices.Clone(c.questionnaires)
	c.questionnaires[at] = q
	c.recommenders = make(map[string][]*questionnaire.Questionnaire)
	for _, q := range c.questionnaires {
		for _, n := range q.Nodes {
			for _, slug := range n.Articles {
				if !slices.Contains(c.recommenders[slug], q) {
					c.recommenders[slug] = append(c.recommenders[slug], q)
				}
			}
		}
	}
	list := append(c.questionnaireJobs(q), c.homeJob())
	if c.site.Maps {
		list = append(list, job{name: questionnairePage(q.Slug) + "map.svg", source: q.Path, render: func() ([]byte, error) { return drawMap(q) }})
	}
	for _, slug := range slices.Concat(recommended(old), recommended(q)) {
		if a := c.bySlug.Value(slug); a != nil {
			list = append(list, c.articleJob(a))
		}
	}
	for _, j := range c.questionnaireJobs(old) {
		if !slices.ContainsFunc(list, func(k job) bool { return k.name == j.name }) {
			gone = append(gone, j.name)
		}
	}
	return &Loaded{c}, jobs(list), gone, true
}

// recommended returns the slugs of the articles q's nodes recommend.
func recommended(q *questionnaire.Questionnaire) []string {
	var slugs []string
	for _, n := range q.Nodes {
		slugs = append(slugs, n.Articles...)
	}
	return slugs
}

// Article returns the article with slug, or nil.
func (l *Loaded) Article(slug string) *content.Article { return l.b.bySlug.Value(slug) }

// Searches reports whether the site has search.
func (l *Loaded) Searches() bool { return l.b.search != nil }

// NamedElsewhere reports whether anything but markdown names the article a, by its slug or
// its source file: a questionnaire recommending it or pointing an action at it, the notice or
// the footer. Adding or removing such an article changes what the build reports, or every
// page.
func (l *Loaded) NamedElsewhere(a *content.Article) bool {
	return l.SourceNamedElsewhere(a.Path) || l.Recommended(a.Slug)
}

// Recommended reports whether a questionnaire recommends the article with slug.
func (l *Loaded) Recommended(slug string) bool {
	return slices.ContainsFunc(l.b.questionnaires, func(q *questionnaire.Questionnaire) bool {
		return slices.Contains(recommended(q), slug)
	})
}

// SourceNamedElsewhere reports whether anything but markdown names the source file p: a
// questionnaire's action, the notice or the footer.
func (l *Loaded) SourceNamedElsewhere(p string) bool {
	if slices.Contains(l.b.readsEverywhere(), p) {
		return true
	}
	for _, q := range l.b.questionnaires {
		for _, n := range q.Nodes {
			if n.Action != nil && n.Action.Article == p {
				return true
			}
		}
	}
	return false
}

// JobByPage returns the job that renders the page name, an article's or a questionnaire's
// (the pages whose markdown may link to an article); ok is false for any other.
func (l *Loaded) JobByPage(name string) (Job, bool) {
	b := l.b
	if slug, ok := strings.CutPrefix(name, "articles/"); ok {
		if a := b.bySlug.Value(strings.TrimSuffix(slug, "/index.html")); a != nil {
			if j := b.articleJob(a); j.name == name {
				return Job{j}, true
			}
		}
		return Job{}, false
	}
	for _, q := range b.questionnaires {
		if strings.HasPrefix(name, questionnairePage(q.Slug)) {
			for _, j := range b.questionnaireJobs(q) {
				if j.name == name {
					return Job{j}, true
				}
			}
		}
	}
	return Job{}, false
}

// insertArticle adds a, which has a slug no other article has, to the listing order, the A
// to Z and what links and slugs resolve to, in lists and maps that are the builder's own.
func (b *builder) insertArticle(a *content.Article) {
	i, _ := slices.BinarySearchFunc(b.articles, a, content.CompareArticles)
	b.articles = slices.Insert(b.articles, i, a)
	b.bySource.Set(a.Path, articlePage(a.Slug))
	b.paths.Set(a.Path, a.Path)
	b.bySlug.Set(a.Slug, a)
	list := slices.Concat(b.az...)
	i, _ = slices.BinarySearchFunc(list, a, compareAZ)
	b.pageAZ(slices.Insert(list, i, a))
}

// removeArticle takes a out of the listing order, the A to Z and what links and slugs
// resolve to, and forgets the anchors its page defined.
func (b *builder) removeArticle(a *content.Article) {
	b.articles = slices.DeleteFunc(b.articles, func(x *content.Article) bool { return x == a })
	b.pageAZ(slices.DeleteFunc(slices.Concat(b.az...), func(x *content.Article) bool { return x == a }))
	b.bySource.Delete(a.Path)
	b.paths.Delete(a.Path)
	b.bySlug.Delete(a.Slug)
	b.ids.Delete(a.Path)
}

// moveTags does what indexTags does once the articles removed are gone and those added are
// in, when no tag is new or loses its last article: the listings of their tags, copied, take
// them out and put them in place, the others stay as they were; the related articles are
// found again. It reports false, changing nothing, when a tag would be new or empty.
func (b *builder) moveTags(removed, added []*content.Article) bool {
	left := make(map[int]int) // tag -> how many articles it keeps
	for _, a := range slices.Concat(removed, added) {
		for _, name := range a.Tags {
			i, ok := b.tag(name)
			if !ok {
				return false
			}
			left[i] = len(b.tags[i].articles)
		}
	}
	for _, a := range removed {
		for _, name := range a.Tags {
			i, _ := b.tag(name)
			left[i]--
		}
	}
	for _, a := range added {
		for _, name := range a.Tags {
			i, _ := b.tag(name)
			left[i]++
		}
	}
	for _, n := range left {
		if n <= 0 {
			return false
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { // beside the tags, as indexTags
		if b.groups == nil {
			b.groups = groupTags(b.articles)
			b.related = b.groups.related(b.articles, 5)
			return
		}
		var changed []int // the groups of the articles added and removed
		for _, a := range slices.Concat(removed, added) {
			if k, ok := b.groups.group(a); ok {
				changed = append(changed, k)
			}
		}
		b.related = b.groups.relatedAgain(b.articles, 5, b.related, changed, removed)
	})
	defer wg.Wait()
	b.tags = slices.Clone(b.tags)
	for i := range left {
		b.tags[i].articles = slices.DeleteFunc(slices.Clone(b.tags[i].articles), func(a *content.Article) bool { return slices.Contains(removed, a) })
	}
	for _, a := range added {
		for _, name := range a.Tags {
			i, _ := b.tag(name)
			list := b.tags[i].articles
			at, _ := slices.BinarySearchFunc(list, a, content.CompareArticles)
			b.tags[i].articles = slices.Insert(list, at, a)
		}
	}
	return true
}
