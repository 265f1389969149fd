package review

import (
	"io/fs"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/site"
)

// Load reads the items of the site in fsys: its articles (drafts too when drafts is set, as
// they will need a review before they go out) and its questionnaires, articles first, each
// in the order the site lists them. It also returns the site's settings. Problems go to
// diags; Load returns what it could read.
func Load(fsys fs.FS, drafts bool, diags *diag.List) ([]Item, content.Site) {
	c := content.Load(fsys, content.Options{Drafts: drafts, NoBodies: true}, diags)
	items := make([]Item, 0, len(c.Articles)+len(c.Questionnaires))
	for _, a := range c.Articles {
		items = append(items, Item{Kind: "article", Path: a.Path, Title: a.Title, Reviewed: a.Reviewed})
	}
	for _, p := range c.Questionnaires {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Errorf(diag.Pos{Path: p}, "cannot read: %v", err)
			continue
		}
		it := Item{Kind: "questionnaire", Path: p}
		if q := site.ParseQuestionnaire(p, src, limits.Limits{}, diags); q != nil {
			it.Title, it.Reviewed = q.Title, q.Reviewed
		}
		items = append(items, it)
	}
	return items, c.Site
}
