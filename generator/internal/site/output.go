package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// An Output receives the files of a build. WriteFile is called from many goroutines at once,
// never twice with the same name.
type Output interface {
	WriteFile(name string, data []byte) error // name is a slash path such as "articles/walking/index.html"
}

// Discard is an Output that keeps nothing: what "check" writes to.
type Discard struct{}

func (Discard) WriteFile(string, []byte) error { return nil }

// Memory is an Output that keeps the files in memory: what the dev server serves and tests
// compare.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns a Memory with room for n files, as many as the build before wrote: a dev
// rebuild at 10,000 articles writes them all again, and the map need not grow to hold them.
func NewMemory(n int) *Memory {
	return &Memory{files: make(map[string][]byte, n)}
}

func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = make(map[string][]byte)
	}
	m.files[name] = data
	return nil
}

// Files returns the files written so far; the caller must not change them.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.files)
}

// Names returns the names of the files written so far, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files))
}

// Dir is an Output that writes a folder all at once: files go to a temporary folder beside
// the target, which Commit swaps in for the target and Abort removes, so that a failed or
// interrupted build leaves the previous output exactly as it was.
type Dir struct {
	target, tmp string
}

// NewDir prepares to write the folder target. It refuses a target that holds a site or a
// repository, which a mistyped --out would otherwise wipe out.
func NewDir(target string) (*Dir, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, err
	}
	for _, guard := range []string{"content", ".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(abs, guard)); err == nil {
			return nil, fmt.Errorf("%s holds %s: refusing to replace it with the build output; choose another --out folder", target, guard)
		}
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Dir{target: abs, tmp: tmp}, nil
}

func (d *Dir) WriteFile(name string, data []byte) error {
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	// Most files are the only one in a new folder whose parent exists (articles/<slug>/):
	// one mkdir, where MkdirAll would look at the folder and its parent first.
	if dir := filepath.Dir(p); dir != d.tmp {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit puts the written folder in place of the target.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Lstat(d.target); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.target, old); err != nil {
			d.Abort()
			return fmt.Errorf("cannot replace %s: %w", d.target, err)
		}
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, d.target))
		}
		d.Abort()
		return fmt.Errorf("cannot write %s: %w", d.target, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes what was written and leaves the target as it was.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }

// Target returns the folder Commit writes.
func (d *Dir) Target() string { return d.target }
