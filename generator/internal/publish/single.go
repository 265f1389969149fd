package publish

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/site"
)

// singleCSS shows one page at a time: the section the fragment names or holds the target
// of, or the home page when the fragment names nothing. A browser without :has() shows
// every page, one after the other, which still works.
const singleCSS = `@supports selector(:has(a)){` +
	`.single-page{display:none}` +
	`.single-page:target,.single-page:has(:target),body:not(:has(:target))>#home{display:block}}`

// idRefs are the attributes whose value is an id, or ids separated by spaces.
var idRefs = map[string]bool{
	"id": true, "for": true, "headers": true, "list": true, "form": true,
	"aria-labelledby": true, "aria-describedby": true, "aria-controls": true, "aria-owns": true,
	"aria-details": true, "aria-errormessage": true, "aria-flowto": true,
	"aria-activedescendant": true, "popovertarget": true, "commandfor": true,
}

// sectioning are the elements that make a <header> or <footer> inside them that element's
// own, not the page's; their end tags are never left out.
var sectioning = map[string]bool{
	"article": true, "aside": true, "nav": true, "section": true, "main": true, "header": true, "footer": true,
}

// pageLandmarks are the roles that a page's own <header> and <footer> have, which they lose
// inside the <section> of the page in the single file: they get them back explicitly.
var pageLandmarks = map[string]string{"header": "banner", "footer": "contentinfo"}

// urlAttrs are the attributes whose value is a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "data": true}

// SingleFile writes to w one self-contained HTML document of the site whose files, by
// name, are the output of a single-file build (site.Options.SingleFile).
func SingleFile(w io.Writer, files map[string][]byte) error {
	home, ok := files["index.html"]
	if !ok {
		return errors.New("single file: the build has no index.html")
	}
	var pages []string // page paths: "" for home, "articles/walking/", ...
	for name := range files {
		if name == "index.html" || strings.HasSuffix(name, "/index.html") {
			pages = append(pages, strings.TrimSuffix(name, "index.html"))
		}
	}
	slices.Sort(pages) // "" (home) first
	s := &single{files: files, sections: make(map[string]bool)}
	for _, p := range pages {
		s.sections[site.SectionID(p)] = true
	}

	var buf bytes.Buffer
	buf.WriteString("<!doctype html>\n")
	if err := s.rewrite(&buf, "", home, "head"); err != nil {
		return fmt.Errorf("single file: index.html: %w", err)
	}
	buf.WriteString("<style>" + singleCSS + "</style>\n</head>\n<body>\n")
	for _, p := range pages {
		id := site.SectionID(p)
		fmt.Fprintf(&buf, "<section class=\"single-page\" id=\"%s\">\n", html.EscapeString(id))
		if err := s.rewrite(&buf, id, files[p+"index.html"], "body"); err != nil {
			return fmt.Errorf("single file: %sindex.html: %w", p, err)
		}
		buf.WriteString("</section>\n")
	}
	buf.WriteString("</body>\n</html>\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// single is the state of one SingleFile call.
type single struct {
	files    map[string][]byte
	sections map[string]bool // the ids of the pages' sections
}

// An attr is an attribute of a start tag, its value unescaped.
type attr struct {
	key, val string
	bare     bool // no value at all, as in <main hidden>
}

// rewrite writes the part ("head" or "body") of the page doc, whose section is sec ("" for
// the head): the content of its <head> with the <html> start tag before it, or the content
// of its <body>, with ids, links, stylesheets and images rewritten, and scripts left out.
func (s *single) rewrite(w *bytes.Buffer, sec string, doc []byte, part string) error {
	l := phtml.NewLexer(parse.NewInputBytes(doc))
	in := false       // inside the part
	skip := ""        // the raw-text element being left out, such as "script"
	depth := 0        // how many sectioning or landmark elements are open
	skipLink := false // inside the page's skip link, which is wrapped in a <nav>
	var tag string    // the start tag being read
	var attrs []attr  // its attributes
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			if errors.Is(l.Err(), io.EOF) {
				return nil
			}
			return l.Err()
		case phtml.StartTagToken:
			tag, attrs = string(l.Text()), attrs[:0]
		case phtml.AttributeToken:
			val := l.AttrVal()
			a := attr{key: strings.ToLower(string(l.AttrKey())), bare: len(val) == 0}
			if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
				val = val[1 : len(val)-1]
			}
			a.val = html.UnescapeString(string(val))
			attrs = append(attrs, a)
		case phtml.StartTagCloseToken, phtml.StartTagVoidToken:
			switch {
			case tag == part:
				in = true
			case tag == "html" && part == "head":
				s.writeTag(w, sec, tag, attrs)
				w.WriteString("\n<head>")
			case !in:
			case tag == "script" && hasAttr(attrs, "data-inline") && skip == "":
				inline, err := s.inlineScript(w, sec, attrs)
				if err != nil {
					return err
				}
				if inline {
					skip = "script"
				}
			case tag == "script":
				skip = "script"
			case skip != "":
			case tag == "link" && hasToken(attrs, "rel", "stylesheet"):
				if err := s.inlineStyle(w, attrs); err != nil {
					return err
				}
			case tag == "a" && hasToken(attrs, "class", "skip-link"):
				// In one document, a page's skip link follows the links of the pages before
				// it, some of which may leave the file (tel:, https:), and checkers then no
				// longer take it for a skip link: it goes in a landmark of its own.
				w.WriteString(`<nav aria-label="Skip link">`)
				s.writeTag(w, sec, tag, attrs)
				skipLink = true
			default:
				if landmark := pageLandmarks[tag]; landmark != "" && depth == 0 && !slices.ContainsFunc(attrs, func(a attr) bool { return a.key == "role" }) {
					attrs = append([]attr{{key: "role", val: landmark}}, attrs...)
				}
				if sectioning[tag] {
					depth++
				}
				s.writeTag(w, sec, tag, attrs)
			}
		case phtml.EndTagToken:
			name := string(l.Text())
			switch {
			case name == part:
				in = false
			case !in:
			case skip != "":
				if name == skip {
					skip = ""
				}
			case name == "main":
				depth--
				w.WriteString("</div>")
			case name == "a" && skipLink:
				skipLink = false
				w.WriteString("</a></nav>")
			default:
				if sectioning[name] {
					depth--
				}
				w.Write(data)
			}
		case phtml.CommentToken, phtml.DoctypeToken:
		default: // text, and SVG and MathML elements as they are
			if in && skip == "" {
				w.Write(data)
			}
		}
	}
}

