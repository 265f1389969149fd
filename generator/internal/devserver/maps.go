package devserver

import (
	"bytes"
	"context"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/flowmap"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/site"
)

// mapDrawer draws the live flow maps of dev mode. Graphviz starts at the first map asked for,
// so that a dev session that shows none pays nothing for it.
type mapDrawer struct {
	once   sync.Once
	drawer *flowmap.Drawer
	err    error
}

func (m *mapDrawer) draw(ctx context.Context, g flowmap.Graph) ([]byte, error) {
	m.once.Do(func() { m.drawer, m.err = flowmap.NewDrawer(context.Background()) })
	if m.err != nil {
		return nil, m.err
	}
	return m.drawer.SVG(ctx, g)
}

func (m *mapDrawer) close() {
	if m.drawer != nil {
		m.drawer.Close()
	}
}

var mapPage = template.Must(template.New("map").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Flow map: {{.Title}} – guidepost dev</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;margin:1rem;color:#0b0c0c;background:#fff}
figure{margin:1rem 0;overflow:auto}figure svg{max-width:100%;height:auto}
.problems{border:4px solid #b00020;padding:0 1rem;margin:1rem 0}
</style>
<script src="{{.Script}}" defer></script>
</head>
<body>
<main>
<h1>Flow map: {{.Title}}</h1>
<p><code>{{.File}}</code>, drawn again each time you save. <a href="{{.Page}}">Open the questionnaire</a>.</p>
{{- with .Problems}}
<div class="problems" role="alert">
<h2>{{len .}} {{if eq (len .) 1}}problem{{else}}problems{{end}} in this tree</h2>
<p>The map shows what could be read.</p>
<ol>
{{- range .}}
<li>{{.}}</li>
{{- end}}
</ol>
</div>
{{- end}}
<figure>
{{.SVG}}
<figcaption>Questions are white boxes; outcomes show their level in capitals. The start has a double border.</figcaption>
</figure>
</main>
</body>
</html>
`))

// serveMap serves the live flow map of the questionnaire slug, read from disk on every
// request, with the problems of the tree listed above it.
func (s *Server) serveMap(w http.ResponseWriter, r *http.Request, slug string) {
	fsys := os.DirFS(s.dir)
	file := ""
	fs.WalkDir(fsys, content.QuestionnairesDir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && path.Base(p) == slug+".yaml" && file == "" {
			file = p
		}
		return nil
	})
	src, err := fs.ReadFile(fsys, file)
	if file == "" || err != nil {
		http.Error(w, "no questionnaire "+slug+" in "+content.QuestionnairesDir, http.StatusNotFound)
		return
	}
	var diags diag.List
	var g flowmap.Graph
	title := slug
	if q := site.ParseQuestionnaire(file, src, limits.Limits{}, &diags); q != nil {
		q.Check(nil, &diags)
		g, title = flowmap.FromQuestionnaire(q), q.Title
	}
	svg, err := s.maps.draw(r.Context(), g)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		svg = svg[i:] // inline: without the XML declaration and doctype
	}
	var problems []string
	for _, d := range diags.Sorted() {
		problems = append(problems, d.String())
	}
	var buf bytes.Buffer
	err = mapPage.Execute(&buf, struct {
		Title, File, Page, Script string
		Problems                  []string
		SVG                       template.HTML
	}{title, file, "/questionnaires/" + slug + "/", "/" + ScriptPath, problems, template.HTML(svg)})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	serve(w, r, http.StatusOK, "map.html", buf.Bytes())
}

// mapSlug returns the slug of a map's address, /_guidepost/map/SLUG.
func mapSlug(p string) (string, bool) {
	slug, ok := strings.CutPrefix(p, "/_guidepost/map/")
	return slug, ok && content.SlugRE.MatchString(slug)
}
