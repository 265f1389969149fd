package publish

import (
	"context"
	"os"
	"strings"
	"testing"

	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// TestSingleFileOfOneLanguage makes the single file of the Welsh of a bilingual site: one
// document in Welsh, holding the Welsh pages and the questionnaire.
func TestSingleFileOfOneLanguage(t *testing.T) {
	doc, res := Single(context.Background(), os.DirFS("../site/testdata/bilingual"), site.Options{Theme: templates.FS, Language: "cy"})
	if res.Diags.Errors() > 0 || doc == nil {
		t.Fatalf("%v", res.Diags.Sorted())
	}
	s := string(doc)
	for _, w := range []string{
		`<html lang="cy" dir="ltr">`,
		`<section class="single-page" id="articles_walking">`,
		`<h1>Cerdded yn lle ymarfer caled</h1>`,
		`<h1>A ddylwn i ymarfer heddiw?</h1>`,
		`<p class="language-note">`,
	} {
		if !strings.Contains(s, w) {
			t.Errorf("the single file lacks %s", w)
		}
	}
}
