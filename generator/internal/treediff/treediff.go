// Package treediff compares two versions of a questionnaire by what readers get from them,
// so that a change to a signed-off decision tree can be signed off in its turn.
//
// Every complete path of each version (questionnaire.Paths) is a reader's way through the
// tree: the answers given, the outcome reached and the sections of it shown. Compare first
// matches the nodes of the two versions (the same id, else the same question, or the same
// outcome title and level, under another id: a rename) and the answers of each matched
// question (the same id, else the same label: a rename; else the same place among the
// answers: a reworded label, whose id followed it). It writes each old path with the new
// ids and pairs it with the new path of the same steps. For each pair it reports
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
	m := match(old, new)
	bySteps := make(map[string]int, len(newPaths))
	for j, p := range newPaths {
		bySteps[p.Steps] = j
	}
	paired := make([]bool, len(newPaths))
	for _, o := range oldPaths {
		j, ok := bySteps[m.translate(o.Steps)]
		if !ok {
			r.Removed = append(r.Removed, o)
			continue
		}
		paired[j] = true
		n := newPaths[j]
		r.Compared++
		var what []string
		switch {
		case m.nodes[o.Outcome] != n.Outcome:
			what = append(what, "outcome")
		case o.Level != n.Level:
			what = append(what, "level")
		}
		if m.nodes[o.Outcome] == n.Outcome && !slices.Equal(o.Sections, n.Sections) {
			what = append(what, "sections")
		}
		if len(what) > 0 {
			r.Changed = append(r.Changed, Change{Old: o, New: n, What: what})
		}
	}
	for j, p := range newPaths {
		if !paired[j] {
			r.Added = append(r.Added, p)
		}
	}
	r.Renamed = append(r.Renamed, m.renames...)
	if old != nil && new != nil {
		r.Texts = append(r.Texts, texts(old, new, m)...)
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
		out = append(out, p)
	}
	return out, nil
}

// texts returns the texts readers see that differ between the nodes of old and new that are
// the same node (the same id, or renamed as renames say).
func texts(old, new *questionnaire.Questionnaire, m *matching) []TextChange {
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
	for _, o := range old.Nodes {
		n := new.Node(m.nodes[o.ID])
		if n == nil {
			continue // gone: its paths say what changed
		}
		at := "node " + n.ID + ": "
		diff(at+"question", o.Question, n.Question)
		diff(at+"help", o.Help.Text, n.Help.Text)
		diff(at+"outcome title", o.Outcome, n.Outcome)
		diff(at+"body", o.Body.Text, n.Body.Text)
		for _, a := range o.Answers {
			if i := slices.IndexFunc(n.Answers, func(b questionnaire.Answer) bool { return b.ID == m.values[o.ID][a.ID] }); i >= 0 {
				b := n.Answers[i]
				diff(at+"answer "+b.ID, a.Label, b.Label)
				diff(at+"answer "+b.ID+" hint", a.Hint, b.Hint)
			}
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

func action(a *questionnaire.Action) string {
	if a == nil {
		return ""
	}
	return a.Label + " (" + a.Href + ")"
}
