package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

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
	var diags diag.List
	q := loadQuestionnaire(os.DirFS(m.Dir), slug, &diags)
	if q != nil {
		q.Check(nil, &diags)
	}
	if m.report(&diags) {
		if q != nil {
			fmt.Fprintf(m.Stderr, "map: %s not drawn; dev mode draws a tree with errors too, at /_guidepost/map/%s\n", slug, slug)
		}
		return ErrFailed
	}
	d, err := flowmap.NewDrawer(ctx)
	if err != nil {
		return err
	}
	defer d.Close()
	svg, err := d.SVG(ctx, flowmap.FromQuestionnaire(q))
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

// loadQuestionnaire parses the questionnaire whose slug is slug, from the site in fsys.
// Problems, a missing questionnaire among them, go to diags; it returns nil when there is
// no such questionnaire.
func loadQuestionnaire(fsys fs.FS, slug string, diags *diag.List) *questionnaire.Questionnaire {
	var found string
	var slugs []string
	fs.WalkDir(fsys, content.QuestionnairesDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Ext(p) != ".yaml" {
			return nil
		}
		s := strings.TrimSuffix(path.Base(p), ".yaml")
		slugs = append(slugs, s)
		if s == slug && found == "" {
			found = p
		}
		return nil
	})
	if found == "" {
		hint := diag.Suggest(slug, slugs)
		if hint == "" {
			hint = fmt.Sprintf("name a file of %s/ without .yaml", content.QuestionnairesDir)
		}
		diags.Hintf(diag.Pos{Path: content.QuestionnairesDir}, hint, "no questionnaire %q", slug)
		return nil
	}
	src, err := fs.ReadFile(fsys, found)
	if err != nil {
		diags.Errorf(diag.Pos{Path: found}, "cannot read: %v", err)
		return nil
	}
	return questionnaire.Parse(found, src, diags)
}
