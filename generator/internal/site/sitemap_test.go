package site

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"guidepost/generator/internal/content"
)

// TestSitemapPatch: entries patched after articles are added, removed or given new dates,
// several times over, are those written in full for the articles there are then.
func TestSitemapPatch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	next := 0
	article := func() *content.Article {
		next++
		// Few letters, so that new slugs fall between, before and after the others.
		slug := fmt.Sprintf("%c-%d", 'a'+r.IntN(4), next)
		return &content.Article{Slug: slug, Date: day.AddDate(0, 0, r.IntN(300))}
	}
	for run := range 200 {
		b := &builder{site: content.Site{BaseURL: "https://example.org/"}, smap: &sitemapState{}}
		for range r.IntN(8) {
			b.articles = append(b.articles, article())
		}
		b.appendSitemapArticles(nil)
		for step := range 4 {
			var changed []*content.Article
			var removed []string
			c := &builder{site: b.site, articles: slices.Clone(b.articles)}
			for range r.IntN(3) { // removed
				if len(c.articles) == 0 {
					break
				}
				i := r.IntN(len(c.articles))
				removed = append(removed, c.articles[i].Slug)
				c.articles = slices.Delete(c.articles, i, i+1)
			}
			for range r.IntN(3) { // added
				a := article()
				if r.IntN(4) == 0 && len(removed) > 0 && !slices.ContainsFunc(c.articles, func(x *content.Article) bool { return x.Slug == removed[0] }) {
					a.Slug = removed[0] // a slug that was removed comes back
				}
				c.articles = append(c.articles, a)
				changed = append(changed, a)
			}
			for range r.IntN(2) { // a new date
				if len(c.articles) == 0 {
					break
				}
				i := r.IntN(len(c.articles))
				if slices.Contains(changed, c.articles[i]) {
					continue
				}
				a := *c.articles[i]
				a.Reviewed = a.Date.AddDate(0, 1, 0)
				c.articles[i] = &a
				changed = append(changed, &a)
			}
			c.smap = c.derivedSitemap(b.smap, changed, removed)
			c.appendSitemapArticles([]byte("head"))
			got := c.smap.done
			_, want := c.writeSitemapArticles([]byte("other head"))
			if !bytes.Equal(got.text, want.text) || !slices.Equal(got.slugs, want.slugs) || !slices.Equal(got.ends, want.ends) {
				t.Fatalf("run %d, step %d: removed %v, changed %d:\npatched:\n%s\nwritten:\n%s", run, step, removed, len(changed), got.text, want.text)
			}
			b = c
		}
	}
}
