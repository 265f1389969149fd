package publish

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"

	"guidepost/generator/internal/hashed"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// testSite returns the files of testdata/site, to change in a test.
func testSite(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := filepath.Join("testdata", "site")
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// build builds fsys in memory, with minification unless opts says otherwise, and fails
// the test on any error.
func build(t *testing.T, fsys fs.FS, opts site.Options) (map[string][]byte, site.Result) {
	t.Helper()
	opts.Theme = templates.FS
	var mem site.Memory
	res := site.Build(context.Background(), fsys, opts, &mem)
	if res.Diags.Errors() > 0 {
		t.Fatalf("build failed:\n%v", res.Diags.Sorted())
	}
	return mem.Files(), res
}

// assetPath returns the output path of the theme asset whose name starts with prefix.
func assetPath(t *testing.T, res site.Result, prefix string) string {
	t.Helper()
	for _, p := range res.Hashed {
		if strings.HasPrefix(p, prefix) {
			return p
		}
	}
	t.Fatalf("no hashed asset %s* in %q", prefix, res.Hashed)
	return ""
}

func TestHashedNamesFollowContent(t *testing.T) {
	style, err := fs.ReadFile(templates.FS, "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		change      func(m fstest.MapFS)
		cssChanges  bool
		jsChanges   bool
		pagesChange bool
	}{
		{"nothing", func(fstest.MapFS) {}, false, false, false},
		{"an article", func(m fstest.MapFS) {
			m["content/articles/walk.md"].Data = append(m["content/articles/walk.md"].Data, "\nOne more line.\n"...)
		}, false, false, true},
		{"a comment in the CSS, gone once minified", func(m fstest.MapFS) {
			m["templates/assets/style.css"] = &fstest.MapFile{Data: append([]byte("/* a note */\n"), style...)}
		}, false, false, false},
		{"a rule in the CSS", func(m fstest.MapFS) {
			m["templates/assets/style.css"] = &fstest.MapFile{Data: append(slices.Clip(style), "\n.extra { color: red; }\n"...)}
		}, true, false, true},
	}
	base, baseRes := build(t, testSite(t), site.Options{Minify: Minify()})
	baseCSS, baseJS := assetPath(t, baseRes, "assets/style."), assetPath(t, baseRes, "assets/questionnaire.")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testSite(t)
			tt.change(m)
			files, res := build(t, m, site.Options{Minify: Minify()})
			css, js := assetPath(t, res, "assets/style."), assetPath(t, res, "assets/questionnaire.")
			if (css != baseCSS) != tt.cssChanges {
				t.Errorf("CSS %s -> %s, want a new name: %v", baseCSS, css, tt.cssChanges)
			}
			if (js != baseJS) != tt.jsChanges {
				t.Errorf("JS %s -> %s, want a new name: %v", baseJS, js, tt.jsChanges)
			}
			if changed := !bytes.Equal(files["articles/walk/index.html"], base["articles/walk/index.html"]); changed != tt.pagesChange {
				t.Errorf("articles/walk/index.html changed: %v, want %v", changed, tt.pagesChange)
			}
			for _, p := range res.Hashed {
				data, ok := files[p]
				if !ok {
					t.Fatalf("%s is in Result.Hashed but was not written", p)
				}
				plain := strings.TrimSuffix(p, path.Ext(p))
				plain = strings.TrimSuffix(plain, path.Ext(plain)) + path.Ext(p) // the name without its sum
				if want := hashed.Name(plain, hashed.Sum(data)); p != want {
					t.Errorf("%s: the name does not carry the hash of its content (%s)", p, want)
				}
			}
			for name, data := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				if !bytes.Contains(data, []byte(path.Base(css))) {
					t.Errorf("%s does not link %s", name, css)
				}
				if bytes.Contains(data, []byte(`style.css"`)) {
					t.Errorf("%s links the unhashed style.css", name)
				}
			}
		})
	}
}

// A rule of a _headers file.
type rule struct {
	pattern string
	headers map[string]string
}

// parseHeaders reads a _headers file as Netlify and Cloudflare Pages do, failing the test on
// any line they would not read: a pattern starts at the first column with "/", a header
// line is indented and holds "Name: value", "#" starts a comment.
func parseHeaders(t *testing.T, data []byte) []rule {
	t.Helper()
	var rules []rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			if strings.ContainsAny(line, " \t") {
				t.Errorf("_headers:%d: a pattern holds a space: %q", n, line)
			}
			rules = append(rules, rule{pattern: line, headers: map[string]string{}})
		case strings.HasPrefix(line, "  "):
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || name == "" || value == "" || strings.ContainsAny(name, " \t") || len(rules) == 0 {
				t.Errorf("_headers:%d: not a header line under a pattern: %q", n, line)
				continue
			}
			r := rules[len(rules)-1]
			if _, dup := r.headers[name]; dup {
				t.Errorf("_headers:%d: %s set twice for %s", n, name, r.pattern)
			}
			r.headers[name] = value
		default:
			t.Errorf("_headers:%d: neither a pattern nor an indented header: %q", n, line)
		}
	}
	return rules
}

