package site

import (
	"context"
	"html/template"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/flowmap"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/render"
)

// quizMarkdown converts a markdown field of q for the page from.
func (b *builder) quizMarkdown(from string, q *questionnaire.Questionnaire, m questionnaire.Markdown) template.HTML {
	if m.Text == "" {
		return ""
	}
	return b.markdown(from, []byte(m.Text), markdown.Doc{Path: q.Path, Line: m.Line, Col: m.Col, Indent: m.Indent})
}

// step returns node n as seen from the page from.
func (b *builder) step(from string, q *questionnaire.Questionnaire, n *questionnaire.Node) render.Step {
	s := render.Step{
		ID:       n.ID,
		Kind:     n.Kind.String(),
		URL:      b.links.rel(from, nodePage(q.Slug, n.ID)),
		Question: n.Question,
		Help:     b.quizMarkdown(from, q, n.Help),
		Items:    n.Items,
		Any:      n.Any,
		None:     n.None,
		Outcome:  n.Outcome,
		Body:     b.quizMarkdown(from, q, n.Body),
	}
	if n.Kind == questionnaire.Outcome {
		s.Level = n.Level.String()
	}
	for _, a := range n.Answers {
		s.Answers = append(s.Answers, render.Answer{
			Label: a.Label, Hint: a.Hint, Next: a.Next,
			URL: b.links.rel(from, nodePage(q.Slug, a.Next)),
		})
	}
	for _, slug := range n.Articles {
		if a := b.article(slug); a != nil {
			s.Articles = append(s.Articles, render.Summary{
				URL: b.links.rel(from, articlePage(slug)), Title: a.Title, Description: a.Description,
			})
		}
	}
	return s
}

func (b *builder) renderQuestionnaire(q *questionnaire.Questionnaire) ([]byte, error) {
	p := quizPage(q.Slug)
	data := render.Questionnaire{
		Page:     b.page(p, q.Title, q.Description, b.home(p)),
		Intro:    b.quizMarkdown(p, q, q.Intro),
		StartURL: b.links.rel(p, nodePage(q.Slug, q.Start)),
		Tree: render.Tree{
			Title:      q.Title,
			Start:      q.Start,
			Disclaimer: b.quizMarkdown(p, q, q.Disclaimer),
			Nodes:      make(map[string]render.Step, len(q.Nodes)),
		},
	}
	if script := b.theme.AssetPath("questionnaire.js"); script != "" {
		data.Scripts = append(data.Scripts, b.links.rel(p, script))
	}
	for _, n := range q.Nodes {
		data.Tree.Nodes[n.ID] = b.step(p, q, n)
	}
	return b.theme.Execute("questionnaire", data)
}

func (b *builder) renderNode(q *questionnaire.Questionnaire, n *questionnaire.Node) ([]byte, error) {
	p := nodePage(q.Slug, n.ID)
	title := n.Question
	if n.Kind == questionnaire.Outcome {
		title = n.Outcome
	}
	start := render.Link{URL: b.links.rel(p, quizPage(q.Slug)), Text: q.Title}
	data := render.Node{
		Page:          b.page(p, title, q.Description, b.home(p), start),
		Step:          b.step(p, q, n),
		Questionnaire: start,
	}
	switch n.Kind {
	case questionnaire.Checklist:
		data.AnyURL = b.links.rel(p, nodePage(q.Slug, n.Any))
		data.NoneURL = b.links.rel(p, nodePage(q.Slug, n.None))
	case questionnaire.Outcome:
		data.Disclaimer = b.quizMarkdown(p, q, q.Disclaimer)
	}
	return b.theme.Execute("node", data)
}

// article returns the built article with slug, or nil.
func (b *builder) article(slug string) *content.Article {
	return b.bySlug[slug]
}

// drawMap draws the flow map of q, published when site.yaml says "maps: true". Graphviz
// starts for each map and stops after it: a few milliseconds, paid only by sites that ask.
func drawMap(q *questionnaire.Questionnaire) ([]byte, error) {
	d, err := flowmap.NewDrawer(context.Background())
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.SVG(context.Background(), flowmap.FromQuestionnaire(q))
}
