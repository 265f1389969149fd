package site

import (
	"context"
	"encoding/json"
	"html/template"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/flowmap"
	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/render"
)

// questionnaireMarkdown converts a markdown field of q for the page from.
func (b *builder) questionnaireMarkdown(from string, q *questionnaire.Questionnaire, m questionnaire.Markdown) template.HTML {
	if m.Text == "" {
		return ""
	}
	return b.markdown(from, []byte(m.Text), markdown.Doc{Path: q.Path, Line: m.Line, Col: m.Col, Indent: m.Indent})
}

// step returns node n as seen from the page from.
func (b *builder) step(from string, q *questionnaire.Questionnaire, n *questionnaire.Node) render.Step {
	s := render.Step{
		ID:        n.ID,
		Kind:      n.Kind.String(),
		URL:       b.links.rel(from, nodePage(q.Slug, n.ID)),
		Question:  n.Question,
		Help:      b.questionnaireMarkdown(from, q, n.Help),
		Items:     n.Items,
		ItemIDs:   n.ItemIDs,
		Any:       n.Any,
		None:      n.None,
		AnyRules:  compiled(n.AnyRules),
		NoneRules: compiled(n.NoneRules),
		NoneLabel: n.NoneLabel,
		Each:      n.Each,
		Outcome:   n.Outcome,
		Body:      b.questionnaireMarkdown(from, q, n.Body),
		Error:     b.errorText(n),
	}
	if n.Kind == questionnaire.Outcome {
		s.Level = n.Level.String()
	}
	for _, a := range n.Answers {
		s.Answers = append(s.Answers, render.Answer{
			ID: a.ID, Label: a.Label, Hint: a.Hint, Next: a.Next, Rules: compiled(a.Rules),
			URL: b.links.rel(from, nodePage(q.Slug, a.Next)),
		})
	}
	for _, sec := range n.Sections {
		s.Sections = append(s.Sections, render.Section{If: compiled(sec.If), Body: b.questionnaireMarkdown(from, q, sec.Body)})
	}
	if a := n.Action; a != nil {
		s.Action = &render.Action{Label: a.Label, URL: template.URL(b.actionURL(from, a))}
	}
	for _, slug := range n.Articles {
		if a := b.article(slug); a != nil {
			sum := render.Summary{URL: b.links.rel(from, articlePage(slug)), Title: a.Title, Description: a.Description}
			if b.site.BaseURL != "" && !b.opts.Offline && !b.opts.SingleFile {
				sum.Absolute = b.site.BaseURL + articlePage(slug)
			}
			sum.Lang, sum.Dir = b.otherLang(a.Lang)
			s.Articles = append(s.Articles, sum)
		}
	}
	return s
}

// readsQuestionnaire: a questionnaire's page renders its file and lists the articles every
// node recommends; a node's page (node not nil) only those of its node.
func (b *builder) readsQuestionnaire(q *questionnaire.Questionnaire, node *questionnaire.Node) Reads {
	r := Reads{Files: []string{q.Path}, Theme: "questionnaire"}
	if node != nil {
		r.Theme = "node"
	}
	for _, n := range q.Nodes {
		if node != nil && n != node {
			continue
		}
		for _, slug := range n.Articles {
			r.Slugs = append(r.Slugs, slug)
			if a := b.article(slug); a != nil {
				r.Listed = append(r.Listed, a)
			}
		}
		if n.Action != nil && n.Action.Article != "" {
			r.Links = append(r.Links, n.Action.Article)
		}
	}
	return r
}

func (b *builder) renderQuestionnaire(q *questionnaire.Questionnaire) ([]byte, error) {
	p := questionnairePage(q.Slug)
	data := render.Questionnaire{
		Page:     b.page(p, q.Title, q.Description, b.home(p)),
		Intro:    b.questionnaireMarkdown(p, q, q.Intro),
		StartURL: b.links.rel(p, nodePage(q.Slug, q.Start)),
		Tree: render.Tree{
			Title:      q.Title,
			Start:      q.Start,
			Disclaimer: b.questionnaireMarkdown(p, q, q.Disclaimer),
			Nodes:      make(map[string]render.Step, len(q.Nodes)),
			Messages:   b.cat.Messages(i18n.Script()),
		},
	}
	if script := b.theme.AssetPath("questionnaire.js"); script != "" {
		data.Scripts = append(data.Scripts, b.links.rel(p, b.shared(script)))
	}
	remaining := q.Remaining()
	for _, n := range q.Nodes {
		s := b.step(p, q, n)
		s.Remaining = remaining[n.ID]
		data.Tree.Nodes[n.ID] = s
	}
	b.translatedPage(&data.Page, q.Path)
	return b.theme.Execute("questionnaire", data)
}

