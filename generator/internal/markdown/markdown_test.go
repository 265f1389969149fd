package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/testutil"
)

// fakeLinker builds pages for the files it lists.
type fakeLinker map[string]string

func (l fakeLinker) Link(src string) (string, bool) {
	u, ok := l[src]
	return u, ok
}

var linker = fakeLinker{
	"content/articles/walking.md":                "../walking/",
	"content/articles/sub/deep.md":               "../deep/",
	"content/questionnaires/exercise-today.yaml": "../../questionnaires/exercise-today/",
	"content/media/photo.jpg":                    "../../media/photo.jpg",
}

func convert(t *testing.T, src string) (Result, []string) {
	t.Helper()
	var diags diag.List
	r := New().Convert([]byte(src), Doc{Path: "content/articles/rest.md", Line: 5, Linker: linker}, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	return r, got
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"missing file", "Read [this](nowhere.md) first.",
			[]string{`content/articles/rest.md:5:6: link target "nowhere.md": content/articles/nowhere.md builds no page or file; check the file name; link to an article's .md file or a questionnaire's .yaml file, relative to this file`}},
		{"second line", "Intro.\nSee [x](gone.md).",
			[]string{`content/articles/rest.md:6:5: link target "gone.md": content/articles/gone.md builds no page or file; check the file name; link to an article's .md file or a questionnaire's .yaml file, relative to this file`}},
		{"root relative", "[x](/articles/walking/)",
			[]string{`content/articles/rest.md:5:1: root-relative link "/articles/walking/" breaks when the site is served under a sub-path or opened from disk; link to the source file instead, relative to this one, such as walking.md or ../questionnaires/questionnaire.yaml`}},
		{"javascript", "[click](javascript:alert(1))",
			[]string{`content/articles/rest.md:5:1: warning: link target "javascript:alert(1)" uses the unsafe scheme "javascript:"; the link was dropped, its text kept`}},
		{"data image", "![x](data:text/html;base64,AAAA)",
			[]string{`content/articles/rest.md:5:1: warning: link target "data:text/html;base64,AAAA" uses the unsafe scheme "data:"; the link was dropped, its text kept`}},
		{"outside", "[x](../../../etc/passwd)",
			[]string{`content/articles/rest.md:5:1: link target "../../../etc/passwd" points outside the site folder`}},
		{"page instead of file", "[x](walking/)",
			[]string{`content/articles/rest.md:5:1: link target "walking/": content/articles/walking builds no page or file; did you mean walking.md? link to the source file, relative to this one`}},
		{"fine", "[a](walking.md) [b](https://example.org/) [c](mailto:a@b.org) [d](#top) <https://x.org>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := convert(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRefsAndIDs(t *testing.T) {
	r, diags := convert(t, "# Title\n\n## When to stop\n\nSee [w](walking.md#what-the-research-says) and [here](#when-to-stop).[^1]\n\n[^1]: A note.\n")
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	wantIDs := "title when-to-stop fn:1 fnref:1"
	if got := strings.Join(r.IDs, " "); got != wantIDs {
		t.Errorf("ids = %q, want %q", got, wantIDs)
	}
	if len(r.Refs) != 2 {
		t.Fatalf("refs = %+v, want 2", r.Refs)
	}
	if r.Refs[0].Target != "content/articles/walking.md" || r.Refs[0].Fragment != "what-the-research-says" || r.Refs[0].Pos.Line != 9 {
		t.Errorf("ref 0 = %+v", r.Refs[0])
	}
	if r.Refs[1].Target != "content/articles/rest.md" || r.Refs[1].Fragment != "when-to-stop" {
		t.Errorf("ref 1 = %+v", r.Refs[1])
	}
}

// TestGolden converts testdata/*.md and compares the HTML with testdata/*.html.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata/*.md")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.List
			r := New().Convert(src, Doc{Path: "content/articles/rest.md", Linker: linker}, &diags)
			got := r.HTML
			for _, d := range diags.Sorted() {
				got = append(got, []byte("<!-- "+d.String()+" -->\n")...)
			}
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if testutil.Update() {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s:\n%s", f, golden, got)
			}
		})
	}
}
