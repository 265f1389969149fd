package search

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/markdown"
	"guidepost/generator/internal/testutil"
)

// TestExtractAsLexer checks Extract's own reading of HTML against a reading by a general HTML
// lexer (tdewolff's, which Extract used before), on what the markdown package writes: the
// generated corpus's articles and the markdown package's test document of every feature.
func TestExtractAsLexer(t *testing.T) {
	for f, body := range bodies(t, 300) {
		gotH, got := Extract(body)
		wantH, want := lexerExtract(body)
		if !slices.Equal(gotH, wantH) || got != want {
			t.Errorf("%s: Extract gives\n%q\n%q\nthe lexer\n%q\n%q", f, gotH, got, wantH, want)
		}
	}
	for _, body := range []string{
		`<p>a <!-- x > y --> b<br/>c</p><p title="x > y" class='z'>d &amp; e&nbsp;f</p>`,
		`<p>1 < 2 and 3 <4</p><h2 id=x>Head <em>ing</em></h2>`,
		`<p>Text <a href="#x" class="footnote-backref">back</a> more. Next one</p>`,
	} {
		gotH, got := Extract(body)
		wantH, want := lexerExtract(body)
		if !slices.Equal(gotH, wantH) || got != want {
			t.Errorf("%s: Extract gives\n%q\n%q\nthe lexer\n%q\n%q", body, gotH, got, wantH, want)
		}
	}
}

// bodies returns the HTML bodies of n articles of the generated corpus, as the markdown
// package writes them, and of the markdown package's test document of every feature, by
// file.
func bodies(tb testing.TB, n int) map[string]string {
	dir := corpus.TempDir(tb, n)
	files, err := filepath.Glob(filepath.Join(dir, "content", "articles", "*.md"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no articles: %v", err)
	}
	files = append(files, filepath.Join("..", "markdown", "testdata", "features.md"))
	conv := markdown.NewWith(markdown.Options{RawHTML: markdown.SanitizeHTML})
	out := make(map[string]string)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if bytes.HasPrefix(src, []byte("---\n")) { // front matter
			if end := bytes.Index(src[4:], []byte("\n---\n")); end >= 0 {
				src = src[4+end+5:]
			}
		}
		var diags diag.List
		doc := markdown.Doc{Path: "content/articles/" + filepath.Base(f), Linker: anyLink{}}
		out[f] = string(conv.Convert(src, doc, &diags).HTML)
		if out[f] == "" {
			tb.Fatalf("%s converts to nothing: %v", f, diags.Sorted())
		}
	}
	return out
}

// BenchmarkPrepareHTML measures what the search index costs each article while its page
// renders: its text taken from its HTML, its words counted and numbered (per article; cpu-ns/op
// is the processor time, which a busy machine changes less than the wall time).
func BenchmarkPrepareHTML(b *testing.B) {
	var pages []string
	for _, body := range bodies(b, 1000) {
		pages = append(pages, body)
	}
	stems := &Stems{}
	i := 0
	start, ok := testutil.CPUTime()
	for b.Loop() {
		d := &Doc{URL: "a/", Title: "Walking with a sore back", Description: "How to keep moving."}
		d.PrepareHTML(pages[i%len(pages)], stems)
		i++
	}
	if end, _ := testutil.CPUTime(); ok {
		b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkExtract measures reading an article's text and headings from its HTML alone,
// with one extractor, as PrepareHTML does.
func BenchmarkExtract(b *testing.B) {
	var pages []string
	n := 0
	for _, body := range bodies(b, 300) {
		pages = append(pages, body)
		n += len(body)
	}
	b.SetBytes(int64(n / len(pages)))
	var e extractor
	i := 0
	for b.Loop() {
		e.extract(pages[i%len(pages)])
		i++
	}
}

// BenchmarkCountWords measures counting the words of an article's text alone (the corpus's
// text, as Extract reads it), with one scratch: most of what PrepareHTML costs.
func BenchmarkCountWords(b *testing.B) {
	var texts []string
	for _, body := range bodies(b, 300) {
		_, t := Extract(body)
		texts = append(texts, t)
	}
	stems := &Stems{}
	sc := stems.scratch()
	i := 0
	for b.Loop() {
		sc.next()
		sc.countWords(stems, texts[i%len(texts)], body)
		for _, st := range sc.terms {
			sc.at[st] = 0
		}
		sc.sums, sc.terms, sc.variants = sc.sums[:0], sc.terms[:0], sc.variants[:0]
		i++
	}
}

// anyLink links every file to its own name.
type anyLink struct{}

func (anyLink) Link(target string) (string, bool) { return target, true }

// lexerExtract is Extract as it was written with tdewolff's HTML lexer.
func lexerExtract(body string) (headings []string, text string) {
	l := phtml.NewLexer(parse.NewInputString(body))
	var e extractor
	heading := false
	sup := 0
	backlink := -1
	anchors := 0
	var tag string
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			e.end()
			return e.headings(), string(e.out)
		case phtml.StartTagToken, phtml.EndTagToken:
			name := string(bytes.ToLower(l.Text()))
			start := tt == phtml.StartTagToken
			tag = name
			if isBlock(name) {
				e.end()
				heading = start && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
				e.heading = heading
			}
			switch {
			case name == "sup" && start:
				sup++
			case name == "sup" && sup > 0:
				sup--
			case name == "a" && start:
				anchors++
			case name == "a" && anchors > 0:
				anchors--
				if anchors < backlink {
					backlink = -1
				}
			}
		case phtml.AttributeToken:
			if tag == "a" && string(l.AttrKey()) == "class" && bytes.Contains(l.AttrVal(), []byte("footnote-backref")) {
				backlink = anchors
			}
		case phtml.TextToken:
			if sup == 0 && backlink < 0 {
				s := string(data)
				if strings.IndexByte(s, '&') >= 0 {
					s = html.UnescapeString(s)
				}
				e.write(strings.ReplaceAll(s, "\u00a0", " "))
			}
		}
	}
}

// FuzzUnescape checks appendUnescaped, the quick decoding of the character references the
// markdown package writes, against html.UnescapeString.
func FuzzUnescape(f *testing.F) {
	for name := range entities {
		f.Add("a &" + name + "; b")
	}
	f.Add("&amp &ampx; &#x27; &eacute; &;&")
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := appendUnescaped([]byte("x"), s); ok && string(got) != "x"+html.UnescapeString(s) {
			t.Errorf("%q decodes to %q, want %q", s, got[1:], html.UnescapeString(s))
		}
	})
}

// FuzzWrite checks the extractor's writing of text, which copies runs at once, against
// writing it a word at a time: spaces made single, none at the start of a block.
func FuzzWrite(f *testing.F) {
	f.Add("  one two\n three  ", " four\tfive ", "six")
	f.Add("a", " ", "b")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var e extractor
		e.out = append(e.out, "kept\n"...)
		e.block = len(e.out)
		want := "kept\n" + strings.Join(strings.FieldsFunc(a+b+c, func(r rune) bool { return r < 256 && isSpace(byte(r)) }), " ")
		for _, s := range []string{a, b, c} {
			e.write(s)
		}
		if string(e.out) != want {
			t.Errorf("%q %q %q written as %q, want %q", a, b, c, e.out, want)
		}
	})
}

func FuzzIndexStop(f *testing.F) {
	f.Add("One. Two! Three? four")
	f.Add("no stop at all")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := indexStop([]byte(s)), strings.IndexAny(s, ".!?"); got != want {
			t.Errorf("indexStop(%q) = %d, want %d", s, got, want)
		}
	})
}
