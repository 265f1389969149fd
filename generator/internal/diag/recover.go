package diag

// Recover, deferred by a step that works on one editor's file, turns a panic of that step
// into an error at pos, the file: one bad file must not crash the build, nor stop dev.
// It must be deferred directly (defer diags.Recover(pos)).
func (l *List) Recover(pos Pos) {
	r := recover()
	if r == nil {
		return
	}
	l.Hintf(pos, "this is a bug in guidepost: please report it, with this file",
		"internal error while working on this file: %v", r)
}
