package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/rebuild"
	"guidepost/generator/internal/review"
	"guidepost/generator/internal/site"
)

var (
	//go:embed reload.js
	reloadJS []byte
	//go:embed overlay.css
	overlayCSS []byte
	//go:embed waiting.html
	waitingHTML []byte
)

// A Server rebuilds a site and serves its last good build.
type Server struct {
	ln    net.Listener
	dir   string
	quiet time.Duration
	log   io.Writer
	inc   *rebuild.Incremental
	hub   *Hub
	now   time.Time             // today, for the review report; zero means the clock's
	maps  mapDrawer             // the live flow maps
	good  atomic.Pointer[build] // the last good build; nil until there is one

	lazy rebuild.Lazy // when a rebuild is served as its pages render (see Rebuild)

	mu       sync.Mutex    // one rebuild at a time; guards failed, panicked and pending
	failed   bool          // the last rebuild failed
	panicked bool          // the last rebuild panicked: the next one rebuilds everything
	pending  *pendingBuild // the build served while its pages render, if any
}

// A build is a build being served: a good one, or one whose pages are rendering.
type build struct {
	files files // every file, or those ready when pending is not nil
	n     int   // 1 for the first good build, then one more for each that changed the site
	// pending, when not nil, renders the pages not in files; settled is closed when the
	// server has made its outcome the build served (the same build, whole, or the last good
	// one when a page failed).
	pending *rebuild.Pending
	settled chan struct{}
}

// file returns the file name of b, rendering it now when it is a page of a pending build;
// ok is false when b has no such file, or not yet (see whole), or it failed to render.
func (b *build) file(name string) (data []byte, ok bool) {
	if data, ok := b.files.Get(name); ok || b.pending == nil {
		return data, ok
	}
	return b.pending.Page(name)
}

// has reports whether b has, or renders, the file name.
func (b *build) has(name string) bool {
	_, ok := b.files.Get(name)
	return ok || b.pending != nil && b.pending.Renders(name)
}

// whole reports whether b has all its files: a file it does not have is none of the site.
func (b *build) whole() bool { return b.pending == nil }

// A pendingBuild is a build served while its pages render, with what the server needs to
// make it whole or go back to the build before.
type pendingBuild struct {
	b      *build
	before *build // the last good build
	out    *output
	named  []string
	start  time.Time
}

// Hub returns the hub that tells browsers about rebuilds.
func (s *Server) Hub() *Hub { return s.hub }

// Rebuild builds the site again, as named (the files the watcher reported; nil for the first
// build) asks, reports what it did, serves the result if it built, and tells the browsers.
// It first waits for a build still pending to end. A rebuild with more than s.lazy.Pages
// pages to render is served pending: see install.
func (s *Server) Rebuild(named []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.survive(named)
	s.settle(true)
	if s.panicked {
		named, s.panicked = nil, false
	}
	start := time.Now()
	last := s.good.Load()
	var out *output
	if last != nil {
		out = newOutput(last.files)
	} else {
		out = newOutput(nil)
	}
	var res site.Result
	var stats rebuild.Stats
	if named == nil || slices.Contains(named, LostEvents) {
		res, stats = s.inc.Build(out) // trusts no file to be as it was
	} else {
		lazy := s.lazy
		if last == nil || onlyStylesheets(named) { // nothing to go back to; a css event, not a reload
			lazy.Pages, lazy.Quick = 0, 0
		}
		var p *rebuild.Pending
		if res, stats, p = s.inc.Start(out, named, lazy); p != nil {
			s.install(&pendingBuild{before: last, out: out, named: named, start: start}, p)
			return
		}
	}
	took := time.Since(start)
	s.report(res.Diags, named)
	if res.Diags.Errors() > 0 {
		s.failed = true
		s.refuse(describe(named), res.Diags, took)
		return
	}
	wasFailed := s.failed
	s.failed = false
	files, diff := out.result()
	s.swap(describe(named), files, diff, wasFailed, fmt.Sprintf("%d of %d %s in %s",
		len(stats.Rendered), res.Pages, plural(res.Pages, "page", "pages"), ms(took)))
}

