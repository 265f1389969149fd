package rebuild

import (
	"io/fs"
	"sync"
)

// mediaCopy is a media file's bytes as the last whole build read them, with the size and
// time the file had then.
type mediaCopy struct {
	stat fileStat
	data []byte
}

// mediaCache lets a dev rebuild take a media file that did not change from the last build
// rather than read it again: the build served and the build under way share its bytes, so
// dev holds one copy of the media, not two (three files of 100 MB were 600 MB in dev).
type mediaCache struct {
	mu         sync.Mutex
	last, next map[string]mediaCopy // by output name
}

// reuse makes the media tasks of a whole build take their bytes from the last build when
// the file keeps its size and time and the watcher did not name it (named nil: none named),
// and remember what they read for the next build.
func (c *mediaCache) reuse(fsys fs.FS, tasks []task, named map[string]bool) {
	c.next = make(map[string]mediaCopy)
	for i := range tasks {
		t := &tasks[i]
		if t.CopyFrom() == "" {
			continue
		}
		src, name := t.CopyFrom(), t.Name()
		info, err := fs.Stat(fsys, src)
		if err != nil {
			continue
		}
		st := fileStat{known: true, size: info.Size(), mtime: info.ModTime().UnixNano()}
		if prev, ok := c.last[name]; ok && prev.stat == st && !named[src] {
			c.next[name] = prev
			t.SetRender(func() ([]byte, error) { return prev.data, nil })
			continue
		}
		read := t.Job
		t.SetRender(func() ([]byte, error) {
			data, err := read.Render()
			if err == nil {
				c.mu.Lock()
				c.next[name] = mediaCopy{stat: st, data: data}
				c.mu.Unlock()
			}
			return data, err
		})
	}
}

// done makes what this build read the last build's.
func (c *mediaCache) done() {
	c.mu.Lock()
	c.last, c.next = c.next, nil
	c.mu.Unlock()
}
