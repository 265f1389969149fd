package main

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/signoff"
	"guidepost/generator/internal/site"
)

func (m *Main) signoff(ctx context.Context, args []string) error {
	fs := m.flags("signoff", "SLUG -o DIR", "Writes the sign-off pack of the questionnaire SLUG into DIR: index.html, one printable page with\nthe flow map, every question, every outcome as readers get it, every path and the tests, to\napprove and sign; beside it SLUG.svg (the map) and paths.txt.")
	out := fs.String("o", "", "the `folder` to write the pack into (made if missing; nothing else in it is touched)")
	if err := parse(fs, args, 1); err != nil {
		return okOnHelp(err)
	}
	if *out == "" {
		return m.usageError("signoff", "SLUG -o DIR", "say where to write the pack with -o DIR")
	}
	dir := m.path(*out)
	slug := fs.Arg(0)
	for _, f := range []struct {
		name string
		kind site.TargetKind
	}{{"index.html", site.TargetHTML}, {slug + ".svg", site.TargetSVG}} {
		if err := site.CheckTarget(m.Dir, filepath.Join(dir, f.name), f.kind, "-o"); err != nil {
			return m.usageError("signoff", "SLUG -o DIR", err.Error())
		}
	}
	q, err := m.questionnaire(slug, "signoff: no pack written")
	if err != nil {
		return err
	}
	paths, err := q.Paths()
	if err != nil {
		fmt.Fprintf(m.Stderr, "%s: %v\n", q.Path, err)
		return ErrFailed
	}
	svg, err := drawSVG(ctx, q)
	if err != nil {
		return err
	}
	inline := svg
	if i := bytes.Index(inline, []byte("<svg")); i >= 0 {
		inline = inline[i:]
	}
	conv := markdown.New()
	var page bytes.Buffer
	err = signoff.Write(&page, signoff.Pack{
		Q: q, Version: m.version(q.Path), Made: m.Now.Format(time.DateOnly), Map: template.HTML(inline), Paths: paths,
		Markdown: func(md questionnaire.Markdown) template.HTML {
			var ignored diag.List // check and build report the markdown's problems
			r := conv.Convert([]byte(md.Text), markdown.Doc{Path: q.Path, Line: md.Line, Col: md.Col, Indent: md.Indent, Linker: sourceLinker{}}, &ignored)
			return template.HTML(r.HTML)
		},
	})
	if err != nil {
		return fmt.Errorf("signoff: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	for name, data := range map[string][]byte{
		"index.html":  page.Bytes(),
		slug + ".svg": svg,
		"paths.txt":   []byte(strings.Join(paths, "\n") + "\n"),
	} {
		if err := publish.WriteFile(filepath.Join(dir, name), func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
			return ErrFailed
		}
	}
	fmt.Fprintf(m.Stdout, "wrote the sign-off pack of %s into %s (index.html: %d paths, %d tests)\n", slug, *out, len(paths), len(q.Tests))
	return nil
}

// sourceLinker keeps a link to a source file as a link to nowhere in particular: the pack is
// read on paper, where the file named by the text is what counts.
type sourceLinker struct{}

func (sourceLinker) Link(src string) (string, bool) { return "#" + src, true }

// version returns the git commit of the site folder, with a note when the file p (relative
// to the site folder) has changes not committed; "" outside git.
func (m *Main) version(p string) string {
	head, err := m.git("rev-parse", "--short", "HEAD")
	if err != nil {
		return ""
	}
	v := "commit " + strings.TrimSpace(string(head))
	if st, err := m.git("status", "--porcelain", "--", p); err == nil && len(bytes.TrimSpace(st)) > 0 {
		v += ", with changes to this file not yet committed"
	}
	return v
}
