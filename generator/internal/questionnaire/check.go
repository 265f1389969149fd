package questionnaire

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
)

// Articles are the article slugs a build knows of: those it publishes and the drafts it
// leaves out.
type Articles struct {
	Built  map[string]bool
	Drafts map[string]bool
}

// Check enforces the rules that need the whole tree or the site (see the package
// documentation). A nil articles skips the check of recommended articles. Problems go to
// diags, every one of them.
func (q *Questionnaire) Check(articles *Articles, diags *diag.List) {
	if len(q.Nodes) == 0 {
		return // no nodes: reported by Parse
	}
	complete := q.checkRefs(diags)
	acyclic := q.checkCycles(diags)
	if complete && !q.partial {
		q.checkReachable(diags)
	}
	q.sound = q.checkConds(complete && acyclic, diags) && complete && acyclic && !q.partial
	if articles != nil {
		q.checkArticles(articles, diags)
	}
	q.checkTests(diags)
}

// An edge leads from a node to the node next, as written at pos.
type edge struct {
	next string
	pos  diag.Pos
}

// edges returns where n leads, first answer first, each node once.
func (n *Node) edges() []edge {
	var out []edge
	add := func(next string, pos diag.Pos) {
		for _, e := range out {
			if e.next == next {
				return
			}
		}
		out = append(out, edge{next, pos})
	}
	target := func(id string, pos diag.Pos, rules []Rule) {
		if len(rules) == 0 {
			add(id, pos)
		}
		for _, r := range rules {
			if r.Go != "" {
				add(r.Go, r.goPos)
			}
		}
	}
	switch n.Kind {
	case Choice:
		for _, a := range n.Answers {
			target(a.Next, a.nextPos, a.Rules)
		}
	case Checklist:
		target(n.Any, n.anyPos, n.AnyRules)
		target(n.None, n.nonePos, n.NoneRules)
	}
	return out
}

func (q *Questionnaire) ids() []string {
	ids := make([]string, len(q.Nodes))
	for i, n := range q.Nodes {
		ids[i] = n.ID
	}
	return ids
}

// checkRefs reports ids that name no node, and tests that expect a question. It reports
// whether start and every edge lead to a node.
func (q *Questionnaire) checkRefs(diags *diag.List) bool {
	ids := q.ids()
	ref := func(key, id string, pos diag.Pos) bool {
		if id == "" {
			return false // missing or empty: reported by Parse
		}
		if q.Node(id) != nil {
			return true
		}
		hint := diag.Suggest(id, ids)
		if hint == "" {
			hint = "node ids are the keys under \"nodes:\""
		}
		diags.Hintf(pos, hint, "%s: unknown node %q", key, id)
		return false
	}
	ok := ref("start", q.Start, q.startPos)
	target := func(key, id string, pos diag.Pos, rules []Rule) bool {
		if len(rules) == 0 {
			return ref(key, id, pos)
		}
		all := true
		for _, r := range rules {
			all = ref("go", r.Go, r.goPos) && all
		}
		return all
	}
	for _, n := range q.Nodes {
		switch n.Kind {
		case Choice:
			for _, a := range n.Answers {
				ok = target("next", a.Next, a.nextPos, a.Rules) && ok
			}
		case Checklist:
			ok = target("any", n.Any, n.anyPos, n.AnyRules) && ok
			ok = target("none", n.None, n.nonePos, n.NoneRules) && ok
		}
	}
	for _, t := range q.Tests {
		if ref("expect", t.Expect, t.expectPos) && q.Node(t.Expect).Kind != Outcome {
			diags.Hintf(t.expectPos, "name the outcome the answers lead to",
				"expect: %q is a question; a test ends at an outcome", t.Expect)
		}
	}
	return ok
}

