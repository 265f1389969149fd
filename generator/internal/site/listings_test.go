package site_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// listingBudget is the most a listing page may weigh, gzip-compressed, at any size of site.
const listingBudget = 60 * 1024

// TestListingsScale builds a corpus of 10,000 articles and checks that the pages listing
// them stay small: the home page lists 20 articles and links to the A to Z, whose every page
// (and the index of the tags) is within listingBudget, and which together list every article
// once, A to Z.
func TestListingsScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 articles")
	}
	const n = 10000
	dir := corpus.TempDir(t, n)
	out := site.NewMemory(n + 200)
	res := site.Build(os.DirFS(dir), site.Options{Theme: templates.FS, Minify: publish.Minify()}, out)
	if err := res.Diags.Err(); err != nil {
		t.Fatal(err)
	}
	files := out.Files()
	gz := func(name string) int {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(files[name])
		w.Close()
		return b.Len()
	}
	home := string(files["index.html"])
	if got := strings.Count(home, `<li><a href="articles/`); got != 20 {
		t.Errorf("the home page lists %d articles, want 20", got)
	}
	if !strings.Contains(home, `href="articles/"`) || !strings.Contains(home, `href="tags/"`) {
		t.Error("the home page links neither to the A to Z nor to the topics")
	}
	listed := map[string]int{}
	link := regexp.MustCompile(`<li><a href="(?:\.\./)+articles/([a-z0-9-]+)/">`)
	var titles []string
	title := regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a>`)
	pages := 0
	for name := range files {
		if name != "articles/index.html" && !strings.HasPrefix(name, "articles/page/") {
			continue
		}
		pages++
		if size := gz(name); size > listingBudget {
			t.Errorf("%s weighs %d bytes gzip-compressed, over %d", name, size, listingBudget)
		}
		for _, m := range link.FindAllStringSubmatch(string(files[name]), -1) {
			listed[m[1]]++
		}
	}
	for i := 1; i <= pages; i++ {
		name := "articles/index.html"
		if i > 1 {
			name = "articles/page/" + strconv.Itoa(i) + "/index.html"
		}
		body := string(files[name])
		if body == "" {
			t.Fatalf("the A to Z has %d pages but no %s", pages, name)
		}
		for _, m := range title.FindAllStringSubmatch(body[strings.Index(body, "<section"):strings.LastIndex(body, "</section>")], -1) {
			titles = append(titles, strings.ToLower(m[1]))
		}
	}
	if pages < n/250 {
		t.Errorf("the A to Z has %d pages", pages)
	}
	if len(listed) != n {
		t.Errorf("the A to Z lists %d articles, want %d", len(listed), n)
	}
	for slug, k := range listed {
		if k != 1 {
			t.Errorf("the A to Z lists %s %d times", slug, k)
		}
	}
	for i := 1; i < len(titles); i++ {
		if titles[i-1] > titles[i] {
			t.Fatalf("the A to Z lists %q before %q", titles[i-1], titles[i])
		}
	}
	if size := gz("tags/index.html"); size > listingBudget {
		t.Errorf("tags/index.html weighs %d bytes gzip-compressed, over %d", size, listingBudget)
	}
}
