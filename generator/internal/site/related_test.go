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

// TestRelatedAgain: after articles are added, removed or moved in the order, relatedAgain,
// which ranks again only the groups the change reaches, gives what related gives.
func TestRelatedAgain(t *testing.T) {
	vocab := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 3))
		n := 1 + r.IntN(200)
		article := func(i int) *content.Article {
			a := &content.Article{Slug: fmt.Sprint("a", i)}
			for _, k := range r.Perm(len(vocab))[:r.IntN(3)] {
				a.Tags = append(a.Tags, vocab[k])
			}
			return a
		}
		list := make([]*content.Article, n)
		for i := range list {
			list[i] = article(i)
		}
		groups := groupTags(list)
		prev := groups.related(list, 5)
		for step := range 10 {
			var moved, gone []*content.Article
			next := slices.Clone(list)
			switch r.IntN(3) {
			case 0: // added, with a set of tags some group has
				for tries := 0; tries < 10; tries++ {
					a := article(1000*(step+1) + tries)
					if g := groups.with([]*content.Article{a}); g != nil {
						groups = g
						next = slices.Insert(next, r.IntN(len(next)+1), a)
						moved = append(moved, a)
						break
					}
				}
			case 1: // removed
				if len(next) > 1 {
					i := r.IntN(len(next))
					gone = append(gone, next[i])
					moved = append(moved, next[i])
					next = slices.Delete(next, i, i+1)
				}
			case 2: // moved in the order
				i := r.IntN(len(next))
				a := next[i]
				next = slices.Insert(slices.Delete(next, i, i+1), r.IntN(len(next)), a)
				moved = append(moved, a)
			}
			var changed []int
			for _, a := range moved {
				if k, ok := groups.group(a); ok {
					changed = append(changed, k)
				}
			}
			got, want := groups.relatedAgain(next, 5, prev, changed, gone), groups.related(next, 5)
			if len(got) != len(want) {
				t.Fatalf("seed %d, step %d: %d lists, want %d", seed, step, len(got), len(want))
			}
			for a, w := range want {
				if !slices.Equal(got[a], w) {
					t.Fatalf("seed %d, step %d: %s %v: related %v, want %v", seed, step, a.Slug, a.Tags, slugs(got[a]), slugs(w))
				}
			}
			list, prev = next, got
		}
	}
}
