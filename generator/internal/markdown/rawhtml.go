package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"guidepost/generator/internal/diag"
)

// RawHTML says what becomes of the HTML editors write in markdown.
type RawHTML int

const (
	// SanitizeHTML keeps the elements and attributes of the allowlist (see NewPolicy) and
	// drops the rest with a warning.
	SanitizeHTML RawHTML = iota
	// EscapeHTML shows raw HTML as text, as written.
	EscapeHTML
)

// NewPolicy returns the allowlist raw HTML is sanitized with: tables and their parts, a few
// text-level and grouping elements, and what markdown itself writes (paragraphs, emphasis,
// lists, code), with only the attributes they need to mean what they say; images and links,
// whose src and href the caller checks first like a markdown image's and link's. Nothing
// runs (no scripts, event attributes, iframes, forms or objects) and nothing is styled
// (no style or class attributes), so the site's Content-Security-Policy stays as strict.
func NewPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
		"sup", "sub", "br", "small", "abbr", "kbd", "mark", "ins", "del",
		"details", "summary", "dl", "dt", "dd", "figure", "figcaption",
		// what markdown itself writes, without attributes: raw HTML tables hold them
		"p", "em", "strong", "b", "i", "s", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
	)
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("span").Matching(bluemonday.Integer).OnElements("col", "colgroup")
	p.AllowAttrs("title").OnElements("abbr")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	p.AllowAttrs("src").OnElements("img")
	p.AllowAttrs("alt", "title").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
	p.AllowURLSchemes("http", "https", "mailto", "tel") // the schemes markdown links keep
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}

// kindSafeHTML is the kind of the nodes that stand for raw HTML once sanitized: safeInline
// within a paragraph, safeBlock for a block. Both are written out as they are.
var kindSafeHTML = ast.NewNodeKind("SafeHTML")

type safeInline struct {
	ast.BaseInline
	HTML []byte
}

type safeBlock struct {
	ast.BaseBlock
	HTML []byte
}

func (n *safeInline) Kind() ast.NodeKind         { return kindSafeHTML }
func (n *safeInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *safeBlock) Kind() ast.NodeKind          { return kindSafeHTML }
func (n *safeBlock) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *safeBlock) IsRaw() bool                 { return true }

// safeHTMLRenderer writes the sanitized HTML of safeInline and safeBlock nodes.
type safeHTMLRenderer struct{}

func (safeHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSafeHTML, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *safeInline:
			_, _ = w.Write(n.HTML)
		case *safeBlock:
			_, _ = w.Write(n.HTML)
		}
		return ast.WalkSkipChildren, nil
	})
}

// sanitizeRaw replaces the raw HTML nodes of nodes (ast.RawHTML, ast.HTMLBlock) by what the
// policy keeps of them, reporting what it drops.
func (st *state) sanitizeRaw(nodes []ast.Node, src []byte) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *ast.RawHTML:
			segs := make([]text.Segment, n.Segments.Len())
			for i := range segs {
				segs[i] = n.Segments.At(i)
			}
			out := st.sanitize(fragment{segs}, src)
			n.Parent().ReplaceChild(n.Parent(), n, &safeInline{HTML: out})
		case *ast.HTMLBlock:
			segs := make([]text.Segment, 0, n.Lines().Len()+1)
			for i := range n.Lines().Len() {
				segs = append(segs, n.Lines().At(i))
			}
			if n.HasClosure() {
				segs = append(segs, n.ClosureLine)
			}
			out := st.sanitize(fragment{segs}, src)
			if len(bytes.TrimSpace(out)) == 0 {
				n.Parent().RemoveChild(n.Parent(), n) // a comment, or nothing the policy keeps
				continue
			}
			n.Parent().ReplaceChild(n.Parent(), n, &safeBlock{HTML: out})
		}
	}
}

// A fragment is a piece of raw HTML as parts of the source.
type fragment struct{ segs []text.Segment }

func (f fragment) bytes(src []byte) []byte {
	var b []byte
	for _, s := range f.segs {
		b = append(b, s.Value(src)...)
	}
	return b
}

