package site_test

// The quality gates of the default theme (issue 6), run with the real checkers on the sample
// site (content/) and on testdata/rich, which uses every feature of articles and
// questionnaires:
//
//   - every page passes the W3C Nu Html Checker with no error, and sitemap.xml is well-formed;
//   - every kind of page has no axe-core violation (WCAG 2.0–2.2 A and AA, best practices) in
//     light and dark mode, 375 and 1280 px wide; its body text has a contrast of 7:1 (AAA);
//     it does not scroll sideways at 320 px; under a strict Content Security Policy it
//     reports no error and requests nothing but the site's own files;
//   - each page with its CSS and JavaScript stays within its gzip budget.
//
// Every failure names the site, the page and the rule.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/browsertest"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// Budgets, in bytes of gzip-compressed page + its CSS + its JavaScript.
const (
	qualityQuestionnaireBudget = 20 * 1024 // a questionnaire's start page, which carries the tree
	qualityPageBudget          = 15 * 1024 // every other page
)

// qualityCSP is the policy the pages are served with: nothing inline, nothing from elsewhere.
const qualityCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// A qualitySite is a site built for the checks, served on 127.0.0.1.
type qualitySite struct {
	name  string
	dir   string // the built site
	base  string // its URL, ending in "/"
	pages []qualityPage
}

// A qualityPage is one page to check in the browser.
type qualityPage struct {
	kind   string // home, article, tag, questionnaire, choice, checklist, outcome-info, ...
	path   string // from the site root; "" is the home page
	noJS   bool   // load it with JavaScript off
	status int    // 404 for the not-found page
}

func (p qualityPage) String() string {
	s := p.kind + " /" + p.path
	if p.noJS {
		s += " (no JavaScript)"
	}
	return s
}

// qualityKinds are the kinds of page every check must see in the rich site.
var qualityKinds = []string{"home", "article", "tag", "tags", "articles", "questionnaire", "choice", "checklist",
	"checklist-each", "outcome-info", "outcome-caution", "outcome-urgent", "outcome-emergency",
	"outcome-composed", "search", "404"}

func TestQuality(t *testing.T) {
	root := browsertest.RepoRoot(t)
	sites := []*qualitySite{
		// The sample site has no base_url: served at the host's root, as its 404 page expects.
		qualityBuild(t, "sample", root, "/", false),
		// The rich site has one: built with the test server's URL at a sub-path, so that its
		// canonical links, sitemap and 404 page point at the server; and with its draft, as
		// `guidepost dev` shows it, so that the draft marks are checked too.
		qualityBuild(t, "rich", filepath.Join(root, "generator/internal/site/testdata/rich"), "/guidance/", true),
	}
	rich := sites[1]
	for _, kind := range qualityKinds {
		if !slices.ContainsFunc(rich.pages, func(p qualityPage) bool { return p.kind == kind }) {
			t.Errorf("testdata/rich has no page of kind %q: the checks would miss it", kind)
		}
	}

	t.Run("vnu", func(t *testing.T) {
		t.Parallel()
		var files []string
		for _, s := range sites {
			files = append(files, qualityFiles(t, s.dir, ".html")...)
		}
		for _, e := range browsertest.VnuFiles(t, files...) {
			t.Errorf("Nu Html Checker: %s", qualityRelative(e, sites))
		}
	})

	t.Run("sitemap", func(t *testing.T) {
		t.Parallel()
		qualitySitemap(t, rich)
	})

	t.Run("budget", func(t *testing.T) {
		t.Parallel()
		for _, s := range sites {
			qualityBudget(t, s)
		}
	})

	t.Run("browser", func(t *testing.T) {
		t.Parallel()
		qualityBrowser(t, sites)
	})
}

