package site

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guidepost/generator/internal/render"
	"guidepost/generator/internal/testutil"
	"guidepost/templates"
)

// questionnaireGoldenDir holds the expected <main> of every page of testdata/questionnaire's questionnaire.
const questionnaireGoldenDir = "testdata/questionnaire/golden"

var questionnaireMain = regexp.MustCompile(`(?s)<main[ >].*</main>`)

// TestQuestionnaireGolden builds testdata/questionnaire and compares the <main> element of the questionnaire's
// start page and of each node page with testdata/questionnaire/golden/<node>.html (go test -update
// rewrites them). Only <main> is compared: the layout around it and the hashed asset names
// have tests of their own, and would make these files change with every theme edit.
func TestQuestionnaireGolden(t *testing.T) {
	var out Memory
	res := Build(context.Background(), os.DirFS(testutil.Site(t, "testdata/questionnaire/site.txtar")), Options{Theme: templates.FS}, &out)
	if res.Diags.Errors() > 0 {
		t.Fatal(res.Diags.Err())
	}
	files := out.Files()
	pages := map[string]string{"index.html": "questionnaires/knee-check/index.html"}
	for _, id := range []string{"red-flags", "pain", "see-a-doctor", "rest", "easy", "run"} {
		pages[id+".html"] = "questionnaires/knee-check/" + id + "/index.html"
	}
	if testutil.Update() {
		os.RemoveAll(questionnaireGoldenDir)
		os.MkdirAll(questionnaireGoldenDir, 0o755)
	}
	for golden, page := range pages {
		data, ok := files[page]
		if !ok {
			t.Errorf("%s was not built", page)
			continue
		}
		got := questionnaireMain.Find(data)
		if got == nil {
			t.Errorf("%s has no <main>", page)
			continue
		}
		got = append(got, '\n')
		p := filepath.Join(questionnaireGoldenDir, golden)
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
	if entries, _ := os.ReadDir(questionnaireGoldenDir); len(entries) != len(pages) {
		t.Errorf("%s has %d files, want %d: remove the stale ones (go test -update)", questionnaireGoldenDir, len(entries), len(pages))
	}
}

var questionnaireData = regexp.MustCompile(`(?s)<script type="application/json" id="questionnaire-data">(.*?)</script>`)

// TestQuestionnaireData checks the tree that the start page embeds for the script: it is valid JSON
// that a text such as "</script>" in the editor's words cannot end early, with every node,
// and URLs relative to the start page, in normal and offline builds.
func TestQuestionnaireData(t *testing.T) {
	for _, tc := range []struct {
		offline bool
		article string
	}{
		{false, "../../articles/knee-rest/"},
		{true, "../../articles/knee-rest/index.html"},
	} {
		var out Memory
		res := Build(context.Background(), os.DirFS(testutil.Site(t, "testdata/questionnaire/site.txtar")), Options{Theme: templates.FS, Offline: tc.offline}, &out)
		if res.Diags.Errors() > 0 {
			t.Fatal(res.Diags.Err())
		}
		page := out.Files()["questionnaires/knee-check/index.html"]
		m := questionnaireData.FindSubmatch(page)
		if m == nil {
			t.Fatalf("offline=%v: no questionnaire-data block in the start page", tc.offline)
		}
		if bytes.Contains(m[1], []byte("<")) {
			t.Errorf("offline=%v: the JSON block holds a raw '<', which could end the script element: %s", tc.offline, m[1])
		}
		var tree render.Tree
		if err := json.Unmarshal(m[1], &tree); err != nil {
			t.Fatalf("offline=%v: questionnaire-data is not JSON: %v", tc.offline, err)
		}
		if tree.Start != "red-flags" || len(tree.Nodes) != 6 {
			t.Errorf("offline=%v: start %q with %d nodes, want red-flags with 6", tc.offline, tree.Start, len(tree.Nodes))
		}
		if got := tree.Nodes["red-flags"].Items[1]; got != `It “locks” or gives way </script><b>` { // smart quotes, as in markdown
			t.Errorf("offline=%v: item = %q", tc.offline, got)
		}
		if a := tree.Nodes["see-a-doctor"].Articles; len(a) != 1 || a[0].URL != tc.article {
			t.Errorf("offline=%v: see-a-doctor articles = %+v, want one at %s", tc.offline, a, tc.article)
		}
		body := string(tree.Nodes["see-a-doctor"].Body)
		if want := `href="` + tc.article + `#when-to-see-a-doctor"`; !strings.Contains(body, want) {
			t.Errorf("offline=%v: see-a-doctor body %q has no %s", tc.offline, body, want)
		}
		if !strings.Contains(html.UnescapeString(string(tree.Disclaimer)), "<em>not</em>") {
			t.Errorf("offline=%v: disclaimer = %q", tc.offline, tree.Disclaimer)
		}
	}
}

// TestQuestionnaireListing checks the links around a questionnaire: the home page lists it before
// the articles, and an article that one of its outcomes recommends links back to it.
func TestQuestionnaireListing(t *testing.T) {
	var out Memory
	res := Build(context.Background(), os.DirFS(testutil.Site(t, "testdata/questionnaire/site.txtar")), Options{Theme: templates.FS}, &out)
	if res.Diags.Errors() > 0 {
		t.Fatal(res.Diags.Err())
	}
	files := out.Files()
	home := string(files["index.html"])
	questionnaire := strings.Index(home, `href="questionnaires/knee-check/"`)
	article := strings.Index(home, `href="articles/knee-rest/"`)
	if questionnaire < 0 || article < 0 || questionnaire > article {
		t.Errorf("the home page should link to the questionnaire (at %d) before the article (at %d)", questionnaire, article)
	}
	if page := string(files["articles/knee-rest/index.html"]); !strings.Contains(page, `href="../../questionnaires/knee-check/"`) {
		t.Error("the recommended article does not link back to the questionnaire")
	}
}
