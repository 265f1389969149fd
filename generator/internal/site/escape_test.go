package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestMediaNamesEncoded links to media whose names hold URL syntax (#, ?, %, a space):
// every output must link to the file's real name, percent-encoded.
func TestMediaNamesEncoded(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T\ndescription: D\n")},
		"content/articles/a.md": {Data: []byte("---\ntitle: A\ndescription: D\n---\n" +
			"[h](../media/h%23x.txt) [q](../media/q%3Fx.txt) [p](../media/p%2541.txt) [s](../media/two%20words.txt) [u](../media/caf%C3%A9.txt)\n")},
		"content/media/h#x.txt":       {Data: []byte("h")},
		"content/media/q?x.txt":       {Data: []byte("q")},
		"content/media/p%41.txt":      {Data: []byte("p")},
		"content/media/two words.txt": {Data: []byte("s")},
		"content/media/café.txt":      {Data: []byte("u")},
	}
	for _, offline := range []bool{false, true} {
		out, res := build(t, fsys, Options{Offline: offline})
		if res.Diags.Errors() > 0 {
			t.Fatal(diagText(res.Diags))
		}
		page := string(out.Files()["articles/a/index.html"])
		for _, want := range []string{
			`href="../../media/h%23x.txt"`, `href="../../media/q%3Fx.txt"`, `href="../../media/p%2541.txt"`,
			`href="../../media/two%20words.txt"`, `href="../../media/caf%C3%A9.txt"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("offline=%v: no %s in the page", offline, want)
			}
		}
		// Each link, resolved as a browser does, names a file the build wrote.
		for _, name := range []string{"media/h#x.txt", "media/q?x.txt", "media/p%41.txt", "media/two words.txt", "media/café.txt"} {
			if _, ok := out.Files()[name]; !ok {
				t.Errorf("offline=%v: %s not written", offline, name)
			}
		}
	}
}

// TestAssetNameWithNewline: a theme asset whose name holds a newline (it would add a line
// to _headers) is an error, and not published.
func TestAssetNameWithNewline(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":                {Data: []byte("title: T\ndescription: D\n")},
		"templates/assets/x\nSet-X: y.svg": {Data: []byte("<svg/>")},
	}
	out, res := build(t, fsys, Options{})
	if !strings.Contains(diagText(res.Diags), `templates/assets: the name "x\nSet-X: y.svg" holds a control character (U+000A)`) {
		t.Errorf("diagnostics:\n%s", diagText(res.Diags))
	}
	for _, name := range out.Names() {
		if strings.ContainsAny(name, "\n") {
			t.Errorf("published %q", name)
		}
	}
}
