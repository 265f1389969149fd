package rebuild

import (
	"slices"

	"guidepost/generator/internal/layered"
)

// lookups index the pages of a build by what a move of articles may change for them (see
// quickBuild.deriveMoves): the source files their links looked up, and whether they
// reported anything (a hint may name a new file). A quick build then finds the pages
// concerned by the few files that moved instead of looking at every page, and the pages
// whose diagnostics make the build's (see quickBuild.result) without looking at every page
// either. It derives its index from the last build's, as it does the rest of its state: a
// set it changes is derived (package layered) the first time, and its own from then on.
type lookups struct {
	bySource  *layered.Map[string, *layered.Map[string, bool]] // source file -> the pages that looked it up
	noisy     *layered.Map[string, bool]                       // the pages whose log has diagnostics
	reporting *layered.Map[string, bool]                       // the pages whose log has diagnostics or its links to anchors do (see report)
	own       map[string]bool                                  // the sets of bySource this index made, which it may change
}

// newLookups returns the index of the logs of a build's pages.
func newLookups(logs func(yield func(*pageLog) bool)) *lookups {
	x := &lookups{bySource: layered.New[string, *layered.Map[string, bool]](nil), noisy: layered.New[string, bool](nil), reporting: layered.New[string, bool](nil), own: make(map[string]bool)}
	for l := range logs {
		x.change(nil, l)
		x.report(l.page, l.diags.Len()+l.refDiags.Len() > 0)
	}
	return x
}

// derive returns a copy of x to change, leaving x as it is.
func (x *lookups) derive() *lookups {
	return &lookups{bySource: x.bySource.Derive(), noisy: x.noisy.Derive(), reporting: x.reporting.Derive(), own: make(map[string]bool)}
}

// change indexes the page of the log after (nil when the page is gone) in place of its
// log before (nil for a new page). What the page reports is known once its links to
// anchors are checked: report says it.
func (x *lookups) change(before, after *pageLog) {
	var page string
	var was, is []string
	if before != nil {
		page, was = before.page, before.lookups
		x.noisy.Delete(page)
		x.reporting.Delete(page)
	}
	if after != nil {
		page, is = after.page, after.lookups
		if after.diags.Len() > 0 {
			x.noisy.Set(page, true)
		}
	}
	for _, src := range was {
		if !slices.Contains(is, src) {
			x.set(src).Delete(page)
		}
	}
	for _, src := range is {
		if !slices.Contains(was, src) {
			x.set(src).Set(page, true)
		}
	}
}

// report records whether the page reports anything, its markdown or its links to anchors.
func (x *lookups) report(page string, reports bool) {
	if reports {
		x.reporting.Set(page, true)
	} else {
		x.reporting.Delete(page)
	}
}

// set returns the set of pages that looked up src, this index's own to change.
func (x *lookups) set(src string) *layered.Map[string, bool] {
	s := x.bySource.Value(src)
	if !x.own[src] {
		if s == nil {
			s = layered.New[string, bool](nil)
		} else {
			s = s.Derive()
		}
		x.bySource.Set(src, s)
		x.own[src] = true
	}
	return s
}

// pages returns the pages that looked up one of the source files moved or reported
// anything, each once, sorted.
func (x *lookups) pages(moved []string) []string {
	var names []string
	for name := range x.noisy.All() {
		names = append(names, name)
	}
	for _, src := range moved {
		if s := x.bySource.Value(src); s != nil {
			for name := range s.All() {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}
