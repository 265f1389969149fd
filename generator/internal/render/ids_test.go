package render

import (
	"slices"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/templates"
)

func TestThemeIDs(t *testing.T) {
	var diags diag.List
	th := Load(templates.FS, nil, nil, nil, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Sorted())
	}
	ids, prefixes := th.IDs()
	for _, want := range []string{"main", "questionnaire", "related-heading", "sources-heading", "questionnaire-help", "questionnaire-error"} {
		if !slices.Contains(ids, want) {
			t.Errorf("ids %q lack %q", ids, want)
		}
	}
	if !slices.Equal(prefixes, []string{"hint-"}) {
		t.Errorf("prefixes = %q, want [hint-]", prefixes)
	}
}
