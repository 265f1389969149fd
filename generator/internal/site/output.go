package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// An Output receives the files of a build. WriteFile is called from many goroutines at once,
// never twice with the same name.
type Output interface {
	WriteFile(name string, data []byte) error // name is a slash path such as "articles/walking/index.html"
}

// A Forgetter is an Output that may keep nothing of a file's data once WriteFile has
// returned (it wrote the file out): when Forgets says so, a build makes some files in
// buffers it uses again. Dir and Discard forget; Memory keeps what it is given.
type Forgetter interface {
	Forgets() bool
}

// Forgets reports whether out keeps nothing of a file's data once WriteFile has returned.
func Forgets(out Output) bool {
	f, ok := out.(Forgetter)
	return ok && f.Forgets()
}

// Discard is an Output that keeps nothing: what "check" writes to.
type Discard struct{}

func (Discard) WriteFile(string, []byte) error { return nil }

func (Discard) Forgets() bool { return true }

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
//
// The swap never leaves the target missing: on Linux the two folders are exchanged in one
// step (renameat2 with RENAME_EXCHANGE); where the OS or the file system cannot do that,
// the target is renamed aside and the new folder renamed in its place, two renames in a row
// with a moment between them in which the target does not exist. When the target's parent
// cannot be written (a writable /var/www/html under a read-only /var/www), the temporary
// folder is made inside the target instead and Commit moves the entries one by one: the
// folder itself always exists, but a reader may see old and new files mixed for a moment.
//
// Every folder Dir writes holds MarkerFile; NewDir refuses a non-empty folder without it.
// Temporary folders are named after the process that made them; NewDir removes those whose
// process is gone (a build that was killed).
type Dir struct {
	target, tmp string
	inPlace     bool // tmp lies inside target

	mu     sync.RWMutex   // held for reading by WriteFile, for writing by Commit and Abort
	closed bool           // after Commit or Abort: WriteFile fails
	left   *LeftoverError // after a Commit that could not remove the previous output
}

// inPlacePrefix begins the names of the temporary folders made inside the target.
const inPlacePrefix = ".guidepost-tmp-"

// errClosed is what WriteFile returns after Abort or Commit.
var errClosed = errors.New("the output folder was closed (build interrupted)")

// LeftoverError says that the new output is in place but the previous one, moved to Path,
// could not be removed: the build succeeded, and the next build removes it (see sweep).
// Commit does not return it; Leftover does, for the caller to warn about.
type LeftoverError struct {
	Path string
	Err  error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the new output is in place, but the previous one could not be removed from %s: %v", e.Path, e.Err)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

// NewDir prepares to write the folder target. It refuses a target that is not a folder, one
// that holds a site or a repository, and a non-empty folder that is not an earlier build,
// which a mistyped --out would otherwise wipe out. It removes the temporary folders of
// killed builds.
func NewDir(target string) (*Dir, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		return nil, fmt.Errorf("%s is the root folder: refusing to replace it with the build output", target)
	}
	exists := false
	if info, err := os.Stat(abs); err == nil {
		if !info.IsDir() {
			return nil, fmt.Errorf("%s is a file, not a folder: refusing to replace it with the build output", target)
		}
		if err := replaceable(abs, target); err != nil {
			return nil, err
		}
		exists = true
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	besidePrefix := "." + filepath.Base(abs) + ".tmp-"
	sweep(parent, besidePrefix)
	d := &Dir{target: abs}
	d.tmp, err = os.MkdirTemp(parent, besidePrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil && exists {
		sweep(abs, inPlacePrefix)
		var err2 error
		if d.tmp, err2 = os.MkdirTemp(abs, inPlacePrefix+strconv.Itoa(os.Getpid())+"-"); err2 == nil {
			d.inPlace, err = true, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary folder for %s: %w", target, err)
	}
	if err := d.prepare(); err != nil {
		os.RemoveAll(d.tmp) // nothing of a refused output stays behind
		return nil, fmt.Errorf("cannot write %s: %w", target, err)
	}
	return d, nil
}

// prepare makes the temporary folder readable by others (MkdirTemp makes it 0700; a web
// server reads the output) and marks it as a build's.
func (d *Dir) prepare() error {
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(d.tmp, MarkerFile), []byte(markerText), 0o644)
}

// sweep removes the entries of dir named prefix + a process id + "-..." whose process has
// ended: the temporary folders of builds that were killed.
func sweep(dir, prefix string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		pid, _, _ := strings.Cut(rest, "-")
		if n, err := strconv.Atoi(pid); err == nil && !running(n) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// running reports whether the process pid exists (when in doubt, that it does).
func running(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || !errors.Is(err, os.ErrProcessDone)
}

// Forgets reports that d keeps nothing of a file's data: WriteFile has written it.
func (d *Dir) Forgets() bool { return true }

func (d *Dir) WriteFile(name string, data []byte) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return errClosed
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// mkdir makes the folder dir of the temporary folder, and its parents.
func (d *Dir) mkdir(dir string) error {
	// Most files are the only one in a new folder whose parent exists (articles/<slug>/):
	// one mkdir, where MkdirAll would look at the folder and its parent first.
	if dir != d.tmp {
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
	}
	return nil
}

// Commit puts the written folder in place of the target. After a failed Commit the target
// is as it was and no temporary folder is left. Once the new folder is in place, Commit
// succeeds even if the previous output cannot be removed: Leftover then says where it is.
func (d *Dir) Commit() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errClosed
	}
	d.closed = true
	if d.inPlace {
		return d.commitInPlace()
	}
	if _, err := os.Lstat(d.target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.target); err != nil {
			os.RemoveAll(d.tmp)
			return fmt.Errorf("cannot write %s: %w", d.target, err)
		}
		return nil
	}
	old, err := exchange(d.tmp, d.target)
	if err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot replace %s: %w", d.target, err)
	}
	if err := os.RemoveAll(old); err != nil {
		d.left = &LeftoverError{Path: old, Err: err}
	}
	return nil
}

