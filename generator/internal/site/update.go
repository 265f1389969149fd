package site

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
)

// An Edit is an article a dev rebuild read again, to bring the indexes up to date with
// (see Loaded.Derive).
type Edit struct {
	Article *content.Article // the builder's, as it was
	Before  content.Article  // *Article
	After   content.Article  // Article as read again
	Listed  bool             // its front matter changed
}

// derive returns a builder of the site once the edits are made, reading fsys and reporting
// to diags, the jobs of the files that may show the edits (when their front matter
// changed; the edited articles' own pages are the caller's), and the names of the pages
// gone (the listings of tags left without articles). b is left as it was: what the
// new builder changes, it copies first (the articles whose front matter changed are new
// values, and every index holding them is copied with them in its place), and the rest it
// shares, read-only. The anchors and the search documents are derived (package layered);
// forget copies a list before it changes it.
func (b *builder) derive(fsys fs.FS, diags *diag.List, edits []Edit) (*builder, []job, []string) {
	c := &builder{
		fsys: fsys, opts: b.opts, site: b.site, theme: b.theme, md: b.md, diags: diags, links: b.links, cat: b.cat, lang: b.lang,
		articles: b.articles, media: b.media, questionnaires: b.questionnaires, bySource: b.bySource,
		bySlug: b.bySlug, tags: b.tags, az: b.az, groups: b.groups, related: b.related, recommenders: b.recommenders,
		ids: b.ids.Derive(), paths: b.paths,
		notices: maps.Clone(b.notices), noticeLinks: b.noticeLinks,
		smap:        b.smap, // the same entries, unless an edit changes an article's dates (relist)
		paginations: b.paginations,
	}
	c.hooks = plainHooks{c}
	if b.search != nil {
		c.search = &searchDocs{stems: b.search.stems, cache: b.search.cache, docs: b.search.docs.Derive()}
	}
	now := make(map[*content.Article]*content.Article) // the articles whose front matter changed, old to new
	edits = slices.Clone(edits)
	for i, e := range edits {
		if e.Listed {
			a := e.After
			now[e.Article] = &a
			edits[i].Article = &a
		}
	}
	if len(now) == 0 { // bodies only: the indexes hold
		return c, nil, nil
	}
	c.replace(now)
	jobs, gone := c.relist(edits)
	return c, jobs, gone
}

// replace puts the new articles of now in place of the old ones in the builder's indexes,
// copying each index that holds one.
func (b *builder) replace(now map[*content.Article]*content.Article) {
	swap := func(list []*content.Article) []*content.Article {
		if !slices.ContainsFunc(list, func(a *content.Article) bool { return now[a] != nil }) {
			return list
		}
		list = slices.Clone(list)
		for i, a := range list {
			if n := now[a]; n != nil {
				list[i] = n
			}
		}
		return list
	}
	b.articles = swap(b.articles)
	b.bySlug = b.bySlug.Derive()
	for _, a := range now {
		b.bySlug.Set(a.Slug, a)
	}
	b.tags = slices.Clone(b.tags)
	for i := range b.tags {
		b.tags[i].articles = swap(b.tags[i].articles)
	}
	az := make([][]*content.Article, len(b.az))
	for i, page := range b.az {
		az[i] = swap(page)
	}
	b.az = az
	// The related articles: the lists holding an old article, or of one, copied with the new.
	related := maps.Clone(b.related)
	for a, list := range b.related {
		if n := now[a]; n != nil {
			delete(related, a)
			related[n] = swap(list)
		} else if slices.ContainsFunc(list, func(x *content.Article) bool { return now[x] != nil }) {
			related[a] = swap(list)
		}
	}
	b.related = related
	if b.groups != nil {
		g := *b.groups
		g.later = maps.Clone(g.later)
		for old, a := range now {
			if k, ok := g.group(old); ok {
				if g.later == nil {
					g.later = make(map[*content.Article]int)
				}
				g.later[a] = k
			}
		}
		b.groups = &g
	}
}

