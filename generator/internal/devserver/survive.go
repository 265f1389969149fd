package devserver

import (
	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
)

// survive, deferred by Rebuild, turns a panic the build's own recovers did not catch into a
// failed rebuild: the last good build stays served, and the next rebuild starts afresh.
func (s *Server) survive(changed []string) {
	if r := recover(); r != nil {
		s.recovered(changed, r)
	}
}

// recovered reports the panic r of a rebuild of the files changed as a failed rebuild.
func (s *Server) recovered(changed []string, r any) {
	pos := diag.Pos{Path: content.Dir}
	if len(changed) > 0 {
		pos.Path = changed[0]
	}
	var diags diag.List
	diags.Hintf(pos, "this is a bug in guidepost: please report it, with the files you changed", "internal error while rebuilding: %v", r)
	s.report(&diags, changed)
	s.failed, s.panicked = true, true
	s.refuse(describe(changed), &diags, 0)
}
