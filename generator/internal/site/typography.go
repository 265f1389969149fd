package site

import (
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/typography"
)

// smartQuestionnaire gives the plain texts of q (its title and description, and its nodes'
// questions, answers, hints, items and outcomes) the smart punctuation markdown gets. It
// runs once q is checked, so that the checks and tests compare the texts as written.
func smartQuestionnaire(q *questionnaire.Questionnaire) {
	q.Title, q.Description = typography.Smart(q.Title), typography.Smart(q.Description)
	for _, n := range q.Nodes {
		n.Question, n.Outcome = typography.Smart(n.Question), typography.Smart(n.Outcome)
		for i := range n.Items {
			n.Items[i] = typography.Smart(n.Items[i])
		}
		for i := range n.Answers {
			a := &n.Answers[i]
			a.Label, a.Hint = typography.Smart(a.Label), typography.Smart(a.Hint)
		}
	}
}
