package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"guidepost/generator/internal/content"
)

// naiveRelated is the definition of related: every pair compared.
func naiveRelated(list []*content.Article, max int) map[*content.Article][]*content.Article {
	out := make(map[*content.Article][]*content.Article)
	for i, a := range list {
		type scored struct{ shared, order int }
		var cands []scored
		for j, o := range list {
			shared := 0
			for _, t := range a.Tags {
				if slices.Contains(o.Tags, t) {
					shared++
				}
			}
			if i != j && shared > 0 {
				cands = append(cands, scored{shared, j})
			}
		}
		slices.SortFunc(cands, func(x, y scored) int { return cmp.Or(y.shared-x.shared, x.order-y.order) })
		for _, c := range cands[:min(len(cands), max)] {
			out[a] = append(out[a], list[c.order])
		}
	}
	return out
}

// TestRelated compares related with the pairwise definition on random sites, from tiny ones
// where groups hold fewer articles than the list is long to ones with many ties.
func TestRelated(t *testing.T) {
	vocab := []string{"a", "b", "c", "d", "e", "f"}
	for _, tc := range []struct{ articles, maxTags, max int }{
		{1, 2, 5}, {2, 1, 5}, {7, 2, 5}, {40, 3, 5}, {300, 4, 5}, {300, 2, 1}, {200, 6, 3},
	} {
		for seed := range uint64(5) {
			t.Run(fmt.Sprintf("n=%d,tags=%d,max=%d,seed=%d", tc.articles, tc.maxTags, tc.max, seed), func(t *testing.T) {
				r := rand.New(rand.NewPCG(seed, 1))
				list := make([]*content.Article, tc.articles)
				for i := range list {
					a := &content.Article{Slug: fmt.Sprint("a", i)}
					for _, k := range r.Perm(len(vocab))[:r.IntN(tc.maxTags+1)] {
						a.Tags = append(a.Tags, vocab[k])
					}
					list[i] = a
				}
				groups := groupTags(list)
				check := func(order string, list []*content.Article) {
					got, want := groups.related(list, tc.max), naiveRelated(list, tc.max)
					if len(got) != len(want) {
						t.Errorf("%s: related lists %d articles, want %d", order, len(got), len(want))
					}
					for _, a := range list {
						if !slices.Equal(got[a], want[a]) {
							t.Errorf("%s: %s %v: related %v, want %v", order, a.Slug, a.Tags, slugs(got[a]), slugs(want[a]))
						}
					}
				}
				check("grouped in this order", list)
				// The groups hold in another order (a dev rebuild that moved articles keeps them).
				r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
				check("grouped in another order", list)
			})
		}
	}
}

func slugs(list []*content.Article) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Slug)
	}
	return out
}