// qualityBuild builds the site in src into a new folder, serves it under prefix and lists
// the pages to check: one of each kind, and every article of a rich site.
func qualityBuild(t *testing.T, name, src, prefix string, withBaseURL bool) *qualitySite {
	t.Helper()
	dir := t.TempDir()
	s := &qualitySite{name: name, dir: dir}
	s.base = browsertest.Serve(t, dir, prefix, http.Header{"Content-Security-Policy": {qualityCSP}})
	// As `guidepost build` does: the pages readers get are minified.
	opts := site.Options{Theme: templates.FS, Minify: publish.Minify()}
	if withBaseURL {
		opts.BaseURL = s.base
		opts.Drafts = true
	}
	out, err := site.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	res := site.Build(context.Background(), os.DirFS(src), opts, out)
	if err := res.Diags.Err(); err != nil {
		out.Abort()
		t.Fatalf("build %s: %v", name, err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}

	add := func(kind, p string) { s.pages = append(s.pages, qualityPage{kind: kind, path: p}) }
	add("home", "")
	articles := qualityDirs(t, dir, "articles")
	if len(articles) == 0 {
		t.Fatalf("%s: no article was built", name)
	}
	if !withBaseURL {
		articles = articles[:1]
	}
	for _, a := range articles {
		add("article", "articles/"+a+"/")
	}
	if tags := qualityDirs(t, dir, "tags"); len(tags) > 0 {
		add("tag", "tags/"+tags[0]+"/")
	}
	add("tags", "tags/")         // every topic
	add("articles", "articles/") // the A to Z
	questionnaires, err := fs.Glob(os.DirFS(src), "content/questionnaires/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, file := range questionnaires {
		data, err := os.ReadFile(filepath.Join(src, file))
		if err != nil {
			t.Fatal(err)
		}
		var diags diag.List
		q := questionnaire.Parse(file, data, &diags)
		q.Check(nil, &diags)
		start := "questionnaires/" + q.Slug + "/"
		if !seen["questionnaire"] {
			add("questionnaire", start)
			s.pages = append(s.pages, qualityPage{kind: "questionnaire", path: start, noJS: true})
			seen["questionnaire"] = true
		}
		pages, err := q.Pages()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, pg := range pages {
			n := pg.Node
			kind := n.Kind.String()
			switch {
			case n.Kind == questionnaire.Outcome && len(pg.Shown) > 0:
				kind = "outcome-composed"
			case n.Kind == questionnaire.Outcome:
				kind += "-" + n.Level.String()
			case n.Each:
				kind += "-each"
			}
			if !seen[kind] {
				add(kind, start+pg.Dir)
				seen[kind] = true
			}
		}
	}
	// The search page with a query (results, marks, the count), and without script (the A to
	// Z list).
	add("search", "search/?q=back+pain")
	s.pages = append(s.pages, qualityPage{kind: "search", path: "search/?q=back+pain", noJS: true})
	s.pages = append(s.pages, qualityPage{kind: "404", path: "no/such/page/", status: http.StatusNotFound})
	return s
}

// qualityDirs lists the folders under dir/sub, sorted.
func qualityDirs(t *testing.T, dir, sub string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, sub))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// qualityFiles lists the files under dir whose names end in ext.
func qualityFiles(t *testing.T, dir, ext string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// qualityRelative replaces the temporary folders in a checker's message by the sites' names.
func qualityRelative(msg string, sites []*qualitySite) string {
	for _, s := range sites {
		msg = strings.ReplaceAll(msg, "file:"+s.dir+"/", s.name+":")
		msg = strings.ReplaceAll(msg, s.dir+"/", s.name+":")
	}
	return msg
}

// qualitySitemap checks that sitemap.xml is well-formed XML of the sitemaps.org schema and
// lists, under the base URL, every article, tag and questionnaire the site has, and nothing
// it does not have.
func qualitySitemap(t *testing.T, s *qualitySite) {
	data, err := os.ReadFile(filepath.Join(s.dir, "sitemap.xml"))
	if err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: sitemap.xml is not well-formed XML: %v", s.name, err)
		}
	}
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("%s: sitemap.xml: %v", s.name, err)
	}
	if set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || set.XMLName.Local != "urlset" {
		t.Errorf("%s: sitemap.xml root is %v, want urlset of the sitemaps.org 0.9 namespace", s.name, set.XMLName)
	}
	dateRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	listed := map[string]bool{}
	for _, u := range set.URLs {
		p, ok := strings.CutPrefix(u.Loc, s.base)
		if !ok {
			t.Errorf("%s: sitemap.xml: %s is not under the base URL %s", s.name, u.Loc, s.base)
			continue
		}
		if listed[p] {
			t.Errorf("%s: sitemap.xml lists %s twice", s.name, u.Loc)
		}
		listed[p] = true
		if _, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(p), "index.html")); err != nil {
			t.Errorf("%s: sitemap.xml lists %s, which the site does not have", s.name, u.Loc)
		}
		if u.LastMod != "" && !dateRE.MatchString(u.LastMod) {
			t.Errorf("%s: sitemap.xml: lastmod %q of %s is not a W3C date", s.name, u.LastMod, u.Loc)
		}
	}
	want := []string{""}
	for _, sub := range []string{"articles", "tags", "questionnaires"} {
		for _, d := range qualityDirs(t, s.dir, sub) {
			want = append(want, sub+"/"+d+"/")
		}
	}
	for _, p := range want {
		if !listed[p] {
			t.Errorf("%s: sitemap.xml does not list %s%s", s.name, s.base, p)
		}
	}
}

