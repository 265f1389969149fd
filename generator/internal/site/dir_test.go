package site

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// buildInto writes a small output with Dir into target and commits it.
func buildInto(t *testing.T, target string, n int) error {
	t.Helper()
	d, err := NewDir(target)
	if err != nil {
		return err
	}
	for i := range 20 {
		if err := d.WriteFile(fmt.Sprintf("articles/a%d/index.html", i), []byte(strconv.Itoa(n))); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// TestSwapNeverMissing polls the output folder while it is rebuilt again and again: it must
// exist at every look, since a kill at that moment would leave no site at all.
func TestSwapNeverMissing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the swap is atomic only on Linux (renameat2)")
	}
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	if err := buildInto(t, target, 0); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var looks, missing atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() {
			if _, err := os.Lstat(target); err != nil {
				missing.Add(1)
			}
			looks.Add(1)
		}
	}()
	for i := 1; i <= 40; i++ {
		if err := buildInto(t, target, i); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	<-done
	if missing.Load() != 0 {
		t.Errorf("the output folder was missing at %d of %d looks", missing.Load(), looks.Load())
	}
	if b, _ := os.ReadFile(filepath.Join(target, "articles/a0/index.html")); string(b) != "40" {
		t.Errorf("last build not in place: %q", b)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("%d entries beside the output, want 1", len(entries))
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	return cmd.Process.Pid
}

// TestNewDirSweepsKilledBuilds leaves temporary folders as killed builds do and expects the
// next build to remove them, but not those of a build still running.
func TestNewDirSweepsKilledBuilds(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	dead := deadPID(t)
	stale := []string{
		fmt.Sprintf(".public.tmp-%d-123", dead),
		fmt.Sprintf(".public.tmp-%d-456.old", dead),
	}
	live := fmt.Sprintf(".public.tmp-%d-789", os.Getpid())
	for _, name := range append(stale, live) {
		os.MkdirAll(filepath.Join(parent, name, "articles"), 0o755)
		os.WriteFile(filepath.Join(parent, name, "articles", "big.html"), []byte("x"), 0o644)
	}
	other := filepath.Join(parent, "keep.tmp-1")
	os.Mkdir(other, 0o755)
	if err := buildInto(t, target, 1); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(parent, name)); !os.IsNotExist(err) {
			t.Errorf("%s of a killed build is still there", name)
		}
	}
	for _, p := range []string{filepath.Join(parent, live), other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
}

// readOnly makes dir impossible to add entries to, even for root (chattr +i), until the
// test ends; it skips the test when it cannot.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Skip(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

// TestDirUnderReadOnlyParent builds into an existing writable folder whose parent cannot
// be written, as /var/www/html under /var/www: it works, failed builds leave it as it was,
// and nothing temporary is left inside.
func TestDirUnderReadOnlyParent(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "www")
	target := filepath.Join(parent, "html")
	os.MkdirAll(target, 0o755)
	os.WriteFile(filepath.Join(target, "old.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(target, MarkerFile), nil, 0o644)
	readOnly(t, parent)

	d, err := NewDir(target)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("index.html", []byte("new"))
	d.Abort()
	entries, _ := os.ReadDir(target)
	if len(entries) != 2 {
		t.Errorf("after Abort the folder holds %d entries, want 2 (old.html and the marker)", len(entries))
	}

	if err := buildInto(t, target, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Error("old.html survived the build")
	}
	if b, _ := os.ReadFile(filepath.Join(target, "articles/a3/index.html")); string(b) != "7" {
		t.Errorf("new file: %q", b)
	}
	entries, _ = os.ReadDir(target)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), inPlacePrefix) {
			t.Errorf("left %s in the output", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(target, MarkerFile)); err != nil {
		t.Error("no marker in the output")
	}
}

// TestCommitLeftover makes the previous output impossible to remove and expects Commit to
// put the new one in place and succeed, the leftover reported by Leftover as a warning.
func TestCommitLeftover(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	if err := buildInto(t, target, 1); err != nil {
		t.Fatal(err)
	}
	readOnly(t, filepath.Join(target, "articles", "a1"))
	d, err := NewDir(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("articles/a1/index.html", []byte("2")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatalf("Commit failed a build whose output is in place: %v", err)
	}
	left := d.Leftover()
	if left == nil {
		t.Fatal("Leftover: nil, want the previous output that could not be removed")
	}
	if !strings.HasPrefix(filepath.Base(left.Path), ".public.tmp-") {
		t.Errorf("leftover at %s", left.Path)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "articles/a1/index.html")); string(b) != "2" {
		t.Errorf("the new output is not in place: %q", b)
	}
	exec.Command("chattr", "-i", filepath.Join(left.Path, "articles", "a1")).Run()
	os.Chmod(filepath.Join(left.Path, "articles", "a1"), 0o755)
}

// TestNewDirRefusesOthersFolders: a non-empty folder without the marker is not replaced.
func TestNewDirRefusesOthersFolders(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("x"), 0o644)
	if _, err := NewDir(dir); err == nil || !strings.Contains(err.Error(), "not an earlier guidepost build") {
		t.Fatalf("NewDir: %v", err)
	}
	file := filepath.Join(dir, "mine.txt")
	if _, err := NewDir(file); err == nil {
		t.Fatal("NewDir accepted a file")
	}
	if _, err := NewDir("/"); err == nil {
		t.Fatal("NewDir accepted /")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("refusals left %d entries", len(entries))
	}
}
