package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// Serve serves the files of dir under the URL path prefix (such as
// "/guides/") on a real HTTP server on 127.0.0.1 and returns its base URL,
// prefix included, such as "http://127.0.0.1:41234/guides/". The server
// closes when the test ends.
//
// It acts like a plain static host: every response, errors included, has
// the given headers (nil for none); a folder serves its index.html, and its
// URL without the final slash redirects to the one with it; a file such as
// /guides/a/index.html is served as it is, not redirected; a missing file
// under the prefix is a 404 with dir/404.html as the body if there is one; a
// folder with no index.html is a 404 (no listing); and every path outside the
// prefix is a plain 404. The prefix without its final slash redirects to the
// prefix.
func Serve(t testing.TB, dir, prefix string, headers http.Header) string {
	t.Helper()
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatalf("browsertest: serve: %v", err)
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		t.Fatalf("browsertest: serve: %s is not a folder (%v)", dir, err)
	}
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	h := func(w http.ResponseWriter, r *http.Request) {
		for k, vs := range headers {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		p := path.Clean(r.URL.Path) // "/guides/../x" is "/x", outside
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		if p+"/" == prefix {
			redirect(w, r, prefix)
			return
		}
		rel, ok := strings.CutPrefix(p, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		name := filepath.Join(root, filepath.FromSlash(rel))
		fi, err := os.Stat(name)
		if err == nil && fi.IsDir() {
			if !strings.HasSuffix(p, "/") {
				redirect(w, r, p+"/")
				return
			}
			name = filepath.Join(name, "index.html")
			fi, err = os.Stat(name)
		}
		if err != nil || fi.IsDir() {
			notFound(w, r, root)
			return
		}
		f, err := os.Open(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, fi.ModTime(), f)
	}
	srv := httptest.NewServer(http.HandlerFunc(h))
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

// notFound answers 404 with the site's own 404.html when it has one.
func notFound(w http.ResponseWriter, r *http.Request, root string) {
	body, err := os.ReadFile(filepath.Join(root, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
