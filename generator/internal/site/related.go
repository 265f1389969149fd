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
	members := make([][]int, len(g.tags)) // by group: indexes into list, ascending
	for i, a := range list {
		if k, ok := g.group(a); ok {
			members[k] = append(members[k], i)
		}
	}

	out := make(map[*content.Article][]*content.Article, len(list))
	shared := make([]int, len(g.tags)) // by group: the tags it shares with the group at hand
	var sharing []int                  // the groups sharing any
	type cand struct{ shared, index int }
	for k, tags := range g.tags {
		sharing = sharing[:0]
		for _, t := range tags {
			for _, h := range g.byTag[t] {
				if shared[h] == 0 {
					sharing = append(sharing, h)
				}
				shared[h]++
			}
		}
		// The best max+1 candidates, best first: most shared tags, then list order.
		best := make([]cand, 0, max+1)
		better := func(x, y cand) bool { return x.shared > y.shared || x.shared == y.shared && x.index < y.index }
		for _, h := range sharing {
			s := shared[h]
			shared[h] = 0
			for _, i := range members[h][:min(len(members[h]), max+1)] {
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
		for _, i := range members[k] {
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
	return out
}
