package site

import (
	"slices"
	"strings"

	"guidepost/generator/internal/content"
)

// related returns, for each article of list that shares a tag with another, the at most max
// others that share the most tags with it, ties in list order.
//
// Comparing every article with every other costs n² (100 million pairs at 10,000
// articles). Articles are grouped by their set of tags instead: the ranking seen from an
// article depends only on its set of tags, and within a group the members are in list order,
// so only the first max+1 members of a group can make anyone's list (the one extra in case
// it is the article itself). The work is the number of distinct sets of tags, squared at
// worst, which stays small because tags come from a small vocabulary.
func related(list []*content.Article, max int) map[*content.Article][]*content.Article {
	type group struct {
		tags    []string
		members []int // indexes into list, ascending
	}
	var groups []*group
	byKey := make(map[string]int)   // set of tags -> index into groups
	byTag := make(map[string][]int) // tag -> the groups whose set holds it
	for i, a := range list {
		if len(a.Tags) == 0 {
			continue
		}
		tags := slices.Clone(a.Tags)
		slices.Sort(tags)
		key := strings.Join(tags, "\x00")
		g, ok := byKey[key]
		if !ok {
			g = len(groups)
			byKey[key] = g
			groups = append(groups, &group{tags: tags})
			for _, t := range tags {
				byTag[t] = append(byTag[t], g)
			}
		}
		groups[g].members = append(groups[g].members, i)
	}

	out := make(map[*content.Article][]*content.Article, len(list))
	shared := make([]int, len(groups)) // by group: the tags it shares with the group at hand
	var sharing []int                  // the groups sharing any
	type cand struct{ shared, index int }
	for _, g := range groups {
		sharing = sharing[:0]
		for _, t := range g.tags {
			for _, h := range byTag[t] {
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
			members := groups[h].members
			for _, i := range members[:min(len(members), max+1)] {
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
		for _, i := range g.members {
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
