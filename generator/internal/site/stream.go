package site

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// A Streamer is an Output that can also write a file from a reader, so that media, copied
// as they are, never need to be in memory whole (three files of 100 MB took 325 MB).
type Streamer interface {
	Output
	WriteFrom(name string, r io.Reader) error
}

// copyFile copies the file src of fsys to out as name.
func copyFile(out Streamer, name string, fsys fs.FS, src string) error {
	f, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	return out.WriteFrom(name, f)
}

// WriteFrom writes the file name from r.
func (d *Dir) WriteFrom(name string, r io.Reader) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return errClosed
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return fmt.Errorf("copy: %w", err)
	}
	return f.Close()
}
