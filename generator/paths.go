package main

import (
	"fmt"
	"os"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/site"
)

// paths prints every complete path of each questionnaire (or of the one named), as
// questionnaire.Paths writes them. With more than one questionnaire, each one's lines
// follow a "# slug" line, and a blank line parts them.
func (m *Main) paths(args []string) error {
	fs := m.flags("paths", "[SLUG]", "Checks the site as check does, then prints every complete path of each questionnaire\n(or of the one named SLUG), one a line, sorted: q1=answer-id q2=answer-id -> outcome-id [sections shown].")
	drafts := fs.Bool("drafts", false, "check draft articles too, as dev and build --drafts see them")
	if err := fs.Parse(args); err != nil {
		return okOnHelp(parse(fs, args, 0))
	}
	if fs.NArg() > 1 {
		return parse(fs, args, 1) // reports the extra arguments
	}
	opts := m.options()
	opts.Drafts = *drafts
	questionnaires, diags := site.Questionnaires(os.DirFS(m.Dir), opts)
	slug := fs.Arg(0)
	if slug != "" {
		found := false
		for _, q := range questionnaires {
			found = found || q.Slug == slug
		}
		if !found {
			var slugs []string
			for _, q := range questionnaires {
				slugs = append(slugs, q.Slug)
			}
			msg := fmt.Sprintf("no questionnaire %q", slug)
			if hint := diag.Suggest(slug, slugs); hint != "" {
				msg += "; " + hint
			}
			fmt.Fprintf(m.Stderr, "guidepost: %s\n", msg)
			return &UsageError{msg}
		}
	}
	if m.report(diags) {
		return ErrFailed
	}
	first := true
	for _, q := range questionnaires {
		if slug != "" && q.Slug != slug {
			continue
		}
		lines, err := q.Paths()
		if err != nil {
			fmt.Fprintf(m.Stderr, "%s: %v\n", q.Path, err)
			return ErrFailed
		}
		if slug == "" && len(questionnaires) > 1 {
			if !first {
				fmt.Fprintln(m.Stdout)
			}
			fmt.Fprintf(m.Stdout, "# %s\n", q.Slug)
		}
		first = false
		for _, l := range lines {
			fmt.Fprintln(m.Stdout, l)
		}
	}
	return nil
}
