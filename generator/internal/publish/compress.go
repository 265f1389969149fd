package publish

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"

	"github.com/andybalholm/brotli"

	"guidepost/generator/internal/site"
)

// compressible are the extensions of the text files that Precompress compresses.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".svg": true, ".xml": true, ".json": true,
	".txt": true, ".map": true, ".webmanifest": true,
}

// Beside returns the names of the compressed copies Precompress may write beside the file
// name, for site.Options.Beside.
func Beside(name string) []string {
	if !compressible[path.Ext(name)] {
		return nil
	}
	return []string{name + ".gz", name + ".br"}
}

// Precompress returns an Output that writes each file to out and, for a text file, a gzip
// copy (name.gz) and a brotli copy (name.br) when they are smaller than the file. Like out,
// it may be called from many goroutines at once.
func Precompress(out site.Output) site.Output {
	return precompressed{out}
}

type precompressed struct{ out site.Output }

// Forgets reports whether p's Output keeps nothing of a file's data: p compresses the file
// before WriteFile returns.
func (p precompressed) Forgets() bool { return site.Forgets(p.out) }

func (p precompressed) WriteFile(name string, data []byte) error {
	if err := p.out.WriteFile(name, data); err != nil {
		return err
	}
	if !compressible[path.Ext(name)] {
		return nil
	}
	for _, c := range []struct {
		ext string
		fn  func(io.Writer, []byte) error
	}{{".gz", gzipData}, {".br", brotliData}} {
		var buf bytes.Buffer
		if err := c.fn(&buf, data); err != nil {
			return fmt.Errorf("compress %s: %w", name, err)
		}
		if buf.Len() >= len(data) {
			continue
		}
		if err := p.out.WriteFile(name+c.ext, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// WriteFrom passes a file that gets no compressed copy on to out as a stream when out takes
// one; a text file is read whole, to be compressed.
func (p precompressed) WriteFrom(name string, r io.Reader) error {
	if s, ok := p.out.(site.Streamer); ok && !compressible[path.Ext(name)] {
		return s.WriteFrom(name, r)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return p.WriteFile(name, data)
}

// gzipData compresses data at the best level, with no name or time in the header, so the
// same data always gives the same bytes.
func gzipData(w io.Writer, data []byte) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

func brotliData(w io.Writer, data []byte) error {
	bw := brotli.NewWriterLevel(w, brotli.BestCompression)
	if _, err := bw.Write(data); err != nil {
		return err
	}
	return bw.Close()
}
