package site

import (
	"slices"
	"strings"

	"guidepost/generator/internal/content"
)

// This file changes a builder's indexes when an article is added or removed, for a dev
// rebuild that follows such an edit without loading the site again (see Incremental). What
// it leaves is what newBuilder would have made of the new set of articles.

// insertArticle adds a, which has a slug no other article has, to the listing order, the A
// to Z and what links and slugs resolve to. The tags and the related articles are made again
// by reindex.
func (b *builder) insertArticle(a *content.Article) {
	i, _ := slices.BinarySearchFunc(b.articles, a, content.CompareArticles)
	b.articles = slices.Insert(b.articles, i, a)
	b.bySource[a.Path] = articlePage(a.Slug)
	b.paths[a.Path] = a.Path
	b.bySlug[a.Slug] = a
	b.names = sourceNames{} // the hints' index of names, made again when needed
	list := slices.Concat(b.az...)
	i, _ = slices.BinarySearchFunc(list, a, compareAZ)
	b.pageAZ(slices.Insert(list, i, a))
}

// removeArticle takes a out of the listing order, the A to Z and what links and slugs
// resolve to, and forgets the anchors its page defined. reindex follows.
func (b *builder) removeArticle(a *content.Article) {
	b.articles = slices.DeleteFunc(b.articles, func(x *content.Article) bool { return x == a })
	b.pageAZ(slices.DeleteFunc(slices.Concat(b.az...), func(x *content.Article) bool { return x == a }))
	delete(b.bySource, a.Path)
	delete(b.paths, a.Path)
	delete(b.bySlug, a.Slug)
	delete(b.ids, a.Path)
	b.names = sourceNames{}
}

// reindex makes again, once articles were added or removed, the indexes that depend on the
// whole set of them: the tags' listings and the related articles.
func (b *builder) reindex() {
	b.groups = nil
	b.indexTags()
}

// namedElsewhere reports whether anything but markdown names the article a, by its slug or
// its source file: a questionnaire recommending it or pointing an action at it, the notice or
// the footer. Adding or removing such an article changes what the build reports, or every
// page.
func (b *builder) namedElsewhere(a *content.Article) bool {
	if slices.Contains(b.readsEverywhere(), a.Path) {
		return true
	}
	for _, q := range b.questionnaires {
		for _, n := range q.Nodes {
			if slices.Contains(n.Articles, a.Slug) || n.Action != nil && n.Action.Article == a.Path {
				return true
			}
		}
	}
	return false
}

// hasTags reports whether every tag of a has other articles than a.
func (b *builder) hasTags(a *content.Article) bool {
	for _, name := range a.Tags {
		i, ok := b.tag(name)
		if !ok || !slices.ContainsFunc(b.tags[i].articles, func(x *content.Article) bool { return x != a }) {
			return false
		}
	}
	return true
}

// jobByPage returns the job that renders the page name, an article's or a questionnaire's
// (the pages whose markdown may link to an article); ok is false for any other.
func (b *builder) jobByPage(name string) (job, bool) {
	if slug, ok := strings.CutPrefix(name, "articles/"); ok {
		if a := b.bySlug[strings.TrimSuffix(slug, "/index.html")]; a != nil {
			if j := b.articleJob(a); j.name == name {
				return j, true
			}
		}
		return job{}, false
	}
	for _, q := range b.questionnaires {
		if strings.HasPrefix(name, questionnairePage(q.Slug)) {
			for _, j := range b.questionnaireJobs(q) {
				if j.name == name {
					return j, true
				}
			}
		}
	}
	return job{}, false
}

// moveAZ moves the articles edited to their places in the A to Z, once their titles changed.
func (b *builder) moveAZ(edits []edit) {
	moved := make(map[*content.Article]bool, len(edits))
	for _, e := range edits {
		moved[e.a] = e.listed
	}
	list := slices.DeleteFunc(slices.Concat(b.az...), func(a *content.Article) bool { return moved[a] })
	for _, e := range edits {
		if e.listed && e.a.Slug != "" {
			i, _ := slices.BinarySearchFunc(list, e.a, compareAZ)
			list = slices.Insert(list, i, e.a)
		}
	}
	b.pageAZ(list)
}