// Attributes that load something: stylesheets, scripts, images, icons.
var (
	qualityStylesheetRE = regexp.MustCompile(`<link [^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link [^>]*href="([^"]+)"[^>]*rel="stylesheet"`)
	qualityScriptRE     = regexp.MustCompile(`<script [^>]*src="([^"]+)"`)
	qualityLoadRE       = regexp.MustCompile(`<(?:img|script|source|link)\b[^>]*\b(?:src|href|srcset)="([^"]+)"`)
	// What a Content Security Policy without 'unsafe-inline' refuses: style attributes,
	// event handler attributes, scripts written in the page (a JSON data block is data).
	qualityInlineRE = regexp.MustCompile(`<[a-zA-Z][^>]*\s(style|on[a-z]+)=|<script(?:\s[^>]*)?>`)
)

// qualityBudget checks the weight of every page of s with what it loads, that it loads
// nothing from elsewhere, and that it has nothing inline that a strict CSP refuses.
func qualityBudget(t *testing.T, s *qualitySite) {
	for _, file := range qualityFiles(t, s.dir, ".html") {
		rel, _ := filepath.Rel(s.dir, file)
		page := filepath.ToSlash(rel)
		html, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		total := qualityGzip(t, html)
		parts := []string{fmt.Sprintf("page %d", total)}
		var refs []string
		for _, m := range qualityStylesheetRE.FindAllStringSubmatch(string(html), -1) {
			refs = append(refs, m[1]+m[2])
		}
		for _, m := range qualityScriptRE.FindAllStringSubmatch(string(html), -1) {
			refs = append(refs, m[1])
		}
		for _, ref := range refs {
			local, ok := qualityLocal(s, page, ref)
			if !ok {
				continue // reported below
			}
			data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(local)))
			if err != nil {
				t.Errorf("%s: %s loads %s, which the site does not have", s.name, page, ref)
				continue
			}
			n := qualityGzip(t, data)
			total += n
			parts = append(parts, fmt.Sprintf("%s %d", path.Base(local), n))
		}
		budget := qualityPageBudget
		if strings.Count(page, "/") == 2 && strings.HasPrefix(page, "questionnaires/") {
			budget = qualityQuestionnaireBudget
		}
		if total > budget {
			t.Errorf("%s: %s weighs %d bytes gzip-compressed with its CSS and JS (%s), over its budget of %d",
				s.name, page, total, strings.Join(parts, " + "), budget)
		}
		for _, m := range qualityInlineRE.FindAllStringSubmatch(string(html), -1) {
			if m[1] == "" && (strings.Contains(m[0], " src=") || strings.Contains(m[0], `type="application/json"`)) {
				continue
			}
			t.Errorf("%s: %s has %s, which a strict Content Security Policy refuses", s.name, page, m[0])
		}
		for _, m := range qualityLoadRE.FindAllStringSubmatch(string(html), -1) {
			if _, ok := qualityLocal(s, page, m[1]); !ok {
				t.Errorf("%s: %s loads %s, which is not one of the site's own files", s.name, page, m[1])
			}
		}
	}
}

// qualityLocal resolves ref, found in page, to a path in the site, or reports that it points
// elsewhere. The 404 page uses absolute URLs under the base URL, or paths from the host's root.
func qualityLocal(s *qualitySite, page, ref string) (string, bool) {
	ref, _, _ = strings.Cut(ref, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if p, ok := strings.CutPrefix(ref, s.base); ok {
		return p, true
	}
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") || strings.HasPrefix(ref, "data:") {
		return "", false
	}
	if strings.HasPrefix(ref, "/") {
		return strings.TrimPrefix(ref, "/"), true
	}
	return path.Join(path.Dir(page), ref), true
}