// back returns the last good build, to be served again after the pending build failed, under
// a number of its own: a browser that loaded a page of the failed build and connects again
// is greeted with another number than that build's, and reloads.
func (pb *pendingBuild) back() *build {
	return &build{files: pb.before.files, n: pb.b.n + 1}
}

// install serves the pending build p of pb at once in place of the last good build, and tells
// the browsers to reload; a page asked for before a worker rendered it renders for the
// request. Once every page has rendered, the build is settled (see settle).
func (s *Server) install(pb *pendingBuild, p *rebuild.Pending) {
	pb.b = &build{files: p.Ready(), n: pb.before.n + 1, pending: p, settled: make(chan struct{})}
	s.pending = pb
	s.good.Store(pb.b)
	fmt.Fprintf(s.log, "%sserving the new build while its %d pages render\n", describe(pb.named), p.Pages())
	s.hub.Publish(reloadEvent(pb.b.n), hello(pb.b))
	go func() {
		<-p.Done()
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.pending == pb {
			s.settle(false)
		}
	}()
}

// settle waits until the pages of the pending build, if any, have rendered, saying so when
// say is set and they have not, and serves the outcome: the same build whole, or, when a
// page failed, the last good build again, the errors being sent to the browsers. The caller
// holds s.mu.
func (s *Server) settle(say bool) {
	pb := s.pending
	if pb == nil {
		return
	}
	if say {
		select {
		case <-pb.b.pending.Done():
		default:
			fmt.Fprintln(s.log, "waiting for the pages of the last build to render")
		}
	}
	res, stats, whole := pb.b.pending.Result()
	s.pending = nil
	defer close(pb.b.settled)
	if r := pb.b.pending.Panic(); r != nil {
		s.good.Store(pb.back())
		s.recovered(pb.named, r)
		return
	}
	if !whole { // stopped: dev is stopping
		return
	}
	took := time.Since(pb.start)
	s.report(res.Diags, pb.named)
	if res.Diags.Errors() > 0 {
		s.failed = true
		s.good.Store(pb.back())
		s.refuse(describe(pb.named), res.Diags, took)
		return
	}
	s.failed = false
	files, _ := pb.out.result() // the browsers reloaded when it was installed
	s.good.Store(&build{files: files, n: pb.b.n})
	fmt.Fprintf(s.log, "%srebuilt %d of %d %s in %s\n", describe(pb.named),
		len(stats.Rendered), res.Pages, plural(res.Pages, "page", "pages"), ms(took))
}

// Whole returns once the build served is whole: at once, but after a rebuild served while
// its pages render, once they all have.
func (s *Server) Whole() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(false)
}

// onlyStylesheets reports whether the files named are all stylesheets, whose edit makes a
// css event when nothing else changed.
func onlyStylesheets(named []string) bool {
	for _, p := range named {
		if path.Ext(p) != ".css" {
			return false
		}
	}
	return len(named) > 0
}

// refuse keeps the last good build served after a failed one, and sends its errors.
func (s *Server) refuse(what string, diags *diag.List, took time.Duration) {
	old := s.good.Load()
	n := diags.Errors()
	fmt.Fprintf(s.log, "%sbuild failed with %d %s in %s; ", what, n, plural(n, "error", "errors"), ms(took))
	if old == nil {
		fmt.Fprintln(s.log, "nothing to serve until it builds")
	} else {
		fmt.Fprintln(s.log, "still serving the last good build")
	}
	e := errorsEvent(diags)
	s.hub.Publish(e, hello(old), e)
}

