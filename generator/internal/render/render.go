// Package render turns typed page data into HTML with the theme.
//
// A theme is a folder of html/template files and assets:
//
//	base.html       the layout: defines "base", which calls "main"
//	partials.html   templates shared by every page ("summaries", ...)
//	index.html, article.html, tag.html, 404.html, questionnaire.html, node.html
//	                one per kind of page: each defines "main" (and may redefine others)
//	assets/*        CSS, JavaScript, icons
//
// The default theme is embedded in the binary (package templates); a site's own templates/
// folder overrides its files one by one and may add assets. Each kind of page is parsed once
// into its own template set (base, partials, the page's file), so pages render in parallel
// without parsing anything. CSS and JavaScript are published under names that carry a hash of
// their content (assets/style.3f9a1c2e.css), so a CDN may cache them forever; other assets
// keep their names.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	texttemplate "text/template"

	"guidepost/generator/internal/diag"
)

// Kinds are the kinds of page a theme must render.
var Kinds = []string{"index", "article", "tag", "404", "questionnaire", "node"}

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
	sets   map[string]*template.Template
	assets []Asset
	byName map[string]int
	where  map[string]string // template file name -> where it was read from, for errors
	// sizes holds the length of the last page of each kind that Execute rendered: pages of
	// a kind are much alike, so the next one's buffer starts at that size instead of growing.
	sizes map[string]*atomic.Int64
}

// Transform, when set, rewrites each asset's content before it is hashed (minification).
type Transform func(name string, data []byte) ([]byte, error)

// Load reads the theme: each file from site (the site folder) under templates/ when it is
// there, otherwise from builtin. Problems go to diags, at the site's file or at the built-in
// file they come from.
func Load(builtin, site fs.FS, transform Transform, diags *diag.List) *Theme {
	t := &Theme{sets: make(map[string]*template.Template), byName: make(map[string]int), sizes: make(map[string]*atomic.Int64), where: make(map[string]string)}
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

	for _, kind := range Kinds {
		set := template.New(kind).Option("missingkey=error")
		for _, name := range []string{"base.html", "partials.html", kind + ".html"} {
			src, where, err := read(name)
			t.where[name] = where
			if err != nil {
				diags.Errorf(diag.Pos{Path: where}, "cannot read template: %v", err)
				set = nil
				break
			}
			if _, err := set.New(name).Parse(string(src)); err != nil {
				diags.Add(templateDiag(where, name, err))
				set = nil
				break
			}
		}
		if set != nil {
			t.sets[kind] = set
		}
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
		if transform != nil {
			if data, err = transform(name, data); err != nil {
				diags.Errorf(diag.Pos{Path: where}, "%v", err)
				continue
			}
		}
		t.byName[name] = len(t.assets)
		t.assets = append(t.assets, Asset{Name: name, Path: publishedPath(name, data), Data: data})
	}
	return t
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

// publishedPath names CSS and JavaScript by a hash of their content.
func publishedPath(name string, data []byte) string {
	ext := path.Ext(name)
	if ext != ".css" && ext != ".js" {
		return name
	}
	sum := sha256.Sum256(data)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
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

// Render executes the template of kind with data into w.
func (t *Theme) Render(w io.Writer, kind string, data any) error {
	set, ok := t.sets[kind]
	if !ok {
		return fmt.Errorf("%w: %s.html", ErrNoTemplate, kind)
	}
	err := set.ExecuteTemplate(w, "base", data)
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