// checkCycles reports every cycle once, at the edge that closes it, by a depth-first walk
// from each node in file order. It reports whether there is none.
func (q *Questionnaire) checkCycles(diags *diag.List) bool {
	acyclic := true
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[*Node]int)
	var path []*Node
	var visit func(n *Node)
	visit = func(n *Node) {
		state[n] = onPath
		path = append(path, n)
		for _, e := range n.edges() {
			next := q.Node(e.next)
			switch {
			case next == nil:
			case state[next] == unseen:
				visit(next)
			case state[next] == onPath:
				var ids []string
				for i := len(path) - 1; i >= 0; i-- {
					if path[i] == next {
						for _, p := range path[i:] {
							ids = append(ids, p.ID)
						}
						break
					}
				}
				ids = append(ids, next.ID)
				acyclic = false
				diags.Hintf(e.pos, "point this to a node further on, so that every path ends at an outcome",
					"the path can go round in a loop: %s", strings.Join(ids, " -> "))
			}
		}
		path = path[:len(path)-1]
		state[n] = done
	}
	for _, n := range q.Nodes {
		if state[n] == unseen {
			visit(n)
		}
	}
	return acyclic
}

// checkReachable reports nodes that no path from start reaches.
func (q *Questionnaire) checkReachable(diags *diag.List) {
	start := q.Node(q.Start)
	seen := map[*Node]bool{start: true}
	queue := []*Node{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.edges() {
			if next := q.Node(e.next); next != nil && !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	for _, n := range q.Nodes {
		if !seen[n] {
			diags.Hintf(n.Pos, "point an answer to it, or remove it",
				"node %q cannot be reached from the start (%s)", n.ID, q.Start)
		}
	}
}

func (q *Questionnaire) checkArticles(articles *Articles, diags *diag.List) {
	var slugs []string
	for _, n := range q.Nodes {
		for i, slug := range n.Articles {
			var pos diag.Pos
			if i < len(n.ArticlePos) {
				pos = n.ArticlePos[i]
			}
			switch {
			case articles.Built[slug]:
			case articles.Drafts[slug]:
				diags.Hintf(pos, "publish it (remove \"draft: true\") or take it out of \"articles:\"",
					"article %q is a draft, so it is not built", slug)
			default:
				if slugs == nil {
					slugs = slices.Sorted(maps.Keys(articles.Built))
				}
				hint := diag.Suggest(content.Slugify(strings.TrimSuffix(path.Base(slug), ".md")), slugs)
				if hint == "" {
					hint = "name an article by its slug: its file name without .md, or its \"slug:\""
				}
				diags.Hintf(pos, hint, "no article with slug %q", slug)
			}
		}
	}
}

// An answerError is what is wrong with an answer, with a hint saying what to do.
type answerError struct {
	msg, hint string
}

func (e *answerError) Error() string {
	if e.hint == "" {
		return e.msg
	}
	return e.msg + "; " + e.hint
}

// Next returns the id of the node an answer leads to. For a choice, answer is an answer's
// exact label or its 1-based position (an exact label wins); for a checklist, "yes" (at
// least one item applies) or "no". An outcome has no answers.
func (n *Node) Next(answer string) (string, error) {
	switch n.Kind {
	case Checklist:
		switch answer {
		case "yes":
			return n.Any, nil
		case "no":
			return n.None, nil
		}
		return "", &answerError{
			fmt.Sprintf("%s is a checklist, answered \"yes\" or \"no\", not %q", n.ID, answer),
			"\"yes\" when at least one item applies, \"no\" when none does",
		}
	case Choice:
	default:
		return "", &answerError{fmt.Sprintf("%s is an outcome, which has no answers", n.ID), ""}
	}
	for _, a := range n.Answers {
		if a.Label == answer {
			return a.Next, nil
		}
	}
	if digits := strings.TrimLeft(answer, "+-"); digits != "" && strings.Trim(digits, "0123456789") == "" {
		if i, err := strconv.Atoi(answer); err == nil && 1 <= i && i <= len(n.Answers) {
			return n.Answers[i-1].Next, nil
		}
		return "", &answerError{
			fmt.Sprintf("answer %s is out of range: %s has %d answers", answer, n.ID, len(n.Answers)),
			fmt.Sprintf("count the answers from 1 to %d", len(n.Answers)),
		}
	}
	labels := make([]string, len(n.Answers))
	for i, a := range n.Answers {
		labels[i] = a.Label
	}
	hint := diag.Suggest(answer, labels)
	if hint == "" {
		hint = "write an answer's exact label, or its number counting from 1"
	}
	return "", &answerError{fmt.Sprintf("%q is not an answer of %s", answer, n.ID), hint}
}

// checkTests runs every test that could be read and whose start and expect are sound.
func (q *Questionnaire) checkTests(diags *diag.List) {
	if q.Node(q.Start) == nil {
		return // reported by checkRefs
	}
	for i := range q.Tests {
		t := &q.Tests[i]
		name := fmt.Sprintf("test %d", i+1)
		if t.Name != "" {
			name = fmt.Sprintf("test %q", t.Name)
		}
		expect := q.Node(t.Expect)
		if t.broken || expect == nil || expect.Kind != Outcome {
			continue // reported by Parse or checkRefs
		}
		trail, end, answers, err := q.runAnswers(t.Steps)
		var se *stepError
		switch {
		case errors.As(err, &se):
			diags.Hintf(se.step.Pos, se.hint, "%s: %v", name, se)
		case end == nil:
			// The path reached an id that names no node: reported by checkRefs.
		case end != expect:
			hint := ""
			if end.Kind != Outcome {
				hint = fmt.Sprintf("%s is a question: add a step that answers it", end.ID)
			}
			diags.Hintf(t.Pos, hint, "%s: expected %s, but the answers lead %s", name, t.Expect, strings.Join(trail, " -> "))
		}
		if err == nil && end == expect {
			q.checkComposed(name, t, end, answers, diags)
		}
	}
}

// A stepError is a step of a test that cannot be taken.
type stepError struct {
	step      Step
	msg, hint string
}

// Error gives the step and what is wrong, without the hint.
func (e *stepError) Error() string {
	return fmt.Sprintf("step %q: %s", e.step.Node+"="+e.step.Answer, e.msg)
}

// run takes steps from the start node. It returns the ids of the nodes the path went
// through, and the node it ended at, which is nil when an id on the way names no node.
func (q *Questionnaire) run(steps []Step) (trail []string, end *Node, err error) {
	trail, end, _, err = q.runAnswers(steps)
	return trail, end, err
}

// runAnswers is run that also returns the answers the steps gave.
func (q *Questionnaire) runAnswers(steps []Step) (trail []string, end *Node, answers Answers, err error) {
	cur := q.Node(q.Start)
	if cur == nil {
		return nil, nil, nil, nil
	}
	trail = []string{cur.ID}
	answers = make(Answers)
	for _, s := range steps {
		switch {
		case q.Node(s.Node) == nil:
			hint := diag.Suggest(s.Node, q.ids())
			return trail, cur, answers, &stepError{s, fmt.Sprintf("unknown node %q", s.Node), hint}
		case cur.Kind == Outcome:
			return trail, cur, answers, &stepError{s, "the path has already ended at outcome " + cur.ID,
				"remove the step, or check the steps before it"}
		case s.Node != cur.ID:
			at := "the path starts at " + cur.ID
			if len(trail) > 1 {
				at = "the answers before it lead " + strings.Join(trail, " -> ")
			}
			return trail, cur, answers, &stepError{s, s.Node + " is not next on the path: " + at,
				fmt.Sprintf("answer %s next, or check the steps before it", cur.ID)}
		}
		v, err := cur.Value(s.Answer)
		if err != nil {
			var ae *answerError
			errors.As(err, &ae)
			return trail, cur, answers, &stepError{s, ae.msg, ae.hint}
		}
		answers[cur.ID] = v
		id, rules := cur.target(v)
		next, _ := q.Resolve(id, rules, answers)
		if cur = q.Node(next); cur == nil {
			return trail, nil, answers, nil
		}
		trail = append(trail, cur.ID)
	}
	return trail, cur, answers, nil
}
