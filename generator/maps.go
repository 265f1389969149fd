package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/flowmap"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/site"
)

func (m *Main) drawMap(ctx context.Context, args []string) error {
	fs := m.flags("map", "SLUG [-o FILE.svg]", "Draws the questionnaire SLUG as a flow map: questions and outcomes as boxes, answers and rules\non the arrows. It writes SLUG.svg in the site folder unless -o says otherwise (-o - for standard output).")
	out := fs.String("o", "", "the SVG `file` to write; - for standard output")
	if err := parse(fs, args, 1); err != nil {
		return okOnHelp(err)
	}
	slug := fs.Arg(0)
	q, err := m.questionnaire(slug, "map: "+slug+" not drawn")
	if err != nil {
		return err
	}
	svg, err := drawSVG(ctx, q)
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err := m.Stdout.Write(svg)
		return err
	}
	file := *out
	if file == "" {
		file = slug + ".svg"
	}
	target := m.path(file)
	if err := site.CheckTarget(m.Dir, target, site.TargetSVG, "-o"); err != nil {
		return m.usageError("map", "SLUG [-o FILE.svg]", err.Error())
	}
	if err := publish.WriteFile(target, func(w io.Writer) error { _, err := w.Write(svg); return err }); err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	fmt.Fprintf(m.Stdout, "drew %s (%d nodes) into %s\n", slug, len(q.Nodes), file)
	return nil
}

// questionnaire loads the site's questionnaires as check does (the articles too, so that
// every problem of the tree is found) and returns the one whose slug is slug. It prints the
// problems, then failed, and returns ErrFailed, when there are errors or no such tree.
func (m *Main) questionnaire(slug, failed string) (*questionnaire.Questionnaire, error) {
	questionnaires, diags := site.Questionnaires(os.DirFS(m.Dir), m.options())
	i := slices.IndexFunc(questionnaires, func(q *questionnaire.Questionnaire) bool { return q.Slug == slug })
	if i < 0 {
		var slugs []string
		for _, q := range questionnaires {
			slugs = append(slugs, q.Slug)
		}
		hint := diag.Suggest(slug, slugs)
		if hint == "" {
			hint = fmt.Sprintf("name a file of %s/ without .yaml", content.QuestionnairesDir)
		}
		diags.Hintf(diag.Pos{Path: content.QuestionnairesDir}, hint, "no questionnaire %q", slug)
	}
	if m.report(diags) {
		if i >= 0 {
			fmt.Fprintf(m.Stderr, "%s: fix the errors first (dev mode draws a tree with errors too, at /_guidepost/map/%s)\n", failed, slug)
		}
		return nil, ErrFailed
	}
	return questionnaires[i], nil
}

// drawSVG draws the flow map of q.
func drawSVG(ctx context.Context, q *questionnaire.Questionnaire) ([]byte, error) {
	d, err := flowmap.NewDrawer(ctx)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.SVG(ctx, flowmap.FromQuestionnaire(q))
}
