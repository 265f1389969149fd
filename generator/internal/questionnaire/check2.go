package questionnaire

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"guidepost/generator/internal/diag"
)

// A condSite is a condition and where it is read: at a question, right after the question
// is answered (the rules of its targets), or at an outcome (its sections).
type condSite struct {
	node *Node
	cond *Cond
}

// condSites returns every parsed condition of the tree, in file order.
func (q *Questionnaire) condSites() []condSite {
	var out []condSite
	rules := func(n *Node, rs []Rule) {
		for _, r := range rs {
			if r.If != nil {
				out = append(out, condSite{n, r.If})
			}
		}
	}
	for _, n := range q.Nodes {
		for _, a := range n.Answers {
			rules(n, a.Rules)
		}
		rules(n, n.AnyRules)
		rules(n, n.NoneRules)
		for _, s := range n.Sections {
			if s.If != nil {
				out = append(out, condSite{n, s.If})
			}
		}
	}
	return out
}

// questionIDs returns the ids of the questions, in file order.
func (q *Questionnaire) questionIDs() []string {
	var ids []string
	for _, n := range q.Nodes {
		if n.Kind != Outcome {
			ids = append(ids, n.ID)
		}
	}
	return ids
}

// checkConds checks every condition against the tree: the ids it names, "has" only on
// checklists with each: true, "=" on a checklist only with yes or no, and, when the tree is
// sound (every id resolves, no cycle), that it only reads questions answered on every path
// to it, and that every rule can be taken on some path. It reports whether all is well.
func (q *Questionnaire) checkConds(sound bool, diags *diag.List) bool {
	sites := q.condSites()
	if len(sites) == 0 {
		return true
	}
	ok := true
	for _, s := range sites {
		s.cond.walk(func(t *Cond) {
			ok = q.checkTest(t, diags) && ok
		})
	}
	if !sound || q.partial || q.Node(q.Start) == nil {
		return ok
	}
	g := q.graph()
	for _, s := range sites {
		s.cond.walk(func(t *Cond) {
			if q.Node(t.Q) == nil || t.Q == s.node.ID && s.node.Kind != Outcome {
				return
			}
			if !g.def[s.node][t.Q] {
				ok = false
				where := "this question"
				if s.node.Kind == Outcome {
					where = "this outcome"
				}
				diags.Hintf(t.QPos, g.skipPath(s.node, q.Node(t.Q)),
					"%s is not answered on every path to %s (%s), so the condition cannot read it", t.Q, where, s.node.ID)
			}
		})
	}
	if ok {
		ok = q.checkNeverApplies(diags)
	}
	return ok
}

// checkTest checks the ids of one test (=, !=, in, has) of a condition; it reports whether
// they are sound.
func (q *Questionnaire) checkTest(t *Cond, diags *diag.List) bool {
	n := q.Node(t.Q)
	switch {
	case n == nil:
		hint := diag.Suggest(t.Q, q.questionIDs())
		if hint == "" {
			hint = "name a question by its id, the key under \"nodes:\""
		}
		diags.Hintf(t.QPos, hint, "unknown question %q", t.Q)
		return false
	case n.Kind == Outcome:
		diags.Hintf(t.QPos, "a condition names a question", "%s is an outcome, not a question", t.Q)
		return false
	case t.Op == OpHas && n.Kind != Checklist:
		diags.Hintf(t.Pos, fmt.Sprintf("write \"%s = answer-id\"", t.Q), "\"has\" needs a checklist, and %s is a choice", t.Q)
		return false
	case t.Op == OpHas && !n.Each:
		diags.Hintf(t.Pos, fmt.Sprintf("add \"each: true\" to %s, so that without JavaScript it asks about each item", t.Q),
			"\"%s has ...\" needs to know which items were ticked, and %s does not have each: true", t.Q, t.Q)
		return false
	}
	ok := true
	for i, v := range t.Vals {
		var ids []string
		what := "answer"
		switch {
		case t.Op == OpHas:
			ids, what = n.ItemIDs, "item"
		case n.Kind == Checklist:
			if v != "yes" && v != "no" {
				hint := "\"yes\" when at least one item applies, \"no\" when none does"
				if slices.Contains(n.ItemIDs, v) {
					hint = fmt.Sprintf("write \"%s has %s\" to ask about one item", t.Q, v)
				}
				diags.Hintf(t.ValPos[i], hint, "%s is a checklist: it is answered yes or no, not %q", t.Q, v)
				ok = false
			}
			continue
		default:
			for _, a := range n.Answers {
				ids = append(ids, a.ID)
			}
		}
		if !slices.Contains(ids, v) {
			hint := diag.Suggest(v, ids)
			if hint == "" {
				hint = fmt.Sprintf("the %ss of %s are %s", what, t.Q, strings.Join(ids, ", "))
			}
			diags.Hintf(t.ValPos[i], hint, "%q is not an %s id of %s", v, what, t.Q)
			ok = false
		}
	}
	return ok
}

