package devserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/browsertest"
)

const sampleQuestionnaire = "content/questionnaires/exercise-today.yaml"

// TestMapPage follows the way an editor reaches the live flow map: from the dev bar of the
// questionnaire's page to the map, which shows every node, draws itself again after a save,
// lists the problems of a broken tree, and passes axe.
func TestMapPage(t *testing.T) {
	dir := sampleSite(t)
	d := startDev(t, dir)
	ctx := browsertest.NewBrowser(t)
	console := browsertest.CaptureConsole(ctx)
	browsertest.Navigate(t, ctx, d.url+"questionnaires/exercise-today/")
	waitJS(t, ctx, "the dev bar", `document.querySelector('#guidepost-devbar a') !== null`)
	href := evalJS[string](t, ctx, `document.querySelector('#guidepost-devbar a').href`)
	if href != d.url+"_guidepost/map/exercise-today" {
		t.Fatalf("the dev bar's first link goes to %q", href)
	}
	if v := browsertest.Axe(t, ctx); len(v) > 0 {
		t.Errorf("axe, on the questionnaire with the dev bar: %v", v)
	}
	browsertest.Navigate(t, ctx, href)
	waitJS(t, ctx, "the map to connect", shows(1))
	text := evalJS[string](t, ctx, `document.querySelector("figure svg").textContent`)
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(sampleQuestionnaire)))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(src), "\n") {
		// Every node id of the tree (a key indented by four spaces under nodes:) is on the map.
		if id, ok := strings.CutSuffix(strings.TrimPrefix(line, "  "), ":"); ok && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && id != "" {
			if !strings.Contains(text, id+" · ") {
				t.Errorf("the map does not show node %q", id)
			}
		}
	}
	if v := browsertest.Axe(t, ctx); len(v) > 0 {
		t.Errorf("axe, on the map: %v", v)
	}

	editFile(t, dir, sampleQuestionnaire, "How does your back feel today?", "How does your back feel this morning?")
	waitJS(t, ctx, "the map drawn again", `document.querySelector("figure svg").textContent.includes("morning?")`)

	// A broken save: the map keeps the last drawing under dev mode's error box, and a map
	// opened now lists the problems above what could be drawn.
	editFile(t, dir, sampleQuestionnaire, "start: ", "start: nowhere\nstrat: ")
	waitJS(t, ctx, "the error box", `document.querySelector('#guidepost-errors li') !== null`)
	browsertest.Navigate(t, ctx, href)
	waitJS(t, ctx, "the problems of the broken tree", `document.querySelector('.problems[role="alert"] li') !== null`)
	if p := evalJS[string](t, ctx, `document.querySelector(".problems").innerText`); !strings.Contains(p, sampleQuestionnaire+":") {
		t.Errorf("the problems do not name the file:\n%s", p)
	}
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console:\n%s", strings.Join(errs, "\n"))
	}
}

// TestMapPageLimits: the dev map of a questionnaire nested past the limits reports the limit,
// as a build does, instead of handing the file to the YAML decoder.
func TestMapPageLimits(t *testing.T) {
	dir := sampleSite(t)
	d := startDev(t, dir)
	d.waitFor(t, "built")
	deep := "title: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(sampleQuestionnaire)), []byte(deep), 0o644); err != nil {
		t.Fatal(err)
	}
	resp, page := d.get(t, "/_guidepost/map/exercise-today")
	if resp.StatusCode != 200 || !strings.Contains(page, `class="problems"`) || !strings.Contains(page, "--max-depth") {
		t.Errorf("map of a tree nested 5,000 deep: %s\n%s", resp.Status, page)
	}
}
