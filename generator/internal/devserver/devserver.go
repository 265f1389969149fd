// Package devserver is "guidepost dev": it serves a site while an editor changes it.
//
// Data flows one way: file events -> a batch of the paths named (after a quiet time) ->
// an incremental rebuild -> the browsers are told.
//
//   - Watcher (watch.go) watches content/ and templates/ of the site folder recursively with
//     fsnotify, folders created later included, and the site folder itself for those two
//     appearing. Swap, backup and lock files of editors are ignored. Events are gathered
//     until no new one came for a short quiet time, so that an editor's save (vim writes a
//     new file and renames it, VS Code truncates and writes) or a git checkout of hundreds of
//     files gives one batch, hence one rebuild.
//   - Server (server.go) rebuilds with rebuild.Incremental, drafts included and marked, and serves
//     the last good build from memory: Content-Type by extension, index.html for folders,
//     "/page" redirected to "/page/", 404.html for anything else, Cache-Control: no-store.
//     Only files of the build are served: a path with "..", however encoded, and anything that
//     is not a file of the build (a folder, a symbolic link, which builds skip) is a 404. A
//     failed rebuild changes nothing served: its errors are printed and sent to the browsers.
//     A rebuild with more pages to render than Config.LazyPages (a template edit), or a
//     quick one with more than Config.LazyQuick (an article whose title or tags changed, on
//     a large site: the A to Z and its tags' listings render again), is served
//     as soon as it is planned, while workers render its pages (rebuild.Start): every other
//     file is there at once, a page no worker has rendered yet renders for the request that
//     asks for it, and a file it does not have yet (the search index, a 404) is answered once
//     it is whole. The browsers reload at once. Once every page has rendered the build is
//     whole and served as any good build; if a page failed, the last good build is served
//     again and the errors are sent (a reader may have seen a page of the failed build in
//     between). The next rebuild waits for the pending one to end.
//     Until a first good build there is a waiting page (503) that shows the errors too. The
//     server's own address is the build's base URL, so that 404.html, canonical links and
//     the sitemap point at it.
//   - Hub (hub.go) holds the browsers listening on the Server-Sent Events endpoint
//     /_guidepost/events and sends them what happened.
//   - /_guidepost/map/SLUG is the live flow map of a questionnaire (package flowmap), drawn
//     from the file on disk at every request, with the tree's problems listed above it;
//     reload.js adds a bar of dev links to it on the questionnaire's pages.
//   - /_guidepost/review is the review report (package review) of the site as it is on disk,
//     drafts included, read again on every request.
//   - reload.js, which every page loads in dev only (from /_guidepost/reload.js, never part
//     of a build's output), listens to those events: it reloads the page after a good
//     rebuild (keeping the fragment, where a questionnaire keeps its step), swaps the
//     stylesheet without reloading when only CSS changed, and shows a failed build's errors
//     over the page (path:line:col: message, in a role="alert" box styled by
//     /_guidepost/overlay.css) until a good build clears them. It marks the page with
//     <html data-guidepost-build="n"> once connected, n being the build it shows. Since a
//     browser opens only six HTTP/1.1 connections to a server and each stream holds one,
//     only one tab of a browser (the holder of a Web Lock) listens, and passes the events on
//     to the other tabs over a BroadcastChannel.
//
// The events, each a JSON object:
//
//	hello   {"build": 3}                 sent first on every connection; after a reconnection a
//	                                     different build number makes the page reload
//	reload  {"build": 4}                 a good rebuild changed the site
//	css     {"build": 5, "stylesheets": {"assets/style.1a2b3c4d.css": "assets/style.5e6f7a8b.css"}}
//	                                     a good rebuild changed only stylesheets
//	errors  {"errors": [{"pos": "content/articles/walking.md:3:8", "message": "...", "hint": "..."}]}
//	                                     the last rebuild failed; also sent after hello while it is so
//
// Server.Run stops cleanly when its context is done: the watcher closes, event streams end
// and the HTTP server shuts down before it returns; a rebuild still running is not waited
// for (it holds nothing but memory), so Ctrl-C stops dev at once. The command listens on
// 127.0.0.1 unless told otherwise (Listen). The server answers only requests whose Host
// header names it (localhost, the loopback addresses, the address it listens on, and the
// machine's names and addresses when it listens on every interface), so that a page of
// another site cannot read the drafts through DNS rebinding.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"time"

	"guidepost/generator/internal/rebuild"
	"guidepost/generator/internal/site"
)

// DefaultQuiet is how long the watcher waits after the last file event before a rebuild. An
// editor's save (vim's rename and write, VS Code's truncate and write) takes a millisecond or
// two, and a git checkout writes file after file with shorter gaps, each event starting the
// wait again; the quiet time is part of what an editor waits for after every save. A burst
// with a longer pause in it gives two rebuilds, the second of which names what the first
// missed.
const DefaultQuiet = 20 * time.Millisecond

