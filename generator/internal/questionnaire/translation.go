package questionnaire

import (
	"fmt"
	"slices"
	"strings"

	"guidepost/generator/internal/diag"
)

// CheckTranslation checks that tr, a translation of orig, routes exactly as orig does: the
// same start, the same node ids with the same kinds; on each choice the same answers, in the
// same order, with the same ids and the same next node or rules; on each checklist the same
// item ids, any, none and each; on each outcome the same level, articles, sections'
// conditions and action link. Only texts may differ: titles, questions, help, labels, hints,
// items' texts, bodies, the action's label. A translation may leave "tests:" out; when it has
// them they must be the original's steps and expects (shows and hides are texts). Each
// difference is an error at its position in the translation, naming the original's value
// and position. When tr is sound (Check found it so), the original's tests run on it too.
//
// A text the original has and the translation leaves out (help, a hint, a disclaimer) is a
// warning: readers of that language would miss it.
func CheckTranslation(orig, tr *Questionnaire, diags *diag.List) {
	c := &translationCheck{orig: orig, tr: tr, diags: diags}
	if tr.Start != orig.Start {
		c.differ(tr.startPos, orig.startPos, "start is %q; the original's is %q", tr.Start, orig.Start)
	}
	c.texts(diag.Pos{Path: tr.Path, Line: 1, Col: 1}, "", []textPair{
		{"intro", orig.Intro.Text, tr.Intro.Text}, {"disclaimer", orig.Disclaimer.Text, tr.Disclaimer.Text}})
	for i, o := range orig.Nodes {
		t := tr.Node(o.ID)
		if t == nil {
			at := diag.Pos{Path: tr.Path, Line: 1, Col: 1}
			if i < len(tr.Nodes) {
				at = tr.Nodes[i].Pos
			} else if len(tr.Nodes) > 0 {
				at = tr.Nodes[len(tr.Nodes)-1].Pos
			}
			c.differ(at, o.Pos, "node %q of the original is missing", o.ID)
			continue
		}
		c.node(o, t)
	}
	for _, t := range tr.Nodes {
		if orig.Node(t.ID) == nil {
			hint := diag.Suggest(t.ID, orig.ids())
			if hint == "" {
				hint = "a translation has the original's nodes only; keep each node's id as the original writes it"
			}
			diags.Hintf(t.Pos, hint, "node %q is not in the original (%s)", t.ID, orig.Path)
		}
	}
	c.tests()
	if tr.sound {
		c.runOriginalTests()
	}
}

// translationCheck holds what comparing a translation with its original needs.
type translationCheck struct {
	orig, tr *Questionnaire
	diags    *diag.List
	errors   int
}

// differ reports a structural difference at the translation's position at; was is where the
// original has it.
func (c *translationCheck) differ(at, was diag.Pos, format string, args ...any) {
	c.errors++
	where := c.orig.Path
	if was.Line > 0 {
		where = was.String()
	}
	c.diags.Hintf(at, "a translation changes texts only; write it as the original ("+where+") does",
		"translation: "+format, args...)
}

// A textPair is one text of the original and of the translation.
type textPair struct{ what, orig, tr string }

// texts warns about each text the original has and the translation leaves out.
func (c *translationCheck) texts(at diag.Pos, of string, pairs []textPair) {
	for _, p := range pairs {
		if p.orig != "" && p.tr == "" {
			c.diags.Warnf(at, "translation: %s%s is not translated: the original has one, this file has none", of, p.what)
		}
	}
}

func (c *translationCheck) node(o, t *Node) {
	if o.Kind != t.Kind {
		c.differ(t.Pos, o.Pos, "node %q is %s; the original's is %s", t.ID, kindPhrase(t.Kind), kindPhrase(o.Kind))
		return
	}
	switch t.Kind {
	case Choice:
		c.texts(t.Pos, fmt.Sprintf("node %q: ", t.ID), []textPair{{"help", o.Help.Text, t.Help.Text}})
		c.answers(o, t)
	case Checklist:
		c.texts(t.Pos, fmt.Sprintf("node %q: ", t.ID), []textPair{{"help", o.Help.Text, t.Help.Text}})
		c.ids(t, "item", o.ItemIDs, t.ItemIDs, o.itemPos, t.itemPos)
		c.target(t, "any", o.Any, t.Any, o.AnyRules, t.AnyRules, o.anyPos, t.anyPos)
		c.target(t, "none", o.None, t.None, o.NoneRules, t.NoneRules, o.nonePos, t.nonePos)
		if o.Each != t.Each {
			c.differ(orPos(t.eachPos, t.Pos), o.eachPos, "node %q has each: %v; the original's is %v", t.ID, t.Each, o.Each)
		}
	case Outcome:
		if o.Level != t.Level {
			c.differ(orPos(t.levelPos, t.Pos), o.levelPos, "outcome %q has level %s; the original's is %s", t.ID, t.Level, o.Level)
		}
		if !slices.Equal(o.Articles, t.Articles) {
			at := t.Pos
			for i := range t.Articles {
				if i >= len(o.Articles) || o.Articles[i] != t.Articles[i] {
					at = t.ArticlePos[i]
					break
				}
			}
			c.differ(at, o.Pos, "outcome %q recommends [%s]; the original recommends [%s]", t.ID,
				strings.Join(t.Articles, ", "), strings.Join(o.Articles, ", "))
		}
		c.sections(o, t)
		switch {
		case o.Action == nil && t.Action != nil:
			c.differ(t.Action.Pos, o.Pos, "outcome %q has an action; the original has none", t.ID)
		case o.Action != nil && t.Action == nil:
			c.differ(t.Pos, o.Action.Pos, "outcome %q has no action; the original's leads to %q", t.ID, o.Action.Href)
		case o.Action != nil && o.Action.Href != t.Action.Href:
			c.differ(t.Action.Pos, o.Action.Pos, "the action of outcome %q leads to %q; the original's to %q", t.ID, t.Action.Href, o.Action.Href)
		}
	}
}

