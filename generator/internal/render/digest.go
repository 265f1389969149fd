package render

import (
	"crypto/sha256"
	"encoding/binary"
	"html/template"
	"maps"
	"slices"
	"text/template/parse"
)

// definitions holds the templates of one kind's set as they were parsed: each one's
// definition as text/template prints its parse tree, and the templates it calls. It is
// taken when the theme is loaded, because html/template adds its escaping to the trees the
// first time they run.
type definitions struct {
	text  map[string]string
	calls map[string][]string
}

func snapshot(set *template.Template) definitions {
	d := definitions{text: make(map[string]string), calls: make(map[string][]string)}
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		d.text[t.Name()] = t.Tree.Root.String()
		var calls []string
		called(t.Tree.Root, &calls)
		d.calls[t.Name()] = calls
	}
	return d
}

// called adds to calls the names of the templates that n calls.
func called(n parse.Node, calls *[]string) {
	walk(n, func(n parse.Node) {
		if t, ok := n.(*parse.TemplateNode); ok {
			*calls = append(*calls, t.Name)
		}
	})
}

// Digest returns a hash of the definition of the template name in the set of kind and of
// the definitions of every template it calls, directly or not, as they were parsed; zero
// when the set has no such template. Two loadings of a theme whose digests of a template are
// equal render it alike for the same data, given the same messages (a dev rebuild keeps
// what "summary" rendered across edits of the other templates: see package rebuild).
func (t *Theme) Digest(kind, name string) [sha256.Size]byte {
	d, ok := t.defs[kind]
	if _, defined := d.text[name]; !ok || !defined {
		return [sha256.Size]byte{}
	}
	seen := map[string]bool{name: true}
	todo := []string{name}
	for len(todo) > 0 {
		n := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range d.calls[n] {
			if !seen[c] {
				seen[c] = true
				todo = append(todo, c)
			}
		}
	}
	var buf []byte
	for _, n := range slices.Sorted(maps.Keys(seen)) {
		text, ok := d.text[n]
		for _, s := range []string{n, text} {
			buf = binary.AppendUvarint(buf, uint64(len(s)))
			buf = append(buf, s...)
		}
		if !ok { // called but not defined: it fails when it runs
			buf = append(buf, 0)
		}
	}
	return sha256.Sum256(buf)
}