func qualityGzip(t *testing.T, data []byte) int {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// A qualityMode is how a reader's browser shows pages.
type qualityMode struct {
	scheme string // light or dark
	width  int64
}

func (m qualityMode) String() string { return fmt.Sprintf("%s %dpx", m.scheme, m.width) }

var qualityModes = []qualityMode{{"light", 375}, {"light", 1280}, {"dark", 375}, {"dark", 1280}}

// qualityBrowser checks every page of every site in every mode, in one tab.
func qualityBrowser(t *testing.T, sites []*qualitySite) {
	ctx := browsertest.NewBrowser(t)
	console := browsertest.CaptureConsole(ctx)
	for _, m := range qualityModes {
		if err := browsertest.EmulateMedia(ctx, map[string]string{"prefers-color-scheme": m.scheme}); err != nil {
			t.Fatal(err)
		}
		if err := browsertest.SetViewport(ctx, m.width, 900); err != nil {
			t.Fatal(err)
		}
		for _, s := range sites {
			for _, p := range s.pages {
				where := fmt.Sprintf("%s: %s, %s", s.name, p, m)
				qualityLoad(t, ctx, console, s, p, where)
				for _, v := range browsertest.Axe(t, ctx) {
					t.Errorf("%s: axe: %s", where, v)
				}
				for _, e := range browsertest.Eval[[]string](t, ctx, qualityContrastJS) {
					t.Errorf("%s: body text below 7:1 contrast (WCAG AAA): %s", where, e)
				}
			}
		}
	}
	// The narrowest screen the theme supports: nothing may make the page scroll sideways.
	if err := browsertest.EmulateMedia(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.SetViewport(ctx, 320, 700); err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		for _, p := range s.pages {
			where := fmt.Sprintf("%s: %s, 320px", s.name, p)
			qualityLoad(t, ctx, console, s, p, where)
			if wide := browsertest.Eval[[]string](t, ctx, qualityOverflowJS); len(wide) > 0 {
				t.Errorf("%s: the page scrolls sideways; too wide: %s", where, strings.Join(wide, ", "))
			}
		}
	}
}

// qualityLoad loads page p of s in the tab and reports what went wrong while it loaded:
// errors (a CSP refusal among them) and requests for anything but the site's own files.
func qualityLoad(t *testing.T, ctx context.Context, console *browsertest.Console, s *qualitySite, p qualityPage, where string) {
	t.Helper()
	if p.noJS {
		if err := browsertest.DisableJavaScript(ctx); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := browsertest.EnableJavaScript(ctx); err != nil {
				t.Fatal(err)
			}
		}()
	}
	errs, reqs := len(console.Errors()), len(console.Requests())
	url := s.base + p.path
	browsertest.Navigate(t, ctx, url)
	for _, e := range console.Errors()[errs:] {
		if p.status != 0 && e == fmt.Sprintf("HTTP %d: %s", p.status, url) {
			continue
		}
		t.Errorf("%s: %s", where, e)
	}
	for _, r := range console.Requests()[reqs:] {
		if !strings.HasPrefix(r, s.base) {
			t.Errorf("%s: requests %s, which is not one of the site's own files", where, r)
		}
	}
}

// qualityContrastJS lists the visible text of main whose colour has a contrast below 7:1
// with the background behind it. Links are left to axe (4.5:1).
const qualityContrastJS = `(() => {
	const parse = c => {
		const m = /rgba?\(([^)]+)\)/.exec(c);
		if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const over = (fg, bg) => ({r: fg.r*fg.a + bg.r*(1-fg.a), g: fg.g*fg.a + bg.g*(1-fg.a), b: fg.b*fg.a + bg.b*(1-fg.a), a: 1});
	const lum = c => {
		const f = v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); };
		return 0.2126*f(c.r) + 0.7152*f(c.g) + 0.0722*f(c.b);
	};
	const background = el => {
		const layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
		}
		let bg = {r: 255, g: 255, b: 255, a: 1};
		if (layers.length && layers[layers.length-1].a >= 1) bg = layers.pop();
		while (layers.length) bg = over(layers.pop(), bg);
		return bg;
	};
	const name = el => {
		const parts = [];
		for (let e = el; e && e.tagName !== 'MAIN'; e = e.parentElement) {
			parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
		}
		return parts.join(' > ');
	};
	const bad = [];
	const sel = 'main :is(p, li, td, th, dd, dt, blockquote, figcaption, caption, h1, h2, h3, h4, h5, h6, legend, label, span, strong, em, time, small)';
	for (const el of document.querySelectorAll(sel)) {
		if (el.closest('a, button, .print-only, [hidden], [aria-hidden="true"]') || !el.getClientRects().length) continue;
		const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
		if (!own) continue;
		const st = getComputedStyle(el);
		if (st.visibility !== 'visible' || Number(st.opacity) === 0) continue;
		const bg = background(el), fg = over(parse(st.color), bg);
		const a = lum(fg), b = lum(bg);
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		if (ratio < 7) bad.push(name(el) + ' "' + own.slice(0, 40) + '" ' + st.color + ' on ' + JSON.stringify(bg) + ': ' + ratio.toFixed(2));
	}
	return bad;
})()`

// qualityOverflowJS lists the elements that reach past the right edge of the viewport.
const qualityOverflowJS = `(() => {
	const w = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth <= w) return [];
	const out = [];
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		if (r.right > w + 1 && !el.closest('table, pre')) out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' (' + Math.round(r.right) + 'px)');
	}
	return out.length ? out.slice(0, 5) : ['the document is ' + document.documentElement.scrollWidth + 'px wide'];
})()`