// matches says whether a _headers pattern applies to the URL path u: a final "*" matches
// anything, the rest must be equal.
func matches(pattern, u string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(u, prefix)
	}
	return pattern == u
}

func TestHeaders(t *testing.T) {
	_, res := build(t, testSite(t), site.Options{Minify: Minify()})
	tests := []struct {
		name            string
		written, hashed []string
	}{
		{"test site", res.Written, res.Hashed},
		{"hand-made", []string{
			"404.html", "assets/app.0a1b2c3d.js", "assets/favicon.svg", "assets/style.3f9a1c2e.css",
			"index.html", "media/photos/back.jpg", "questionnaires/q/index.html", "questionnaires/q/n/index.html",
			"robots.txt", "sitemap.xml", "tags/rest/index.html",
		}, []string{"assets/app.0a1b2c3d.js", "assets/style.3f9a1c2e.css"}},
		{"search index of a large site", shardsSite(500), shardsHashed(500)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := parseHeaders(t, Headers(tt.written, tt.hashed))
			if len(rules) > 100 {
				t.Errorf("%d rules: Cloudflare Pages reads at most 100", len(rules))
			}
			seen := map[string]bool{}
			for _, r := range rules {
				if seen[r.pattern] {
					t.Errorf("pattern %s appears twice", r.pattern)
				}
				seen[r.pattern] = true
			}
			var urls []string // every URL that serves a file
			for _, f := range tt.written {
				urls = append(urls, "/"+f)
				if f == "index.html" {
					urls = append(urls, "/")
				} else if d, ok := strings.CutSuffix(f, "/index.html"); ok {
					urls = append(urls, "/"+d+"/")
				}
			}
			for _, u := range urls {
				got := map[string][]string{}
				for _, r := range rules {
					if matches(r.pattern, u) {
						for name, v := range r.headers {
							got[name] = append(got[name], v)
						}
					}
				}
				want := map[string][]string{
					"Content-Security-Policy": {CSP},
					"X-Content-Type-Options":  {"nosniff"},
					"Referrer-Policy":         {"no-referrer"},
					"Cache-Control":           {PageCache},
				}
				if slices.Contains(tt.hashed, strings.TrimPrefix(u, "/")) {
					want["Cache-Control"] = []string{ImmutableCache}
				}
				if !maps.EqualFunc(got, want, slices.Equal) {
					t.Errorf("%s gets %q, want %q", u, got, want)
				}
			}
		})
	}
}

func TestCSPHasNoUnsafeInline(t *testing.T) {
	for _, directive := range strings.Split(CSP, ";") {
		if strings.Contains(directive, "unsafe") {
			t.Errorf("CSP directive %q allows something unsafe", strings.TrimSpace(directive))
		}
	}
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
		"base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(CSP, want) {
			t.Errorf("CSP has no %q", want)
		}
	}
}

