package markdown

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// finder is linker that finds its files by name.
type finder struct{ fakeLinker }

func (f finder) Find(name string) []string {
	var out []string
	for src := range f.fakeLinker {
		if path.Base(src) == name {
			out = append(out, src)
		}
	}
	return out
}

func TestMigrationHints(t *testing.T) {
	const root = `root-relative link %q breaks when the site is served under a sub-path or opened from disk; `
	const missing = `link target %q: %s builds no page or file; `
	tests := []struct{ src, want string }{
		{"[a](walking.html)", fmt.Sprintf(missing, "walking.html", "content/articles/walking.html") + "did you mean walking.md? link to the source file, relative to this one"},
		{"[a](walking/index.html)", fmt.Sprintf(missing, "walking/index.html", "content/articles/walking/index.html") + "did you mean walking.md? link to the source file, relative to this one"},
		{"[a](/articles/walking/)", fmt.Sprintf(root, "/articles/walking/") + "did you mean walking.md? link to the source file, relative to this one"},
		{"[a](/manual/deep/)", fmt.Sprintf(root, "/manual/deep/") + "did you mean sub/deep.md? link to the source file, relative to this one"},
		{"[a](/deep.html)", fmt.Sprintf(root, "/deep.html") + "did you mean sub/deep.md? link to the source file, relative to this one"},
		{"[a](/exercise-today/)", fmt.Sprintf(root, "/exercise-today/") + "did you mean ../questionnaires/exercise-today.yaml? link to the source file, relative to this one"},
		{"[a](/media/photo.jpg)", fmt.Sprintf(root, "/media/photo.jpg") + "link to ../media/photo.jpg, relative to this file"},
		{"[a](/nothing/)", fmt.Sprintf(root, "/nothing/") + "link to the source file instead, relative to this one, such as walking.md or ../questionnaires/questionnaire.yaml"},
		{"[a](nothing.html)", fmt.Sprintf(missing, "nothing.html", "content/articles/nothing.html") + "put the file in content/media/ and link to it relative to this file, such as ../media/nothing.html"},
	}
	for _, tt := range tests {
		var diags diag.List
		New().Convert([]byte(tt.src), Doc{Path: "content/articles/rest.md", Line: 5, Linker: finder{linker}}, &diags)
		var got []string
		for _, d := range diags.Sorted() {
			got = append(got, d.String())
		}
		if want := "content/articles/rest.md:5:1: " + tt.want; strings.Join(got, "\n") != want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.src, strings.Join(got, "\n"), want)
		}
	}
}
