// Package publish turns a built site into what is handed to readers: a folder for a CDN,
// an offline copy packed in a zip, or one self-contained HTML file.
//
// Minify returns the function for site.Options.Minify: HTML, CSS, JavaScript, SVG, JSON and
// XML are minified with github.com/tdewolff/minify/v2; end tags, quotes and the html, head
// and body tags are kept, so pages stay easy to read for tools and people. The theme's
// templates (render.TemplateType) are minified as HTML once, when the theme is loaded, with
// their {{ }} actions left as they are; the markdown HTML that pages take in is not
// minified. Other media types (images and the like) come back unchanged.
//
// Headers writes the _headers file that Netlify and Cloudflare Pages read. Every file gets
// the security headers: a Content-Security-Policy (CSP) with no 'unsafe-inline' that the
// pages satisfy (they hold no inline script but the JSON data block, which is not run, no
// event handler attribute and no style attribute), X-Content-Type-Options: nosniff and
// Referrer-Policy: no-referrer. Files named by a hash of their content get Cache-Control:
// public, max-age=31536000, immutable; every other file (pages, media, sitemap) a short
// cache, PageCache. Rules never overlap on Cache-Control, since both hosts join the values
// of a header that two rules set; and they are few (one per top-level folder, plus one per
// file in a folder that holds hashed files), since Cloudflare Pages reads at most 100.
//
// Object stores take those headers with each object instead: CacheControl is the rule that
// Headers applies to each file, ContentType gives a file's media type (with charset=utf-8 for
// the text files a build writes), and HashedFiles reads back from a _headers file the files
// it marks immutable, so that a deploy of a built folder gives each object what a host that
// reads _headers would send.
//
// Precompress wraps a site.Output so that each text file (HTML, CSS, JavaScript, SVG,
// XML, JSON, plain text) also gets a gzip (.gz) and a brotli (.br) copy beside it, for
// servers that serve those to browsers that accept them; a copy that would not be smaller
// than the file is not written.
//
// Zip packs the folder of an offline build (site.Options.Offline) into a zip archive whose
// top level holds index.html, the entry point, and README.txt, which tells a reader how to
// open it. The archive is the same, byte for byte, for the same folder: entries sorted by
// name, fixed timestamps.
//
// SingleFile turns the pages of a single-file build (site.Options.SingleFile) into one HTML
// document that needs nothing else: each page is a <section id="..."> (site.SectionID), of
// which the one the URL's fragment names (or holds the element it names) is shown, and the
// home page when the fragment names nothing, by CSS :target and :has() alone. Stylesheets
// become <style> elements; images, icons, and files that links name become data: URLs; ids
// and links to them get their page's section id as a prefix ("articles_walking:when"), so
// they stay unique. Scripts are left out: the file works without them, and the
// questionnaire's script keeps its state in the fragment, which the file uses to show
// pages. Only scripts marked data-inline are kept (the search page's index and script):
// one with a src becomes an inline script holding that file, one without stays as it is. It cannot satisfy a CSP without 'unsafe-inline' for styles, which it does not need
// to: it is opened from disk or a mail attachment, not served.
package publish

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"guidepost/generator/internal/render"
)

// Minify returns a minifier for site.Options.Minify. It is safe for concurrent use.
func Minify() func(mediatype string, data []byte) ([]byte, error) {
	m := minify.New()
	page := html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
	m.Add("text/html", &page)
	tmpl := page
	tmpl.TemplateDelims = html.GoTemplateDelims
	m.Add(render.TemplateType, &tmpl)
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application/(.+\+)?json)$`), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?xml$`), xml.Minify)
	return func(mediatype string, data []byte) ([]byte, error) {
		out, err := m.Bytes(mediatype, data)
		if errors.Is(err, minify.ErrNotExist) {
			return data, nil
		}
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", mediatype, err)
		}
		return out, nil
	}
}
