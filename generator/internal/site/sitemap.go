package site

import (
	"slices"
	"strings"
	"sync"
	"time"

	"guidepost/generator/internal/content"
)

// The sitemap's entries of the articles, by slug, are most of it: some 1.2 MB at 10,000
// articles. A builder derived for a dev rebuild (see derive and DeriveMoves) patches the
// entries of the builder it derives from, when that one wrote them, rather than writing
// 10,000 entries again: an entry depends only on the article's slug, its dates and the
// base URL, which a derived builder keeps.

// sitemapArticles are the sitemap's entries of the articles, in the order of their slugs.
type sitemapArticles struct {
	slugs []string // sorted
	ends  []int    // ends[i] is where the entry of slugs[i] ends in text
	text  []byte
}

// sitemapState is a builder's sitemapArticles, made once, when its sitemap is first
// rendered; before that, what it may be patched from.
type sitemapState struct {
	mu   sync.Mutex
	done *sitemapArticles
	// base is the state of the builder this one derives from; changed are the articles
	// whose entries are new or differ from base's, removed the slugs base has and this
	// one does not.
	base    *sitemapState
	changed []*content.Article
	removed []string
}

// derivedSitemap returns the sitemap state of a builder derived from one whose state is
// base, once the articles changed are added or have new dates and the slugs removed are
// gone; base itself when nothing changes, nil when the site has no sitemap.
func (b *builder) derivedSitemap(base *sitemapState, changed []*content.Article, removed []string) *sitemapState {
	if !b.sitemap() {
		return nil
	}
	if len(changed) == 0 && len(removed) == 0 && base != nil {
		return base
	}
	return &sitemapState{base: base, changed: changed, removed: removed}
}

// appendSitemapArticles appends the entries of the articles to buf, made once by b: patched
// from the state b's derives from when that one has them, written in full otherwise. The
// entries b keeps are the part of the file that holds them (the file is not changed once
// written).
func (b *builder) appendSitemapArticles(buf []byte) []byte {
	st := b.smap
	if st == nil {
		buf, _ = b.writeSitemapArticles(buf)
		return buf
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.done != nil {
		return append(buf, st.done.text...)
	}
	var from *sitemapArticles
	if st.base != nil {
		st.base.mu.Lock()
		from = st.base.done
		st.base.mu.Unlock()
	}
	if from != nil {
		buf, st.done = b.patchSitemapArticles(buf, from, st.changed, st.removed)
	} else {
		buf, st.done = b.writeSitemapArticles(buf)
	}
	st.base, st.changed, st.removed = nil, nil, nil // what the last build held may go
	return buf
}

// writeSitemapArticles appends the entry of every article, by slug, to buf.
func (b *builder) writeSitemapArticles(buf []byte) ([]byte, *sitemapArticles) {
	bySlug := slices.SortedFunc(slices.Values(b.articles), func(x, y *content.Article) int { return strings.Compare(x.Slug, y.Slug) })
	s := &sitemapArticles{slugs: make([]string, len(bySlug)), ends: make([]int, len(bySlug))}
	start := len(buf)
	buf = slices.Grow(buf, len(bySlug)*(len(b.site.BaseURL)+128))
	for i, a := range bySlug {
		buf = b.appendSitemapArticle(buf, a)
		s.slugs[i], s.ends[i] = a.Slug, len(buf)-start
	}
	s.text = buf[start:len(buf):len(buf)]
	return buf, s
}

// patchSitemapArticles appends to buf from's entries with those of the slugs removed and of
// the articles changed taken out, and those of the articles changed put in.
func (b *builder) patchSitemapArticles(buf []byte, from *sitemapArticles, changed []*content.Article, removed []string) ([]byte, *sitemapArticles) {
	out := make(map[string]bool, len(changed)+len(removed))
	for _, slug := range removed {
		out[slug] = true
	}
	for _, a := range changed {
		out[a.Slug] = true
	}
	in := slices.SortedFunc(slices.Values(changed), func(x, y *content.Article) int { return strings.Compare(x.Slug, y.Slug) })
	// The places where from's entries are cut: before each slug taken out or put in.
	var cuts []int
	for slug := range out {
		i, _ := slices.BinarySearch(from.slugs, slug)
		cuts = append(cuts, i)
	}
	slices.Sort(cuts)
	s := &sitemapArticles{slugs: make([]string, 0, len(from.slugs)+len(in)), ends: make([]int, 0, len(from.slugs)+len(in))}
	start := len(buf)
	buf = slices.Grow(buf, len(from.text)+len(in)*(len(b.site.BaseURL)+128))
	begin := func(i int) int {
		if i == 0 {
			return 0
		}
		return from.ends[i-1]
	}
	// copyFrom copies from's entries i to j as they are.
	copyFrom := func(i, j int) {
		if i >= j {
			return
		}
		shift := len(buf) - start - begin(i)
		buf = append(buf, from.text[begin(i):from.ends[j-1]]...)
		s.slugs = append(s.slugs, from.slugs[i:j]...)
		for _, e := range from.ends[i:j] {
			s.ends = append(s.ends, e+shift)
		}
	}
	i := 0
	for _, cut := range append(cuts, len(from.slugs)) {
		copyFrom(i, cut)
		i = max(i, cut)
		for len(in) > 0 && (i == len(from.slugs) || in[0].Slug <= from.slugs[i]) {
			buf = b.appendSitemapArticle(buf, in[0])
			s.slugs, s.ends = append(s.slugs, in[0].Slug), append(s.ends, len(buf)-start)
			in = in[1:]
		}
		if i < len(from.slugs) && out[from.slugs[i]] {
			i++ // taken out
		}
	}
	s.text = buf[start:len(buf):len(buf)]
	return buf, s
}

// appendSitemapArticle appends the sitemap's entry of the article a to buf: its last
// modification is the day it was reviewed, or else published.
func (b *builder) appendSitemapArticle(buf []byte, a *content.Article) []byte {
	day := a.Reviewed
	if day.IsZero() {
		day = a.Date
	}
	return b.appendSitemapURL(buf, articlePage(a.Slug), day)
}

// appendSitemapURL appends the sitemap's entry of page to buf.
func (b *builder) appendSitemapURL(buf []byte, page string, lastmod time.Time) []byte {
	buf = append(buf, "<url><loc>"...)
	buf = appendEscaped(buf, b.site.BaseURL)
	buf = appendEscaped(buf, page)
	buf = append(buf, "</loc>"...)
	if !lastmod.IsZero() {
		buf = append(buf, "<lastmod>"...)
		buf = lastmod.AppendFormat(buf, time.DateOnly)
		buf = append(buf, "</lastmod>"...)
	}
	return append(buf, "</url>\n"...)
}
