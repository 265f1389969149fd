// Package treediff compares two versions of a questionnaire by what readers get from them,
// so that a change to a signed-off decision tree can be signed off in its turn.
//
// Every complete path of each version (questionnaire.Paths) is a reader's way through the
// tree: the answers given, the outcome reached and the sections of it shown. Compare pairs
// the paths of the two versions, first by their ids and then, for those left over, by what
// the reader sees on the way (each question's text and the answer's label), so that a path
// whose node or answer ids were renamed is still the same path, and last by the place of
// each answer among its question's, so that a reworded answer keeps its paths. For each pair it reports
// whether the outcome (another outcome, not the same one renamed), its level or the sections
// shown changed. Paths with no partner were added or removed. Beside the paths, it lists the
// texts readers see that changed (questions, answers, outcome titles and bodies, sections,
// actions, the title, intro and disclaimer) and the ids renamed with every route kept.
//
// Renames alone change nothing a reader sees: Visible is false for them, so that CI can ask
// for sign-off only when it is needed.
package treediff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"guidepost/generator/internal/questionnaire"
)

// A Path is one way through a version of the tree.
type Path struct {
	Steps    string   `json:"steps"`   // as questionnaire.Paths writes them: "q1=a q2=b"
	Outcome  string   `json:"outcome"` // its id
	Title    string   `json:"title"`   // the outcome's title
	Level    string   `json:"level"`
	Sections []string `json:"sections"` // the text of each section shown, in order
	reader   string   // what the reader saw on the way: questions and answers, as text
	place    string   // the way by position: each question's id and the answer's place in it
}

// A Change is a path of both versions whose end is not the same for the reader.
type Change struct {
	Old  Path     `json:"old"`
	New  Path     `json:"new"`
	What []string `json:"what"` // "outcome", "level", "sections"
}

// A Rename is an id that changed while every route through it stayed.
type Rename struct {
	Kind string `json:"kind"` // "node" or "answer"
	Old  string `json:"old"`
	New  string `json:"new"`
}

// A TextChange is a text readers see that changed.
type TextChange struct {
	Where string `json:"where"` // "title", "node pain-now: question", "node rest: section 2" ...
	Old   string `json:"old"`
	New   string `json:"new"`
}

// A Report is what changed between two versions of one questionnaire.
type Report struct {
	Slug     string       `json:"slug"`
	Old, New string       `json:"-"` // where each version comes from, for people
	Compared int          `json:"compared"`
	Changed  []Change     `json:"changed"`
	Added    []Path       `json:"added"`
	Removed  []Path       `json:"removed"`
	Texts    []TextChange `json:"texts"`
	Renamed  []Rename     `json:"renamed"`
}

// Visible reports whether anything a reader sees changed.
func (r *Report) Visible() bool {
	return len(r.Changed)+len(r.Added)+len(r.Removed)+len(r.Texts) > 0
}

// Compare compares the old and new versions of a questionnaire, each sound (Check found no
// error); either may be nil for a questionnaire that is new or gone, whose paths are then
// all added or all removed.
func Compare(old, new *questionnaire.Questionnaire) (*Report, error) {
	r := &Report{Changed: []Change{}, Added: []Path{}, Removed: []Path{}, Texts: []TextChange{}, Renamed: []Rename{}}
	oldPaths, err := paths(old)
	if err != nil {
		return nil, err
	}
	newPaths, err := paths(new)
	if err != nil {
		return nil, err
	}
	for _, q := range []*questionnaire.Questionnaire{new, old} {
		if q != nil {
			r.Slug = q.Slug
			break
		}
	}
	pairs, added, removed := pair(oldPaths, newPaths)
	renames := map[Rename]bool{}
	for _, p := range pairs {
		o, n := oldPaths[p[0]], newPaths[p[1]]
		r.Compared++
		for _, rn := range renamed(o, n) {
			renames[rn] = true
		}
		var what []string
		sameOutcome := o.Outcome == n.Outcome || renames[Rename{"node", o.Outcome, n.Outcome}]
		switch {
		case !sameOutcome:
			what = append(what, "outcome")
		case o.Level != n.Level:
			what = append(what, "level")
		}
		if sameOutcome && !slices.Equal(o.Sections, n.Sections) {
			what = append(what, "sections")
		}
		if len(what) > 0 {
			r.Changed = append(r.Changed, Change{Old: o, New: n, What: what})
		}
	}
	for _, i := range added {
		r.Added = append(r.Added, newPaths[i])
	}
	for _, i := range removed {
		r.Removed = append(r.Removed, oldPaths[i])
	}
	for rn := range renames {
		r.Renamed = append(r.Renamed, rn)
	}
	slices.SortFunc(r.Renamed, func(a, b Rename) int { return strings.Compare(a.Kind+" "+a.Old, b.Kind+" "+b.Old) })
	if old != nil && new != nil {
		r.Texts = append(r.Texts, texts(old, new, r.Renamed)...)
	}
	return r, nil
}

