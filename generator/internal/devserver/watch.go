package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"guidepost/generator/internal/content"
)

// LostEvents stands in a batch for the files of events the system dropped: any file may
// have changed.
const LostEvents = "(lost events)"

// A Watcher reports the files that change under some folders of a site, in batches.
type Watcher struct {
	root  string   // the site folder
	dirs  []string // the folders watched, slash paths relative to root
	quiet time.Duration
	log   io.Writer
	fsn   *fsnotify.Watcher
}

// Watch starts watching the folders dirs (slash paths relative to root, which may not exist
// yet) and every folder below them. Changes are reported by Run.
func Watch(root string, dirs []string, quiet time.Duration, log io.Writer) (*Watcher, error) {
	fsn, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch files: %w", err)
	}
	w := &Watcher{root: root, dirs: dirs, quiet: quiet, log: log, fsn: fsn}
	// The site folder itself, to see the watched folders appear.
	if err := fsn.Add(root); err != nil {
		fsn.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", root, err)
	}
	for _, d := range dirs {
		w.addTree(d)
	}
	return w, nil
}

// Run sends each batch of changed files (slash paths relative to the site folder, sorted)
// to batches, once no event came for the quiet time. Events keep being gathered while a
// batch waits to be taken, so that a slow rebuild is followed by one rebuild for all that
// changed meanwhile. Run returns when ctx is done, and then stops watching.
func (w *Watcher) Run(ctx context.Context, batches chan<- []string) {
	defer w.fsn.Close()
	pending := make(map[string]bool) // path -> it was created in this batch
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var ready []string // the batch to send, once the quiet time passed
	for {
		var send chan<- []string
		if ready != nil {
			send = batches
		}
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fsn.Events:
			if !ok {
				return
			}
			if w.event(ev, pending) {
				ready = nil
				timer.Reset(w.quiet)
			}
		case err, ok := <-w.fsn.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.log, "watching files: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) { // events were lost: rebuild anyway
				pending[LostEvents] = false
				ready = nil
				timer.Reset(w.quiet)
			}
		case <-timer.C:
			if ready = w.batch(pending); len(ready) == 0 {
				ready = nil
				clear(pending)
			}
		case send <- ready:
			ready = nil
			clear(pending)
		}
	}
}

// event adds the files an event touched to pending, and says whether it counts.
func (w *Watcher) event(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod { // a metadata change, such as touch or chmod
		return false
	}
	rel, ok := w.rel(ev.Name)
	if !ok || ignored(rel) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new folder: watch it, and count what was put in it before the watch began.
			for _, f := range w.addTree(rel) {
				pending[f] = true
			}
		}
	}
	if _, seen := pending[rel]; !seen {
		pending[rel] = ev.Has(fsnotify.Create)
	}
	return true
}

// batch returns the paths of pending, sorted, leaving out the files that were created and
// removed again since the last batch (the temporary files of editors and tools).
func (w *Watcher) batch(pending map[string]bool) []string {
	var list []string
	for p, created := range pending {
		if created {
			if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(p))); err != nil {
				continue
			}
		}
		list = append(list, p)
	}
	slices.Sort(list)
	return list
}

// rel returns the slash path of name relative to the site folder, and whether it lies in
// a watched folder.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	for _, d := range w.dirs {
		if r == d || strings.HasPrefix(r, d+"/") {
			return r, true
		}
	}
	return "", false
}

// addTree watches the folder dir (relative to the site folder) and every folder below it,
// and returns the files and folders found below dir.
func (w *Watcher) addTree(dir string) []string {
	var found []string
	_ = filepath.WalkDir(filepath.Join(w.root, filepath.FromSlash(dir)), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: nothing to watch
		}
		rel, ok := w.rel(p)
		if !ok || ignored(rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsn.Add(p); err != nil {
				fmt.Fprintf(w.log, "cannot watch %s: %v\n", rel, err)
			}
		}
		if rel != dir {
			found = append(found, rel)
		}
		return nil
	})
	return found
}

// ignored reports whether a change to the file at the slash path p is of no interest: a
// hidden file or folder, or a file an editor keeps beside the one it edits (vim's .swp
// files and its 4913 test file, backups ending in ~, emacs's #autosave# and .#lock files).
func ignored(p string) bool {
	for _, name := range strings.Split(p, "/") {
		if content.Ignored(name) {
			return true
		}
	}
	return false
}
