package site

import (
	"slices"
	"strings"

	"guidepost/generator/internal/content"
)

// An Edit is an article a dev rebuild read again, to bring the indexes up to date with
// (see Loaded.Relist).
type Edit struct {
	Article *content.Article // the builder's, changed in place
	Before  content.Article  // Article as it was
	After   content.Article  // Article as read again
	Listed  bool             // its front matter changed
}

// relist brings the listing order, the tags' listings and the related articles up to date
// once the edits are made, and returns the jobs of the files that may show them: the home
// page, the sitemap, the listings of every tag the edited articles had or have, the pages of
// the articles whose related articles changed or include an edited one, and the pages of the
// questionnaires recommending one.
func (b *builder) relist(edits []Edit) []job {
	order, related := slices.Clone(b.articles), b.related
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
	} else if !slices.Equal(order, b.articles) {
		b.indexTags() // the same groups of tags, in another order
	}

	jobs := []job{b.homeJob()}
	if slices.ContainsFunc(edits, func(e Edit) bool { return e.Listed }) {
		// A title or a tag may have changed: the A to Z and the index of the tags may show it.
		b.indexAZ()
		jobs = append(jobs, b.tagsJob())
		jobs = append(jobs, b.azJobs()...)
	}
	if b.sitemap() && slices.ContainsFunc(edits, func(e Edit) bool {
		return !e.Before.Date.Equal(e.Article.Date) || !e.Before.Reviewed.Equal(e.Article.Reviewed)
	}) {
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
	return jobs
}

// tag returns the index in b.tags of the tag called name.
func (b *builder) tag(name string) (int, bool) {
	return slices.BinarySearchFunc(b.tags, name, func(t tag, name string) int { return strings.Compare(t.name, name) })
}

// keepsTags reports whether the site has the same tags once the edits are made: no tag loses
// its last article and none is new.
func (b *builder) keepsTags(edits []Edit) bool {
	size := func(name string) int {
		i, ok := b.tag(name)
		if !ok {
			return 0
		}
		return len(b.tags[i].articles)
	}
	after := make(map[string]int)
	for _, e := range edits {
		for _, t := range slices.Concat(e.Before.Tags, e.After.Tags) {
			if _, ok := after[t]; !ok {
				after[t] = size(t)
			}
		}
	}
	for _, e := range edits {
		for _, t := range e.Before.Tags {
			after[t]--
		}
		for _, t := range e.After.Tags {
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

// forget drops the anchors ids that a page defined for the source file p, before the page
// is rendered again.
func (b *builder) forget(p string, ids []string) {
	have := b.ids[p]
	for _, id := range ids {
		if i := slices.Index(have, id); i >= 0 {
			have = slices.Delete(have, i, i+1)
		}
	}
	b.ids[p] = have
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
