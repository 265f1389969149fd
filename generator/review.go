package main

import (
	"fmt"
	"os"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/review"
)

func (m *Main) review(args []string) error {
	fs := m.flags("review", "[flags]", "Lists every article and questionnaire with its last review, the date its next review is due\n(from site.yaml's review_after) and its status: overdue, due soon, undated or current, most pressing first.")
	within := fs.String("within", "30d", "what counts as due soon: due within this `period` (30d, 6w, 2mo, 1y)")
	format := fs.String("format", "text", "the report's `format`: text, csv or json")
	strict := fs.Bool("strict", false, "exit 1 when anything is overdue (for CI)")
	drafts := fs.Bool("drafts", false, "list draft articles too")
	if err := parse(fs, args, 0); err != nil {
		return okOnHelp(err)
	}
	soon, err := content.ParsePeriod(*within)
	if err != nil {
		return m.usageError("review", "[flags]", fmt.Sprintf("--within: %v; write a number and a unit: 30d, 6w, 2mo or 1y", err))
	}
	write := map[string]func(review.Report) error{
		"text": func(r review.Report) error { return r.WriteText(m.Stdout) },
		"csv":  func(r review.Report) error { return r.WriteCSV(m.Stdout) },
		"json": func(r review.Report) error { return r.WriteJSON(m.Stdout) },
	}[*format]
	if write == nil {
		return m.usageError("review", "[flags]", fmt.Sprintf("--format: %q is not text, csv or json", *format))
	}
	var diags diag.List
	items, s := review.Load(os.DirFS(m.Dir), *drafts, &diags)
	errs := diags.Errors()
	if errs > 0 {
		// Only errors: warnings are for check and build.
		for _, d := range diags.Sorted() {
			if d.Severity == diag.Error {
				fmt.Fprintln(m.Stderr, d)
			}
		}
	}
	r := review.Make(items, m.Now, s.ReviewAfter, soon)
	if err := write(r); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	if errs > 0 {
		fmt.Fprintf(m.Stderr, "review: the site has %d %s (above); the report leaves out what they stopped guidepost from reading\n", errs, plural(errs, "error", "errors"))
		return ErrFailed
	}
	if n := r.Counts()[review.Overdue]; *strict && n > 0 {
		fmt.Fprintf(m.Stderr, "review: %d %s overdue for review\n", n, plural(n, "page is", "pages are"))
		return ErrFailed
	}
	return nil
}
