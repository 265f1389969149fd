// Package markdown converts editors' markdown to safe HTML.
//
// The dialect is CommonMark with GitHub tables, strikethrough, autolinks and task lists,
// footnotes, automatic heading ids and smart punctuation; TestCommonMarkSpec runs the
// specification's examples, and docs/content.md lists where and why the output differs.
// Output is safe to put in a page as it is:
//
//   - raw HTML goes through an allowlist sanitizer (NewPolicy): what it refuses is dropped
//     with a warning at its tag, comments without a word; an img's src and an a's href are
//     checked and rewritten like a markdown image's and link's. NewWith(EscapeHTML) shows
//     raw HTML as text instead (raw_html: escape in site.yaml);
//   - an e-mail autolink (<help@example.org>, or a bare address) is a mailto: link;
//   - a link or image whose target has a scheme other than http, https, mailto or tel
//     (javascript:, vbscript:, data:, file: ...) is dropped, keeping its text, with a warning;
//   - a relative link names a source file (walking.md, ../questionnaires/questionnaire.yaml#intro,
//     ../media/photo.jpg) and is rewritten by a Linker to the URL of what the site builds
//     from that file; a link to a file that builds nothing is an error at the link's line
//     and column, and so is a root-relative link (/articles/...), which would break under a
//     sub-path or from disk. When the target reads as another generator's address of a
//     page (x.html, x/, /section/x/), the hint names the source file x.md the site has,
//     found through the Linker when it is also a Finder.
//
// Smart punctuation is package typography's. Heading ids never take one of the ids the
// pages hold besides the markdown's (Options.ReservedIDs, the theme's): they get a suffix.
// Some things are warnings, each at its position: a heading that skips a level (the page's
// title is the h1), template syntax of other generators ({{ }}, {% %}) and reference links
// whose label is defined nowhere, which would all be shown as written.
//
// Anchors (#fragment) cannot be checked until every page has been converted, so Convert
// returns them as Refs, with the heading ids the page defines, for the caller to check.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/typography"
)

// A Linker maps the source files that links name to URLs.
type Linker interface {
	// Link returns the URL, relative to the page being rendered, of what the site builds
	// from src, a clean slash path relative to the site folder; ok is false when the site
	// builds nothing from src.
	Link(src string) (url string, ok bool)
}

// A Doc says where a piece of markdown comes from.
type Doc struct {
	Path string // the file, a slash path relative to the site folder; relative links start from its folder
	// Line and Col are the position in Path of the markdown's first byte; Indent is how many
	// columns every later line is shifted right in Path (markdown inside an indented YAML
	// block). Zero values mean line 1, column 1, no indent.
	Line, Col, Indent int
	Linker            Linker
}

// A Ref is a link to an anchor, to check once every page's ids are known.
type Ref struct {
	Pos      diag.Pos
	Target   string // the source file the link names; Doc.Path for "#fragment" alone
	Fragment string
}

// A Result is converted markdown.
type Result struct {
	HTML []byte
	IDs  []string // the ids the HTML defines (headings, footnotes), in order
	Refs []Ref
}

// A Converter converts markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// noLinkify is md without GitHub's autolinks, for text that cannot hold one: their parser
	// looks for a link after every space, a tenth of converting ordinary text.
	noLinkify goldmark.Markdown
	// Limits bound the markdown converted (see package limits): text past them is an error
	// and is not converted. Zero fields mean the defaults.
	Limits limits.Limits
	policy *bluemonday.Policy // raw HTML's allowlist; nil when raw HTML is escaped
	// reservedIDs and reservedPrefixes are Options.ReservedIDs (as a set) and
	// Options.ReservedPrefixes, shared by every conversion.
	reservedIDs      map[string]bool
	reservedPrefixes []string
}

var docKey = parser.NewContextKey()

// state is one conversion's doc, diagnostics and findings, passed to the transformer
// through the parser context.
type state struct {
	doc   Doc
	diags *diag.List
	refs  []Ref
	at    cursor // the last position pos computed
	// policy sanitizes raw HTML; nil when it is escaped.
	policy *bluemonday.Policy
}

