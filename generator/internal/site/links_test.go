package site

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

var (
	linkAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// brokenLinks follows every href and src of every HTML file in files and returns those
// whose file or #anchor does not exist. External links are not followed.
func brokenLinks(files map[string][]byte, offline bool) []string {
	var broken []string
	for name, data := range files {
		if path.Ext(name) != ".html" || name == "404.html" {
			continue
		}
		for _, m := range linkAttr.FindAllSubmatch(data, -1) {
			raw := html.UnescapeString(string(m[1]))
			u, err := url.Parse(raw)
			if err != nil {
				broken = append(broken, fmt.Sprintf("%s: malformed %q", name, raw))
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			target := name
			if u.Path != "" {
				if offline && strings.HasSuffix(u.Path, "/") {
					broken = append(broken, fmt.Sprintf("%s: %q needs a server (offline links must name index.html)", name, raw))
				}
				target = path.Join(path.Dir(name), u.Path)
				if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == "./" {
					target = path.Join(target, "index.html")
				}
			}
			page, ok := files[target]
			if !ok {
				broken = append(broken, fmt.Sprintf("%s: %q leads to %s, which does not exist", name, raw, target))
				continue
			}
			if u.Fragment != "" && !hasID(page, u.Fragment) {
				broken = append(broken, fmt.Sprintf("%s: %q: %s has no id %q", name, raw, target, u.Fragment))
			}
		}
	}
	return broken
}

func hasID(page []byte, id string) bool {
	for _, m := range idAttr.FindAllSubmatch(page, -1) {
		if html.UnescapeString(string(m[1])) == id {
			return true
		}
	}
	return false
}

// TestEveryLinkWorks builds the sample site and the testdata site, normal and offline, and
// follows every link and anchor between their files.
func TestEveryLinkWorks(t *testing.T) {
	for _, dir := range []string{"../../..", "testdata/basic"} {
		for _, offline := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s offline=%v", dir, offline), func(t *testing.T) {
				out, res := build(t, os.DirFS(dir), Options{Offline: offline})
				if res.Diags.Errors() > 0 {
					t.Fatal(diagText(res.Diags))
				}
				files := out.Files()
				if len(files) < 10 {
					t.Fatalf("only %d files", len(files))
				}
				for _, b := range brokenLinks(files, offline) {
					t.Error(b)
				}
			})
		}
	}
}

// TestBrokenLinksFinds makes sure the link checker above can fail.
func TestBrokenLinksFinds(t *testing.T) {
	files := map[string][]byte{
		"index.html":   []byte(`<a href="a/">a</a> <a href="b/">b</a> <a href="a/#x">x</a> <a href="a/#nope">n</a>`),
		"a/index.html": []byte(`<h2 id="x">X</h2>`),
		"c/index.html": []byte(`<a href="../a/index.html">ok</a>`),
	}
	got := strings.Join(brokenLinks(files, false), "\n")
	for _, want := range []string{`"b/" leads to b/index.html`, `has no id "nope"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
	if got := brokenLinks(files, true); len(got) != 6 {
		t.Errorf("offline: %d broken, want 6 (four pretty links, one missing page, one missing id): %v", len(got), got)
	}
}