// Leftover returns, after a Commit, the previous output that could not be removed, or nil.
// The build succeeded all the same: it is a warning.
func (d *Dir) Leftover() *LeftoverError {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.left
}

// renameTwice puts the folder tmp in place of the folder target by renaming target aside
// first: the fallback of exchange. It returns where the previous target is.
func renameTwice(tmp, target string) (old string, err error) {
	old = tmp + ".old"
	if err := os.Rename(target, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, target); err != nil {
		return "", errors.Join(err, os.Rename(old, target))
	}
	return old, nil
}

// commitInPlace moves the target's entries into a folder beside tmp, inside the target, and
// then tmp's entries into the target.
func (d *Dir) commitInPlace() error {
	old := d.tmp + ".old"
	fail := func(err error) error {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot replace %s: %w", d.target, err)
	}
	if err := os.Mkdir(old, 0o755); err != nil {
		return fail(err)
	}
	entries, err := os.ReadDir(d.target)
	if err != nil {
		return fail(errors.Join(err, os.Remove(old)))
	}
	var moved []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), inPlacePrefix) {
			continue
		}
		if err := os.Rename(filepath.Join(d.target, e.Name()), filepath.Join(old, e.Name())); err != nil {
			for _, name := range moved { // put back what was moved
				err = errors.Join(err, os.Rename(filepath.Join(old, name), filepath.Join(d.target, name)))
			}
			return fail(errors.Join(err, os.Remove(old)))
		}
		moved = append(moved, e.Name())
	}
	entries, err = os.ReadDir(d.tmp)
	for _, e := range entries {
		if err != nil {
			break
		}
		err = os.Rename(filepath.Join(d.tmp, e.Name()), filepath.Join(d.target, e.Name()))
	}
	if err != nil {
		return fail(fmt.Errorf("%w (the previous files are in %s)", err, old))
	}
	if err := errors.Join(os.Remove(d.tmp), os.RemoveAll(old)); err != nil {
		d.left = &LeftoverError{Path: old, Err: err}
	}
	return nil
}

// Abort removes what was written and leaves the target as it was. WriteFile fails after it.
func (d *Dir) Abort() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.closed {
		d.closed = true
		os.RemoveAll(d.tmp)
	}
}

// Target returns the folder Commit writes.
func (d *Dir) Target() string { return d.target }
