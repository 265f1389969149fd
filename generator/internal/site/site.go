// Package site assembles a site: it loads the content, checks it, renders every page with the
// theme and writes the files to an Output.
//
// The output of a site is:
//
//	index.html                               the home page: questionnaires, then articles
//	articles/<slug>/index.html               one page per article
//	tags/<tag>/index.html                    one listing per tag
//	questionnaires/<slug>/index.html         a questionnaire, run in place by script
//	questionnaires/<slug>/<node>/index.html  one page per node, for readers without script
//	questionnaires/<slug>/map.svg            its flow map (package flowmap), with "maps: true"
//	search/index.html                        the search page, made once every article is rendered
//	search-index/<shard>.<hash>.js           the search index's shards (package search)
//	404.html, sitemap.xml, robots.txt        for servers (sitemap and robots need a base URL)
//	media/...                                content/media, copied as it is
//	assets/...                               the theme's assets, CSS and JS named by content hash
//
// Every link between pages is relative, so the folder works under any sub-path. A normal
// build writes links to pages ending in "/"; an offline build writes them ending in
// "index.html", so that the copy works opened from disk, and leaves out what only a server
// uses (404.html, sitemap.xml, robots.txt, canonical links).
//
// The search index is made of what each article's page renders (its text is taken from its
// HTML, so nothing is read twice); drafts are never indexed. A dev rebuild (package
// rebuild) keeps each article's search document with its page, and makes the index again
// from them.
//
// Build reads everything from an fs.FS rooted at the site folder and writes through an
// Output, so the same code serves "build" (a folder swapped in at the end), "check" (nothing
// written) and "dev" (files kept in memory). Pages are rendered in parallel; the output is
// the same, byte for byte, for the same input. Build stops when its context is done;
// a panic while rendering or writing one file is an error at that file; media are copied as
// streams to an Output that is a Streamer (Dir). CheckTarget says whether a path named on
// the command line may receive the output at all (see Dir and MarkerFile).
package site

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"time"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/render"
)

// Options tune a build.
type Options struct {
	Drafts  bool      // include draft articles, marked as drafts
	Offline bool      // links that work from disk; nothing only a server uses
	BaseURL string    // overrides site.yaml's base_url when not ""
	Now     time.Time // today, for review warnings; zero: no review warnings
	Theme   fs.FS     // the built-in theme (package templates)
	// Minify, when set, rewrites the theme once, when it is loaded: each asset before it is
	// hashed, mediatype "text/css", "application/javascript", "image/svg+xml" and so on, and
	// each template, mediatype render.TemplateType. Pages are not minified after rendering:
	// what they hold besides the templates' text (the HTML converted from markdown, titles)
	// goes in as it is.
	Minify func(mediatype string, data []byte) ([]byte, error)
	// Scripts are extra scripts every page loads, as paths from the site root (dev reload).
	Scripts []string
	// SingleFile builds for one self-contained file (package publish): an offline build in
	// which a link to a page is "#" + SectionID(page) and a link to a file is its path from
	// the site root, for the caller to inline.
	SingleFile bool
	// Limits bound each file of the site (see package limits); zero fields mean the defaults.
	Limits limits.Limits
	// Beside, when set, names the files an Output writes beside the file name (the .gz and
	// .br copies of publish.Precompress): a media file of one of those names is an error.
	Beside func(name string) []string
	// Language, when set on a site of several languages, builds that language alone, its
	// pages at the root and no switch to the others: an offline copy or single file of one
	// language.
	Language string
}

// Result says what a build did.
type Result struct {
	Diags *diag.List
	Pages int // HTML pages written
	Files int // files written in all
	// Written lists the files written, sorted; Hashed those of them named by a hash of
	// their content, which never change under their name (a CDN may cache them forever).
	Written, Hashed []string
}

// SectionID returns the fragment that names the page p (a path such as "articles/walking/",
// or "" for the home page) in a single-file build: "home", or the path with its slashes
// made underscores ("articles_walking"), which no slug or id holds.
func SectionID(p string) string {
	if p == "" {
		return "home"
	}
	return strings.ReplaceAll(strings.TrimSuffix(p, "/"), "/", "_")
}

// Build builds the site in fsys into out. When Result.Diags holds errors, what was written
// to out is incomplete and must be thrown away.
//
// It stops early when ctx is done (Ctrl-C): it renders and writes no further file, and
// returns with ctx's error among the diagnostics. It also stops at the first file out
// cannot write, reported once: a full disk would fail every one of them.
func Build(ctx context.Context, fsys fs.FS, opts Options, out Output) Result {
	diags := &diag.List{}
	if opts.SingleFile {
		opts.Offline = true
	}
	res, site := buildLang(ctx, fsys, opts, out, opts.Language, diags)
	if opts.Language != "" {
		return res
	}
	return buildTranslations(ctx, fsys, opts, out, site, res)
}