// relist brings the listing order, the tags' listings and the related articles up to date
// once the edits are made, and returns the jobs of the files that may show them: the home
// page, the sitemap, the listings of every tag the edited articles had or have (a new tag's
// among them), the pages of the articles whose related articles changed or include an
// edited one, and the pages of the questionnaires recommending one; and the names of the
// listings of the tags the edits left without articles.
func (b *builder) relist(edits []Edit) ([]job, []string) {
	order, related := slices.Clone(b.articles), b.related
	had := make(map[string]bool) // the edited articles' tags, then and now: whether the site had each
	for _, e := range edits {
		for _, name := range slices.Concat(e.Before.Tags, e.Article.Tags) {
			_, had[name] = b.tag(name)
		}
	}
	// The edited articles move to their places in the listing order, the others keep theirs.
	moved := make(map[*content.Article]bool, len(edits))
	for _, e := range edits {
		moved[e.Article] = e.Listed
	}
	list := slices.DeleteFunc(slices.Clone(b.articles), func(a *content.Article) bool { return moved[a] })
	for _, e := range edits {
		if e.Listed {
			i, _ := slices.BinarySearchFunc(list, e.Article, content.CompareArticles)
			list = slices.Insert(list, i, e.Article)
		}
	}
	copy(b.articles, list)
	if slices.ContainsFunc(edits, func(e Edit) bool { return !slices.Equal(e.Before.Tags, e.Article.Tags) }) {
		b.groups = nil
		b.indexTags()
	} else if moved := !slices.Equal(order, b.articles); moved && b.groups == nil {
		b.indexTags()
	} else if moved {
		b.reorderTags(edits) // the same groups of tags, in another order
	}

	jobs := []job{b.homeJob()}
	if slices.ContainsFunc(edits, func(e Edit) bool { return e.Listed }) {
		// A title or a tag may have changed: the A to Z and the index of the tags may show it.
		b.moveAZ(edits)
		jobs = append(jobs, b.tagsJob())
		jobs = append(jobs, b.azJobs()...)
	}
	var dated []*content.Article // the articles whose entries in the sitemap change
	for _, e := range edits {
		if !e.Before.Date.Equal(e.Article.Date) || !e.Before.Reviewed.Equal(e.Article.Reviewed) {
			dated = append(dated, e.Article)
		}
	}
	var gone []string    // the listings of the tags gone
	tagsChanged := false // a tag came or went: the sitemap lists every tag
	for _, name := range slices.Sorted(maps.Keys(had)) {
		_, has := b.tag(name)
		tagsChanged = tagsChanged || has != had[name]
		if had[name] && !has {
			gone = append(gone, tagPage(name)+"index.html")
		}
	}
	if b.sitemap() && len(dated) > 0 {
		b.smap = b.derivedSitemap(b.smap, dated, nil)
	}
	if b.sitemap() && (len(dated) > 0 || tagsChanged) {
		jobs = append(jobs, b.sitemapJob())
	}
	var listed []*content.Article // the articles whose front matter changed: a few
	for _, e := range edits {
		if !e.Listed {
			continue
		}
		listed = append(listed, e.Article)
		for _, name := range slices.Concat(e.Before.Tags, e.Article.Tags) {
			if i, ok := b.tag(name); ok {
				jobs = append(jobs, b.tagJob(&b.tags[i]))
			}
		}
		for _, q := range b.recommenders[e.Article.Slug] {
			jobs = append(jobs, b.questionnaireJobs(q)...)
		}
	}
	for _, a := range b.articles {
		if now := b.related[a]; !slices.Equal(related[a], now) || slices.ContainsFunc(now, func(r *content.Article) bool { return slices.Contains(listed, r) }) {
			jobs = append(jobs, b.articleJob(a))
		}
	}
	return jobs, gone
}

// reorderTags does what indexTags does when the edited articles kept their tags and only
// the listing order changed: the listings of their tags, copied, take them out and put them
// back in place; the others keep their order. The related articles are found again.
func (b *builder) reorderTags(edits []Edit) {
	var wg sync.WaitGroup
	wg.Go(func() {
		var changed []int // the groups of the articles that moved
		for _, e := range edits {
			if k, ok := b.groups.group(e.Article); ok && e.Listed {
				changed = append(changed, k)
			}
		}
		b.related = b.groups.relatedAgain(b.articles, 5, b.related, changed, nil)
	})
	defer wg.Wait()
	b.tags = slices.Clone(b.tags)
	changed := make(map[int]bool)
	for _, e := range edits {
		if !e.Listed {
			continue
		}
		for _, name := range e.Article.Tags {
			if i, ok := b.tag(name); ok && !changed[i] {
				changed[i] = true
				b.tags[i].articles = slices.DeleteFunc(slices.Clone(b.tags[i].articles), func(a *content.Article) bool {
					return slices.ContainsFunc(edits, func(e Edit) bool { return e.Listed && e.Article == a })
				})
			}
		}
	}
	for _, e := range edits {
		if !e.Listed {
			continue
		}
		for _, name := range e.Article.Tags {
			if i, ok := b.tag(name); ok {
				list := b.tags[i].articles
				at, _ := slices.BinarySearchFunc(list, e.Article, content.CompareArticles)
				b.tags[i].articles = slices.Insert(list, at, e.Article)
			}
		}
	}
}

// tag returns the index in b.tags of the tag called name.
func (b *builder) tag(name string) (int, bool) {
	return slices.BinarySearchFunc(b.tags, name, func(t tag, name string) int { return strings.Compare(t.name, name) })
}

// forget drops the anchors ids that a page defined for the source file p, before the page
// is rendered again; the list it changes is a copy (see derive).
func (b *builder) forget(p string, ids []string) {
	have := slices.Clone(b.ids.Value(p))
	for _, id := range ids {
		if i := slices.Index(have, id); i >= 0 {
			have = slices.Delete(have, i, i+1)
		}
	}
	b.ids.Set(p, have)
}

// articleAt returns the article the build made from the source file p, or nil.
func (b *builder) articleAt(p string) *content.Article {
	page, ok := b.bySource.Get(p)
	if !ok {
		return nil
	}
	slug, ok := strings.CutPrefix(page, "articles/")
	a := b.bySlug.Value(strings.TrimSuffix(slug, "/"))
	if !ok || a == nil || a.Path != p {
		return nil
	}
	return a
}

// moveAZ moves the articles edited to their places in the A to Z, once their titles
// changed. The pages it makes are new lists: the last build's stay as they were.
func (b *builder) moveAZ(edits []Edit) {
	moved := make(map[*content.Article]bool, len(edits))
	for _, e := range edits {
		moved[e.Article] = e.Listed
	}
	list := slices.DeleteFunc(slices.Concat(b.az...), func(a *content.Article) bool { return moved[a] })
	for _, e := range edits {
		if e.Listed && e.Article.Slug != "" {
			i, _ := slices.BinarySearchFunc(list, e.Article, compareAZ)
			list = slices.Insert(list, i, e.Article)
		}
	}
	b.pageAZ(list)
}