// Options configure a Converter. The zero value sanitizes raw HTML and reserves no id.
type Options struct {
	RawHTML RawHTML
	// ReservedIDs are ids the pages hold besides their markdown's (the theme's): a heading
	// that would take one gets a suffix instead ("main" becomes "main-1"). So do those that
	// would be one of ReservedPrefixes followed by digits ("hint-" reserves "hint-0" ...).
	ReservedIDs, ReservedPrefixes []string
}

// New returns a Converter that sanitizes raw HTML.
func New() *Converter { return NewWith(Options{}) }

// NewWith returns a Converter configured by o.
func NewWith(o Options) *Converter {
	c := &Converter{
		md:               newGoldmark(extension.GFM),
		noLinkify:        newGoldmark(extension.Table, extension.Strikethrough, extension.TaskList), // GFM but Linkify
		reservedPrefixes: o.ReservedPrefixes,
	}
	for _, id := range o.ReservedIDs {
		if c.reservedIDs == nil {
			c.reservedIDs = make(map[string]bool)
		}
		c.reservedIDs[id] = true
	}
	if o.RawHTML == SanitizeHTML {
		c.policy = NewPolicy()
	}
	return c
}

// newGoldmark returns the goldmark guidepost converts with, with the extensions gfm for
// GitHub's.
func newGoldmark(gfm ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(append(gfm, extension.Footnote, typography.Extension)...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100), util.Prioritized(alignClasses{}, 200)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(escapeHTML{}, 100), util.Prioritized(safeHTMLRenderer{}, 100)),
			extension.WithTableCellAlignMethod(extension.TableCellAlignNone),
		),
	)
}

// mayAutolink reports whether src holds what every autolink of GitHub's extension starts
// with (http:, https:, ftp:, www.) or holds (the @ of an address): without any, its parser
// finds nothing.
func mayAutolink(src []byte) bool {
	for _, mark := range []string{"@", "www.", "http:", "https:", "ftp:"} {
		if bytes.Contains(src, []byte(mark)) {
			return true
		}
	}
	return false
}

// Convert converts src. Problems go to diags.
func (c *Converter) Convert(src []byte, doc Doc, diags *diag.List) Result {
	if doc.Line == 0 {
		doc.Line = 1
	}
	if doc.Col == 0 {
		doc.Col = 1
	}
	st := &state{doc: doc, diags: diags, policy: c.policy}
	if !st.withinLimits(src, c.Limits) {
		return Result{}
	}
	pc := c.context()
	pc.Set(docKey, st)
	md := c.md
	if !mayAutolink(src) {
		md = c.noLinkify
	}
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf output
	buf.Grow(len(src) + len(src)/2) // HTML is a little longer than its markdown
	if err := md.Renderer().Render(&buf, src, root); err != nil {
		diags.Errorf(st.pos(src, 0), "cannot render markdown: %v", err)
	}
	return Result{HTML: buf.Bytes(), IDs: ids(root), Refs: st.refs}
}

// output is a bytes.Buffer that goldmark writes to directly: as a util.BufWriter, it needs
// no bufio.Writer between them.
type output struct{ bytes.Buffer }

func (o *output) Available() int { return o.Cap() - o.Len() }
func (o *output) Buffered() int  { return 0 }
func (o *output) Flush() error   { return nil }

// ids lists the id attributes of root's headings and footnotes. The ids are parts of one
// string: a caller that keeps them all (to check anchors once every page is converted)
// keeps one allocation a page, not one an id.
func ids(root ast.Node) []string {
	var all []byte
	var ends []int // ends[i] is where id i ends in all
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				all = append(all, id.([]byte)...)
				ends = append(ends, len(all))
			}
		case *east.Footnote:
			all = fmt.Appendf(all, "fn:%d", n.Index)
			ends = append(ends, len(all))
			all = fmt.Appendf(all, "fnref:%d", n.Index)
			ends = append(ends, len(all))
		}
		return ast.WalkContinue, nil
	})
	if len(ends) == 0 {
		return nil
	}
	s := string(all)
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i], start = s[start:end], end
	}
	return out
}

