package rebuild

import (
	"context"
	"maps"
	"runtime"
	"sync"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/layered"
	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/site"
)

// DefaultLazyPages is how many pages a whole build may have to render before dev serves it
// as its pages render (see Start): 500 pages render in some 40 ms on two cores, which an
// editor does not notice, while a template edit on a site of 10,000 articles renders them
// all, some 750 ms.
const DefaultLazyPages = 500

// DefaultLazyQuick is how many files a quick build may have to render before dev serves it
// as they render. A body edit renders its page alone; a new title, tag or article renders
// the listings that show it too: on a site of 10,000 articles a tag's listing of some 1,600
// articles, or the A to Z's 50 pages after a new title, tens of milliseconds of work that
// the page the editor looks at need not wait for.
const DefaultLazyQuick = 2

// Lazy says when Start may return a build before its pages are rendered.
type Lazy struct {
	// Pages: a whole build with more pages than this to render is returned pending; 0 never.
	Pages int
	// Ctx stops the pending build's workers when done; nil is context.Background().
	Ctx context.Context
	// Quick: a quick build (see BuildNamed) with more files than this to render, or on a
	// site with search any, is returned pending, its files rendering while the last build's
	// others are served; 0 never.
	Quick int
	// Gate, when not nil, is called by a worker before it renders the page name, and may
	// block: tests hold pages back with it, to request them while they are pending.
	Gate func(name string)
}

// allows reports whether the build b, whose tasks are scheduled, is to be returned pending:
// one with errors already, or in several languages (the others are built after the
// default one), is built as usual.
func (l Lazy) allows(b *site.Loaded, diags *diag.List, tasks []task) bool {
	if l.Pages <= 0 || diags.Errors() > 0 {
		return false
	}
	if _, ok := b.Languages(); ok {
		return false
	}
	n := 0
	for _, t := range tasks {
		if t.Page() && t.reuse == nil {
			n++
		}
	}
	return n > l.Pages
}

// allowsQuick reports whether a quick build rendering tasks is to be returned pending: one
// with more than l.Quick, or on a site with search (whose index is made again once the
// pages are: some 15 ms at 10,000 articles) with any.
func (l Lazy) allowsQuick(tasks []task, search bool) bool {
	return l.Quick > 0 && (len(tasks) > l.Quick || search && len(tasks) > 0)
}

// Start is BuildNamed for a dev server that serves a build while its pages render:
//
//   - When BuildNamed would make a quick build with more than lazy.Quick files to render (a
//     new article on a site of 10,000 renders the 50 pages of the A to Z, the listings of its
//     tags, the home page...), Start returns it pending at once, serving every other file of
//     the last build; once its files have rendered, it completes as a quick build does, or,
//     when it cannot (a page now reports a problem), builds the whole site instead.
//   - When BuildNamed would make a whole build that, once loaded, has no error and more than
//     lazy.Pages pages to render, Start writes to out every other file (the pages whose last
//     rendering holds, the sitemap, media, theme assets) and returns it pending.
//
// Workers render a pending build's files in the background, and any of them may be asked
// for at once (Pending.Page). The search index, made of every page, is written once they
// are all rendered. Otherwise Start builds as BuildNamed does and returns its result with
// a nil Pending.
//
// The next build of inc waits until the pending one has ended: it starts from a whole build.
func (inc *Incremental) Start(out site.Output, named []string, lazy Lazy) (site.Result, Stats, *Pending) {
	set := make(map[string]bool, len(named))
	for _, p := range named {
		set[p] = true
	}
	return inc.start(out, set, lazy)
}

// A Pending build is a build whose pages are rendering: a whole build or a quick one (see
// Start). Every
// page renders once, whoever asks first: a worker or a caller of Page, which then waits for
// it.
type Pending struct {
	w     work
	ready *layered.Map[string, []byte] // the files served before the pages render
	pages map[string]*pageJob          // the files to render, by name
	done  chan struct{}                // closed when every page has rendered, or the workers stopped

	// Set before done is closed.
	res   site.Result
	stats Stats
	whole bool // every page rendered: res and stats are the build's
	panic any  // recovered from the work after the pages (a bug), if any
}