// buildLang builds the site in one language (lang "" is the default), into out, as Build
// describes; it also returns the site's settings.
func buildLang(ctx context.Context, fsys fs.FS, opts Options, out Output, lang string, diags *diag.List) (Result, content.Site) {
	b := load(fsys, opts, content.Options{Lang: lang}, diags)
	if err := ctx.Err(); err != nil { // loading 10,000 articles takes a moment: stop before any write
		diags.Errorf(diag.Pos{Path: content.Dir}, "build stopped: %v", err)
		return Result{Diags: diags}, b.site
	}
	// The listings come first, while the heap is smallest: the home page, the tags' pages and
	// the sitemap grow with the site. The articles' jobs are made as they run rather than
	// kept from the start: at 100,000 articles that is 15 MB less at the end of the build.
	jobs, articles := b.listings(), b.paged()
	w := NewWriter(ctx, out, diags)
	defer w.Close()
	b.streamTexts(w)
	parallel.Do(len(jobs)+len(articles), func(i int) {
		if w.Stopped() {
			return
		}
		var j job
		if i < len(jobs) {
			j = jobs[i]
		} else {
			j = b.articleJob(articles[i-len(jobs)])
		}
		defer diags.Recover(diag.Pos{Path: j.source})
		if j.copyFrom != "" {
			w.copy(b, j.name, j.copyFrom)
			return
		}
		if data, ok := produce(b, j); ok && data != nil {
			w.Write(j.name, j.page, data)
		}
	})
	var shards []string
	switch err := w.interrupted(); {
	case err != nil:
		diags.Errorf(diag.Pos{Path: content.Dir}, "build stopped: %v", err)
	case !w.Stopped():
		// The search index needs every page's text: it is written once the pages are.
		shards = b.streamSearch(w)
	}
	b.checkRefs(b.refs, diags)
	res := w.Result()
	res.Diags, res.Hashed = diags, b.hashed(shards)
	return res, b.site
}

// hashed returns the files named by a hash of their content, sorted: the theme's assets
// and the search index's shards.
func (b *builder) hashed(shards []string) []string {
	h := append(b.hashedAssets(), shards...)
	slices.Sort(h)
	return h
}

// hashedAssets returns the theme's assets named by a hash of their content, sorted.
func (b *builder) hashedAssets() []string {
	var hashed []string
	for _, a := range b.theme.Assets() {
		if a.Path != a.Name {
			hashed = append(hashed, a.Path)
		}
	}
	slices.Sort(hashed)
	return hashed
}

// load reads everything a build needs and computes the indexes pages read. reuse's Parse and
// Cached, when set, are those of content.Options (a dev rebuild reuses the articles that did
// not change).
func load(fsys fs.FS, opts Options, reuse content.Options, diags *diag.List) *builder {
	c := content.Load(fsys, content.Options{Drafts: opts.Drafts, Now: opts.Now, Parse: reuse.Parse, Cached: reuse.Cached, NoBodies: true, Limits: opts.Limits, Lang: reuse.Lang}, diags)
	if opts.BaseURL != "" {
		u, err := content.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			diags.Errorf(diag.Pos{Path: "--base-url"}, "%v", err)
		}
		c.Site.BaseURL = u
	}
	questionnaires := loadQuestionnaires(fsys, c, opts.Limits, diags)
	checkBeside(c.Media, opts.Beside, diags)
	cats, lang := catalogues(fsys, c, reuse.Lang, diags)
	theme := render.Load(opts.Theme, fsys, opts.Minify, cats[lang], diags)
	b := newBuilder(fsys, opts, c, questionnaires, theme, diags)
	b.setLanguage(c, lang, cats, diags)
	return b
}

// loadQuestionnaires parses and checks every questionnaire.
func loadQuestionnaires(fsys fs.FS, c *content.Content, lim limits.Limits, diags *diag.List) []*questionnaire.Questionnaire {
	articles := &questionnaire.Articles{Built: make(map[string]bool), Drafts: c.Drafts}
	for _, a := range c.Articles {
		articles.Built[a.Slug] = true
	}
	var list []*questionnaire.Questionnaire
	for _, p := range c.Questionnaires {
		if q := loadQuestionnaire(fsys, p, articles, lim, diags); q != nil {
			list = append(list, q)
		}
	}
	return uniqueQuestionnaires(list, diags)
}

// A job renders one output file.
type job struct {
	name   string // output path
	source string // the file it comes from, for errors
	page   bool   // an HTML page
	render func() ([]byte, error)
	// copyFrom, for a file copied as it is (media), is its path in the site folder: an
	// Output that is a Streamer copies it without holding it in memory whole.
	copyFrom string
	// reads, for a page, declares what it shows besides what every page reads (see Reads);
	// nil for a file made again by every build (the sitemap, media, assets, search).
	reads func() Reads
}

// Reads is what one page renders from besides what every page reads (site.yaml, the theme,
// the options). Each kind of page declares it beside the code that renders it, so that the
// two cannot drift apart; a dev rebuild (package rebuild) renders a page again only when
// what it declares changed. Links in its markdown are followed by the dev rebuild on its own.
type Reads struct {
	Files          []string                       // source files whose bytes it renders
	Listed         []*content.Article             // articles it lists, as render.Summary shows them
	Questionnaires []*questionnaire.Questionnaire // questionnaires it lists, as render.Summary shows them
	Slugs          []string                       // article slugs it names, whether or not they exist
	Links          []string                       // source files it links to outside markdown (actions)
	Words          []string                       // anything else it shows of the site, as text (tag counts, page labels)
	Theme          string                         // the kind of page it is rendered as (render.Kinds); "": it may use any
}

// produce renders job j as Build does, reporting problems to b.diags.
func produce(b *builder, j job) (_ []byte, ok bool) {
	defer b.diags.Recover(diag.Pos{Path: j.source}) // a panic: not ok
	data, err := j.render()
	if errors.Is(err, render.ErrNoTemplate) {
		return nil, false // the template's own error is reported once, at the template
	}
	var te *render.TemplateError
	if errors.As(err, &te) {
		b.diags.Add(te.Diagnostic) // the same for every page of its kind: reported once
		return nil, false
	}
	if err != nil {
		b.diags.Errorf(diag.Pos{Path: j.source}, "cannot render %s: %v", j.name, err)
		return nil, false
	}
	return data, true
}
