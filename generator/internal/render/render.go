// Package render turns typed page data into HTML with the theme.
//
// A theme is a folder of html/template files and assets:
//
//	base.html       the layout: defines "base", which calls "main"
//	partials.html   templates shared by every page ("summaries", a list of pages, and
//	                "summary", one entry of it, which Fragment renders alone; ...)
//	index.html, article.html, tag.html, 404.html, questionnaire.html, node.html, search.html
//	                one per kind of page: each defines "main" (and may redefine others)
//	assets/*        CSS, JavaScript, icons
//
// The default theme is embedded in the binary (package templates); a site's own templates/
// folder overrides its files one by one and may add assets. Each kind of page is parsed once
// into its own template set (base, partials, the page's file), so pages render in parallel
// without parsing anything. A Transform (minification, in build) rewrites the templates
// once, at load, so pages come out minified without minifying each one; each template is
// parsed as written too, and its errors are reported at its own lines. CSS and JavaScript
// are published under names that carry a hash of their content (assets/style.3f9a1c2e.css),
// so a CDN may cache them forever; other assets keep their names.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	texttemplate "text/template"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/hashed"
	"guidepost/generator/internal/i18n"
)

// Kinds are the kinds of page a theme must render.
var Kinds = []string{"index", "article", "tag", "tags", "articles", "404", "questionnaire", "node", "search"}

// TemplatesDir is where a site's own theme files are, relative to the site folder.
const TemplatesDir = "templates"

// An Asset is a theme file published as it is.
type Asset struct {
	Name string // its name in the theme, such as "style.css"
	Path string // its path in the output, such as "assets/style.3f9a1c2e.css"
	Data []byte
}

// A Theme is parsed templates and assets, ready to render.
type Theme struct {
	sets map[string]*template.Template // by kind of page: what pages are rendered with
	// plain holds, for the kinds whose set in sets was parsed from transformed (minified)
	// templates, the set parsed from the files as written: it finds a failing page's error
	// again at the line and column the editor sees.
	plain  map[string]*template.Template
	assets []Asset
	byName map[string]int
	where  map[string]string // template file name -> where it was read from, for errors
	// sizes holds the length of the last page of each kind that Execute rendered: pages of
	// a kind are much alike, so the next one's buffer starts at that size instead of growing.
	sizes map[string]*atomic.Int64
	defs  map[string]definitions // by kind of page, as parsed (see Digest)
}

// A Transform rewrites theme files when the theme is loaded (minification): each asset,
// before it is hashed, with the media type of its name ("text/css", "image/svg+xml", ...),
// and each template with TemplateType. A template the Transform fails on is used as written.
type Transform func(mediatype string, data []byte) ([]byte, error)

// TemplateType is the media type Load gives a Transform for templates: HTML holding
// html/template actions between {{ and }}.
const TemplateType = "text/x-go-template"

// A templateFile is one template file of the theme.
type templateFile struct {
	where string // where it was read from, for errors
	err   error  // why it could not be read
	text  string // as written
	min   string // as the Transform left it; text when there is none or it failed
}

