package site

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
)

// moves are articles added and removed since the last build, which a quick build follows
// (see quick) when the watcher names nothing else: a new article, a deleted one, a renamed
// one (both).
type moves struct {
	added   []parsedArticle
	removed []*content.Article // the last build's
	paths   map[string]bool    // the source files of both
	force   map[string]bool    // the pages to render whatever their fingerprint (see applyMoves)
	fresh   bool               // there may be new pages
}

// moves returns the articles added and removed when the files named are only those; ok is
// false when they are anything else, or when adding or removing them may change more than
// the pages that list them and the links to them: then a whole build follows.
//
// An article may be added when it parses without a diagnostic, has a slug of its own, is
// shown (drafts are built, or it is not one), names only tags the site has, and nothing but
// markdown names it (a questionnaire, the notice, the footer). One may be removed on the same
// terms, when it parsed without a diagnostic, no other article claims its slug and each of
// its tags keeps another article. Neither is followed when a diagnostic of the last build
// may come or go with the article (see silentOn), nor on a site with search or review dates
// to check.
func (inc *Incremental) moves(rfs *readFS, named map[string]bool) (mv moves, ok bool) {
	last := inc.last
	b := last.b
	if len(named) == 0 || b.search != nil || !b.site.ReviewAfter.IsZero() && !inc.opts.Now.IsZero() {
		return moves{}, false
	}
	mv.paths, mv.force = make(map[string]bool, len(named)), make(map[string]bool)
	slugs := make(map[string]bool) // the slugs of the articles removed
	var maybeNew []string
	for _, p := range slices.Sorted(maps.Keys(named)) {
		a := b.articleAt(p)
		if a == nil {
			maybeNew = append(maybeNew, p)
			continue
		}
		if _, err := fs.Lstat(rfs.FS, p); err == nil || !isNotExist(err) {
			return moves{}, false // still there: an edit, which edits follows
		}
		if e := inc.articles.last[p]; e.diags == nil || e.diags.Len() > 0 || b.namedElsewhere(a) || !b.hasTags(a) || !last.silentOn(a) ||
			slices.ContainsFunc(b.articles, func(x *content.Article) bool { return x != a && x.Slug == a.Slug }) {
			return moves{}, false
		}
		mv.removed = append(mv.removed, a)
		mv.paths[p] = true
		slugs[a.Slug] = true
	}
	for _, p := range maybeNew {
		if _, ok := inc.articles.last[p]; ok || !articleFile(rfs, p) {
			return moves{}, false
		}
		e, ok := reparse(rfs, p, inc.opts.Limits)
		a := &e.article
		if !ok || e.diags.Len() > 0 || a.Slug == "" || a.Path != p || (b.bySlug[a.Slug] != nil && !slugs[a.Slug]) ||
			a.Draft && !inc.opts.Drafts || b.namedElsewhere(a) || !b.hasTags(a) || !last.silentOn(a) {
			return moves{}, false
		}
		slugs[a.Slug] = false // taken now
		for _, other := range mv.added {
			if other.article.Slug == a.Slug {
				return moves{}, false
			}
		}
		mv.added = append(mv.added, e)
		mv.paths[p], mv.fresh = true, true
	}
	return mv, true
}

// silentOn reports whether none of the last build's diagnostics but those of pages may
// depend on whether the article a exists: none is about a questionnaire (which may suggest
// a slug) or names a's file or slug, as a hint may.
func (last *lastBuild) silentOn(a *content.Article) bool {
	name := strings.TrimSuffix(path.Base(a.Path), ".md")
	return !slices.ContainsFunc(last.global, func(d diag.Diagnostic) bool {
		s := d.String()
		return strings.HasPrefix(d.Path, content.QuestionnairesDir+"/") || strings.Contains(s, name) || strings.Contains(s, a.Slug)
	})
}

// articleFile reports whether the file p is one content.Load would load as an article of the
// default language, a regular file whose name needs no diagnostic.
func articleFile(rfs *readFS, p string) bool {
	rest, ok := strings.CutPrefix(p, content.ArticlesDir+"/")
	if !ok || path.Ext(p) != ".md" {
		return false
	}
	if _, lang := content.TranslationOf(p); lang != "" {
		return false
	}
	dir := content.ArticlesDir
	for part := range strings.SplitSeq(rest, "/") {
		dir = path.Join(dir, part)
		var d diag.List
		if content.Ignored(part) || !content.CheckName(dir, &d) || d.Len() > 0 {
			return false
		}
		info, err := fs.Lstat(rfs.FS, dir)
		if err != nil || info.Mode()&fs.ModeSymlink != 0 {
			return false
		}
	}
	return true
}