// offset returns the offset in src of byte i of the fragment.
func (f fragment) offset(i int) int {
	for _, s := range f.segs {
		if i < s.Len() {
			return s.Start + i
		}
		i -= s.Len()
	}
	if len(f.segs) == 0 {
		return 0
	}
	return f.segs[len(f.segs)-1].Stop
}

// sanitize returns what the policy keeps of the raw HTML f. It checks the src of images like
// a markdown image's (rewriting a source file to its URL, dropping the image when that
// fails) and reports every element and attribute the policy drops as a warning at its tag;
// comments go without a word.
func (st *state) sanitize(f fragment, src []byte) []byte {
	frag := f.bytes(src)
	var kept bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(frag))
	at := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start := at
		at += len(raw)
		switch tt {
		case html.CommentToken:
			if !bytes.HasPrefix(raw, []byte("<!--")) { // <?php ...>, <![CDATA[ ...]]>, <!X ...>
				st.warn(st.pos(src, f.offset(start)), rawHint, "raw HTML: %s is not allowed; dropped", shorten(string(bytes.TrimSpace(raw)), 30))
			}
			continue
		case html.DoctypeToken:
			st.warn(st.pos(src, f.offset(start)), rawHint, "raw HTML: %s is not allowed; dropped", shorten(string(raw), 30))
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			p := st.pos(src, f.offset(start))
			if !st.checkURL(&tok, p) {
				continue
			}
			in := tok.String()
			st.reportDropped(tok, st.policy.Sanitize(in), p)
			kept.WriteString(in)
		default:
			kept.Write(raw)
		}
	}
	if at < len(frag) && len(bytes.TrimSpace(frag[at:])) > 0 { // a tag cut short: the tokenizer drops the rest
		st.warn(st.pos(src, f.offset(at)), rawHint, "raw HTML: an unfinished tag, %q, was dropped", shorten(string(bytes.TrimSpace(frag[at:])), 30))
	}
	return st.policy.SanitizeBytes(kept.Bytes())
}

// rawHint is the hint of the warnings about raw HTML.
const rawHint = "raw HTML may use only the elements and attributes listed in docs/content.md"

// checkURL checks and rewrites the src of an img tag tok, or the href of an a tag, like the
// target of a markdown image or link; it reports false when the tag is to be dropped (the
// problem was reported).
func (st *state) checkURL(tok *html.Token, p diag.Pos) bool {
	var key string
	switch tok.Data {
	case "img":
		key = "src"
	case "a":
		key = "href"
	default:
		return true
	}
	for i, a := range tok.Attr {
		if a.Namespace == "" && a.Key == key {
			dest, keep := st.rewrite(a.Val, p)
			if keep {
				tok.Attr[i].Val = dest
			}
			return keep
		}
	}
	return true // an img without src is dropped by the policy, with a warning
}

// reportDropped warns at p about what the policy dropped of the tag tok, given kept, what
// it keeps of the tag alone.
func (st *state) reportDropped(tok html.Token, kept string, p diag.Pos) {
	const hint = rawHint
	if kept == "" {
		what := "is not allowed"
		switch tok.Data {
		case "img":
			what = "needs a src"
		case "a":
			what = "needs an href"
		}
		st.warn(p, hint, "raw HTML: <%s> %s; the tag was dropped", tok.Data, what)
		return
	}
	z := html.NewTokenizer(strings.NewReader(kept))
	z.Next()
	left := z.Token().Attr
	var dropped []string
	for _, a := range tok.Attr {
		if !slices.ContainsFunc(left, func(b html.Attribute) bool { return b.Key == a.Key && b.Namespace == a.Namespace }) {
			dropped = append(dropped, a.Key)
		}
	}
	if len(dropped) > 0 {
		st.warn(p, hint, "raw HTML: <%s> may not have %s; dropped", tok.Data, quoteList(dropped))
	}
}

// quoteList writes names as "a", "a and b" or "a, b and c", each quoted.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