// orPos returns p, or else when p is unknown.
func orPos(p, orElse diag.Pos) diag.Pos {
	if p.Line == 0 {
		return orElse
	}
	return p
}

func (c *translationCheck) answers(o, t *Node) {
	if len(o.Answers) != len(t.Answers) {
		at := t.Pos
		if len(t.Answers) > len(o.Answers) {
			at = t.Answers[len(o.Answers)].Pos
		}
		c.differ(at, o.Pos, "node %q has %d answers; the original has %d", t.ID, len(t.Answers), len(o.Answers))
	}
	oids := make([]string, len(o.Answers))
	opos := make([]diag.Pos, len(o.Answers))
	for i, a := range o.Answers {
		oids[i], opos[i] = a.ID, a.idPos
	}
	tids := make([]string, len(t.Answers))
	tpos := make([]diag.Pos, len(t.Answers))
	for i, a := range t.Answers {
		tids[i], tpos[i] = a.ID, a.idPos
	}
	if !c.ids(t, "answer", oids, tids, opos, tpos) {
		return
	}
	for i := range t.Answers {
		oa, ta := o.Answers[i], t.Answers[i]
		c.target(t, fmt.Sprintf("answer %q", ta.ID), oa.Next, ta.Next, oa.Rules, ta.Rules, oa.nextPos, ta.nextPos)
		if oa.Hint != "" && ta.Hint == "" {
			c.diags.Warnf(ta.Pos, "translation: the hint of answer %q of node %q is not translated: the original has one, this file has none", ta.ID, t.ID)
		}
	}
}

// ids compares the ids of a question's answers or items, in order; it reports whether they
// are the same.
func (c *translationCheck) ids(t *Node, what string, o, tr []string, opos, tpos []diag.Pos) bool {
	same := true
	for i := range min(len(o), len(tr)) {
		if o[i] == tr[i] {
			continue
		}
		same = false
		hint := fmt.Sprintf("add \"id: %s\" to the %s, so that its id stays the original's whatever its text", o[i], what)
		if j := slices.Index(o, tr[i]); j >= 0 {
			hint = fmt.Sprintf("the original has %q as %s %d: keep the %ss in the original's order", tr[i], what, j+1, what)
		}
		c.errors++
		c.diags.Hintf(tpos[i], hint, "translation: %s %d of node %q has the id %q; the original's (%s) is %q",
			what, i+1, t.ID, tr[i], opos[i], o[i])
	}
	if what == "item" && len(o) != len(tr) {
		same = false
		c.differ(t.Pos, diag.Pos{}, "node %q has %d items; the original has %d", t.ID, len(tr), len(o))
	}
	return same && len(o) == len(tr)
}

// target compares where an answer, or a checklist's any or none, leads.
func (c *translationCheck) target(t *Node, what, o, tr string, orules, trules []Rule, opos, tpos diag.Pos) {
	if orules == nil && trules == nil {
		if o != tr {
			c.differ(tpos, opos, "%s of node %q leads to %q; the original's to %q", what, t.ID, tr, o)
		}
		return
	}
	if len(orules) != len(trules) {
		c.differ(tpos, opos, "%s of node %q has %s; the original has %s", what, t.ID, rulesPhrase(trules, tr), rulesPhrase(orules, o))
		return
	}
	for i := range trules {
		orule, trule := orules[i], trules[i]
		if condText(orule.If) != condText(trule.If) {
			c.differ(orPos(condPos(trule.If), trule.Pos), orule.Pos, "rule %d of %s of node %q is if: %s; the original's is if: %s",
				i+1, what, t.ID, condText(trule.If), condText(orule.If))
		}
		if orule.Go != trule.Go {
			c.differ(orPos(trule.goPos, trule.Pos), orule.goPos, "rule %d of %s of node %q goes to %q; the original's to %q", i+1, what, t.ID, trule.Go, orule.Go)
		}
	}
}