// hasAttr says whether attrs has the attribute key.
func hasAttr(attrs []attr, key string) bool {
	return slices.ContainsFunc(attrs, func(a attr) bool { return a.key == key })
}

// inlineScript writes a script marked data-inline: one with a src naming a file of the site
// becomes an inline script holding the file (inline is true: the element's own content is to
// be left out); one without src is written as it is, its content after it. Its other
// attributes stay, but defer and async, which inline scripts do not take.
func (s *single) inlineScript(w *bytes.Buffer, sec string, attrs []attr) (inline bool, err error) {
	var keep []attr
	src := ""
	for _, a := range attrs {
		switch a.key {
		case "src":
			src = a.val
		case "data-inline", "defer", "async":
		default:
			keep = append(keep, a)
		}
	}
	if src == "" {
		s.writeTag(w, sec, "script", keep)
		return false, nil
	}
	js, ok := s.files[src]
	if !ok {
		return false, fmt.Errorf("script %q is not part of the site", src)
	}
	lower := bytes.ToLower(js)
	if bytes.Contains(lower, []byte("</script")) || bytes.Contains(lower, []byte("<!--")) {
		return false, fmt.Errorf("script %q holds </script or <!--, which cannot be inlined", src)
	}
	s.writeTag(w, sec, "script", keep)
	w.Write(js)
	w.WriteString("</script>")
	return true, nil
}

// hasToken says whether the attribute key of attrs holds the word tok.
func hasToken(attrs []attr, key, tok string) bool {
	for _, a := range attrs {
		if a.key == key && slices.Contains(strings.Fields(strings.ToLower(a.val)), tok) {
			return true
		}
	}
	return false
}

