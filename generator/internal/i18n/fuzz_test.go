package i18n

import (
	"strings"
	"testing"
	"time"

	"guidepost/generator/internal/diag"
)

// FuzzParse checks that no catalogue makes Parse panic, that it always returns a catalogue
// whose messages can be asked for, and that every problem is on a line of the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"questionnaire.back: Yn ôl\n", "tag.count:\n  one: a\n  other: b\n", "tag.count: x\n", "questionnaire.item: {n} {x}\n",
		"- a\n", "questionnaire.back: [\n", "questionnaire.back: &a x\nquestionnaire.restart: *a\n", "language.dir: rtl\n", "{a: b}: c\n",
		"tag.count:\n  few: a\n  zero: b\n  ? [x]\n  : c\n",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, src string, withBase bool) {
		var base *Catalogue
		if withBase {
			b, _ := BuiltinSource("cy")
			base = Parse("cy.yaml", "cy", b, nil, &diag.List{})
		}
		var diags diag.List
		c := Parse("i18n/cy.yaml", "cy", []byte(src), base, &diags)
		if c == nil {
			t.Fatal("nil catalogue")
		}
		c.Date(c.dateSample())
		for _, def := range Keys() {
			_, _ = c.T(string(def.Key), "count", 3)
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags.Sorted() {
			if d.Line > lines+1 || d.Line < 0 {
				t.Errorf("line out of the file (%d lines): %s", lines, d)
			}
		}
	})
}

func (c *Catalogue) dateSample() time.Time { return time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC) }