// pos returns the position in the file of byte offset off of src.
func (st *state) pos(src []byte, off int) diag.Pos {
	off = min(max(off, 0), len(src))
	line, col := st.at.lineCol(src, off)
	p := diag.Pos{Path: st.doc.Path, Line: st.doc.Line + line}
	if line == 0 {
		p.Col = st.doc.Col + col - 1
	} else {
		p.Col = st.doc.Indent + col
	}
	return p
}

// nodeOffset returns the offset in src where n's source starts, as near as the AST tells.
func nodeOffset(n ast.Node) int {
	for c := ast.Node(n); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// alignClasses gives the aligned cells of tables a class (align-left, align-center or
// align-right) for the theme's CSS, instead of the style attribute goldmark writes by
// default, which a Content-Security-Policy without 'unsafe-inline' refuses.
type alignClasses struct{}

func (alignClasses) Transform(root *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*east.TableCell); ok && entering && c.Alignment != east.AlignNone {
			c.SetAttributeString("class", []byte("align-"+c.Alignment.String()))
		}
		return ast.WalkContinue, nil
	})
}

type linkTransformer struct{}

func (linkTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(docKey).(*state)
	if !ok {
		return
	}
	src := reader.Source()
	var links, raw []ast.Node
	level := 1 // of the heading before: the page's title is the h1
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link, *ast.Image, *ast.AutoLink:
				links = append(links, n)
			case *ast.RawHTML, *ast.HTMLBlock:
				raw = append(raw, n)
			case *ast.Heading:
				st.checkHeadingLevel(n, level, src)
				level = n.Level
			}
		}
		return ast.WalkContinue, nil
	})
	st.checkLeftovers(root, src, pc)
	if st.policy != nil {
		st.sanitizeRaw(raw, src)
	}
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			p := st.pos(src, st.linkOffset(n, src, 1))
			if dest, keep := st.rewrite(string(n.Destination), p); keep {
				n.Destination = []byte(dest)
			} else {
				unwrap(n)
			}
		case *ast.Image:
			p := st.pos(src, st.linkOffset(n, src, 2))
			if dest, keep := st.rewrite(string(n.Destination), p); keep {
				n.Destination = []byte(dest)
			} else {
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(altText(n, src)))
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkEmail {
				continue // an address: goldmark writes it as a mailto: link
			}
			off := autoLinkStart(n, src)
			if off < 0 {
				off = nodeOffset(n)
			}
			if _, keep := st.rewrite(string(n.URL(src)), st.pos(src, off)); !keep {
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
			}
		}
	}
}

// linkOffset returns the offset in src of link or image n, whose text starts opener bytes
// after it when the bracket cannot be found.
func (st *state) linkOffset(n ast.Node, src []byte, opener int) int {
	if off := linkStart(n, src); off >= 0 {
		return off
	}
	return nodeOffset(n) - opener
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// rewrite checks a link target and returns what to write instead, or keep=false to drop it.
func (st *state) rewrite(dest string, p diag.Pos) (string, bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" {
		st.diags.Hintf(p, "write the target between the parentheses: [text](walking.md)", "link has no target")
		return "", false
	}
	if frag, ok := strings.CutPrefix(dest, "#"); ok {
		// A copy: frag is part of dest, which the Ref, kept until every page is converted,
		// need not keep alive.
		st.refs = append(st.refs, Ref{Pos: p, Target: st.doc.Path, Fragment: strings.Clone(frag)})
		return dest, true
	}
	if scheme := schemeOf(dest); scheme != "" {
		// A URL with a scheme is kept as written (goldmark escapes it), whether or not Go's
		// stricter parser reads it: "https://foo.bar.`baz" is a valid CommonMark autolink.
		if !safeSchemes[strings.ToLower(scheme)] {
			st.diags.Warnf(p, "link target %q uses the unsafe scheme %q; the link was dropped, its text kept", dest, scheme+":")
			return "", false
		}
		return dest, true
	}
	u, err := url.Parse(dest)
	if err != nil && !strings.HasPrefix(dest, "./") {
		// "foo):" has no scheme (schemeOf says so) but a colon in its first segment, which
		// url.Parse refuses; as "./foo):" it is the relative path it is.
		if v, err2 := url.Parse("./" + dest); err2 == nil {
			u, err = v, nil
			u.Path = strings.TrimPrefix(u.Path, "./")
		}
	}
	if err != nil {
		st.diags.Hintf(p, "check the link's spelling; spaces must be written %20", "malformed link target %q", dest)
		return "", false
	}
	if u.Host != "" { // "//example.org/x"
		return dest, true
	}
	if strings.HasPrefix(u.Path, "/") {
		hint := st.suggest(u.Path)
		if hint == "" {
			hint = "link to the source file instead, relative to this one, such as walking.md or ../questionnaires/questionnaire.yaml"
		}
		st.diags.Hintf(p, hint, "root-relative link %q breaks when the site is served under a sub-path or opened from disk", dest)
		return "", false
	}
	if u.Path == "" { // "?query" alone
		return dest, true
	}
	target := path.Join(path.Dir(st.doc.Path), u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		st.diags.Errorf(p, "link target %q points outside the site folder", dest)
		return "", false
	}
	link, ok := st.doc.Linker.Link(target)
	if !ok {
		hint := st.suggest(u.Path)
		if hint == "" {
			hint = hintFor(u.Path)
		}
		st.diags.Hintf(p, hint, "link target %q: %s builds no page or file", dest, target)
		return "", false
	}
	if u.Fragment != "" {
		st.refs = append(st.refs, Ref{Pos: p, Target: target, Fragment: strings.Clone(u.Fragment)}) // u.Fragment may be part of dest
		link += "#" + u.EscapedFragment()
	}
	return link, true
}

