package publish

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"time"

	"guidepost/generator/internal/site"
)

// ReadmeFile is the name of the note Zip adds at the top of the archive.
const ReadmeFile = "README.txt"

// Readme is the note Zip adds: how to open the copy.
const Readme = `How to open this website on your own computer or phone
======================================================

This archive holds a complete copy of the website. It works with no internet
connection and sends nothing anywhere.

1. Unzip (extract) the whole archive into a folder. On Windows, right-click it
   and choose "Extract All"; on a Mac, double-click it.
2. Open that folder and double-click index.html. The home page opens in your
   web browser; every page and questionnaire of the site is reachable from it.

Keep the files together: the pages need the folders beside them. Opening
index.html from inside the archive, without unzipping it first, may not work.
`

// zipTime is the time of every entry, so that the archive depends on the files alone.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip writes to w a zip archive of the files of fsys, the folder of an offline build, with
// README.txt added at the top. It fails when fsys has no index.html at its top or already
// holds a README.txt there.
func Zip(w io.Writer, fsys fs.FS) error {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == site.MarkerFile {
			return nil // the build's own note to the next build, not part of the site
		}
		if d.Type().IsRegular() {
			names = append(names, p)
		} else if !d.IsDir() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	if !slices.Contains(names, "index.html") {
		return errors.New("zip: the folder has no index.html")
	}
	if slices.Contains(names, ReadmeFile) {
		return fmt.Errorf("zip: the folder already holds %s", ReadmeFile)
	}
	names = append(names, ReadmeFile)
	slices.Sort(names)

	zw := zip.NewWriter(w)
	for _, name := range names {
		var data []byte
		if name == ReadmeFile {
			data = []byte(Readme)
		} else if data, err = fs.ReadFile(fsys, name); err != nil {
			return fmt.Errorf("zip: %w", err)
		}
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("zip: %s: %w", name, err)
		}
		if _, err := f.Write(data); err != nil {
			return fmt.Errorf("zip: %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}