// applyMoves makes the moves in the last build's indexes and files, and returns the jobs of
// the pages that may show them, by name: the new articles' own, the home page, the index of
// tags, the A to Z, the sitemap, the listings of their tags, the articles whose related
// articles changed or include a new one, and the pages whose markdown named one of their
// source files or reported a problem (a hint may name a new file). ok is false when one of
// those pages cannot be rendered alone; the last build is then spoilt.
func (inc *Incremental) applyMoves(mv moves) (consider map[string]job, ok bool) {
	last, b := inc.last, inc.last.b
	related, pagesBefore := b.related, len(b.az)
	consider = make(map[string]job)
	for _, a := range mv.removed {
		name := b.articleJob(a).name
		if prev := inc.cache[name]; prev != nil {
			b.forget(prev.log)
			last.unlink(prev.log)
		}
		delete(inc.cache, name)
		last.drop(name, true)
		b.removeArticle(a)
		delete(inc.articles.last, a.Path)
		delete(last.in.summaries, a)
		delete(last.in.sums, a.Path)
	}
	var added []*content.Article
	for _, e := range mv.added {
		a := new(content.Article)
		*a = e.article // a copy: nothing a build does to it reaches the cache
		b.insertArticle(a)
		inc.articles.last[a.Path] = e
		last.in.sums[a.Path] = e.sum
		last.in.summaries[a] = summary(a)
		added = append(added, a)
		j := b.articleJob(a)
		consider[j.name] = j
	}
	b.reindex()
	for i := len(b.az); i < pagesBefore; i++ {
		name := azPageOf(i) + "index.html"
		delete(inc.cache, name)
		last.drop(name, true)
	}

	jobs := append([]job{b.homeJob(), b.tagsJob()}, b.azJobs()...)
	if b.sitemap() {
		jobs = append(jobs, b.sitemapJob())
	}
	for _, a := range slices.Concat(mv.removed, added) {
		for _, name := range a.Tags {
			if i, ok := b.tag(name); ok {
				jobs = append(jobs, b.tagJob(&b.tags[i]))
			}
		}
	}
	for _, a := range b.articles {
		if now := b.related[a]; !slices.Equal(related[a], now) || slices.ContainsFunc(now, func(r *content.Article) bool { return slices.Contains(added, r) }) {
			jobs = append(jobs, b.articleJob(a))
		}
	}
	for _, j := range jobs {
		consider[j.name] = j
	}
	for name, r := range inc.cache {
		if r.log.diags.Len() == 0 && !slices.ContainsFunc(r.log.lookups, func(src string) bool { return mv.paths[src] }) {
			continue
		}
		// Its links resolve otherwise now, or its hints may name a new file (which no
		// fingerprint shows): it renders again without its last conversions.
		mv.force[name] = true
		if _, ok := consider[name]; ok {
			continue
		}
		j, ok := b.jobByPage(name)
		if !ok {
			return nil, false
		}
		consider[name] = j
	}
	return consider, true
}

// drop forgets the file name of the last build, a page or not.
func (last *lastBuild) drop(name string, page bool) {
	if _, ok := last.files[name]; !ok {
		return
	}
	delete(last.files, name)
	if i, ok := slices.BinarySearch(last.res.Written, name); ok {
		last.res.Written = slices.Delete(slices.Clone(last.res.Written), i, i+1)
		last.res.Files--
		if page {
			last.res.Pages--
		}
	}
}

// put keeps data as the file name of the last build, new or not.
func (last *lastBuild) put(name string, page bool, data []byte) {
	if _, ok := last.files[name]; !ok {
		i, _ := slices.BinarySearch(last.res.Written, name)
		last.res.Written = slices.Insert(slices.Clone(last.res.Written), i, name)
		last.res.Files++
		if page {
			last.res.Pages++
		}
	}
	last.files[name] = data
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