// Load reads the theme: each file from site (the site folder) under templates/ when it is
// there, otherwise from builtin. Templates take the words they show from msgs (English when
// it is nil) through the function t: {{t "questionnaire.continue"}}, {{t "tag.count" "count" 3}}. Problems go to diags, at the site's file or at the built-in
// file they come from; a template is checked as written, so its errors point into that file
// even when the theme renders a transformed copy.
func Load(builtin, site fs.FS, transform Transform, msgs *i18n.Catalogue, diags *diag.List) *Theme {
	if msgs == nil {
		msgs = i18n.English()
	}
	funcs := template.FuncMap{"t": msgs.T}
	t := &Theme{sets: make(map[string]*template.Template), plain: make(map[string]*template.Template), byName: make(map[string]int), sizes: make(map[string]*atomic.Int64), where: make(map[string]string), defs: make(map[string]definitions)}
	for _, kind := range Kinds {
		t.sizes[kind] = new(atomic.Int64)
	}
	read := func(name string) ([]byte, string, error) {
		if site != nil {
			p := path.Join(TemplatesDir, name)
			if b, err := fs.ReadFile(site, p); err == nil {
				return b, p, nil
			} else if !errors.Is(err, fs.ErrNotExist) {
				return nil, p, err
			}
		}
		b, err := fs.ReadFile(builtin, name)
		return b, "(built-in theme) " + path.Join(TemplatesDir, name), err
	}

	files := make(map[string]templateFile)
	file := func(name string) templateFile {
		if f, ok := files[name]; ok {
			return f
		}
		src, where, err := read(name)
		text := fillMessages(string(src), msgs)
		f := templateFile{where: where, err: err, text: text, min: text}
		if err == nil && transform != nil {
			if out, err := transform(TemplateType, []byte(text)); err == nil {
				f.min = string(out)
			}
		}
		files[name] = f
		t.where[name] = where
		return f
	}
	for _, kind := range Kinds {
		names := KindFiles(kind)
		plain := template.New(kind).Option("missingkey=error").Funcs(funcs)
		for _, name := range names {
			f := file(name)
			if f.err != nil {
				diags.Errorf(diag.Pos{Path: f.where}, "cannot read template: %v", f.err)
				plain = nil
				break
			}
			if _, err := plain.New(name).Parse(f.text); err != nil {
				diags.Add(templateDiag(f.where, name, err))
				plain = nil
				break
			}
		}
		if plain == nil {
			continue
		}
		t.sets[kind] = plain
		if set := parseMin(kind, names, files, funcs); set != nil {
			t.sets[kind], t.plain[kind] = set, plain
		}
		t.defs[kind] = snapshot(t.sets[kind])
	}

	names := assetNames(builtin, ".")
	if site != nil {
		names = append(names, assetNames(site, TemplatesDir)...)
	}
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		data, where, err := read(name)
		if err != nil {
			diags.Errorf(diag.Pos{Path: where}, "cannot read asset: %v", err)
			continue
		}
		if !content.CheckName(where, diags) { // a newline in a name would add a line to _headers
			continue
		}
		if transform != nil {
			if data, err = transform(mediaType(name), data); err != nil {
				diags.Errorf(diag.Pos{Path: where}, "%v", err)
				continue
			}
		}
		t.byName[name] = len(t.assets)
		t.assets = append(t.assets, Asset{Name: name, Path: publishedPath(name, data), Data: data})
	}
	return t
}

// KindFiles returns the template files a kind of page is rendered with, by name in the theme
// (a site's own copy is under TemplatesDir): the layout, the partials and the kind's own.
func KindFiles(kind string) []string {
	return []string{"base.html", "partials.html", kind + ".html"}
}

// parseMin parses the transformed files of a kind of page into a set, or returns nil when
// none of them changed or they do not parse (the files as written are used then).
func parseMin(kind string, names []string, files map[string]templateFile, funcs template.FuncMap) *template.Template {
	changed := false
	set := template.New(kind).Option("missingkey=error").Funcs(funcs)
	for _, name := range names {
		f := files[name]
		changed = changed || f.min != f.text
		if _, err := set.New(name).Parse(f.min); err != nil {
			return nil
		}
	}
	if !changed {
		return nil
	}
	return set
}

// mediaType returns the media type of a file by its extension.
func mediaType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		t, _, _ = strings.Cut(t, ";")
		return t
	}
	return "application/octet-stream"
}

// assetNames lists the files under dir/assets of fsys, as "assets/..." names.
func assetNames(fsys fs.FS, dir string) []string {
	var names []string
	root := path.Join(dir, "assets")
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			names = append(names, strings.TrimPrefix(p, dir+"/"))
		}
		return nil
	})
	return names
}

// publishedPath names CSS and JavaScript by their content (package hashed).
func publishedPath(name string, data []byte) string {
	if ext := path.Ext(name); ext != ".css" && ext != ".js" {
		return name
	}
	return hashed.Name(name, hashed.Sum(data))
}

// Assets returns the theme's assets, by name.
func (t *Theme) Assets() []Asset { return t.assets }

// AssetPath returns the output path of the asset called name ("style.css" or
// "assets/style.css"), or "" when the theme has none.
func (t *Theme) AssetPath(name string) string {
	if !strings.HasPrefix(name, "assets/") {
		name = "assets/" + name
	}
	if i, ok := t.byName[name]; ok {
		return t.assets[i].Path
	}
	return ""
}

// ErrNoTemplate is what Render returns for a kind of page whose template could not be
// loaded; Load has reported why.
var ErrNoTemplate = errors.New("the theme has no usable template")

