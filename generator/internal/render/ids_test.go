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
	for _, want := range []string{"main", "quiz", "related-heading", "sources-heading", "quiz-help", "quiz-error"} {
		if !slices.Contains(ids, want) {
			t.Errorf("ids %q lack %q", ids, want)
		}
	}
	if !slices.Equal(prefixes, []string{"hint-"}) {
		t.Errorf("prefixes = %q, want [hint-]", prefixes)
	}
}
