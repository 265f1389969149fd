package rebuild

import (
	"slices"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
)

// reviews returns what a build reports of the review dates of the articles of list, all
// shown: a warning for each that has none or whose review is overdue (content.CheckReviews);
// nothing on a site without "review_after" or in a build without a clock.
func (q *quickBuild) reviews(list []*content.Article) []diag.Diagnostic {
	p, now := q.last.b.Settings().ReviewAfter, q.inc.opts.Now
	if p.IsZero() || now.IsZero() || len(list) == 0 {
		return nil
	}
	var l diag.List
	content.CheckReviews(list, p, now, &l)
	return l.Sorted()
}

// review puts in the quick build's state the review warnings of the articles it changed,
// the edits' or the moves': those of the articles edited or removed, as they were, go out of
// the global diagnostics, and those of the articles as they are now, or added, come in. It
// reports whether the global diagnostics changed.
func (q *quickBuild) review(moved bool, edits []edit, mv moves) bool {
	var before, after []*content.Article
	if moved {
		before = mv.removed
		for i := range mv.added {
			after = append(after, &mv.added[i].article)
		}
	} else {
		for i := range edits {
			before, after = append(before, edits[i].Article), append(after, &edits[i].After)
		}
	}
	gone, come := q.reviews(before), q.reviews(after)
	if slices.Equal(gone, come) {
		return false
	}
	l := &diag.List{}
	for _, d := range q.next.global {
		if !slices.Contains(gone, d) {
			l.Add(d)
		}
	}
	for _, d := range come {
		l.Add(d)
	}
	q.next.global = l.Sorted()
	return true
}