// paths returns every path of q with what a reader sees of it.
func paths(q *questionnaire.Questionnaire) ([]Path, error) {
	if q == nil {
		return nil, nil
	}
	lines, err := q.Paths()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q.Path, err)
	}
	out := make([]Path, 0, len(lines))
	for _, l := range lines {
		steps, end, _ := strings.Cut(l, "-> ")
		steps = strings.TrimSpace(steps)
		id, shown, _ := strings.Cut(end, " ")
		p := Path{Steps: steps, Outcome: id, Sections: []string{}}
		if n := q.Node(id); n != nil {
			p.Title, p.Level = n.Outcome, n.Level.String()
			for _, s := range strings.Split(strings.Trim(shown, "[]"), ",") {
				if i, err := strconv.Atoi(s); err == nil && i < len(n.Sections) {
					p.Sections = append(p.Sections, strings.TrimSpace(n.Sections[i].Body.Text))
				}
			}
		}
		p.reader, p.place = reader(q, steps)
		out = append(out, p)
	}
	return out, nil
}

// reader returns what a reader sees on the way of steps, each question's text and the text
// of the answer given, and the way by place: each question's id and the place of the answer
// among its answers (a checklist's items by place too).
func reader(q *questionnaire.Questionnaire, steps string) (seen, place string) {
	var b, pl strings.Builder
	for _, s := range strings.Fields(steps) {
		id, v, _ := strings.Cut(s, "=")
		n := q.Node(id)
		if n == nil {
			continue
		}
		b.WriteString(n.Question)
		b.WriteString(" = ")
		b.WriteString(answerText(n, v))
		b.WriteString("\n")
		pl.WriteString(id)
		pl.WriteString("=")
		pl.WriteString(answerPlace(n, v))
		pl.WriteString(" ")
	}
	return b.String(), pl.String()
}

// answerPlace returns the place of the answer v among n's: "2" for a choice's second
// answer, and for a checklist its ticked items' places ("1+3"), or yes, no or none.
func answerPlace(n *questionnaire.Node, v string) string {
	var places []string
	for _, id := range strings.Split(v, "+") {
		i := slices.Index(n.ItemIDs, id)
		if n.Kind == questionnaire.Choice {
			i = slices.IndexFunc(n.Answers, func(a questionnaire.Answer) bool { return a.ID == id })
		}
		if i < 0 {
			places = append(places, id)
		} else {
			places = append(places, strconv.Itoa(i+1))
		}
	}
	return strings.Join(places, "+")
}

// answerText returns what the reader chose at n when the path's value is v.
func answerText(n *questionnaire.Node, v string) string {
	if n.Kind == questionnaire.Checklist {
		var texts []string
		for _, id := range strings.Split(v, "+") {
			if i := slices.Index(n.ItemIDs, id); i >= 0 {
				texts = append(texts, n.Items[i])
			} else {
				texts = append(texts, id) // yes, no, none
			}
		}
		return strings.Join(texts, " + ")
	}
	for _, a := range n.Answers {
		if a.ID == v {
			return a.Label
		}
	}
	return v
}

