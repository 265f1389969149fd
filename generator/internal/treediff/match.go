package treediff

import (
	"slices"
	"strings"

	"guidepost/generator/internal/questionnaire"
)

// matching says which node and answer of the new version each of the old one is.
type matching struct {
	nodes   map[string]string            // old node id -> new node id; absent when gone
	values  map[string]map[string]string // old node id -> old answer or item id -> new id
	order   map[string]map[string]int    // new checklist id -> item id -> its place
	renames []Rename
}

// match matches the nodes of old and new, and the answers and items of matched questions.
func match(old, new *questionnaire.Questionnaire) *matching {
	m := &matching{nodes: map[string]string{}, values: map[string]map[string]string{}, order: map[string]map[string]int{}, renames: []Rename{}}
	if old == nil || new == nil {
		return m
	}
	taken := map[string]bool{}
	var left []*questionnaire.Node
	for _, o := range old.Nodes {
		if n := new.Node(o.ID); n != nil && n.Kind == o.Kind {
			m.nodes[o.ID], taken[o.ID] = o.ID, true
		} else {
			left = append(left, o)
		}
	}
	for _, o := range left {
		for _, n := range new.Nodes {
			if !taken[n.ID] && old.Node(n.ID) == nil && sameNode(o, n) {
				m.nodes[o.ID], taken[n.ID] = n.ID, true
				m.renames = append(m.renames, Rename{"node", o.ID, n.ID})
				break
			}
		}
	}
	for _, o := range old.Nodes {
		n := new.Node(m.nodes[o.ID])
		if n == nil || o.Kind == questionnaire.Outcome {
			continue
		}
		type opt struct{ id, text string }
		var os, ns []opt
		if o.Kind == questionnaire.Checklist {
			for i, id := range o.ItemIDs {
				os = append(os, opt{id, o.Items[i]})
			}
			m.order[n.ID] = map[string]int{}
			for i, id := range n.ItemIDs {
				ns = append(ns, opt{id, n.Items[i]})
				m.order[n.ID][id] = i
			}
		} else {
			for _, a := range o.Answers {
				os = append(os, opt{a.ID, a.Label})
			}
			for _, a := range n.Answers {
				ns = append(ns, opt{a.ID, a.Label})
			}
		}
		vals := map[string]string{}
		used := map[string]bool{}
		for _, pass := range []func(i int, a opt, j int, b opt) bool{
			func(_ int, a opt, _ int, b opt) bool { return a.id == b.id },
			func(_ int, a opt, _ int, b opt) bool { return a.text == b.text },
			func(i int, _ opt, j int, _ opt) bool { return i == j && len(os) == len(ns) },
		} {
			for i, a := range os {
				if _, done := vals[a.id]; done {
					continue
				}
				for j, b := range ns {
					if !used[b.id] && pass(i, a, j, b) {
						vals[a.id], used[b.id] = b.id, true
						if a.id != b.id {
							m.renames = append(m.renames, Rename{"answer", o.ID + "=" + a.id, n.ID + "=" + b.id})
						}
						break
					}
				}
			}
		}
		m.values[o.ID] = vals
	}
	slices.SortFunc(m.renames, func(a, b Rename) int { return strings.Compare(a.Kind+" "+a.Old, b.Kind+" "+b.Old) })
	return m
}

// sameNode reports whether o and n, of different ids, read the same to a reader.
func sameNode(o, n *questionnaire.Node) bool {
	if o.Kind != n.Kind {
		return false
	}
	if o.Kind == questionnaire.Outcome {
		return o.Outcome == n.Outcome && o.Level == n.Level
	}
	return o.Question == n.Question
}

// translate writes the steps of an old path ("q1=a q2=b+c") with the new version's ids; a
// step whose node or answer has no match keeps an id no new path has.
func (m *matching) translate(steps string) string {
	var out []string
	for _, s := range strings.Fields(steps) {
		id, v, _ := strings.Cut(s, "=")
		nid, ok := m.nodes[id]
		if !ok {
			return "\x00gone"
		}
		var vs []string
		for _, x := range strings.Split(v, "+") {
			if nx, ok := m.values[id][x]; ok {
				vs = append(vs, nx)
			} else {
				vs = append(vs, x) // yes, no, none; or an answer gone, which pairs with nothing
			}
		}
		// Ticked items are written in the order of the new version's items.
		slices.SortStableFunc(vs, func(a, b string) int { return m.order[nid][a] - m.order[nid][b] })
		out = append(out, nid+"="+strings.Join(vs, "+"))
	}
	return strings.Join(out, " ")
}