// sitemap is sitemap.xml as the sitemaps.org schema defines it.
type sitemap struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestServerFiles(t *testing.T) {
	const base = "https://example.org/guides/"
	files, _ := build(t, testSite(t), site.Options{Minify: Minify()})

	var sm sitemap
	dec := xml.NewDecoder(bytes.NewReader(files["sitemap.xml"]))
	dec.Strict = true
	if err := dec.Decode(&sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	lastmod := map[string]string{}
	for _, u := range sm.URLs {
		page, ok := strings.CutPrefix(u.Loc, base)
		if !ok {
			t.Errorf("sitemap.xml: %s is not under %s", u.Loc, base)
			continue
		}
		if _, ok := files[page+"index.html"]; !ok || (page != "" && !strings.HasSuffix(page, "/")) {
			t.Errorf("sitemap.xml: %s is not a page of the build", u.Loc)
		}
		lastmod[page] = u.Lastmod
	}
	for page, want := range map[string]string{
		"articles/rest/":  "2026-02-01", // reviewed
		"articles/walk/":  "2026-01-05", // published
		"articles/notes/": "",
	} {
		if got, ok := lastmod[page]; !ok || got != want {
			t.Errorf("sitemap.xml: %s has lastmod %q (listed: %v), want %q", page, got, ok, want)
		}
	}
	if len(sm.URLs) != len(lastmod) {
		t.Errorf("sitemap.xml lists a page twice")
	}
	if got, want := string(files["robots.txt"]), "Sitemap: "+base+"sitemap.xml\n"; !strings.HasSuffix(got, want) {
		t.Errorf("robots.txt = %q, want it to end with %q", got, want)
	}

	for name, data := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		canonical := base + strings.TrimSuffix(name, "index.html")
		if strings.HasPrefix(name, "questionnaires/") && strings.Count(name, "/") > 2 {
			// A step of a questionnaire names the questionnaire's start page.
			canonical = base + strings.Join(strings.Split(name, "/")[:2], "/") + "/"
		}
		for _, want := range []string{
			`<link rel="canonical" href="` + canonical + `">`,
			`<meta property="og:title" content="`,
			`<meta property="og:description" content="`,
		} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("%s has no %s", name, want)
			}
		}
	}
	for _, href := range attrValues(t, files["404.html"], "href", "src") {
		if !strings.HasPrefix(href, base) && !strings.HasPrefix(href, "#") {
			t.Errorf("404.html links %q, which does not start with the base URL", href)
		}
	}

	m := testSite(t)
	m["content/site.yaml"].Data = bytes.ReplaceAll(m["content/site.yaml"].Data, []byte("base_url: "+base+"\n"), nil)
	files, _ = build(t, m, site.Options{})
	for _, href := range attrValues(t, files["404.html"], "href", "src") {
		if !strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "#") {
			t.Errorf("404.html without a base URL links %q, which is not a path from the root", href)
		}
	}
	for _, name := range []string{"sitemap.xml", "robots.txt"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s written without a base URL", name)
		}
	}

	files, _ = build(t, testSite(t), site.Options{Offline: true})
	for name, data := range files {
		if bytes.Contains(data, []byte(`rel="canonical"`)) || bytes.Contains(data, []byte("og:")) {
			t.Errorf("offline build: %s has a canonical link or Open Graph data", name)
		}
	}
}

// attrValues returns the values of the attributes named names in the HTML doc.
func attrValues(t *testing.T, doc []byte, names ...string) []string {
	t.Helper()
	var out []string
	l := phtml.NewLexer(parse.NewInputBytes(doc))
	for {
		tt, _ := l.Next()
		if tt == phtml.ErrorToken {
			if l.Err() != io.EOF {
				t.Fatalf("lex: %v", l.Err())
			}
			return out
		}
		if tt == phtml.AttributeToken && slices.Contains(names, string(l.AttrKey())) {
			v := l.AttrVal()
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
				v = v[1 : len(v)-1]
			}
			out = append(out, string(v))
		}
	}
}

func TestZipHoldsOfflineBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "offline")
	out, err := site.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	res := site.Build(context.Background(), testSite(t), site.Options{Offline: true, Theme: templates.FS, Minify: Minify()}, out)
	if res.Diags.Errors() > 0 {
		t.Fatalf("build: %v", res.Diags.Sorted())
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	var archive bytes.Buffer
	if err := Zip(&archive, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}

	want := map[string][]byte{ReadmeFile: []byte(Readme)}
	fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != site.MarkerFile { // the marker is for the next build only
			want[p], err = os.ReadFile(filepath.Join(dir, p))
		}
		return err
	})
	zr, err := zip.NewReader(bytes.NewReader(archive.Bytes()), int64(archive.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if w, ok := want[f.Name]; !ok {
			t.Errorf("the zip holds %s, which the build did not write", f.Name)
		} else if !bytes.Equal(data, w) {
			t.Errorf("%s in the zip differs from the file the build wrote", f.Name)
		}
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s has time %v, want %v", f.Name, f.Modified, zipTime)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("entries not sorted: %q", names)
	}
	if got, w := len(names), len(want); got != w {
		t.Errorf("the zip holds %d files, want %d (%q)", got, w, names)
	}
	for _, top := range []string{"index.html", ReadmeFile} {
		if !slices.Contains(names, top) {
			t.Errorf("no %s at the top of the zip", top)
		}
	}
	if res.Pages < 10 || !slices.Contains(names, "media/dot.png") {
		t.Errorf("the build looks incomplete: %d pages, files %q", res.Pages, names)
	}

	var again bytes.Buffer
	if err := Zip(&again, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(archive.Bytes(), again.Bytes()) {
		t.Error("two zips of the same folder differ")
	}
	if err := Zip(io.Discard, fstest.MapFS{"a/index.html": {Data: []byte("x")}}); err == nil {
		t.Error("Zip accepted a folder with no index.html at the top")
	}
	if err := Zip(io.Discard, fstest.MapFS{"index.html": {}, "README.txt": {}}); err == nil {
		t.Error("Zip accepted a folder that holds README.txt")
	}
}

func TestPrecompress(t *testing.T) {
	page := bytes.Repeat([]byte("<p>Walking is gentle on a sore back.</p>\n"), 50)
	var mem site.Memory
	out := Precompress(&mem)
	for name, data := range map[string][]byte{
		"index.html": page, "media/photo.png": page, "robots.txt": []byte("a"),
	} {
		if err := out.WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
	}
	files := mem.Files()
	if got, want := mem.Names(), []string{"index.html", "index.html.br", "index.html.gz", "media/photo.png", "robots.txt"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	zr, err := gzip.NewReader(bytes.NewReader(files["index.html.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, page) {
		t.Errorf("index.html.gz does not hold index.html (%v)", err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("the gzip header holds a time or a name: %v %q", zr.ModTime, zr.Name)
	}
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(files["index.html.br"]))); err != nil || !bytes.Equal(got, page) {
		t.Errorf("index.html.br does not hold index.html (%v)", err)
	}
	// It keeps nothing of a file once written, and so may be given files made in buffers
	// used again, when the Output it writes to keeps nothing either.
	if site.Forgets(out) || !site.Forgets(Precompress(site.Discard{})) {
		t.Errorf("Forgets: %v over memory, %v over Discard; want false, true", site.Forgets(out), site.Forgets(Precompress(site.Discard{})))
	}
}

func TestMinify(t *testing.T) {
	plain, _ := build(t, testSite(t), site.Options{})
	small, _ := build(t, testSite(t), site.Options{Minify: Minify()})
	for _, name := range []string{"index.html", "questionnaires/check/index.html", "articles/rest/index.html"} {
		if len(small[name]) >= len(plain[name]) {
			t.Errorf("%s: minified %d bytes, not smaller than %d", name, len(small[name]), len(plain[name]))
		}
		for _, keep := range []string{"<!doctype html>", "<html lang=\"en\" dir=\"ltr\">", "<head>", "<body>", "</p>", "</body>"} {
			if !bytes.Contains(bytes.ToLower(small[name]), []byte(strings.ToLower(keep))) {
				t.Errorf("%s: minified page lost %s", name, keep)
			}
		}
	}
	// Pages come from minified templates, not minified whole: minified whole once more, each
	// must be the plain page minified (but for the names of the minified assets), or
	// minifying the templates changed what pages say.
	minify := Minify()
	hash := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)\b`)
	for name, page := range plain {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		want, err := minify("text/html", page)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := minify("text/html", small[name])
		got, want = hash.ReplaceAll(got, []byte(".$1")), hash.ReplaceAll(want, []byte(".$1"))
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the plain page minified:\n%s\nwant\n%s", name, got, want)
		}
	}
	data := regexp.MustCompile(`(?s)<script type="application/json" id="questionnaire-data">(.*?)</script>`)
	a, b := data.FindSubmatch(plain["questionnaires/check/index.html"]), data.FindSubmatch(small["questionnaires/check/index.html"])
	if a == nil || b == nil {
		t.Fatal("no questionnaire-data block in the questionnaire page")
	}
	var x, y any
	if err := json.Unmarshal(a[1], &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b[1], &y); err != nil {
		t.Fatalf("the minified data block is not JSON: %v", err)
	}
	if !jsonEqual(x, y) {
		t.Error("minifying changed the questionnaire's data")
	}
	if !bytes.Equal(plain["media/dot.png"], small["media/dot.png"]) {
		t.Error("media changed by minification")
	}
}

func jsonEqual(x, y any) bool {
	a, _ := json.Marshal(x)
	b, _ := json.Marshal(y)
	return bytes.Equal(a, b)
}

func TestSingleFile(t *testing.T) {
	doc, res := Single(context.Background(), testSite(t), site.Options{Theme: templates.FS, Minify: Minify()})
	if res.Diags.Errors() > 0 || doc == nil {
		t.Fatalf("single file: %v", res.Diags.Sorted())
	}
	ids := map[string]int{}
	var hrefs, srcs []string
	tags := map[string]int{}
	l := phtml.NewLexer(parse.NewInputBytes(doc))
	for done := false; !done; {
		tt, _ := l.Next()
		switch tt {
		case phtml.ErrorToken:
			if l.Err() != io.EOF {
				t.Fatal(l.Err())
			}
			done = true
		case phtml.StartTagToken:
			tags[string(l.Text())]++
		case phtml.AttributeToken:
			v := string(bytes.Trim(l.AttrVal(), `"`))
			switch string(l.AttrKey()) {
			case "id":
				ids[v]++
			case "href":
				hrefs = append(hrefs, v)
			case "src":
				srcs = append(srcs, v)
			}
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
	for _, page := range []string{"home", "articles_rest", "articles_walk", "questionnaires_check", "questionnaires_check_rest", "tags_rest"} {
		if ids[page] != 1 {
			t.Errorf("no section %q", page)
		}
	}
	for _, h := range hrefs {
		switch {
		case strings.HasPrefix(h, "#"):
			if h != "#" && ids[h[1:]] != 1 {
				t.Errorf("link %s names no element", h)
			}
		case strings.HasPrefix(h, "data:"), strings.HasPrefix(h, "https:"), strings.HasPrefix(h, "http:"), strings.HasPrefix(h, "mailto:"):
		default:
			t.Errorf("link %s needs another file", h)
		}
	}
	for _, want := range []string{"#articles_walk:how-far", "#articles_rest:when-to-stop", "#questionnaires_check_signs", "#articles_walk"} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("no link to %s", want)
		}
	}
	if len(srcs) != 1 || !strings.HasPrefix(srcs[0], "data:image/png;base64,") {
		t.Errorf("img src %q, want the one image as a data: URL", srcs)
	}
	// The only scripts are the search page's, inline: its index's manifest, its words, its
	// one shard and search.js (the img's is the only src).
	if tags["script"] != 4 || tags["main"] != 0 || tags["link"] != 1 || tags["title"] != 1 || tags["html"] != 1 {
		t.Errorf("tags %v: want the search page's 4 scripts, no main, one link (the icon), one title, one html", tags)
	}
	if tags["style"] != 2 {
		t.Errorf("%d <style> elements, want 2: the theme's and the one that shows a page at a time", tags["style"])
	}
	if again, _ := Single(context.Background(), testSite(t), site.Options{Theme: templates.FS, Minify: Minify()}); !bytes.Equal(doc, again) {
		t.Error("two single files of the same site differ")
	}
}

