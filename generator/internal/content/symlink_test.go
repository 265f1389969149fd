package content

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// TestSymlinkPolicy makes a site on disk with links of every kind: those that stay inside
// the site folder are followed, files and folders alike; the others are warnings naming the
// link, and nothing of theirs is loaded.
func TestSymlinkPolicy(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	outside := filepath.Join(root, "private")
	write := func(p, data string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "content/site.yaml"), "title: T\ndescription: D\n")
	write(filepath.Join(outside, "secret.txt"), "secret")
	write(filepath.Join(outside, "draft.md"), "---\ntitle: Secret\ndescription: D\n---\n")
	write(filepath.Join(site, "shared/logo.png"), "png")
	write(filepath.Join(site, "shared/icons/a.svg"), "svg")
	write(filepath.Join(site, "content/articles/real.md"), "---\ntitle: Real\ndescription: D\n---\n")
	os.MkdirAll(filepath.Join(site, "content/media"), 0o755)
	link("../../shared/logo.png", filepath.Join(site, "content/media/logo.png"))           // file, inside
	link("../../shared/icons", filepath.Join(site, "content/media/icons"))                 // folder, inside
	link("logo.png", filepath.Join(site, "content/media/again.png"))                       // a link to a link, inside
	link(filepath.Join(outside, "secret.txt"), filepath.Join(site, "content/media/s.txt")) // file, absolute, outside
	link("../../../private", filepath.Join(site, "content/media/private"))                 // folder, outside
	link("..", filepath.Join(site, "content/media/loop"))                                  // a loop
	link("nowhere.png", filepath.Join(site, "content/media/broken.png"))                   // dangling
	link("../../../private/draft.md", filepath.Join(site, "content/articles/draft.md"))    // article, outside

	var diags diag.List
	c := Load(os.DirFS(site), Options{}, &diags)
	wantMedia := []string{"content/media/again.png", "content/media/icons/a.svg", "content/media/logo.png"}
	if !slices.Equal(c.Media, wantMedia) {
		t.Errorf("media %q, want %q", c.Media, wantMedia)
	}
	if len(c.Articles) != 1 || c.Articles[0].Slug != "real" {
		t.Errorf("%d articles", len(c.Articles))
	}
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		"content/media/s.txt: warning: symbolic link to \"" + filepath.Join(outside, "secret.txt") + "\", outside the site folder: left out",
		"content/media/private: warning: symbolic link to \"../../../private\", outside the site folder",
		"content/media/loop: warning: symbolic link to \"..\", a folder that holds the link",
		"content/media/broken.png: warning: symbolic link to \"nowhere.png\", which does not exist",
		"content/articles/draft.md: warning: symbolic link to \"../../../private/draft.md\", outside the site folder",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if diags.Errors() != 0 || len(got) != 5 {
		t.Errorf("want 5 warnings, got:\n%s", text)
	}

	// content/media itself a link to a folder outside: nothing of it is published.
	os.RemoveAll(filepath.Join(site, "content/media"))
	link(outside, filepath.Join(site, "content/media"))
	diags = diag.List{}
	c = Load(os.DirFS(site), Options{}, &diags)
	if len(c.Media) != 0 || !strings.Contains(fmt.Sprint(diags.Sorted()), "content/media: warning: symbolic link to") {
		t.Errorf("media %q, diagnostics %v", c.Media, diags.Sorted())
	}
}