// ScriptPath is where every page loads the reload script from, as a path from the site root.
const ScriptPath = "_guidepost/reload.js"

// Config says what to serve and how.
type Config struct {
	Dir     string       // the site folder, the one holding content/
	Options site.Options // build options; New adds drafts, the reload script and the base URL
	Log     io.Writer    // where rebuilds and their errors are reported
	Quiet   time.Duration
	// LazyPages: a rebuild with more pages than this to render is served while they render
	// (see Server.Rebuild); 0 means rebuild.DefaultLazyPages, a negative number never.
	LazyPages int
	// LazyQuick: a quick rebuild (an article saved) with more files than this to render, or
	// any on a site with search, is served while they render; 0 means
	// rebuild.DefaultLazyQuick, a negative number never.
	LazyQuick int

	gate func(page string) // tests: see rebuild.Lazy.Gate
}

// Listen listens on bind:port or, when that port is taken, on the first free one of the
// next 20; the caller learns which from the listener's address.
func Listen(bind string, port int) (net.Listener, error) {
	var first error
	for p := port; p <= port+20 && p <= 65535; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if first == nil {
			first = err
		}
		if port == 0 {
			break
		}
	}
	return nil, fmt.Errorf("cannot listen on %s from port %d on: %w", bind, port, first)
}

// URL returns the address of the site served on ln, one a browser on this machine can open
// (127.0.0.1 when ln listens on every interface).
func URL(ln net.Listener) string {
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return "http://" + ln.Addr().String() + "/"
	}
	return "http://" + net.JoinHostPort(browserHost(addr), strconv.Itoa(addr.Port)) + "/"
}

// New returns a server for the site of cfg, to be served on ln: it builds with drafts,
// with the reload script and with ln's address as the base URL.
func New(ln net.Listener, cfg Config) *Server {
	if cfg.Quiet == 0 {
		cfg.Quiet = DefaultQuiet
	}
	opts := cfg.Options
	opts.Drafts = true
	opts.BaseURL = URL(ln)
	opts.Scripts = append(slices.Clip(opts.Scripts), ScriptPath)
	if cfg.LazyPages == 0 {
		cfg.LazyPages = rebuild.DefaultLazyPages
	}
	if cfg.LazyQuick == 0 {
		cfg.LazyQuick = rebuild.DefaultLazyQuick
	}
	return &Server{
		ln: ln, dir: cfg.Dir, quiet: cfg.Quiet, log: cfg.Log, now: cfg.Options.Now,
		lazy: rebuild.Lazy{Pages: max(cfg.LazyPages, 0), Quick: max(cfg.LazyQuick, 0), Gate: cfg.gate},
		inc:  rebuild.NewIncremental(os.DirFS(cfg.Dir), opts),
		hub:  NewHub(),
	}
}

// stopWait is how long Run waits, when told to stop, for a rebuild to end: dev keeps its
// builds in memory, so one it does not wait for loses nothing.
const stopWait = 200 * time.Millisecond

// firstBuild runs the first build and reports whether it ended before ctx was done.
func (s *Server) firstBuild(ctx context.Context) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Rebuild(nil)
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// Run builds the site, serves it, and rebuilds it on every change until ctx is done; then
// it stops everything it started, closes the listener and returns nil. Only a failure to
// start watching or serving is an error: a broken site is reported, and served as it last
// built. Run may be called once.
func (s *Server) Run(ctx context.Context) error {
	s.lazy.Ctx = ctx // before any rebuild
	defer s.ln.Close()
	defer s.maps.close()
	w, err := Watch(s.dir, []string{"content", "templates"}, s.quiet, s.log)
	if err != nil {
		return err
	}
	if !s.firstBuild(ctx) {
		w.Run(ctx, nil) // ctx is done: it stops watching and returns
		return nil
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []string)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		w.Run(ctx, batches)
	}()
	rebuilt := make(chan struct{})
	go func() {
		defer close(rebuilt)
		for {
			select {
			case named := <-batches:
				s.Rebuild(named)
			case <-ctx.Done():
				return
			}
		}
	}()

	var handler http.Handler = s
	if addr, ok := s.ln.Addr().(*net.TCPAddr); ok {
		handler = hostGuard(allowedHosts(addr), URL(s.ln), s)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()

	select {
	case <-ctx.Done():
	case err = <-served: // the listener failed
		cancel()
	}
	s.hub.Close() // ends the event streams, which Shutdown would wait for
	shutdown, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if serr := srv.Shutdown(shutdown); serr != nil {
		srv.Close()
	}
	<-watched
	select { // a rebuild works in memory only: one still running when told to stop is left
	case <-rebuilt:
	case <-time.After(stopWait):
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}