// A graph is the tree's nodes reachable from start, in an order where every node comes
// after every node leading to it, with what each node's paths have answered.
type graph struct {
	q     *Questionnaire
	order []*Node
	// def holds, for each node, the questions answered on every path from start to it.
	def map[*Node]map[string]bool
}

// graph computes the graph of a sound tree (every id resolves, no cycle).
func (q *Questionnaire) graph() *graph {
	g := &graph{q: q, def: make(map[*Node]map[string]bool)}
	seen := make(map[*Node]bool)
	var post []*Node
	var visit func(n *Node)
	visit = func(n *Node) {
		seen[n] = true
		for _, e := range n.edges() {
			if m := q.Node(e.next); m != nil && !seen[m] {
				visit(m)
			}
		}
		post = append(post, n)
	}
	visit(q.Node(q.Start))
	for i := len(post) - 1; i >= 0; i-- {
		g.order = append(g.order, post[i])
	}
	g.def[g.order[0]] = map[string]bool{}
	for _, n := range g.order {
		out := make(map[string]bool, len(g.def[n])+1)
		for id := range g.def[n] {
			out[id] = true
		}
		out[n.ID] = true
		for _, e := range n.edges() {
			m := q.Node(e.next)
			if d, ok := g.def[m]; ok {
				for id := range d {
					if !out[id] {
						delete(d, id)
					}
				}
			} else {
				g.def[m] = maps.Clone(out)
			}
		}
	}
	return g
}

// skipPath describes one path from start to the node to that does not go through skip.
func (g *graph) skipPath(to, skip *Node) string {
	type from struct {
		node *Node
		step string
	}
	prev := map[*Node]from{g.q.Node(g.q.Start): {}}
	queue := []*Node{g.q.Node(g.q.Start)}
	for len(queue) > 0 && to != queue[0] {
		n := queue[0]
		queue = queue[1:]
		for _, o := range n.simpleOptions() {
			targets := []string{o.Next}
			if len(o.Rules) > 0 {
				targets = nil
				for _, r := range o.Rules {
					targets = append(targets, r.Go)
				}
			}
			for _, id := range targets {
				m := g.q.Node(id)
				if _, ok := prev[m]; !ok && m != nil && m != skip {
					prev[m] = from{n, n.ID + "=" + o.Value}
					queue = append(queue, m)
				}
			}
		}
	}
	var steps []string
	for n := to; prev[n].node != nil; n = prev[n].node {
		steps = append(steps, prev[n].step)
	}
	if len(steps) == 0 {
		return fmt.Sprintf("%s is the start, where nothing is answered yet", to.ID)
	}
	slices.Reverse(steps)
	return fmt.Sprintf("for example the path %s reaches %s without %s", strings.Join(steps, " "), to.ID, skip.ID)
}

// simpleOptions returns the ways of answering n that lead somewhere different: each answer
// of a choice, and yes and no for a checklist (for each: true, its first item and none).
func (n *Node) simpleOptions() []Option {
	switch n.Kind {
	case Choice:
		out := make([]Option, len(n.Answers))
		for i, a := range n.Answers {
			out[i] = Option{a.ID, a.Next, a.Rules}
		}
		return out
	case Checklist:
		yes, no := "yes", "no"
		if n.Each && len(n.ItemIDs) > 0 {
			yes, no = n.ItemIDs[0], "none"
		}
		return []Option{{yes, n.Any, n.AnyRules}, {no, n.None, n.NoneRules}}
	}
	return nil
}

// Composed returns the text of outcome n as the answers a compose it: its title, its body,
// the bodies of the sections shown, and its action's label (markdown as written).
func (q *Questionnaire) Composed(n *Node, a Answers) string {
	parts := []string{n.Outcome, n.Body.Text}
	for _, i := range q.Shown(n, a) {
		parts = append(parts, n.Sections[i].Body.Text)
	}
	if n.Action != nil {
		parts = append(parts, n.Action.Label)
	}
	return strings.Join(parts, "\n")
}

// checkComposed checks a passing test's shows and hides against the outcome it ends at.
func (q *Questionnaire) checkComposed(name string, t *Test, end *Node, a Answers, diags *diag.List) {
	if len(t.Shows) == 0 && len(t.Hides) == 0 {
		return
	}
	text := q.Composed(end, a)
	for _, s := range t.Shows {
		if !strings.Contains(text, s) {
			diags.Hintf(t.Pos, "check the sections' conditions, or the text to look for",
				"%s: outcome %s as composed for these answers (sections %v) does not show %q", name, end.ID, q.Shown(end, a), s)
		}
	}
	for _, s := range t.Hides {
		if strings.Contains(text, s) {
			diags.Hintf(t.Pos, "check the sections' conditions, or the text to look for",
				"%s: outcome %s as composed for these answers (sections %v) shows %q, which it must hide", name, end.ID, q.Shown(end, a), s)
		}
	}
}
