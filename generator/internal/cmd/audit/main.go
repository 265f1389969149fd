// Command audit runs Lighthouse on the sample site as a CDN would serve it and prints the
// four category scores (performance, accessibility, best practices, SEO) of the home page,
// an article and the questionnaire, with every audit that cost points:
//
//	bash .ci/audit            (make audit: installs Lighthouse first, then runs this)
//	go run ./generator/internal/cmd/audit [-preset desktop] [-lighthouse DIR]
//
// It runs from the repository root, builds content/ minified as `guidepost build` does into a
// temporary folder, serves it on 127.0.0.1 with gzip, as CDNs do, and runs
// .ci/lighthouse/node_modules/lighthouse with Debian's chromium. Performance is measured
// with simulated throttling on whatever machine runs it: treat it as a rough figure.
package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"guidepost/generator/internal/publish"
	"guidepost/generator/internal/site"
	"guidepost/templates"
)

// pages are the pages audited, by path from the site root.
var pages = []struct{ name, path string }{
	{"home", ""},
	{"article", "articles/walking/"},
	{"questionnaire", "questionnaires/exercise-today/"},
}

// categories are Lighthouse's categories, in the order printed.
var categories = []string{"performance", "accessibility", "best-practices", "seo"}

func main() {
	preset := flag.String("preset", "mobile", "Lighthouse's `preset`: mobile (a mid-range phone on a slow 4G network) or desktop")
	lh := flag.String("lighthouse", ".ci/lighthouse/node_modules/lighthouse/cli/index.js", "Lighthouse's command-line `script`")
	flag.Parse()
	if err := run(*preset, *lh); err != nil {
		fmt.Fprintln(os.Stderr, "audit:", err)
		os.Exit(1)
	}
}

func run(preset, lighthouse string) error {
	if _, err := os.Stat(lighthouse); err != nil {
		return fmt.Errorf("lighthouse not installed: run `make audit`, which installs it (%w)", err)
	}
	tmp, err := os.MkdirTemp("", "guidepost-audit-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	dir := filepath.Join(tmp, "site")
	out, err := site.NewDir(dir)
	if err != nil {
		return err
	}
	res := site.Build(context.Background(), os.DirFS("."), site.Options{Theme: templates.FS, Minify: publish.Minify()}, out)
	if err := res.Diags.Err(); err != nil {
		out.Abort()
		return fmt.Errorf("build: %w", err)
	}
	if err := out.Commit(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: gzipped(http.FileServer(http.Dir(dir)))}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"

	fmt.Printf("Lighthouse %s, preset %s, on the sample site (scores out of 100)\n\n", version(lighthouse), preset)
	fmt.Printf("%-14s %12s %14s %15s %5s\n", "page", "performance", "accessibility", "best-practices", "seo")
	var notes []string
	for _, p := range pages {
		report := filepath.Join(tmp, p.name+".json")
		if err := lighthouseRun(lighthouse, base+p.path, preset, report, filepath.Join(tmp, "profile-"+p.name)); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		scores, lost, err := readReport(report)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		fmt.Printf("%-14s %12s %14s %15s %5s\n", p.name, scores[0], scores[1], scores[2], scores[3])
		for _, l := range lost {
			notes = append(notes, p.name+": "+l)
		}
	}
	if len(notes) > 0 {
		fmt.Println("\nAudits that cost points:")
		for _, n := range notes {
			fmt.Println("  " + n)
		}
	}
	return nil
}

// lighthouseRun audits url into the JSON file report, with a fresh chromium profile.
func lighthouseRun(script, url, preset, report, profile string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	chromeFlags := strings.Join([]string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile}, " ")
	args := []string{script, url, "--output=json", "--output-path=" + report, "--quiet",
		"--only-categories=" + strings.Join(categories, ","), "--chrome-flags=" + chromeFlags}
	if preset == "desktop" {
		args = append(args, "--preset=desktop")
	} else if preset != "mobile" {
		return fmt.Errorf("unknown preset %q: mobile or desktop", preset)
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH=/usr/bin/chromium")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("lighthouse %s: %v\n%s", url, err, out)
	}
	return nil
}

// readReport returns the score of each category, as text out of 100, and the audits that
// cost points.
func readReport(file string) (scores []string, lost []string, err error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	var r struct {
		Categories map[string]struct {
			Score     *float64 `json:"score"`
			AuditRefs []struct {
				ID     string  `json:"id"`
				Weight float64 `json:"weight"`
			} `json:"auditRefs"`
		} `json:"categories"`
		Audits map[string]struct {
			Title        string   `json:"title"`
			Score        *float64 `json:"score"`
			DisplayValue string   `json:"displayValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", file, err)
	}
	for _, name := range categories {
		c, ok := r.Categories[name]
		if !ok || c.Score == nil {
			scores = append(scores, "-")
			continue
		}
		scores = append(scores, fmt.Sprintf("%.0f", *c.Score*100))
		for _, ref := range c.AuditRefs {
			a := r.Audits[ref.ID]
			if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				l := fmt.Sprintf("%s: %s (%.2f)", name, a.Title, *a.Score)
				if a.DisplayValue != "" {
					l += " " + a.DisplayValue
				}
				lost = append(lost, l)
			}
		}
	}
	slices.Sort(lost)
	return scores, slices.Compact(lost), nil
}

// version returns the version of Lighthouse that script belongs to.
func version(script string) string {
	data, err := os.ReadFile(filepath.Join(filepath.Dir(script), "..", "package.json"))
	if err != nil {
		return "(unknown version)"
	}
	var p struct{ Version string }
	if json.Unmarshal(data, &p) != nil || p.Version == "" {
		return "(unknown version)"
	}
	return p.Version
}

// gzipped compresses text responses for clients that accept gzip, as a CDN does.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := filepath.Ext(r.URL.Path)
		text := ext == "" || ext == ".html" || ext == ".css" || ext == ".js" || ext == ".svg" || ext == ".xml"
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw := gzip.NewWriter(w)
		defer zw.Close()
		h.ServeHTTP(gzipWriter{w, zw}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.zw.Write(b) }

// WriteHeader drops the length that http.FileServer sets, which is that of the file.
func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