// swap serves the good build files in place of the last one, from which they differ by
// diff, and tells the browsers: to reload, or to swap stylesheets when only they changed;
// nothing when nothing changed and no errors are shown.
func (s *Server) swap(what string, files files, diff changes, wasFailed bool, figures string) {
	old := s.good.Load()
	b := &build{files: files, n: 1}
	if old == nil {
		s.good.Store(b)
		fmt.Fprintf(s.log, "%sbuilt %s\n", what, figures)
		s.hub.Publish(reloadEvent(b.n), hello(b))
		return
	}
	if diff.none() && !wasFailed {
		fmt.Fprintf(s.log, "%sthe site is unchanged\n", what)
		return
	}
	b.n = old.n + 1
	s.good.Store(b)
	fmt.Fprintf(s.log, "%srebuilt %s\n", what, figures)
	e := reloadEvent(b.n)
	if sheets, ok := diff.stylesheetsOnly(old, files); ok && !wasFailed {
		e = cssEvent(b.n, sheets)
	}
	s.hub.Publish(e, hello(b))
}

// report prints the errors of a build, and its warnings about the files named (all
// of them on the first build).
func (s *Server) report(diags *diag.List, named []string) {
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error || named == nil || slices.Contains(named, d.Path) {
			fmt.Fprintln(s.log, d)
		}
	}
}

// describe says which files the watcher reported, as the start of a line.
func describe(named []string) string {
	switch len(named) {
	case 0:
		return ""
	case 1:
		return named[0] + " changed: "
	}
	return fmt.Sprintf("%s and %d more changed: ", named[0], len(named)-1)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ms rounds d for people: 4ms, 1.25s.
func ms(d time.Duration) string {
	if d < 10*time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}

// changes are the differences between two builds (see output): the files added, removed,
// and modified.
type changes struct {
	added, removed, modified []string
}

// same reports whether two files have the same bytes; a file the rebuild took from the build
// before is the very same slice.
func same(x, y []byte) bool {
	if len(x) != len(y) {
		return false
	}
	if len(x) == 0 || &x[0] == &y[0] {
		return true
	}
	return bytes.Equal(x, y)
}

func (c changes) none() bool { return len(c.added)+len(c.removed)+len(c.modified) == 0 }

// hashedCSS matches a stylesheet named by its content's hash, such as assets/style.1a2b3c4d.css.
var hashedCSS = regexp.MustCompile(`^(.*)\.[0-9a-f]{8}\.css$`)

// stylesheetsOnly reports whether only stylesheets changed: each stylesheet removed was
// replaced by one of the same name with another hash, no other file was added, removed or
// changed, and each changed page differs only by the stylesheets' names. It returns each
// old stylesheet's replacement.
func (c changes) stylesheetsOnly(old *build, new files) (map[string]string, bool) {
	if old == nil || len(c.removed) == 0 || len(c.added) != len(c.removed) {
		return nil, false
	}
	byStem := make(map[string]string)
	for _, name := range c.added {
		m := hashedCSS.FindStringSubmatch(name)
		if m == nil {
			return nil, false
		}
		byStem[m[1]] = name
	}
	sheets := make(map[string]string)
	for _, name := range c.removed {
		m := hashedCSS.FindStringSubmatch(name)
		if m == nil || byStem[m[1]] == "" {
			return nil, false
		}
		sheets[name] = byStem[m[1]]
	}
	for _, name := range c.modified {
		if path.Ext(name) != ".html" {
			return nil, false
		}
		page := old.files.Value(name)
		for _, from := range slices.Sorted(maps.Keys(sheets)) {
			page = bytes.ReplaceAll(page, []byte(from), []byte(sheets[from]))
		}
		if !bytes.Equal(page, new.Value(name)) {
			return nil, false
		}
	}
	return sheets, true
}

// The events sent to browsers; see the package documentation.

func hello(b *build) Event {
	n := 0
	if b != nil {
		n = b.n
	}
	return jsonEvent("hello", struct {
		Build int `json:"build"`
	}{n})
}

func reloadEvent(n int) Event {
	return jsonEvent("reload", struct {
		Build int `json:"build"`
	}{n})
}

func cssEvent(n int, sheets map[string]string) Event {
	return jsonEvent("css", struct {
		Build       int               `json:"build"`
		Stylesheets map[string]string `json:"stylesheets"`
	}{n, sheets})
}

// Problem is an error of a failed build, as the browser shows it.
type Problem struct {
	Pos     string `json:"pos"` // path:line:col
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

func errorsEvent(diags *diag.List) Event {
	var list []Problem
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error {
			list = append(list, Problem{Pos: d.Pos.String(), Message: d.Message, Hint: d.Hint})
		}
	}
	return jsonEvent("errors", struct {
		Errors []Problem `json:"errors"`
	}{list})
}

func jsonEvent(name string, v any) Event {
	data, err := json.Marshal(v)
	if err != nil { // the values above always marshal
		data = []byte(`{}`)
	}
	return Event{Name: name, Data: data}
}

// ServeHTTP serves the last good build, and dev mode's own files under any _guidepost/
// folder: reload.js, overlay.css and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if slug, ok := mapSlug(r.URL.Path); ok {
		s.serveMap(w, r, slug)
		return
	}
	if dir, name := path.Split(r.URL.Path); path.Base(dir) == "_guidepost" {
		s.serveOwn(w, r, name)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	b := s.good.Load()
	if b == nil {
		w.Header().Set("Retry-After", "1")
		serve(w, r, http.StatusServiceUnavailable, "waiting.html", waitingHTML)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		notFound(w, r, b)
		return
	}
	for {
		if data, ok := b.file(name); ok {
			serve(w, r, http.StatusOK, name, data)
			return
		}
		if b.has(name + "/index.html") {
			to := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			w.Header().Set("Cache-Control", "no-store")
			http.Redirect(w, r, to, http.StatusFound) // not 301: browsers would keep it after dev
			return
		}
		if b.whole() {
			notFound(w, r, b)
			return
		}
		// A file of a pending build that is not among those ready, nor a page it renders (the
		// search index, or no file of the site), or a page that failed: the build it settles
		// into tells.
		select {
		case <-b.settled:
		case <-r.Context().Done():
			return
		}
		if next := s.good.Load(); next != b {
			b = next
			continue
		}
		http.Error(w, "dev is stopping", http.StatusServiceUnavailable)
		return
	}
}

