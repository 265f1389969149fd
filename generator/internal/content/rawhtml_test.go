package content

import (
	"testing"

	"guidepost/generator/internal/diag"
)

func TestRawHTMLSetting(t *testing.T) {
	for _, tt := range []struct {
		src    string
		escape bool
		diag   string
	}{
		{"title: T\ndescription: D\n", false, ""},
		{"title: T\ndescription: D\nraw_html: sanitize\n", false, ""},
		{"title: T\ndescription: D\nraw_html: escape\n", true, ""},
		{"title: T\ndescription: D\nraw_html: allow\n", false,
			`content/site.yaml:3:11: raw_html: "allow" is not a choice; write sanitize (keep the safe HTML, the default) or escape (show HTML as text)`},
	} {
		var diags diag.List
		s := ParseSite([]byte(tt.src), &diags)
		got := ""
		for _, d := range diags.Sorted() {
			got += d.String()
		}
		if s.EscapeRawHTML != tt.escape || got != tt.diag {
			t.Errorf("%q: escape %v, %q; want %v, %q", tt.src, s.EscapeRawHTML, got, tt.escape, tt.diag)
		}
	}
}
