// Package signoff writes a questionnaire's sign-off pack: one printable HTML page, with no
// script, that a clinician or a content owner reads and signs to approve a decision tree.
//
// The page holds, in this order: what is being approved (the file, its version when the
// site is in git, the day the pack was made) and a box for the approver's name, role, date
// and signature; the flow map (package flowmap); every question with its answers and where
// each leads, rules and their conditions included; every outcome as readers get it (level,
// title, body, the sections and when each shows, the action, the articles recommended, the
// disclaimer); every complete path (questionnaire.Paths); and the path tests the tree must
// pass. Its print style starts each part on a new page and keeps every outcome whole.
package signoff

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"guidepost/generator/internal/questionnaire"
)

// A Pack is what the page shows.
type Pack struct {
	Q       *questionnaire.Questionnaire
	Version string // the git commit the file is at, with a note when it has changes; "" outside git
	Made    string // the day the pack was made, YYYY-MM-DD
	Map     template.HTML
	Paths   []string
	// Markdown renders one of the tree's markdown fields (bodies, help, sections, the
	// disclaimer) as HTML.
	Markdown func(questionnaire.Markdown) template.HTML
}

//go:embed page.html
var pageHTML string

// Write writes the pack's page.
func Write(w io.Writer, p Pack) error {
	t, err := template.New("signoff").Funcs(template.FuncMap{
		"md":    p.Markdown,
		"ways":  ways,
		"upper": strings.ToUpper,
	}).Parse(pageHTML)
	if err != nil {
		return err
	}
	return t.Execute(w, p)
}

// A Way is where an answer of a question leads: with a condition when a rule decides.
type Way struct {
	Answer string
	Cond   string // "if ...", "otherwise", or "" for a plain target
	To     string
}

// ways lists where each answer of the question n leads.
func ways(n *questionnaire.Node) []Way {
	var out []Way
	add := func(answer, next string, rules []questionnaire.Rule) {
		if len(rules) == 0 {
			out = append(out, Way{Answer: answer, To: next})
			return
		}
		for _, r := range rules {
			cond := "otherwise"
			if r.If != nil {
				cond = "if " + r.If.String()
			}
			out = append(out, Way{Answer: answer, Cond: cond, To: r.Go})
		}
	}
	if n.Kind == questionnaire.Checklist {
		add("At least one of these", n.Any, n.AnyRules)
		none := n.NoneLabel
		if none == "" {
			none = "None of these"
		}
		add(none, n.None, n.NoneRules)
		return out
	}
	for _, a := range n.Answers {
		add(a.Label, a.Next, a.Rules)
	}
	return out
}
