package publish

import (
	"slices"
	"testing"

	"guidepost/generator/internal/site"
)

// TestHashedFiles reads back, from the _headers file of a real build, the files the build
// named by their content's hash, and no other.
func TestHashedFiles(t *testing.T) {
	_, res := build(t, testSite(t), site.Options{Minify: Minify()})
	if len(res.Hashed) == 0 {
		t.Fatal("the build named no file by its hash")
	}
	got := HashedFiles(Headers(res.Written, res.Hashed), res.Written)
	slices.Sort(got)
	if !slices.Equal(got, res.Hashed) {
		t.Errorf("HashedFiles = %q, want the build's %q", got, res.Hashed)
	}
	rules := []byte("/*\n  Cache-Control: " + ImmutableCache + "\n/assets/*\n  Cache-Control: " + ImmutableCache + "\n/a.css\n  Cache-Control: " + PageCache + "\n")
	if got := HashedFiles(rules, []string{"a.css", "index.html", "assets/x.1a2b3c4d.js", "assetsx/y.js"}); !slices.Equal(got, []string{"assets/x.1a2b3c4d.js"}) {
		t.Errorf("HashedFiles of a folder's rule, the root's and a short-cache rule = %q, want the folder's file alone", got)
	}
}

func TestContentType(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"index.html", "text/html; charset=utf-8"},
		{"assets/style.3f9a1c2e.css", "text/css; charset=utf-8"},
		{"assets/questionnaire.0a1b2c3d.js", "text/javascript; charset=utf-8"},
		{"sitemap.xml", "application/xml; charset=utf-8"},
		{"robots.txt", "text/plain; charset=utf-8"},
		{"assets/icon.svg", "image/svg+xml; charset=utf-8"},
		{"media/photo.JPG", "image/jpeg"},
		{"media/photo.png", "image/png"},
		{"media/leaflet.pdf", "application/pdf"},
		{"media/data", "application/octet-stream"},
	} {
		if got := ContentType(tt.name); got != tt.want {
			t.Errorf("ContentType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCacheControl(t *testing.T) {
	if CacheControl(true) != ImmutableCache || CacheControl(false) != PageCache {
		t.Errorf("CacheControl(true), (false) = %q, %q", CacheControl(true), CacheControl(false))
	}
}
