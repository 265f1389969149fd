package markdown

import (
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

func TestReservedIDs(t *testing.T) {
	c := NewWith(Options{ReservedIDs: []string{"main", "questionnaire"}, ReservedPrefixes: []string{"hint-"}})
	var diags diag.List
	r := c.Convert([]byte("## Main\n\n## Main\n\n## Questionnaire time\n\n## Hint 1\n\n## Hint one\n\nSee [here](#main-1)."), Doc{Path: "content/articles/rest.md", Linker: linker}, &diags)
	if got, want := strings.Join(r.IDs, " "), "main-1 main-2 questionnaire-time hint-1-1 hint-one"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	if !strings.Contains(string(r.HTML), `<h2 id="main-1">Main</h2>`) || diags.Len() != 0 {
		t.Errorf("html %s, diagnostics %v", r.HTML, diags.Sorted())
	}
}

func TestHeadingLevels(t *testing.T) {
	_, diags := convertWith(t, SanitizeHTML, "Intro.\n\n### Too deep\n\n## Fine\n\n### Fine too\n\n##### Skips\n\n  Setext\n  ------\n\n#### Again\n")
	want := []string{
		`content/articles/rest.md:7:1: warning: heading level skips from h1 to h3; make it ## or add the level between`,
		`content/articles/rest.md:13:1: warning: heading level skips from h3 to h5; make it #### or add the level between`,
		`content/articles/rest.md:18:1: warning: heading level skips from h2 to h4; make it ### or add the level between`,
	}
	if strings.Join(diags, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(diags, "\n"), strings.Join(want, "\n"))
	}
}

func TestLeftovers(t *testing.T) {
	src := "See {{ \"/x\" | relative_url }} and `{{ code }}`.\n\n{% include note.html %}\n\n" +
		"{{< figure src=\"a.png\" >}}\n\n    {{ indented code }}\n\n" +
		"A [full][missing-ref] and a [collapsed][] and [fine][ok] and [sic] and `[a][b]`.\n\n[ok]: walking.md\n"
	_, diags := convertWith(t, SanitizeHTML, src)
	const tmpl = "; replace it with markdown, such as a link to the source file ([text](walking.md)), or remove it"
	want := []string{
		`content/articles/rest.md:5:5: warning: template syntax "{{ \"/x\" | relative_url }}" from another site generator is shown as written` + tmpl,
		`content/articles/rest.md:7:1: warning: template syntax "{% include note.html %}" from another site generator is shown as written` + tmpl,
		`content/articles/rest.md:9:1: warning: template syntax "{{< figure src=\"a.png\" >}}" from another site generator is shown as written` + tmpl,
		`content/articles/rest.md:13:3: warning: reference link label "missing-ref" is defined nowhere; the link is shown as written; define it on a line of its own, such as [missing-ref]: walking.md, or write the link inline: [text](walking.md)`,
		`content/articles/rest.md:13:29: warning: reference link label "collapsed" is defined nowhere; the link is shown as written; define it on a line of its own, such as [collapsed]: walking.md, or write the link inline: [text](walking.md)`,
	}
	if strings.Join(diags, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(diags, "\n"), strings.Join(want, "\n"))
	}
}
