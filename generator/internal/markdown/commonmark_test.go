package markdown

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/testutil"
)

// specExample is one example of the CommonMark specification.
type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// specLinker builds a page for every file, at the path it is given relative to the page: it
// stands for a site where every relative link the spec's examples write exists.
type specLinker struct{ dir string }

func (l specLinker) Link(src string) (string, bool) {
	return strings.TrimPrefix(src, l.dir+"/"), true
}

// specDoc is the file the examples are converted as, at the root of the content folder so
// that "../x" in an example stays inside the site.
var specDoc = Doc{Path: "content/articles/spec.md", Linker: specLinker{"content/articles"}}

// TestCommonMarkSpec converts every example of the CommonMark spec with the Converter the
// site uses and compares the HTML with the spec's, once smart punctuation and heading ids
// (which guidepost adds on purpose) are taken out of both. The examples that still differ
// must be those of testdata/commonmark/differences.txt, each with the reason found for it
// (see reason); an example that differs for no known reason, or that is listed but passes,
// fails the test. -update rewrites the list.
func TestCommonMarkSpec(t *testing.T) {
	data, err := os.ReadFile("testdata/commonmark/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	c := New()
	var got strings.Builder
	passed := 0
	for _, ex := range examples {
		var diags diag.List
		r := c.Convert([]byte(ex.Markdown), specDoc, &diags)
		if normalize(string(r.HTML)) == normalize(ex.HTML) {
			passed++
			continue
		}
		why := reason(ex, &diags)
		if why == "" {
			t.Errorf("example %d (%s) differs for no known reason:\n%s\ngot:\n%s\nwant:\n%s", ex.Example, ex.Section, ex.Markdown, r.HTML, ex.HTML)
			continue
		}
		fmt.Fprintf(&got, "%d\t%s\t%s\n", ex.Example, ex.Section, why)
	}
	const file = "testdata/commonmark/differences.txt"
	if testutil.Update() {
		if err := os.WriteFile(file, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got.String() != string(want) {
		t.Errorf("the examples that differ are not those of %s (run go test -update and read the change):\n%s", file, got.String())
	}
	t.Logf("%d of %d examples give the spec's HTML", passed, len(examples))
}

// The reasons an example may differ by design.
const (
	whyRawHTML  = "raw HTML is sanitized: what the allowlist refuses, comments included, is dropped"
	whyRoot     = "root-relative links are refused: they break under a sub-path and from disk"
	whyScheme   = "links with a scheme other than http, https, mailto and tel are dropped"
	whyLinkify  = "GitHub's autolinks turn bare URLs and addresses into links"
	whyGFM      = "GitHub's extensions: strikethrough with ~, tables, task lists"
	whyFootnote = "footnotes: [^label] is a footnote reference"
	whyEmpty    = "a link with no target is an error and is dropped"
	whyBadPath  = "a link target that is not a valid URL (here a raw HTML href with a line break in it) is an error"
	whyRewrite  = "relative links name source files and are rewritten to the URL of what they build (./x becomes x)"
)

var (
	rawTag    = regexp.MustCompile(`<(/?[A-Za-z][A-Za-z0-9-]*[\s/>]|!--|\?|![A-Z]|!\[CDATA\[)`)
	rootLink  = regexp.MustCompile(`(href|src)="/[^/]`)
	anyScheme = regexp.MustCompile(`(href|src)="([A-Za-z][A-Za-z0-9+.-]*):`)
)

// reason returns why example ex differs by design, from what it holds and what converting it
// reported; "" when nothing explains it.
func reason(ex specExample, diags *diag.List) string {
	var msgs []string
	for _, d := range diags.Sorted() {
		msgs = append(msgs, d.Message)
	}
	all := strings.Join(msgs, "\n")
	switch {
	case strings.Contains(all, "root-relative link") || rootLink.MatchString(ex.HTML):
		return whyRoot
	case strings.Contains(all, "unsafe scheme") || unsafeIn(ex.HTML):
		return whyScheme
	case strings.Contains(all, "link has no target"):
		return whyEmpty
	case strings.Contains(all, "malformed link target"):
		return whyBadPath
	case strings.Contains(ex.HTML, `href="./`) || strings.Contains(ex.HTML, `src="./`):
		return whyRewrite
	case rawTag.MatchString(ex.Markdown) && (strings.Contains(all, "raw HTML") || rawTag.MatchString(ex.HTML)):
		return whyRawHTML
	case strings.Contains(ex.Markdown, "[^"):
		return whyFootnote
	case strings.Contains(ex.Markdown, "~") || strings.Contains(ex.Markdown, "|") || strings.Contains(ex.Markdown, "[ ]") || strings.Contains(ex.Markdown, "[x]"):
		return whyGFM
	case strings.Contains(ex.Markdown, "www.") || strings.Contains(ex.Markdown, "http") || strings.Contains(ex.Markdown, "@"):
		return whyLinkify
	}
	return ""
}

func unsafeIn(html string) bool {
	for _, m := range anyScheme.FindAllStringSubmatch(html, -1) {
		if !safeSchemes[strings.ToLower(m[2])] {
			return true
		}
	}
	return false
}

var (
	headingID = regexp.MustCompile(`<h([1-6]) id="[^"]*">`)
	smart     = strings.NewReplacer(
		"&ldquo;", "&quot;", "&rdquo;", "&quot;", "&lsquo;", "'", "&rsquo;", "'",
		"&ndash;", "--", "&mdash;", "---", "&hellip;", "...", "&laquo;", "&lt;&lt;", "&raquo;", "&gt;&gt;",
		" />", ">", "/>", ">",
	)
)

// normalize takes smart punctuation and heading ids out of html, and writes void elements
// the same way (<br> and <br />).
func normalize(html string) string {
	return smart.Replace(headingID.ReplaceAllString(html, "<h$1>"))
}
