package flowmap

import (
	"guidepost/generator/internal/questionnaire"
)

// FromQuestionnaire returns the map of q: its nodes in file order and, for each question,
// an edge per answer (a checklist's two: "at least one" and "none of these").
func FromQuestionnaire(q *questionnaire.Questionnaire) Graph {
	g := Graph{Title: q.Title, Start: q.Start}
	for _, n := range q.Nodes {
		node := Node{ID: n.ID, Kind: n.Kind.String(), Text: n.Question}
		switch n.Kind {
		case questionnaire.Outcome:
			node.Text, node.Level = n.Outcome, n.Level.String()
		case questionnaire.Checklist:
			g.Edges = append(g.Edges, Edge{From: n.ID, To: n.Any, Label: "at least one"}, Edge{From: n.ID, To: n.None, Label: "none of these"})
		default:
			for _, a := range n.Answers {
				g.Edges = append(g.Edges, Edge{From: n.ID, To: a.Next, Label: a.Label})
			}
		}
		g.Nodes = append(g.Nodes, node)
	}
	return g
}