// sitePath returns the name of the file of the build that the URL path p names, with
// index.html for a folder; ok is false for a path that no file of a build can have: not
// starting with "/", or with an empty, "." or ".." segment.
func sitePath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/")
	if !ok {
		return "", false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += "index.html"
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\\x00") {
			return "", false
		}
	}
	if !fs.ValidPath(rest) {
		return "", false
	}
	return rest, true
}

func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.hub.ServeHTTP(w, r)
	case "reload.js":
		serve(w, r, http.StatusOK, name, reloadJS)
	case "overlay.css":
		serve(w, r, http.StatusOK, name, overlayCSS)
	case "review":
		s.serveReview(w, r)
	default:
		http.NotFound(w, r)
	}
}

func notFound(w http.ResponseWriter, r *http.Request, b *build) {
	if page, ok := b.file("404.html"); ok {
		serve(w, r, http.StatusNotFound, "404.html", page)
		return
	}
	http.NotFound(w, r)
}

// serve answers with data, typed by name's extension; never cached, since it may change
// with the next save.
func serve(w http.ResponseWriter, r *http.Request, status int, name string, data []byte) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveReview serves the review report of the site as it is on disk now (see package
// review): every request reads the articles' front matter and the questionnaires again, and
// the page loads the reload script, so that it follows the editor's saves.
func (s *Server) serveReview(w http.ResponseWriter, r *http.Request) {
	today := s.now
	if today.IsZero() {
		today = time.Now()
	}
	var diags diag.List
	items, settings := review.Load(os.DirFS(s.dir), true, &diags)
	var buf bytes.Buffer
	if err := review.Make(items, today, settings.ReviewAfter, review.DefaultWithin()).WriteHTML(&buf, "/"+ScriptPath); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	serve(w, r, http.StatusOK, "review.html", buf.Bytes())
}
