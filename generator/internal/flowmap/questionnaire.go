package flowmap

import (
	"guidepost/generator/internal/questionnaire"
)

// FromQuestionnaire returns the map of q: its nodes in file order and, for each question,
// an edge per answer (a checklist's two: "at least one" and "none of these"), or, where a
// rules list decides, an edge per rule labelled with its condition.
func FromQuestionnaire(q *questionnaire.Questionnaire) Graph {
	g := Graph{Title: q.Title, Start: q.Start}
	way := func(from, label, next string, rules []questionnaire.Rule) {
		if len(rules) == 0 {
			if next != "" {
				g.Edges = append(g.Edges, Edge{From: from, To: next, Label: label})
			}
			return
		}
		for _, r := range rules {
			cond := "otherwise"
			if r.If != nil {
				cond = "if " + r.If.String()
			}
			g.Edges = append(g.Edges, Edge{From: from, To: r.Go, Label: label, Cond: cond})
		}
	}
	for _, n := range q.Nodes {
		node := Node{ID: n.ID, Kind: n.Kind.String(), Text: n.Question}
		switch n.Kind {
		case questionnaire.Outcome:
			node.Text, node.Level = n.Outcome, n.Level.String()
			for _, s := range n.Sections {
				if s.If != nil {
					node.Sections = append(node.Sections, s.If.String())
				}
			}
			if n.Action != nil {
				node.Action = n.Action.Label
			}
		case questionnaire.Checklist:
			way(n.ID, "at least one", n.Any, n.AnyRules)
			none := "none of these"
			if n.NoneLabel != "" {
				none = n.NoneLabel
			}
			way(n.ID, none, n.None, n.NoneRules)
		default:
			for _, a := range n.Answers {
				way(n.ID, a.Label, a.Next, a.Rules)
			}
		}
		g.Nodes = append(g.Nodes, node)
	}
	return g
}