// Render executes the template of kind with data into w. When the page fails with a
// transformed template, it is rendered again with the template as written, whose error
// gives the line and column in the file the editor sees.
func (t *Theme) Render(w io.Writer, kind string, data any) error {
	return t.execute(w, kind, "base", data)
}

// Fragment returns what the template name of the set of kind renders for data, as a page
// of that kind would have it, to be printed in a page rendered later; its errors are those of
// Render.
func (t *Theme) Fragment(kind, name string, data any) (template.HTML, error) {
	var b strings.Builder
	err := t.execute(&b, kind, name, data)
	return template.HTML(b.String()), err
}

// Defines reports whether the set of kind has a template called name.
func (t *Theme) Defines(kind, name string) bool {
	set, ok := t.sets[kind]
	return ok && set.Lookup(name) != nil
}

// execute executes the template name of the set of kind with data into w.
func (t *Theme) execute(w io.Writer, kind, name string, data any) error {
	set, ok := t.sets[kind]
	if !ok {
		return fmt.Errorf("%w: %s.html", ErrNoTemplate, kind)
	}
	err := set.ExecuteTemplate(w, name, data)
	if plain := t.plain[kind]; err != nil && plain != nil {
		if again := plain.ExecuteTemplate(io.Discard, name, data); again != nil {
			err = again
		}
	}
	var exec texttemplate.ExecError
	if errors.As(err, &exec) {
		if m := templateErr.FindStringSubmatch(exec.Error()); m != nil {
			return &TemplateError{templateDiag(t.where[m[1]], m[1], exec.Err)}
		}
	}
	return err
}

// A TemplateError is a template that failed while rendering a page, at the template's own
// file, line and column.
type TemplateError struct {
	diag.Diagnostic
}

func (e *TemplateError) Error() string { return e.Diagnostic.String() }

var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?`)

// templateDiag turns an html/template error into a diagnostic at the template's line.
func templateDiag(where, name string, err error) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{Pos: diag.Pos{Path: where}, Message: msg}
	if m := templateErr.FindStringSubmatch(msg); m != nil && m[1] == name {
		d.Line, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			d.Col, _ = strconv.Atoi(m[3])
		}
		d.Message = msg[len(m[0]):]
	}
	d.Message = "template: " + d.Message
	return d
}

// Execute renders data with kind into a new buffer, for callers that want the bytes.
func (t *Theme) Execute(kind string, data any) ([]byte, error) {
	var buf bytes.Buffer
	last := t.sizes[kind]
	if last != nil {
		buf.Grow(int(last.Load()) + 1024)
	}
	err := t.Render(&buf, kind, data)
	if last != nil {
		last.Store(int64(buf.Len()))
	}
	return buf.Bytes(), err
}

// message is {{t "key"}} alone: a message without placeholders.
var message = regexp.MustCompile(`\{\{\s*t\s+"([a-z0-9_.]+)"\s*\}\}`)

// fillMessages writes the text of each {{t "key"}} of a template's source in its place,
// escaped for HTML, once when the theme is loaded: a page then prints it as it prints the
// template's own text, not through a call of t, which costs allocations every page. A key
// that is not in msgs, and a call inside <script> or <style> (where html/template escapes
// differently), are left to t at run time. Line numbers stay as they were.
func fillMessages(src string, msgs *i18n.Catalogue) string {
	if !strings.Contains(src, "{{") {
		return src
	}
	var b strings.Builder
	last := 0
	for _, m := range message.FindAllStringSubmatchIndex(src, -1) {
		text, err := msgs.T(src[m[2]:m[3]])
		if err != nil || inRawText(src[:m[0]]) {
			continue
		}
		b.WriteString(src[last:m[0]])
		b.WriteString(strings.NewReplacer("{", "&#123;", "\n", "&#10;").Replace(html.EscapeString(text)))
		last = m[1]
	}
	if last == 0 {
		return src
	}
	b.WriteString(src[last:])
	return b.String()
}

// inRawText reports whether the end of before stands inside a <script> or <style> element.
func inRawText(before string) bool {
	before = strings.ToLower(before)
	for _, tag := range []string{"script", "style"} {
		if strings.LastIndex(before, "<"+tag) > strings.LastIndex(before, "</"+tag) {
			return true
		}
	}
	return false
}
