package content

import (
	"slices"
	"testing"
	"testing/fstest"
	"unsafe"

	"guidepost/generator/internal/diag"
)

// TestTagsKeptCompactly checks what Load keeps of the tags of every article for the whole
// build: each tag's name once, shared by the articles that have it, and no spare room.
func TestTagsKeptCompactly(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":        {Data: []byte("title: S\ndescription: D.\n")},
		"content/articles/a.md":    {Data: []byte("---\ntitle: A\ndescription: D.\ntags: [rest, rest, Bad Tag, walking, sleep]\n---\n")},
		"content/articles/b.md":    {Data: []byte("---\ntitle: B\ndescription: D.\ntags: [walking, rest]\n---\n")},
		"content/articles/none.md": {Data: []byte("---\ntitle: C\ndescription: D.\ntags: [Bad Tag]\n---\n")},
	}
	var diags diag.List
	c := Load(fsys, Options{}, &diags)
	byTitle := make(map[string]*Article)
	for _, a := range c.Articles {
		byTitle[a.Title] = a
	}
	a, b := byTitle["A"], byTitle["B"]
	if want := []string{"rest", "walking", "sleep"}; !slices.Equal(a.Tags, want) || cap(a.Tags) > len(want) {
		t.Errorf("A's tags = %q (cap %d), want %q without spare room", a.Tags, cap(a.Tags), want)
	}
	if byTitle["C"].Tags != nil {
		t.Errorf("C's tags = %q, want none", byTitle["C"].Tags)
	}
	if unsafe.StringData(a.Tags[0]) != unsafe.StringData(b.Tags[1]) || unsafe.StringData(a.Tags[1]) != unsafe.StringData(b.Tags[0]) {
		t.Error("A and B keep copies of the same tag names")
	}
}
