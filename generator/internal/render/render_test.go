package render

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/i18n"
)

// builtin is a minimal theme with every kind of page.
func builtin() fstest.MapFS {
	fs := fstest.MapFS{
		"base.html":        {Data: []byte(`{{define "base"}}<html>{{template "main" .}}</html>{{end}}`)},
		"partials.html":    {Data: []byte(`{{define "x"}}{{end}}`)},
		"assets/style.css": {Data: []byte("body{color:red}")},
		"assets/app.js":    {Data: []byte("1")},
		"assets/logo.svg":  {Data: []byte("<svg/>")},
	}
	for _, k := range Kinds {
		fs[k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}builtin ` + k + `{{end}}`)}
	}
	return fs
}

func load(t *testing.T, site fstest.MapFS) (*Theme, string) {
	t.Helper()
	var diags diag.List
	th := Load(builtin(), site, nil, nil, &diags)
	var lines []string
	for _, d := range diags.Sorted() {
		lines = append(lines, d.String())
	}
	return th, strings.Join(lines, "\n")
}

func TestOverrideOneByOne(t *testing.T) {
	th, errs := load(t, fstest.MapFS{
		"templates/article.html":     {Data: []byte(`{{define "main"}}mine{{end}}`)},
		"templates/assets/style.css": {Data: []byte("body{color:blue}")},
		"templates/assets/extra.png": {Data: []byte("png")},
	})
	if errs != "" {
		t.Fatal(errs)
	}
	for kind, want := range map[string]string{"article": "<html>mine</html>", "tag": "<html>builtin tag</html>"} {
		got, err := th.Execute(kind, nil)
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", kind, got, err, want)
		}
	}
	var names []string
	for _, a := range th.Assets() {
		names = append(names, a.Name+"="+string(a.Data))
	}
	if got := strings.Join(names, " "); got != "assets/app.js=1 assets/extra.png=png assets/logo.svg=<svg/> assets/style.css=body{color:blue}" {
		t.Errorf("assets: %s", got)
	}
}

var hashedStyle = regexp.MustCompile(`^assets/style\.[0-9a-f]{8}\.css$`)

// TestHashedNames checks that CSS and JS names change exactly when their content changes.
func TestHashedNames(t *testing.T) {
	a, _ := load(t, nil)
	b, _ := load(t, nil)
	c, _ := load(t, fstest.MapFS{"templates/assets/style.css": {Data: []byte("body{color:green}")}})
	if !hashedStyle.MatchString(a.AssetPath("style.css")) {
		t.Fatalf("style.css published as %q", a.AssetPath("style.css"))
	}
	if a.AssetPath("style.css") != b.AssetPath("style.css") {
		t.Error("the same content got two names")
	}
	if a.AssetPath("style.css") == c.AssetPath("style.css") {
		t.Error("new content kept the old name")
	}
	if a.AssetPath("app.js") != c.AssetPath("app.js") {
		t.Error("an unchanged script changed name")
	}
	if a.AssetPath("logo.svg") != "assets/logo.svg" {
		t.Errorf("images keep their names: got %q", a.AssetPath("logo.svg"))
	}
}

func TestTemplateErrors(t *testing.T) {
	_, errs := load(t, fstest.MapFS{
		"templates/tag.html": {Data: []byte("{{define \"main\"}}\n{{if .X}}\n{{end}")},
	})
	want := `templates/tag.html:3: template: bad character U+007D '}'`
	if !strings.HasPrefix(errs, want) {
		t.Errorf("got %q, want it to start with %q", errs, want)
	}
	th, _ := load(t, fstest.MapFS{"templates/tag.html": {Data: []byte("{{define \"main\"}}\n  {{.Missing}}{{end}}")}})
	_, err := th.Execute("tag", struct{}{})
	const wantExec = `templates/tag.html:2:4: template: executing "main" at <.Missing>: can't evaluate field Missing in type struct {}`
	if err == nil || err.Error() != wantExec {
		t.Errorf("executing a bad field:\ngot  %v\nwant %s", err, wantExec)
	}
}

// squeeze stands in for a minifier: it joins a template's lines, so that positions in what
// renders are not those of the file, and fails on templates that say "fail".
func squeeze(mediatype string, data []byte) ([]byte, error) {
	if mediatype != TemplateType {
		return data, nil
	}
	if strings.Contains(string(data), "fail") {
		return nil, errors.New("cannot squeeze")
	}
	return []byte(strings.ReplaceAll(string(data), "\n", "")), nil
}

// TestTransformedTemplates checks that pages render from the transformed templates, that a
// template the Transform fails on renders as written, and that errors point into the file
// as written.
func TestTransformedTemplates(t *testing.T) {
	site := fstest.MapFS{
		"templates/article.html": {Data: []byte("{{define \"main\"}}\na\nb{{end}}")},
		"templates/tag.html":     {Data: []byte("{{define \"main\"}}\nfail\n{{end}}")},
		"templates/index.html":   {Data: []byte("{{define \"main\"}}\n\n  {{.Missing}}{{end}}")},
	}
	var diags diag.List
	th := Load(builtin(), site, squeeze, nil, &diags)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{"article": "<html>ab</html>", "tag": "<html>\nfail\n</html>"} {
		if got, err := th.Execute(kind, nil); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", kind, got, err, want)
		}
	}
	const want = `templates/index.html:3:4: template: executing "main" at <.Missing>: can't evaluate field Missing in type struct {}`
	if _, err := th.Execute("index", struct{}{}); err == nil || err.Error() != want {
		t.Errorf("executing a bad field:\ngot  %v\nwant %s", err, want)
	}
}

// TestMessagesFilledAtLoad checks that {{t "key"}} is written into the template once, escaped,
// except in a script, and that a message with placeholders is still a call.
func TestMessagesFilledAtLoad(t *testing.T) {
	src, _ := i18n.BuiltinSource("cy")
	var diags diag.List
	cy := i18n.Parse("cy.yaml", "cy", src, nil, &diags)
	in := "<p>{{t \"page.skip\"}}</p>\n<a aria-label=\"{{t \"page.top\"}}\">x</a>{{t \"nope\"}}\n<script>var a = {{t \"page.home\"}};</script>{{t \"questionnaire.item\" \"n\" 1 \"total\" 2}}"
	want := "<p>Neidio i&#39;r prif gynnwys</p>\n<a aria-label=\"Yn ôl i&#39;r brig\">x</a>{{t \"nope\"}}\n<script>var a = {{t \"page.home\"}};</script>{{t \"questionnaire.item\" \"n\" 1 \"total\" 2}}"
	if got := fillMessages(in, cy); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
