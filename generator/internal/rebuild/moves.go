package rebuild

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/site"
)

// moves are what a quick build follows besides edits of articles that keep their slug:
// articles added and removed (a new article, a deleted one, a renamed one: both), or one
// questionnaire edited, when the watcher names nothing else.
type moves struct {
	added   []parsedArticle
	removed []*content.Article // the last build's
	paths   map[string]bool    // the source files added, removed or edited: links to their anchors are checked again
	force   map[string]bool    // the pages to render whatever their fingerprint, without their last conversions
	fresh   bool               // there may be new pages
}

// moves returns, when the files named are only articles added and removed, or one
// questionnaire, the state of the quick build made from the last build's and the jobs of the
// files that may show the change, by name (see site.Loaded.DeriveMoves and
// DeriveQuestionnaire); ok is false, with nothing made, when they are anything else or when
// the change may reach further than those pages.
//
// An article may be added when it parses without a diagnostic, has a slug of its own, is
// shown (drafts are built, or it is not one), and nothing but markdown names it (a
// questionnaire, the notice, the footer). One may be removed on the same terms, when it
// parsed without a diagnostic and no other article claims its slug; one a questionnaire
// recommends (by its slug) only when an article added takes its slug, as when its file moves
// into a folder (the questionnaire's pages are then considered). A tag may come with an
// article added or go with its last article removed: its listing is made or dropped, and
// the pages listing tags are among those considered. Neither is followed when a diagnostic
// of the last build may come or go with the article (see silentOn). On a site with search,
// the index is made again from the documents kept (see searchAgain); with review dates to
// check, the added articles' warnings come and the removed ones' go (see review). A
// questionnaire is followed when drafts are built, it keeps its slug, and it reports
// nothing, now or in the last build.
func (q *quickBuild) moves(named map[string]bool) (consider map[string]site.Job, mv moves, ok bool) {
	if len(named) == 0 {
		return nil, moves{}, false
	}
	if len(named) == 1 && q.inc.opts.Drafts {
		if consider, mv, ok := q.questionnaireMove(named); ok {
			return consider, mv, true
		}
	}
	if mv, ok = q.articleMoves(named); !ok {
		return nil, moves{}, false
	}
	return q.deriveMoves(mv)
}

// questionnaireMove starts the quick build of the one questionnaire named, when it reported
// nothing in the last build and site.Loaded.DeriveQuestionnaire can follow it.
func (q *quickBuild) questionnaireMove(named map[string]bool) (consider map[string]site.Job, mv moves, ok bool) {
	var p string
	for p = range named {
	}
	if slices.ContainsFunc(q.last.global, func(d diag.Diagnostic) bool { return d.Path == p }) {
		return nil, moves{}, false
	}
	next, jobs, gone, ok := q.last.b.DeriveQuestionnaire(q.rfs, &diag.List{}, p)
	if !ok {
		return nil, moves{}, false
	}
	q.start(next)
	q.next.in.sums.Set(p, q.rfs.sums[p])
	mv.paths, mv.force = map[string]bool{p: true}, make(map[string]bool)
	mv.fresh = true
	q.drop(gone)
	return byName(jobs), mv, true
}

