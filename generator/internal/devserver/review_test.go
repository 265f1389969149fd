package devserver

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guidepost/generator/internal/browsertest"
)

// TestReviewPage reads dev mode's review report as an editor would: the page lists every
// article and questionnaire, follows an edit of a "reviewed:" date without a restart, and is
// valid HTML.
func TestReviewPage(t *testing.T) {
	dir := sampleSite(t)
	d := startDev(t, dir)
	d.waitFor(t, "built")

	resp, page := d.get(t, "/_guidepost/review")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("review page: %s, %q, %q", resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
	if !strings.Contains(page, `<script src="/_guidepost/reload.js" defer></script>`) {
		t.Error("the review page does not load the reload script")
	}
	entries, err := os.ReadDir(filepath.Join(dir, "content", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.Contains(page, "<code>content/articles/"+e.Name()+"</code>") {
			t.Errorf("the review page does not list %s", e.Name())
		}
	}
	if !strings.Contains(page, "<code>content/questionnaires/exercise-today.yaml</code>") {
		t.Error("the review page does not list the questionnaire")
	}

	// walking.md becomes years overdue: the next request says so, first in the table.
	reviewed := regexp.MustCompile(`(?m)^reviewed: .*$`)
	p := filepath.Join(dir, filepath.FromSlash(walking))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, reviewed.ReplaceAll(src, []byte("reviewed: 2001-02-03")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, page = d.get(t, "/_guidepost/review")
	_, rows, _ := strings.Cut(page, "<tbody>")
	first, _, _ := strings.Cut(strings.TrimSpace(rows), "</tr>")
	if !strings.Contains(first, ">overdue<") || !strings.Contains(first, "2001-02-03") || !strings.Contains(first, walking) {
		t.Errorf("after the edit, the first row is %q", first)
	}

	file := filepath.Join(t.TempDir(), "review.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if errs := browsertest.VnuFiles(t, file); len(errs) > 0 {
		t.Errorf("the Nu checker finds errors in the review page:\n%s", strings.Join(errs, "\n"))
	}
}
