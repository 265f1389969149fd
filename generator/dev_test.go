package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"guidepost/generator/internal/testutil"
)

// TestDev runs "guidepost dev" in a new site: it prints its URL, serves the site there,
// and returns nil once its context is canceled, as on Ctrl-C.
func TestDev(t *testing.T) {
	dir := t.TempDir()
	var initOut bytes.Buffer
	if err := (&Main{Stdout: &initOut, Stderr: &initOut, Dir: dir}).Run(context.Background(), []string{"init", "site"}); err != nil {
		t.Fatalf("init: %v\n%s", err, initOut.String())
	}
	stdout, stderr := &testutil.Buffer{}, &testutil.Buffer{}
	m := &Main{Stdout: stdout, Stderr: stderr, Dir: filepath.Join(dir, "site")}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"dev", "--port", "0"}) }()

	urlRE := regexp.MustCompile(`serving the site with drafts at (http://127\.0\.0\.1:\d+/) `)
	deadline := time.Now().Add(30 * time.Second)
	var url string
	for {
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil && strings.Contains(stdout.String(), "built ") {
			url = m[1]
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("dev printed no URL and no build:\n%s%s", stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	resp, err := http.Get(url + "articles/getting-started/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte("<title>Getting started")) {
		t.Errorf("GET %sarticles/getting-started/: %s\n%s", url, resp.Status, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("dev returned %v after Ctrl-C, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("dev did not return after Ctrl-C")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after dev returned")
	}
	if !strings.HasSuffix(stdout.String(), "stopped\n") {
		t.Errorf("dev did not say it stopped:\n%s", stdout.String())
	}

	// The reload script is dev's own: a build never holds it.
	var out bytes.Buffer
	if err := (&Main{Stdout: &out, Stderr: &out, Dir: m.Dir}).Run(context.Background(), []string{"build", "--drafts"}); err != nil {
		t.Fatalf("build: %v\n%s", err, out.String())
	}
	err = filepath.WalkDir(filepath.Join(m.Dir, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if bytes.Contains(data, []byte("_guidepost")) || strings.Contains(p, "_guidepost") {
			t.Errorf("the build holds dev's reload script: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDevFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"dev", "-h"}, 0, "Usage: guidepost dev [flags]"},
		{[]string{"dev", "--port", "70000"}, 2, ""},
		{[]string{"dev", "extra"}, 2, "Usage: guidepost dev"},
		{[]string{"dev", "--nope"}, 2, "flag provided but not defined: -nope"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := (&Main{Stdout: &out, Stderr: &out, Dir: t.TempDir()}).Run(context.Background(), tt.args)
		if ExitCode(err) != tt.code || !strings.Contains(out.String(), tt.out) {
			t.Errorf("%q: exit %d (%v), output:\n%s\nwant exit %d and %q", tt.args, ExitCode(err), err, out.String(), tt.code, tt.out)
		}
	}
}
