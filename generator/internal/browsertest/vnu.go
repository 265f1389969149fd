package browsertest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// VnuTimeout bounds one run of the Nu checker. A run takes about 5 s, most of
// it the start of Java.
const VnuTimeout = 5 * time.Minute

// Vnu runs the W3C Nu Html Checker (.ci/node_modules/vnu-jar, on Java) on
// every HTML file under dir and returns its errors, one line each in the GNU
// format, such as
//
//	"file:/tmp/x/index.html":3.5-3.20: error: Duplicate ID “dup”.
//
// No error is an empty slice. Files that are not HTML (CSS, JS, images, XML
// such as a sitemap) are skipped. It fails the test when the checker is
// missing or does not run.
func Vnu(t testing.TB, dir string) []string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatalf("browsertest: vnu: %v", err)
	}
	return vnu(t, abs)
}

// VnuFiles is Vnu for the given files. Files that are not HTML by their name
// (.html, .htm, .xhtml) are skipped, so a sitemap.xml can be in the list; no
// HTML file at all gives no error.
func VnuFiles(t testing.TB, files ...string) []string {
	t.Helper()
	var html []string
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f)) {
		case ".html", ".htm", ".xhtml":
			abs, err := filepath.Abs(f)
			if err != nil {
				t.Fatalf("browsertest: vnu: %v", err)
			}
			if _, err := os.Stat(abs); err != nil {
				t.Fatalf("browsertest: vnu: %v", err)
			}
			html = append(html, abs)
		}
	}
	if len(html) == 0 {
		return []string{}
	}
	return vnu(t, html...)
}

func vnu(t testing.TB, paths ...string) []string {
	t.Helper()
	jar := filepath.Join(RepoRoot(t), ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("vnu-jar not installed: run `make setup` (%v)", err)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("java not installed: run `make setup` (%v)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), VnuTimeout)
	defer cancel()
	args := append([]string{"-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu"}, paths...)
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr // the report goes to stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return []string{}
	case errors.As(err, &exit) && exit.ExitCode() == 1: // errors found
	default:
		t.Fatalf("browsertest: %s: %v\n%s%s", strings.Join(cmd.Args, " "), err, stdout.String(), stderr.String())
	}
	lines := []string{}
	for line := range strings.Lines(stderr.String()) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "Picked up ") { // JAVA_TOOL_OPTIONS notes
			continue
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		t.Fatalf("browsertest: vnu exited 1 with no error:\n%s", stdout.String())
	}
	return lines
}
