package content

import (
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

func TestFirstSentence(t *testing.T) {
	long := strings.Repeat("word ", 40) + "end."
	for _, tt := range []struct{ body, want string }{
		{"# Title\n\nRest helps. Then walk.\n", "Rest helps."},
		{"![x](a.png)\n\nSee [the *guide*](g.md) and `code`, e.g. this one! More.", "See the guide and code, e.g. this one!"},
		{"A line\nwrapped here? Yes.", "A line wrapped here?"},
		{"Costs £1.50 a day. Or more.", "Costs £1.50 a day."},
		{"<div>raw</div>\n\n- a list item\n\nParagraph <b>one</b> here.", "Paragraph one here."},
		{"", ""},
		{"## Only a heading\n", ""},
		{long, strings.TrimSpace(strings.Repeat("word ", 31)) + "…"},
	} {
		got := FirstSentence([]byte(tt.body))
		if got != tt.want {
			t.Errorf("FirstSentence(%q) = %q, want %q", tt.body, got, tt.want)
		}
		if n := len([]rune(got)); n > DescriptionLimit {
			t.Errorf("%q: %d characters", got, n)
		}
	}
}

// TestSmartTitles checks that titles and descriptions, of articles and of the site, get the
// smart punctuation bodies get.
func TestSmartTitles(t *testing.T) {
	var diags diag.List
	a := ParseArticle("content/articles/ci.md", []byte("---\ntitle: \"Rails' new 'local CI' -- a review\"\ndescription: It's \"fast\"...\n---\nBody.\n"), &diags)
	if a.Title != "Rails’ new ‘local CI’ – a review" || a.Description != "It’s “fast”…" || diags.Len() != 0 {
		t.Errorf("title %q, description %q, %v", a.Title, a.Description, diags.Sorted())
	}
	s := ParseSite([]byte("title: \"Jo's 'guide'\"\ndescription: Plain.\n"), &diags)
	if s.Title != "Jo’s ‘guide’" || s.Description != "Plain." {
		t.Errorf("site title %q, description %q", s.Title, s.Description)
	}
}
