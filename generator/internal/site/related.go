package site

import (
	"maps"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
)

// tagGroups are the articles of a list grouped by their set of tags, to find each article's
// related articles (related). They depend on the articles' tags only: a dev rebuild that
// moved an article in the listing order keeps them.
//
// Comparing every article with every other costs n² (100 million pairs at 10,000
// articles). Grouped by their set of tags instead, the ranking seen from an article depends
// only on its set of tags, and within a group the members are in list order, so only the
// first max+1 members of a group can make anyone's list (the one extra in case it is the
// article itself). The work is the number of distinct sets of tags, squared at worst, which
// stays small because tags come from a small vocabulary.
type tagGroups struct {
	tags  [][]string               // by group: its set of tags, sorted
	byTag map[string][]int         // tag -> the groups whose set holds it
	of    map[*content.Article]int // article -> its group
	// later holds the articles put in place of others with the same tags after grouping
	// (see builder.replace), read before of, which is shared with the builder before.
	later map[*content.Article]int
}

// group returns the group of a.
func (g *tagGroups) group(a *content.Article) (int, bool) {
	if k, ok := g.later[a]; ok {
		return k, true
	}
	k, ok := g.of[a]
	return k, ok
}

// with returns the groups with the articles added as well, sharing what g holds, or nil when
// one of them has a set of tags no group has (the articles must then be grouped again).
// Articles that are gone may stay in g: related only sees the articles of its list.
func (g *tagGroups) with(added []*content.Article) *tagGroups {
	n := *g
	n.later = maps.Clone(g.later)
	for _, a := range added {
		if len(a.Tags) == 0 {
			continue
		}
		tags := slices.Clone(a.Tags)
		slices.Sort(tags)
		k := slices.IndexFunc(g.tags, func(t []string) bool { return slices.Equal(t, tags) })
		if k < 0 {
			return nil
		}
		if n.later == nil {
			n.later = make(map[*content.Article]int)
		}
		n.later[a] = k
	}
	return &n
}

func groupTags(list []*content.Article) *tagGroups {
	g := &tagGroups{byTag: make(map[string][]int), of: make(map[*content.Article]int, len(list))}
	byKey := make(map[string]int) // set of tags -> group
	for _, a := range list {
		if len(a.Tags) == 0 {
			continue
		}
		tags := slices.Clone(a.Tags)
		slices.Sort(tags)
		key := strings.Join(tags, "\x00")
		i, ok := byKey[key]
		if !ok {
			i = len(g.tags)
			byKey[key] = i
			g.tags = append(g.tags, tags)
			for _, t := range tags {
				g.byTag[t] = append(g.byTag[t], i)
			}
		}
		g.of[a] = i
	}
	return g
}

// related returns, for each article of list that shares a tag with another, the at most max
// others that share the most tags with it, ties in list order. The articles of list are
// those g grouped, in any order.
func (g *tagGroups) related(list []*content.Article, max int) map[*content.Article][]*content.Article {
	out := make(map[*content.Article][]*content.Article, len(list))
	r := g.ranker(list, max)
	for k := range g.tags {
		r.rank(k, out)
	}
	return out
}

// relatedAgain returns what related(list, max) returns, given prev, what it returned for a
// list that differs from this one only by the articles of the groups changed: added, gone,
// moved in the order or put in place of others (see builder.replace). The lists of the
// articles whose groups share no tag with a changed group are prev's: each of their
// candidates kept its place among the others. gone are the articles of prev that list no
// longer has.
func (g *tagGroups) relatedAgain(list []*content.Article, max int, prev map[*content.Article][]*content.Article, changed []int, gone []*content.Article) map[*content.Article][]*content.Article {
	out := maps.Clone(prev)
	for _, a := range gone {
		delete(out, a)
	}
	reached := make(map[int]bool)
	for _, k := range changed {
		for _, t := range g.tags[k] {
			for _, h := range g.byTag[t] {
				reached[h] = true
			}
		}
	}
	r := g.ranker(list, max)
	for k := range reached {
		for _, i := range r.members[k] {
			delete(out, list[i])
		}
		r.rank(k, out)
	}
	return out
}

// ranker finds the related articles of the members of one group at a time.
type ranker struct {
	g       *tagGroups
	list    []*content.Article
	max     int
	members [][]int // by group: indexes into list, ascending
	shared  []int   // by group: the tags it shares with the group at hand
	sharing []int   // the groups sharing any
}

func (g *tagGroups) ranker(list []*content.Article, max int) *ranker {
	r := &ranker{g: g, list: list, max: max, members: make([][]int, len(g.tags)), shared: make([]int, len(g.tags))}
	for i, a := range list {
		if k, ok := g.group(a); ok {
			r.members[k] = append(r.members[k], i)
		}
	}
	return r
}

// rank sets in out the related articles of each member of group k that has any.
func (r *ranker) rank(k int, out map[*content.Article][]*content.Article) {
	g, list, max, shared := r.g, r.list, r.max, r.shared
	type cand struct{ shared, index int }
	sharing := r.sharing[:0]
	for _, t := range g.tags[k] {
		for _, h := range g.byTag[t] {
			if shared[h] == 0 {
				sharing = append(sharing, h)
			}
			shared[h]++
		}
	}
	r.sharing = sharing
	// The best max+1 candidates, best first: most shared tags, then list order.
	best := make([]cand, 0, max+1)
	better := func(x, y cand) bool { return x.shared > y.shared || x.shared == y.shared && x.index < y.index }
	for _, h := range sharing {
		s := shared[h]
		shared[h] = 0
		for _, i := range r.members[h][:min(len(r.members[h]), max+1)] {
			c := cand{s, i}
			if len(best) == max+1 && !better(c, best[max]) {
				break // later members of h are in list order: worse still
			}
			at := len(best)
			for at > 0 && better(c, best[at-1]) {
				at--
			}
			if len(best) < max+1 {
				best = append(best, cand{})
			}
			copy(best[at+1:], best[at:len(best)-1])
			best[at] = c
		}
	}
	// Members that are not among the best share one list (lists are only read).
	var common []*content.Article
	for _, c := range best[:min(len(best), max)] {
		common = append(common, list[c.index])
	}
	for _, i := range r.members[k] {
		rel := common
		if slices.ContainsFunc(best, func(c cand) bool { return c.index == i }) {
			rel = nil
			for _, c := range best {
				if c.index != i && len(rel) < max {
					rel = append(rel, list[c.index])
				}
			}
		}
		if len(rel) > 0 {
			out[list[i]] = rel
		}
	}
}
