package render

import (
	"regexp"
	"slices"
	"strings"
	"text/template/parse"
)

var (
	// templateID finds id="x" in a template's text; an id cut short by the end of the text
	// (id="hint-{{$i}}") has no closing quote.
	templateID = regexp.MustCompile(`\sid="([A-Za-z0-9_.:-]*)("?)`)
	// scriptID finds the ids a script gives the elements it makes: id = 'x', id: "x".
	scriptID = regexp.MustCompile(`\bid\s*[:=]\s*['"]([A-Za-z0-9_.:-]+)['"]`)
)

// IDs returns the ids the theme's pages hold besides those of their markdown: the ids its
// templates write (id="main"), the ids its scripts give the elements they make
// (id = 'questionnaire-help'), and, as prefixes, the ids a template writes with an action after them
// (id="hint-{{$i}}" gives "hint-"). Markdown's headings must take none of them, or a link to
// one would land in the wrong place and the page would not be valid HTML.
func (t *Theme) IDs() (ids, prefixes []string) {
	for kind, set := range t.sets {
		if p := t.plain[kind]; p != nil {
			set = p // as written: a minifier may have dropped the quotes
		}
		for _, tmpl := range set.Templates() {
			if tmpl.Tree == nil {
				continue
			}
			walkText(tmpl.Tree.Root, func(text string) {
				for _, m := range templateID.FindAllStringSubmatch(text, -1) {
					switch {
					case m[2] != "":
						ids = append(ids, m[1])
					case m[1] != "":
						prefixes = append(prefixes, m[1])
					}
				}
			})
		}
	}
	for _, a := range t.assets {
		if strings.HasSuffix(a.Name, ".js") {
			for _, m := range scriptID.FindAllStringSubmatch(string(a.Data), -1) {
				ids = append(ids, m[1])
			}
		}
	}
	slices.Sort(ids)
	slices.Sort(prefixes)
	return slices.Compact(ids), slices.Compact(prefixes)
}

// walkText calls fn with the text of every text node below n.
func walkText(n parse.Node, fn func(string)) {
	walk(n, func(n parse.Node) {
		if t, ok := n.(*parse.TextNode); ok {
			fn(string(t.Text))
		}
	})
}

// walk calls fn with n and every node below it that a template prints or runs: the
// branches of if, range and with, not their pipelines.
func walk(n parse.Node, fn func(parse.Node)) {
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walk(c, fn)
			}
		}
	case *parse.IfNode:
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.RangeNode:
		walk(n.List, fn)
		walk(n.ElseList, fn)
	case *parse.WithNode:
		walk(n.List, fn)
		walk(n.ElseList, fn)
	}
}
