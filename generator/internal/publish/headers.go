package publish

import (
	"bytes"
	"path"
	"slices"
	"strings"
)

// HeadersFile is the name of the file Headers writes, at the top of the output folder.
const HeadersFile = "_headers"

// CSP is the Content-Security-Policy of every file: scripts and styles from the site only,
// images from the site or data: URLs, nothing else fetched, no <base>, forms posting only to
// the site, and no framing by other sites.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Cache-Control values: files named by a hash of their content never change; other files
// may change with any build, so browsers and CDNs keep them a short while only.
const (
	ImmutableCache = "public, max-age=31536000, immutable"
	PageCache      = "public, max-age=300"
)

// A header is one header of a rule of a _headers file.
type header struct{ name, value string }

// securityHeaders are sent with every file.
var securityHeaders = []header{
	{"Content-Security-Policy", CSP},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
}

// Headers returns the _headers file of a build that wrote the files written (slash paths
// from the output folder's root, such as site.Result.Written), of which those in hashed are
// named by a hash of their content.
func Headers(written, hashed []string) []byte {
	var buf bytes.Buffer
	buf.WriteString("# Response headers for Netlify and Cloudflare Pages, written by guidepost build.\n")
	rule := func(pattern string, hs ...header) {
		buf.WriteString("\n" + pattern + "\n")
		for _, h := range hs {
			buf.WriteString("  " + h.name + ": " + h.value + "\n")
		}
	}
	rule("/*", securityHeaders...)

	short := header{"Cache-Control", CacheControl(false)}
	long := header{"Cache-Control", CacheControl(true)}
	dirs := make(map[string]bool)  // top-level folder -> holds a hashed file
	mixed := make(map[string]bool) // top-level folder -> holds a file not hashed
	for _, f := range written {
		dir, _, ok := strings.Cut(f, "/")
		if !ok {
			continue
		}
		h := slices.Contains(hashed, f)
		dirs[dir] = dirs[dir] || h
		mixed[dir] = mixed[dir] || !h
	}
	var rules []string // patterns with the short cache, in order
	var seen []string  // folders of hashed files only, given the long cache
	for _, f := range written {
		dir, _, ok := strings.Cut(f, "/")
		switch {
		case !ok && f == "index.html":
			rules = append(rules, "/", "/index.html")
		case !ok:
			rules = append(rules, "/"+f)
		case !dirs[dir]:
			if p := "/" + dir + "/*"; !slices.Contains(rules, p) {
				rules = append(rules, p)
			}
		case !mixed[dir]: // only hashed files, such as the search index's shards: one rule
			if p := "/" + dir + "/*"; !slices.Contains(seen, p) {
				seen = append(seen, p)
				rule(p, long)
			}
		case slices.Contains(hashed, f):
			rule("/"+f, long)
		default:
			if path.Base(f) == "index.html" {
				rules = append(rules, "/"+path.Dir(f)+"/")
			}
			rules = append(rules, "/"+f)
		}
	}
	for _, p := range rules {
		rule(p, short)
	}
	return buf.Bytes()
}
