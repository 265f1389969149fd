package render

import (
	"testing"
	"testing/fstest"
)

// TestDigest checks that the digest of a template follows its definition and those of the
// templates it calls, whichever file defines them, and nothing else, and that running the
// template (which adds html/template's escaping to its tree) leaves it as it was.
func TestDigest(t *testing.T) {
	digest := func(base, partials string) [32]byte {
		t.Helper()
		th, errs := load(t, fstest.MapFS{
			"templates/base.html":     {Data: []byte(base)},
			"templates/partials.html": {Data: []byte(partials)},
		})
		if errs != "" {
			t.Fatal(errs)
		}
		return th.Digest("article", "summary")
	}
	const (
		base     = `{{define "base"}}<html>{{template "main" .}}</html>{{end}}{{define "flag"}}<b>!</b>{{end}}`
		partials = `{{define "summary"}}<li>{{.}}{{template "flag"}}</li>{{end}}`
	)
	first := digest(base, partials)
	if first == ([32]byte{}) {
		t.Fatal("a defined template has no digest")
	}
	for _, c := range []struct {
		name, base, partials string
		same                 bool
	}{
		{"the layout changed", `{{define "base"}}<html><body>{{template "main" .}}</body></html>{{end}}{{define "flag"}}<b>!</b>{{end}}`, partials, true},
		{"a template it calls changed, in another file", `{{define "base"}}<html>{{template "main" .}}</html>{{end}}{{define "flag"}}<i>!</i>{{end}}`, partials, false},
		{"it changed", base, `{{define "summary"}}<li>{{.}} {{template "flag"}}</li>{{end}}`, false},
		{"a template it calls is gone", `{{define "base"}}<html>{{template "main" .}}</html>{{end}}`, partials, false},
	} {
		if got := digest(c.base, c.partials); (got == first) != c.same {
			t.Errorf("%s: digest equal %v, want %v", c.name, got == first, c.same)
		}
	}

	th, _ := load(t, fstest.MapFS{"templates/base.html": {Data: []byte(base)}, "templates/partials.html": {Data: []byte(partials)}})
	if _, err := th.Fragment("article", "summary", "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := th.Execute("article", nil); err != nil {
		t.Fatal(err)
	}
	if th.Digest("article", "summary") != first {
		t.Error("running the template changed its digest")
	}
	if th.Digest("article", "nothing") != ([32]byte{}) {
		t.Error("a template not defined has a digest")
	}
}