func rulesPhrase(rules []Rule, id string) string {
	if rules == nil {
		return fmt.Sprintf("next %q", id)
	}
	return fmt.Sprintf("%d rules", len(rules))
}

// condText writes a condition in its canonical form ("" for none), so that conditions are
// compared by meaning of their words, not by their spacing.
func condText(c *Cond) string {
	if c == nil {
		return "(none)"
	}
	return c.String()
}

func condPos(c *Cond) diag.Pos {
	if c == nil {
		return diag.Pos{}
	}
	return c.Pos
}

func (c *translationCheck) sections(o, t *Node) {
	if len(o.Sections) != len(t.Sections) {
		at := t.Pos
		if len(t.Sections) > len(o.Sections) {
			at = t.Sections[len(o.Sections)].Pos
		}
		c.differ(at, o.Pos, "outcome %q has %d sections; the original has %d", t.ID, len(t.Sections), len(o.Sections))
		return
	}
	for i := range t.Sections {
		os, ts := o.Sections[i], t.Sections[i]
		if condText(os.If) != condText(ts.If) {
			c.differ(orPos(condPos(ts.If), ts.Pos), os.Pos, "section %d of outcome %q is shown if: %s; the original's if: %s",
				i+1, t.ID, condText(ts.If), condText(os.If))
		}
	}
}

// tests compares the translation's tests, when it has any, with the original's: the same
// number, and each the same steps (answers compared by the value they give their question,
// so a translated label and the original's id agree) and the same expect.
func (c *translationCheck) tests() {
	o, t := c.orig.Tests, c.tr.Tests
	if len(t) == 0 {
		return
	}
	if len(o) != len(t) {
		at := c.tr.Tests[0].Pos
		if len(t) > len(o) {
			at = t[len(o)].Pos
		}
		c.differ(at, diag.Pos{}, "%d tests; the original has %d (a translation may also leave tests out: the original's run on it)", len(t), len(o))
		return
	}
	for i := range t {
		ot, tt := &o[i], &t[i]
		if ot.Expect != tt.Expect {
			c.differ(orPos(tt.expectPos, tt.Pos), ot.expectPos, "test %d expects %q; the original's expects %q", i+1, tt.Expect, ot.Expect)
		}
		if len(ot.Steps) != len(tt.Steps) {
			c.differ(tt.Pos, ot.Pos, "test %d has %d steps; the original's has %d", i+1, len(tt.Steps), len(ot.Steps))
			continue
		}
		for j := range tt.Steps {
			os, ts := ot.Steps[j], tt.Steps[j]
			if os.Node != ts.Node || c.value(c.orig, os) != c.value(c.tr, ts) {
				c.differ(ts.Pos, os.Pos, "step %d of test %d is %s=%s; the original's is %s=%s", j+1, i+1, ts.Node, ts.Answer, os.Node, os.Answer)
			}
		}
	}
}

// value returns what the step answers its question in q, or the step's text when it cannot
// be read (the test's own check reports why).
func (c *translationCheck) value(q *Questionnaire, s Step) string {
	if n := q.Node(s.Node); n != nil {
		if v, err := n.Value(s.Answer); err == nil {
			return v
		}
	}
	return "?" + s.Answer
}

// runOriginalTests walks each of the original's tests on the translation, its answers given
// by their ids, and reports a test that ends elsewhere than it does on the original.
func (c *translationCheck) runOriginalTests() {
	for i := range c.orig.Tests {
		ot := &c.orig.Tests[i]
		if ot.broken {
			continue
		}
		steps := make([]Step, len(ot.Steps))
		ok := true
		for j, s := range ot.Steps {
			n := c.orig.Node(s.Node)
			if n == nil {
				ok = false
				break
			}
			v, err := n.Value(s.Answer)
			if err != nil {
				ok = false
				break
			}
			steps[j] = Step{Node: s.Node, Answer: v, Pos: s.Pos}
		}
		if !ok {
			continue // the original's own check reports it
		}
		trail, end, _, err := c.tr.runAnswers(steps)
		name := fmt.Sprintf("test %d", i+1)
		if ot.Name != "" {
			name = fmt.Sprintf("test %q", ot.Name)
		}
		switch {
		case err != nil:
			c.errors++
			c.diags.Errorf(diag.Pos{Path: c.tr.Path, Line: 1, Col: 1}, "translation: %s of the original (%s) cannot be walked here: %v", name, ot.Pos, err)
		case end == nil || end.ID != ot.Expect:
			c.errors++
			c.diags.Errorf(diag.Pos{Path: c.tr.Path, Line: 1, Col: 1}, "translation: %s of the original (%s) expects %s, but here its answers lead %s",
				name, ot.Pos, ot.Expect, strings.Join(trail, " -> "))
		}
	}
}