// schemeOf returns the scheme dest starts with (RFC 3986: a letter, then letters, digits,
// "+", "-" or ".", then ":"), or "".
func schemeOf(dest string) string {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return dest[:i]
		default:
			return ""
		}
	}
	return ""
}

func hintFor(p string) string {
	switch path.Ext(p) {
	case ".md", ".yaml":
		return "check the file name; link to an article's .md file or a questionnaire's .yaml file, relative to this file"
	case "":
		return "link to the article's .md file (such as walking.md), not to its page"
	}
	return "put the file in content/media/ and link to it relative to this file, such as ../media/" + path.Base(p)
}

// escapeHTML renders raw HTML as text, and task list boxes as marks that screen readers
// name (a disabled checkbox without a label is an accessibility error).
type escapeHTML struct{}

func (escapeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if n.(*east.TaskCheckBox).IsChecked {
				_, _ = w.WriteString(`<span class="task task-done" role="img" aria-label="Done">☑</span> `)
			} else {
				_, _ = w.WriteString(`<span class="task" role="img" aria-label="To do">☐</span> `)
			}
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			var raw []byte
			for i := range segs.Len() {
				s := segs.At(i)
				raw = append(raw, s.Value(src)...)
			}
			_, _ = w.Write(util.EscapeHTML(dropComments(raw)))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		b := n.(*ast.HTMLBlock)
		if entering {
			var raw []byte
			lines := b.Lines()
			for i := range lines.Len() {
				s := lines.At(i)
				raw = append(raw, s.Value(src)...)
			}
			if b.HasClosure() {
				raw = append(raw, b.ClosureLine.Value(src)...)
			}
			if raw = dropComments(raw); len(bytes.TrimSpace(raw)) > 0 {
				_, _ = w.WriteString("<p>")
				_, _ = w.Write(util.EscapeHTML(raw))
				_, _ = w.WriteString("</p>\n")
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// dropComments returns raw without its HTML comments (<!-- ... -->): notes for editors,
// never shown to readers. An unclosed comment runs to the end.
func dropComments(raw []byte) []byte {
	if !bytes.Contains(raw, []byte("<!--")) {
		return raw
	}
	var out []byte
	for {
		before, after, found := bytes.Cut(raw, []byte("<!--"))
		out = append(out, before...)
		if !found {
			return out
		}
		_, rest, closed := bytes.Cut(after, []byte("-->"))
		if !closed {
			return out
		}
		raw = rest
	}
}

// altText returns the text of an image's description (its alt text), as its inline
// children hold it.
func altText(n ast.Node, src []byte) []byte {
	var out []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			out = append(out, c.Segment.Value(src)...)
		case *ast.String:
			out = append(out, c.Value...)
		}
		return ast.WalkContinue, nil
	})
	return out
}
