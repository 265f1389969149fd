package questionnaire

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"guidepost/generator/internal/diag"
)

// Answers holds what a reader answered, by question id: for a choice, the answer's id;
// for a checklist, "yes" or "no", or (when the items matter) the ticked items' ids in
// item order joined by "+", or "none". A question not answered is absent.
type Answers map[string]string

// ticked reports whether a checklist's answer v says that at least one item applies.
func ticked(v string) bool { return v != "" && v != "no" && v != "none" }

// Holds reports whether c holds for the answers a. A question that was not answered
// makes every test of it false (Check makes sure that conditions only name questions
// answered on every path).
func (q *Questionnaire) Holds(c *Cond, a Answers) bool {
	switch c.Op {
	case OpNot:
		return !q.Holds(c.X, a)
	case OpAnd:
		return q.Holds(c.X, a) && q.Holds(c.Y, a)
	case OpOr:
		return q.Holds(c.X, a) || q.Holds(c.Y, a)
	}
	v, ok := a[c.Q]
	if !ok {
		return false
	}
	n := q.Node(c.Q)
	switch c.Op {
	case OpHas:
		return slices.Contains(strings.Split(v, "+"), c.Vals[0])
	case OpNe:
		return !matches(n, v, c.Vals[0])
	}
	for _, want := range c.Vals { // = and in
		if matches(n, v, want) {
			return true
		}
	}
	return false
}

// matches reports whether the answer v of node n is the answer id want.
func matches(n *Node, v, want string) bool {
	if n != nil && n.Kind == Checklist {
		return ticked(v) == (want == "yes")
	}
	return v == want
}

// Resolve returns where a target goes for the answers a: the plain id, or the Go of the
// first rule whose If holds, with the rule's index (-1 for a plain id). It returns "" and
// -1 when no rule holds, which only a rules list without a default allows.
func (q *Questionnaire) Resolve(id string, rules []Rule, a Answers) (string, int) {
	if len(rules) == 0 {
		return id, -1
	}
	for i, r := range rules {
		if r.If == nil || q.Holds(r.If, a) {
			return r.Go, i
		}
	}
	return "", -1
}

// Shown returns the indexes of the sections of outcome n that the answers a show.
func (q *Questionnaire) Shown(n *Node, a Answers) []int {
	out := []int{}
	for i, s := range n.Sections {
		if s.If != nil && q.Holds(s.If, a) {
			out = append(out, i)
		}
	}
	return out
}

// An Option is one way to answer a question, as a path step: for a choice an answer, for a
// checklist "yes" or "no", or, for a checklist with each: true, a set of ticked items.
type Option struct {
	Value string // the answer, as Answers holds it
	Next  string // the target's plain id, or "" when Rules decide
	Rules []Rule
}

// next returns the target a checklist's answer v leads to.
func (n *Node) checklistTarget(v string) (string, []Rule) {
	if ticked(v) {
		return n.Any, n.AnyRules
	}
	return n.None, n.NoneRules
}

// eachOptions calls fn for every set of ticked items of the checklist n, in the order of
// the subsets' bitmasks with the first item as the lowest bit, "none" first; it stops when
// fn returns false.
func (n *Node) eachOptions(fn func(v string) bool) {
	m := len(n.ItemIDs)
	var pick []string
	var rec func(i int) bool
	rec = func(i int) bool {
		if i == m {
			v := "none"
			if len(pick) > 0 {
				v = strings.Join(pick, "+")
			}
			return fn(v)
		}
		if !rec(i + 1) {
			return false
		}
		pick = append(pick, n.ItemIDs[i])
		ok := rec(i + 1)
		pick = pick[:len(pick)-1]
		return ok
	}
	rec(0)
}

// options calls fn for every way of answering the question n as a complete path step
// (see Paths); it stops when fn returns false.
func (n *Node) options(fn func(o Option) bool) {
	switch n.Kind {
	case Choice:
		for _, a := range n.Answers {
			if !fn(Option{a.ID, a.Next, a.Rules}) {
				return
			}
		}
	case Checklist:
		if !n.Each {
			if fn(Option{"yes", n.Any, n.AnyRules}) {
				fn(Option{"no", n.None, n.NoneRules})
			}
			return
		}
		n.eachOptions(func(v string) bool {
			next, rules := n.checklistTarget(v)
			return fn(Option{v, next, rules})
		})
	}
}

// target returns the target of the question n for its answer v (as Answers holds it).
func (n *Node) target(v string) (string, []Rule) {
	if n.Kind == Checklist {
		return n.checklistTarget(v)
	}
	for _, a := range n.Answers {
		if a.ID == v {
			return a.Next, a.Rules
		}
	}
	return "", nil
}

// Value reads a test step's answer to the question n and returns it as Answers holds it.
// For a choice, answer is an answer's exact label, its id or its 1-based position, tried in
// that order; for a checklist, "yes", "no", "none", or the ids of the ticked items joined by
// "+" (in any order; kept in item order, and as "yes" when the checklist is not each: true).
func (n *Node) Value(answer string) (string, error) {
	switch n.Kind {
	case Checklist:
		switch answer {
		case "yes":
			return "yes", nil
		case "no", "none":
			if n.Each {
				return "none", nil
			}
			return "no", nil
		}
		parts := strings.Split(answer, "+")
		for _, p := range parts {
			if slices.Contains(n.ItemIDs, p) {
				continue
			}
			hint := diag.Suggest(p, n.ItemIDs)
			if hint == "" && len(parts) == 1 {
				return n.Next(answer) // its error says what a checklist takes
			}
			if hint == "" {
				hint = fmt.Sprintf("the items of %s are %s", n.ID, strings.Join(n.ItemIDs, ", "))
			}
			return "", &answerError{fmt.Sprintf("%q is not an item of %s", p, n.ID), hint}
		}
		if !n.Each {
			return "yes", nil
		}
		var pick []string
		for _, id := range n.ItemIDs {
			if slices.Contains(parts, id) {
				pick = append(pick, id)
			}
		}
		return strings.Join(pick, "+"), nil
	case Choice:
	default:
		_, err := n.Next(answer)
		return "", err
	}
	for _, a := range n.Answers {
		if a.Label == answer {
			return a.ID, nil
		}
	}
	ids := make([]string, len(n.Answers))
	for i, a := range n.Answers {
		if a.ID == answer {
			return a.ID, nil
		}
		ids[i] = a.ID
	}
	if hint := diag.Suggest(answer, ids); hint != "" && Slug(answer) == answer {
		// It looks like an id: suggest the closest id rather than a label.
		return "", &answerError{fmt.Sprintf("%q is not an answer of %s", answer, n.ID), hint}
	}
	if _, err := n.Next(answer); err != nil {
		return "", err
	}
	i, _ := strconv.Atoi(answer)
	return n.Answers[i-1].ID, nil
}