// pair pairs the paths of two versions: first those with the same steps; then, among the
// others, those the reader sees the same way (ids renamed); then those that take the same
// places (an answer's label, and so its id, reworded). It returns the pairs (old index, new
// index) in the new version's order, and the indexes left over.
func pair(old, new []Path) (pairs [][2]int, added, removed []int) {
	usedOld := make([]bool, len(old))
	usedNew := make([]bool, len(new))
	for _, key := range []func(Path) string{
		func(p Path) string { return p.Steps },
		func(p Path) string { return p.reader },
		func(p Path) string { return p.place },
	} {
		free := map[string][]int{}
		for i, p := range old {
			if !usedOld[i] {
				free[key(p)] = append(free[key(p)], i)
			}
		}
		for j, p := range new {
			if usedNew[j] {
				continue
			}
			k := key(p)
			if l := free[k]; len(l) > 0 {
				pairs = append(pairs, [2]int{l[0], j})
				usedOld[l[0]], usedNew[j] = true, true
				free[k] = l[1:]
			}
		}
	}
	for i, u := range usedOld {
		if !u {
			removed = append(removed, i)
		}
	}
	for j, u := range usedNew {
		if !u {
			added = append(added, j)
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int { return a[1] - b[1] })
	return pairs, added, removed
}

// renamed returns the ids that differ between two paired paths at the same step, and their
// outcomes when both have the same title, level and body under different ids.
func renamed(o, n Path) []Rename {
	var out []Rename
	os, ns := strings.Fields(o.Steps), strings.Fields(n.Steps)
	if len(os) == len(ns) {
		for i := range os {
			oq, ov, _ := strings.Cut(os[i], "=")
			nq, nv, _ := strings.Cut(ns[i], "=")
			if oq != nq {
				out = append(out, Rename{"node", oq, nq})
			}
			if ov != nv && !strings.Contains(ov+nv, "+") {
				out = append(out, Rename{"answer", oq + "=" + ov, nq + "=" + nv})
			}
		}
	}
	if o.Outcome != n.Outcome && o.Title == n.Title && o.Level == n.Level {
		out = append(out, Rename{"node", o.Outcome, n.Outcome})
	}
	return out
}

// texts returns the texts readers see that differ between the nodes of old and new that are
// the same node (the same id, or renamed as renames say).
func texts(old, new *questionnaire.Questionnaire, renames []Rename) []TextChange {
	var out []TextChange
	diff := func(where, a, b string) {
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if a != b {
			out = append(out, TextChange{Where: where, Old: a, New: b})
		}
	}
	diff("title", old.Title, new.Title)
	diff("intro", old.Intro.Text, new.Intro.Text)
	diff("disclaimer", old.Disclaimer.Text, new.Disclaimer.Text)
	newID := map[string]string{}
	for _, rn := range renames {
		if rn.Kind == "node" {
			newID[rn.Old] = rn.New
		}
	}
	for _, o := range old.Nodes {
		id := o.ID
		if to, ok := newID[id]; ok {
			id = to
		}
		n := new.Node(id)
		if n == nil || n.Kind != o.Kind {
			continue // gone, or become another kind of node: its paths say what changed
		}
		at := "node " + n.ID + ": "
		diff(at+"question", o.Question, n.Question)
		diff(at+"help", o.Help.Text, n.Help.Text)
		diff(at+"outcome title", o.Outcome, n.Outcome)
		diff(at+"body", o.Body.Text, n.Body.Text)
		for _, pr := range pairAnswers(o.Answers, n.Answers) {
			a, b := pr[0], pr[1]
			diff(at+"answer "+b.ID, a.Label, b.Label)
			diff(at+"answer "+b.ID+" hint", a.Hint, b.Hint)
		}
		diff(at+"items", strings.Join(o.Items, "\n"), strings.Join(n.Items, "\n"))
		diff(at+"none option", o.NoneLabel, n.NoneLabel)
		for i := range max(len(o.Sections), len(n.Sections)) {
			var a, b string
			if i < len(o.Sections) {
				a = o.Sections[i].Body.Text
			}
			if i < len(n.Sections) {
				b = n.Sections[i].Body.Text
			}
			diff(fmt.Sprintf("%ssection %d", at, i+1), a, b)
		}
		diff(at+"action", action(o.Action), action(n.Action))
		diff(at+"articles", strings.Join(o.Articles, ", "), strings.Join(n.Articles, ", "))
	}
	return out
}

// pairAnswers pairs the answers of a question in two versions: those of the same id, then
// those left over in their order (a reworded label gives another id). An answer with no
// partner was added or removed, which the paths report.
func pairAnswers(old, new []questionnaire.Answer) [][2]questionnaire.Answer {
	var out [][2]questionnaire.Answer
	var leftOld, leftNew []questionnaire.Answer
	for _, a := range old {
		if i := slices.IndexFunc(new, func(b questionnaire.Answer) bool { return b.ID == a.ID }); i >= 0 {
			out = append(out, [2]questionnaire.Answer{a, new[i]})
		} else {
			leftOld = append(leftOld, a)
		}
	}
	for _, b := range new {
		if !slices.ContainsFunc(old, func(a questionnaire.Answer) bool { return a.ID == b.ID }) {
			leftNew = append(leftNew, b)
		}
	}
	for i := range min(len(leftOld), len(leftNew)) {
		out = append(out, [2]questionnaire.Answer{leftOld[i], leftNew[i]})
	}
	return out
}

func action(a *questionnaire.Action) string {
	if a == nil {
		return ""
	}
	return a.Label + " (" + a.Href + ")"
}