// writeTag writes a start tag of the page of section sec with its ids and URLs rewritten.
// Each page's <main> becomes a <div role="main">: a document may have one <main> only.
func (s *single) writeTag(w *bytes.Buffer, sec, tag string, attrs []attr) {
	if tag == "main" {
		tag = "div"
		attrs = append([]attr{{key: "role", val: "main"}}, attrs...)
	}
	w.WriteString("<" + tag)
	for _, a := range attrs {
		switch {
		case a.bare:
			w.WriteString(" " + a.key)
			continue
		case idRefs[a.key] && sec != "":
			var ids []string
			for _, id := range strings.Fields(a.val) {
				ids = append(ids, sec+":"+id)
			}
			a.val = strings.Join(ids, " ")
		case urlAttrs[a.key]:
			u, file := s.url(sec, a.val)
			if file != "" && tag == "a" && !slices.ContainsFunc(attrs, func(a attr) bool { return a.key == "download" }) {
				w.WriteString(` download="` + html.EscapeString(path.Base(file)) + `"`)
			}
			a.val = u
		}
		w.WriteString(" " + a.key + `="` + html.EscapeString(a.val) + `"`)
	}
	w.WriteString(">")
}

// url rewrites the URL u of the page of section sec: a link to a page or an anchor in one
// stays a fragment, with anchors prefixed by their section; a link to a file of the site
// becomes a data: URL of it, and file is its name. Other URLs stay as they are.
func (s *single) url(sec, u string) (rewritten, file string) {
	if frag, ok := strings.CutPrefix(u, "#"); ok {
		page, anchor, two := strings.Cut(frag, "#")
		switch {
		case frag == "" || sec == "":
			return u, ""
		case two && s.sections[page]:
			return "#" + page + ":" + anchor, ""
		case s.sections[frag]:
			return u, ""
		}
		return "#" + sec + ":" + frag, ""
	}
	name, _, _ := strings.Cut(u, "#")
	name, _, _ = strings.Cut(name, "?")
	if unescaped, err := url.PathUnescape(name); err == nil {
		name = unescaped
	}
	if data, ok := s.files[name]; ok && !strings.Contains(u, ":") {
		return dataURL(name, data), name
	}
	return u, ""
}

// cssURL matches url(...) in CSS.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)`)

// inlineStyle writes the stylesheet that a <link rel="stylesheet"> names as a <style>
// element, with the files its url()s name as data: URLs.
func (s *single) inlineStyle(w *bytes.Buffer, attrs []attr) error {
	var href string
	for _, a := range attrs {
		if a.key == "href" {
			href = a.val
		}
	}
	css, ok := s.files[href]
	if !ok {
		return fmt.Errorf("stylesheet %q is not part of the site", href)
	}
	css = cssURL.ReplaceAllFunc(css, func(m []byte) []byte {
		sub := cssURL.FindSubmatch(m)
		ref := string(bytes.Join(sub[1:], nil))
		if ref == "" || strings.Contains(ref, ":") || strings.HasPrefix(ref, "#") {
			return m
		}
		name := path.Join(path.Dir(href), ref)
		data, ok := s.files[name]
		if !ok {
			return m
		}
		return []byte(`url("` + dataURL(name, data) + `")`)
	})
	if bytes.Contains(bytes.ToLower(css), []byte("</style")) {
		return fmt.Errorf("stylesheet %q holds </style", href)
	}
	w.WriteString("<style>")
	w.Write(css)
	w.WriteString("</style>")
	return nil
}

// dataURL returns a data: URL holding the file name's data.
func dataURL(name string, data []byte) string {
	t := mime.TypeByExtension(path.Ext(name))
	if t == "" {
		t = "application/octet-stream"
	}
	t = strings.ReplaceAll(t, " ", "")
	return "data:" + t + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// Single builds the site in fsys as one self-contained HTML document: a single-file build
// (opts.SingleFile is set for it) kept in memory, then SingleFile. When the result's
// diagnostics hold errors, the document is nil.
func Single(ctx context.Context, fsys fs.FS, opts site.Options) ([]byte, site.Result) {
	opts.SingleFile = true
	var mem site.Memory
	res := site.Build(ctx, fsys, opts, &mem)
	if res.Diags.Errors() > 0 {
		return nil, res
	}
	var buf bytes.Buffer
	if err := SingleFile(&buf, mem.Files()); err != nil {
		res.Diags.Errorf(diag.Pos{Path: "index.html"}, "%v", err)
		return nil, res
	}
	return buf.Bytes(), res
}
