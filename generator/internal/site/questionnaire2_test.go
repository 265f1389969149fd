package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// questionnaire2GoldenDir holds the expected <main> of the static pages of each kind that format 2
// adds, from testdata/rich's child-fever questionnaire.
const questionnaire2GoldenDir = "testdata/questionnaire2/golden"

// TestQuestionnaire2Golden builds testdata/rich and compares the <main> of the format 2 pages with
// their golden files (go test -update rewrites them): a page that carries earlier answers,
// one item of a checklist with each: true, a composed outcome, an emergency outcome with
// its action. It also checks what every step page says to search engines, and that the
// sitemap lists only the questionnaire's start page.
func TestQuestionnaire2Golden(t *testing.T) {
	var out Memory
	res := Build(context.Background(), os.DirFS("testdata/rich"), Options{Theme: templates.FS}, &out)
	if res.Diags.Errors() > 0 {
		t.Fatal(res.Diags.Err())
	}
	files := out.Files()
	const dir = "questionnaires/child-fever/"
	pages := map[string]string{
		"temperature-carried.html": dir + "temperature/age.older/index.html",
		"signs-item-2.html":        dir + "signs/item-2/age.older/temperature.yes/signs.rash/index.html",
		"see-gp-composed.html":     dir + "see-gp/signs.rash/index.html",
		"home-composed.html":       dir + "home/age.under-3-months/temperature.no/index.html",
		"call-now-emergency.html":  dir + "call-now/index.html",
	}
	if testutil.Update() {
		os.RemoveAll(questionnaire2GoldenDir)
		os.MkdirAll(questionnaire2GoldenDir, 0o755)
	}
	for golden, page := range pages {
		data, ok := files[page]
		if !ok {
			t.Errorf("%s was not built", page)
			continue
		}
		got := append(questionnaireMain.Find(data), '\n')
		p := filepath.Join(questionnaire2GoldenDir, golden)
		if testutil.Update() {
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v (go test -update writes it)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: <main> differs from %s (go test -update to accept):\n%s", page, p, got)
		}
	}

	robots := regexp.MustCompile(`<meta name="robots" content="noindex">`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
	steps := 0
	for name, data := range files {
		if !strings.HasPrefix(name, dir) || !strings.HasSuffix(name, ".html") {
			continue
		}
		start := name == dir+"index.html"
		m := canonical.FindSubmatch(data)
		switch {
		case m == nil:
			t.Errorf("%s has no canonical link", name)
		case start && string(m[1]) != "https://example.org/guidance/"+dir:
			t.Errorf("the start page's canonical link is %s", m[1])
		case !start && string(m[1]) != "https://example.org/guidance/"+dir:
			t.Errorf("%s: canonical link %s, want the start page", name, m[1])
		}
		if robots.Match(data) == start {
			t.Errorf("%s: noindex is %v, want %v", name, !start, start)
		}
		if !start {
			steps++
		}
	}
	if steps < 10 {
		t.Errorf("only %d step pages were built", steps)
	}
	sitemap := string(files["sitemap.xml"])
	if !strings.Contains(sitemap, "<loc>https://example.org/guidance/"+dir+"</loc>") || strings.Count(sitemap, dir) != 1 {
		t.Errorf("the sitemap should list the start page of %s and no step page:\n%s", dir, sitemap)
	}
}