// renderNode renders the static page pages[i] of q: a node as reached with the answers
// it carries. Its links lead to the pages its answers lead to; search engines are asked to
// leave it out, and its canonical link is the questionnaire's start page.
func (b *builder) renderNode(q *questionnaire.Questionnaire, pages []questionnaire.Page, w ways, i int) ([]byte, error) {
	pg := pages[i]
	n := pg.Node
	p := questionnairePage(q.Slug) + pg.Dir
	to := func(l questionnaire.Link) string { return b.links.rel(p, questionnairePage(q.Slug)+pages[l.To].Dir) }
	title := n.Question
	if n.Kind == questionnaire.Outcome {
		title = n.Outcome
	}
	start := render.Link{URL: b.links.rel(p, questionnairePage(q.Slug)), Text: q.Title}
	data := render.Node{
		// No breadcrumbs: a step has a back link and the questionnaire's title as its caption.
		Page:          b.page(p, title, q.Description),
		Step:          b.step(p, q, n),
		Questionnaire: start,
		First:         i == 0,
	}
	switch {
	case i == 0:
		data.Back = &render.Link{URL: start.URL, Text: b.cat.Must("questionnaire.back")}
	case w.prev[i] >= 0:
		data.Back = &render.Link{URL: to(questionnaire.Link{To: w.prev[i]}), Text: b.cat.Must("questionnaire.back")}
	default: // several pages lead here: which one the reader came from is not known
		data.Back = &render.Link{URL: to(questionnaire.Link{To: 0}), Text: b.cat.Must("questionnaire.back_first")}
	}
	if n.Kind != questionnaire.Outcome {
		data.Progress = render.Progress{Left: w.remaining[i]}
		if num := w.number[i]; num > 0 {
			data.Progress.Number, data.Progress.UpTo = num, num-1+w.remaining[i]
		}
	}
	data.NoIndex = true
	if data.Canonical != "" {
		data.Canonical = b.site.BaseURL + questionnairePage(q.Slug)
	}
	b.translatedPage(&data.Page, q.Path)
	switch {
	case n.Kind == questionnaire.Choice:
		for k, l := range pg.Links {
			data.Answers[k].URL = to(l)
		}
	case n.Kind == questionnaire.Checklist:
		data.AnyURL, data.NoneURL = to(pg.Links[0]), to(pg.Links[1])
		if n.Each {
			data.Item, data.ItemNum, data.ItemsOf = n.Items[pg.Item], pg.Item+1, len(n.Items)
		}
	case n.Kind == questionnaire.Outcome:
		data.Disclaimer = b.questionnaireMarkdown(p, q, q.Disclaimer)
		for _, k := range pg.Shown {
			data.Shown = append(data.Shown, data.Sections[k].Body)
		}
		data.Given = given(pages, w.prev, i, to, b.cat)
	}
	return b.theme.Execute("node", data)
}

// ways holds what the static pages of a questionnaire know of the ways through them.
type ways struct {
	prev              []int // the one page leading to each page, or -1
	remaining, number []int // see questionnaire.PageRemaining
}

func newWays(pages []questionnaire.Page) ways {
	w := ways{prev: questionnaire.Previous(pages)}
	w.remaining, w.number = questionnaire.PageRemaining(pages)
	return w
}

// given returns the answers given on the way to the page i, following the one page before
// each page back to the first; nil when some page on the way has several before it.
func given(pages []questionnaire.Page, prev []int, i int, to func(questionnaire.Link) string, msgs *i18n.Catalogue) []render.Given {
	var out []render.Given
	for i != 0 {
		j := prev[i]
		if j < 0 {
			return nil
		}
		pg := pages[j]
		n := pg.Node
		var value string
		for _, l := range pg.Links {
			if l.To == i && value != "" {
				return nil // two answers lead here: which one was given is not known
			}
			if l.To == i {
				value = l.Value
			}
		}
		g := render.Given{Question: n.Question, Change: to(questionnaire.Link{To: j})}
		switch {
		case n.Kind == questionnaire.Choice:
			for _, a := range n.Answers {
				if a.ID == value {
					g.Answer = a.Label
				}
			}
		case n.Each:
			g.Question = n.Question + " " + n.Items[pg.Item]
			g.Answer = map[string]string{"yes": msgs.Must("questionnaire.item_yes"), "no": msgs.Must("questionnaire.item_no")}[value]
		case value == "yes":
			g.Answer = msgs.Must("questionnaire.any")
		case n.NoneLabel != "":
			g.Answer = n.NoneLabel
		default:
			g.Answer = msgs.Must("questionnaire.no_none")
		}
		out = append(out, g)
		i = j
	}
	slices.Reverse(out)
	return out
}

// errorText returns what a question says when the reader continues without an answer: its
// "error:", or a default that names the question. "" for an outcome.
func (b *builder) errorText(n *questionnaire.Node) string {
	switch {
	case n.Kind == questionnaire.Outcome:
		return ""
	case n.Error != "":
		return n.Error
	case n.Kind == questionnaire.Choice:
		s, _ := b.cat.T("questionnaire.error_choice", "question", strings.TrimSpace(n.Question))
		return s
	}
	none := n.NoneLabel
	if none == "" {
		none = b.cat.Must("questionnaire.none")
	}
	s, _ := b.cat.T("questionnaire.error_checklist", "question", strings.TrimSpace(n.Question), "none", none)
	return s
}

// compiled returns v (rules or a condition) in the JSON form the page's script reads, or
// nil when there is nothing.
func compiled[T any](v T) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil || string(data) == "null" || string(data) == "[]" {
		return nil
	}
	return data
}

// actionURL returns where an outcome's action leads, from the page from: its href, or the
// page of the article it names.
func (b *builder) actionURL(from string, a *questionnaire.Action) string {
	if a.Article == "" {
		return a.Href
	}
	page, ok := b.bySource.Get(a.Article)
	if !ok {
		return "" // reported by checkActions
	}
	u := b.links.rel(from, page)
	if _, frag, ok := strings.Cut(a.Href, "#"); ok {
		u += "#" + frag
	}
	return u
}

// checkActions reports actions naming an article file that is not built.
func (b *builder) checkActions(q *questionnaire.Questionnaire) {
	for _, n := range q.Nodes {
		if a := n.Action; a != nil && a.Article != "" {
			if _, ok := b.bySource.Get(a.Article); !ok {
				b.diags.Hintf(a.Pos, "name an article's source file, relative to this questionnaire, such as \"../articles/call-for-help.md\"",
					"action: %s is not an article that is built", a.Href)
			}
		}
	}
}

// article returns the built article with slug, or nil.
func (b *builder) article(slug string) *content.Article {
	return b.bySlug.Value(slug)
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
