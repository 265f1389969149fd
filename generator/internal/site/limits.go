package site

import (
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
)

// yamlWithinLimits reports whether the YAML file p nests within lim, and reports an error
// where it does not: the YAML decoder recurses once a level.
func yamlWithinLimits(p string, src []byte, lim limits.Limits, diags *diag.List) bool {
	ex := lim.YAML(src)
	if ex == nil {
		return true
	}
	diags.Hintf(diag.Pos{Path: p, Line: ex.Line, Col: 1}, ex.Hint, "%s", ex.Message)
	return false
}
