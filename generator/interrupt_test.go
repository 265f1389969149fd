package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"guidepost/generator/internal/corpus"
	"guidepost/generator/internal/testutil"
)

// bigSite writes a generated site large enough that its build takes a few seconds here.
func bigSite(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a large site")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(dir, 3000, corpus.DefaultSeed); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tempFolders returns the temporary folders of builds beside public/ in dir.
func tempFolders(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*"))
	return m
}

// TestSignalStopsBuild sends SIGINT and SIGTERM to a real guidepost process in the middle of
// a build: it must stop before it ends, leave public/ as it was and no temporary folder.
func TestSignalStopsBuild(t *testing.T) {
	dir := bigSite(t)
	bin := filepath.Join(t.TempDir(), "guidepost")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "build")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	index := filepath.Join(dir, "public", "index.html")
	before, _ := os.ReadFile(index)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		var stderr bytes.Buffer
		cmd := exec.Command(bin, "build")
		cmd.Dir, cmd.Stderr = dir, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Wait until the build writes pages, then a little more.
		deadline := time.Now().Add(20 * time.Second)
		for {
			if tmp := tempFolders(dir); len(tmp) > 0 {
				if _, err := os.Stat(filepath.Join(tmp[0], "index.html")); err == nil {
					break
				}
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("the build wrote no page in 20 s")
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatalf("%v: the build ended before the signal: the site is too small for this machine", sig)
		}
		select {
		case err := <-exited:
			if err == nil {
				t.Errorf("%v: exit 0 after an interrupted build", sig)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: still running 10 s after the signal", sig)
		}
		if !strings.Contains(stderr.String(), "build interrupted: public left as it was") {
			t.Errorf("%v: stderr %q", sig, stderr.String())
		}
		if after, _ := os.ReadFile(index); !bytes.Equal(before, after) {
			t.Errorf("%v: public/index.html changed", sig)
		}
		if tmp := tempFolders(dir); len(tmp) > 0 {
			t.Errorf("%v: left %q", sig, tmp)
		}
	}
}

// TestDevStopsDuringBuild cancels dev's context (Ctrl-C) during its first build of a large
// site: Run must return without finishing the build.
func TestDevStopsDuringBuild(t *testing.T) {
	dir := bigSite(t)
	stdout, stderr := &testutil.Buffer{}, &testutil.Buffer{}
	m := &Main{Stdout: stdout, Stderr: stderr, Dir: dir}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"dev", "--port", "0"}) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "serving the site") {
		if time.Now().After(deadline) {
			t.Fatalf("dev did not start:\n%s%s", stdout, stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	if strings.Contains(stdout.String(), "built ") {
		t.Fatal("the first build ended before the cancel: the site is too small for this machine")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		// Stopped during the build, not after it: how soon is for a benchmark, not a test.
		if strings.Contains(stdout.String(), "built ") {
			t.Errorf("dev finished its build after the cancel instead of stopping it:\n%s", stdout)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("dev still running 10 s after the cancel")
	}
}