// work is what a pending build renders and then completes: a whole build or a quick one.
type work interface {
	run(t task) (data []byte, ok bool) // produces the file of t, once
	finish() (site.Result, Stats)      // once every task has run
	abandon()                          // the workers stopped before every task ran
}

// A pageJob renders one page of a pending build, once.
type pageJob struct {
	once sync.Once
	t    task
	data []byte
	ok   bool
}

func (j *pageJob) render(w work) ([]byte, bool) {
	j.once.Do(func() { j.data, j.ok = w.run(j.t) })
	return j.data, j.ok
}

// pending writes every file of wb that needs no rendering, and returns the pending build
// whose workers, started here, render the rest.
func (wb *wholeBuild) pending(lazy Lazy) *Pending {
	var now, later []task
	for _, t := range wb.tasks {
		if t.Page() && t.reuse == nil {
			later = append(later, t)
		} else {
			now = append(now, t)
		}
	}
	parallel.Do(len(now), func(i int) { wb.run(now[i]) })
	return newPending(wb, later, layered.New(maps.Clone(wb.files)), lazy)
}

func (wb *wholeBuild) abandon() { wb.w.Close() }

// newPending returns the pending build of w serving ready while workers, started here,
// render tasks; once they have, w finishes the build.
func newPending(w work, tasks []task, ready *layered.Map[string, []byte], lazy Lazy) *Pending {
	ctx := lazy.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	p := &Pending{w: w, ready: ready, pages: make(map[string]*pageJob, len(tasks)), done: make(chan struct{})}
	jobs := make([]*pageJob, len(tasks))
	for i, t := range tasks {
		jobs[i] = &pageJob{t: t}
		p.pages[t.Name()] = jobs[i]
	}
	go func() {
		defer close(p.done)
		defer func() { p.panic = recover() }() // a bug: the caller reports it, as for any build
		// One processor fewer than Do takes: the requests for the build's pages are answered
		// at once by a processor that is free, not after a worker's turn (the runtime
		// preempts a goroutine that runs on after 10 ms).
		parallel.DoOn(max(runtime.GOMAXPROCS(0)-1, 1), len(jobs), func(i int) {
			if ctx.Err() != nil {
				return
			}
			if lazy.Gate != nil {
				lazy.Gate(jobs[i].t.Name())
			}
			jobs[i].render(w)
		})
		if ctx.Err() != nil { // stopped: this build is not whole, and keeps nothing
			w.abandon()
			return
		}
		p.res, p.stats = w.finish()
		p.whole = true
	}()
	return p
}

// Ready returns the files served before the pages render, by name: those written before
// Start returned. The caller may derive from them but must not change them.
func (p *Pending) Ready() *layered.Map[string, []byte] { return p.ready }

// Renders reports whether name is a page the build renders.
func (p *Pending) Renders(name string) bool {
	_, ok := p.pages[name]
	return ok
}

// Pages returns how many files the build renders: pages, and for a quick build also the
// other files it makes again (the sitemap).
func (p *Pending) Pages() int { return len(p.pages) }

// Page returns the page name of the build, rendering it now unless a worker has (or is
// waiting for the worker rendering it); ok is false when the build renders no such page or
// it failed to render (the build's result says why).
func (p *Pending) Page(name string) (data []byte, ok bool) {
	j, found := p.pages[name]
	if !found {
		return nil, false
	}
	return j.render(p.w)
}

// Done is closed when every page has rendered, or when the workers stopped.
func (p *Pending) Done() <-chan struct{} { return p.done }

// Result waits until the build has ended and returns its result; whole is false when its
// workers stopped (Lazy.Ctx) before every page rendered, and then there is no result.
func (p *Pending) Result() (res site.Result, stats Stats, whole bool) {
	<-p.done
	return p.res, p.stats, p.whole
}

// Panic returns what the build panicked with after its pages rendered, once it has ended;
// nil when it did not. Its result is then not whole.
func (p *Pending) Panic() any {
	<-p.done
	return p.panic
}

// wait waits until p, if any, has ended.
func (p *Pending) wait() {
	if p != nil {
		<-p.done
	}
}