// articleMoves returns the articles the files named add and remove, when each may be
// followed (see moves).
func (q *quickBuild) articleMoves(named map[string]bool) (mv moves, ok bool) {
	inc, b := q.inc, q.last.b
	mv.paths, mv.force = make(map[string]bool), make(map[string]bool)
	slugs := make(map[string]bool) // the slugs of the articles removed
	var maybeNew []string
	for _, p := range slices.Sorted(maps.Keys(named)) {
		a := b.ArticleAt(p)
		if a == nil {
			maybeNew = append(maybeNew, p)
			continue
		}
		if _, err := fs.Lstat(q.rfs.FS, p); !errors.Is(err, fs.ErrNotExist) {
			return moves{}, false // still there: an edit, which edits follows
		}
		// One a questionnaire recommends may go when an article added takes its slug (see below).
		if e := inc.articles.last[p]; e.diags == nil || e.diags.Len() > 0 || b.SourceNamedElsewhere(a.Path) || !q.silentOn(a) ||
			slices.ContainsFunc(b.Articles(), func(x *content.Article) bool { return x != a && x.Slug == a.Slug }) {
			return moves{}, false
		}
		mv.removed = append(mv.removed, a)
		mv.paths[p] = true
		slugs[a.Slug] = true
	}
	for _, p := range maybeNew {
		if _, ok := inc.articles.last[p]; ok || !articleFile(q.rfs, p) {
			return moves{}, false
		}
		e, ok := reparse(q.rfs, p, inc.opts.Limits)
		a := &e.article
		if !ok || e.diags.Len() > 0 || a.Slug == "" || a.Path != p || (b.Article(a.Slug) != nil && !slugs[a.Slug]) ||
			a.Draft && !inc.opts.Drafts || b.SourceNamedElsewhere(a.Path) || b.Recommended(a.Slug) && !slugs[a.Slug] || !q.silentOn(a) {
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
	for slug, gone := range slugs {
		if gone && b.Recommended(slug) { // recommended, and no article takes its slug
			return moves{}, false
		}
	}
	return mv, true
}

// deriveMoves starts the quick build of the moves mv and returns the jobs of the pages that
// may show them: those site.Loaded.DeriveMoves names, and every page whose links or hints
// may resolve otherwise now.
func (q *quickBuild) deriveMoves(mv moves) (consider map[string]site.Job, _ moves, ok bool) {
	var added []content.Article
	for _, e := range mv.added {
		added = append(added, e.article)
	}
	next, jobs, gone := q.last.b.DeriveMoves(q.rfs, &diag.List{}, added, mv.removed)
	q.start(next)
	in := q.next.in
	in.summaries = in.summaries.Derive()
	for _, a := range mv.removed {
		in.summaries.Delete(a)
		in.sums.Delete(a.Path)
	}
	for _, e := range mv.added {
		a := next.ArticleAt(e.article.Path)
		in.summaries.Set(a, summary(a))
		in.sums.Set(a.Path, e.sum)
	}
	q.drop(gone)
	consider = byName(jobs)
	for _, name := range q.next.looked.pages(slices.Collect(maps.Keys(mv.paths))) {
		// Its links resolve otherwise now, or its hints may name a new file (which no
		// fingerprint shows): it renders again without its last conversions.
		mv.force[name] = true
		if _, ok := consider[name]; ok {
			continue
		}
		j, ok := next.JobByPage(name)
		if !ok {
			return nil, moves{}, false
		}
		consider[name] = j
	}
	return consider, mv, true
}

// byName returns the jobs by the name of their file.
func byName(jobs []site.Job) map[string]site.Job {
	m := make(map[string]site.Job, len(jobs))
	for _, j := range jobs {
		m[j.Name()] = j
	}
	return m
}

// start makes the quick build's state from the last build's, with next as its site.
func (q *quickBuild) start(next *site.Loaded) {
	last := q.last
	in := &inputs{global: last.in.global, themes: last.in.themes, theme: last.in.theme, sums: last.in.sums.Derive(), summaries: last.in.summaries}
	q.next = &lastBuild{b: next, in: in, files: last.files.Derive(), res: last.res, diags: last.diags, global: last.global, linkers: last.linkers.Derive(), looked: last.looked.derive()}
	q.cache = q.inc.cache.Derive()
}

// drop takes the pages gone out of the quick build's state, with the anchors they defined
// and linked to.
func (q *quickBuild) drop(gone []string) {
	for _, name := range gone {
		if prev := q.cache.Value(name); prev != nil {
			for _, ids := range prev.log.ids {
				q.next.b.ForgetAnchors(ids.path, ids.ids)
			}
			q.next.unlink(prev.log)
			q.next.looked.change(prev.log, nil)
		}
		q.cache.Delete(name)
		if _, ok := q.next.files.Get(name); !ok {
			continue
		}
		q.next.files.Delete(name)
		if i, ok := slices.BinarySearch(q.next.res.Written, name); ok {
			q.next.res.Written = slices.Delete(slices.Clone(q.next.res.Written), i, i+1)
			q.next.res.Files--
			q.next.res.Pages--
		}
	}
}

// put keeps data as the file name of the quick build, new or not.
func (q *quickBuild) put(name string, page bool, data []byte) {
	next := q.next
	if _, ok := next.files.Get(name); !ok {
		i, _ := slices.BinarySearch(next.res.Written, name)
		next.res.Written = slices.Insert(slices.Clone(next.res.Written), i, name)
		next.res.Files++
		if page {
			next.res.Pages++
		}
	}
	next.files.Set(name, data)
}

// silentOn reports whether none of the last build's diagnostics but those of pages may
// depend on whether the article a exists: none is a questionnaire's error (one naming an
// article that is not built suggests the nearest slugs; a questionnaire's warnings are about
// its own tree) or names a's file or slug, as a hint may, but the review warnings (which
// depend on their own article only, and which the quick build puts right for the articles it
// adds and removes: see review).
func (q *quickBuild) silentOn(a *content.Article) bool {
	name := strings.TrimSuffix(path.Base(a.Path), ".md")
	return !slices.ContainsFunc(q.last.global, func(d diag.Diagnostic) bool {
		s := d.String()
		questionnaire := strings.HasPrefix(d.Path, content.QuestionnairesDir+"/") && d.Severity != diag.Warning
		if !questionnaire && !strings.Contains(s, name) && !strings.Contains(s, a.Slug) {
			return false
		}
		x := q.last.b.ArticleAt(d.Path)
		return x == nil || !slices.Contains(q.reviews([]*content.Article{x}), d)
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
