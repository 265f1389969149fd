package deploy

import (
	"slices"
	"testing"
)

func TestMakePlan(t *testing.T) {
	sum := func(s string) []byte { return []byte(s) }
	files := map[string]*file{
		"index.html":            {key: "index.html", md5: sum("home")},
		"a/index.html":          {key: "a/index.html", md5: sum("a2")},
		"assets/style.1234.css": {key: "assets/style.1234.css", md5: sum("css")},
		"media/dot.png":         {key: "media/dot.png", md5: sum("png")},
		"sitemap.xml":           {key: "sitemap.xml", md5: sum("map")},
	}
	remote := map[string][]byte{
		"index.html":            sum("home"), // unchanged
		"a/index.html":          sum("a1"),   // changed
		"media/dot.png":         nil,         // the store gave no MD5: upload
		"assets/style.0000.css": sum("old"),  // no longer built
		"b/index.html":          sum("b"),    // no longer built
	}
	p := makePlan(files, remote)
	keys := func(fs []*file) []string {
		var k []string
		for _, f := range fs {
			k = append(k, f.key)
		}
		return k
	}
	if got, want := keys(p.phases[0]), []string{"assets/style.1234.css", "media/dot.png", "sitemap.xml"}; !slices.Equal(got, want) {
		t.Errorf("first phase %q, want %q", got, want)
	}
	if got, want := keys(p.phases[1]), []string{"a/index.html"}; !slices.Equal(got, want) {
		t.Errorf("second phase %q, want %q", got, want)
	}
	if want := []string{"assets/style.0000.css", "b/index.html"}; !slices.Equal(p.deletes, want) {
		t.Errorf("deletes %q, want %q", p.deletes, want)
	}
	if p.unchanged != 1 {
		t.Errorf("unchanged %d, want 1", p.unchanged)
	}
}

func TestIsCopy(t *testing.T) {
	present := map[string]bool{"index.html": true, "index.html.gz": true, "index.html.br": true, "media/archive.gz": true}
	for name, want := range map[string]bool{
		"index.html.gz": true, "index.html.br": true, "index.html": false, "media/archive.gz": false,
	} {
		if got := isCopy(name, present); got != want {
			t.Errorf("isCopy(%q) = %v, want %v", name, got, want)
		}
	}
}
