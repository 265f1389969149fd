package content

import (
	"strings"
	"testing"
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