func TestSingleFileURLs(t *testing.T) {
	s := &single{
		files:    map[string][]byte{"media/a b.png": {1, 2, 3}, "media/leaflet.pdf": {4}},
		sections: map[string]bool{"home": true, "articles_walk": true},
	}
	tests := []struct {
		sec, in, want, file string
	}{
		{"articles_rest", "#", "#", ""},
		{"articles_rest", "#when-to-stop", "#articles_rest:when-to-stop", ""},
		{"articles_rest", "#articles_walk", "#articles_walk", ""},
		{"articles_rest", "#articles_walk#how-far", "#articles_walk:how-far", ""},
		{"articles_rest", "#home", "#home", ""},
		{"articles_rest", "media/a b.png", "data:image/png;base64,AQID", "media/a b.png"},
		{"articles_rest", "media/a%20b.png", "data:image/png;base64,AQID", "media/a b.png"},
		{"articles_rest", "media/leaflet.pdf#page=2", "data:application/pdf;base64,BA==", "media/leaflet.pdf"},
		{"articles_rest", "media/missing.png", "media/missing.png", ""},
		{"articles_rest", "https://example.org/media/a b.png", "https://example.org/media/a b.png", ""},
		{"articles_rest", "mailto:a@example.org", "mailto:a@example.org", ""},
		{"", "#main", "#main", ""},
	}
	for _, tt := range tests {
		got, file := s.url(tt.sec, tt.in)
		if got != tt.want || file != tt.file {
			t.Errorf("url(%q, %q) = %q, %q; want %q, %q", tt.sec, tt.in, got, file, tt.want, tt.file)
		}
	}
}

// shardsSite is a site whose search index has n shards, all named by their content: one rule
// must give them all the long cache (Cloudflare Pages reads at most 100 rules).
func shardsSite(n int) []string {
	w := append([]string{"assets/favicon.svg", "index.html", "search/index.html"}, shardsHashed(n)...)
	slices.Sort(w)
	return w
}

func shardsHashed(n int) []string {
	h := []string{"assets/style.3f9a1c2e.css"}
	for i := range n {
		h = append(h, fmt.Sprintf("search-index/t%d.%08x.js", i, i*7919))
	}
	slices.Sort(h)
	return h
}
