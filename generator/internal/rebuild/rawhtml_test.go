package rebuild

import (
	"context"
	"guidepost/generator/internal/site"
	"os"
	"strings"
	"testing"
)

// TestIncrementalRawHTMLSetting checks that switching raw_html in site.yaml converts the
// markdown again in dev mode: a page rendered again must not take its HTML from the last
// conversion, made under the other setting.
func TestIncrementalRawHTMLSetting(t *testing.T) {
	s := incSite{t, t.TempDir()}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\n")
	s.write("content/articles/water.md", "---\ntitle: Water\ndescription: About water.\n---\n\nH<sub>2</sub>O.\n")
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	var m site.Memory
	if res, _ := inc.Build(&m); res.Diags.Errors() > 0 {
		t.Fatal(res.Diags.Sorted())
	}
	if page := string(m.Files()["articles/water/index.html"]); !strings.Contains(page, "H<sub>2</sub>O") {
		t.Fatalf("sanitized HTML lost its <sub>:\n%s", page)
	}
	s.write("content/site.yaml", "title: Test site\ndescription: A site for tests.\nraw_html: escape\n")
	compareBuilds(t, "raw_html: escape", s.dir, inc)
	var full site.Memory
	site.Build(context.Background(), os.DirFS(s.dir), inc.opts, &full)
	if page := string(full.Files()["articles/water/index.html"]); !strings.Contains(page, "H&lt;sub&gt;2&lt;/sub&gt;O") {
		t.Fatalf("raw_html: escape did not escape:\n%s", page)
	}
}
