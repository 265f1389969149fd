package main

import (
	"fmt"

	"guidepost/generator/internal/diag"
)

// reportAs is report, except that under --strict (strict true) every warning counts as an
// error, and the number of them is printed after the errors' count.
func (m *Main) reportAs(diags *diag.List, strict bool) bool {
	if !strict {
		return m.report(diags)
	}
	var all diag.List
	n := 0
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Warning {
			d.Severity = diag.Error
			d.Message = "(--strict) " + d.Message
			n++
		}
		all.Add(d)
	}
	failed := m.report(&all)
	if n > 0 {
		fmt.Fprintf(m.Stderr, "--strict: %d %s counted as errors\n", n, plural(n, "warning", "warnings"))
	}
	return failed
}
