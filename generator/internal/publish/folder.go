package publish

import (
	"context"
	"io"
	"io/fs"
	"os"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/site"
)

// FolderOptions say what a folder build writes beside the pages.
type FolderOptions struct {
	Precompress bool // a .gz and a .br copy beside each text file (see Precompress)
}

// A Folder is a site built into a temporary folder beside its target, not yet in place:
// Commit puts it there, Abort throws it away. The target is as it was until Commit.
type Folder struct {
	dir *site.Dir
	fo  FolderOptions
}

// NewFolder prepares to build into a folder that will replace target; the error is for a
// target that cannot or must not be replaced (see site.NewDir).
func NewFolder(target string, fo FolderOptions) (*Folder, error) {
	dir, err := site.NewDir(target)
	if err != nil {
		return nil, err
	}
	return &Folder{dir: dir, fo: fo}, nil
}

// Build builds the site in fsys into the folder, as a host is handed it: with the _headers
// file of a server build (not of an offline copy), and the compressed copies when asked.
// When the result holds errors, or ctx is done, the caller must Abort.
func (f *Folder) Build(ctx context.Context, fsys fs.FS, opts site.Options) site.Result {
	var out site.Output = f.dir
	if f.fo.Precompress {
		out = Precompress(f.dir)
		opts.Beside = Beside
	}
	res := site.Build(ctx, fsys, opts, out)
	if !opts.Offline && !opts.SingleFile && res.Diags.Errors() == 0 && ctx.Err() == nil {
		if err := f.dir.WriteFile(HeadersFile, Headers(res.Written, res.Hashed)); err != nil {
			res.Diags.Errorf(diag.Pos{Path: HeadersFile}, "cannot write: %v", err)
		}
	}
	return res
}

// Abort removes the folder and leaves the target as it was; nothing the build still
// writes lands anywhere.
func (f *Folder) Abort() { f.dir.Abort() }

// Commit puts the folder in place of the target. warning, when not nil, says that the new
// output is in place but the previous one could not be removed (the next build removes it).
func (f *Folder) Commit() (warning, err error) {
	if err := f.dir.Commit(); err != nil {
		return nil, err
	}
	if left := f.dir.Leftover(); left != nil {
		return left, nil
	}
	return nil, nil
}

// Target returns the folder Commit writes.
func (f *Folder) Target() string { return f.dir.Target() }

// ZipTo packs the committed folder into the zip archive file, written all at once.
func (f *Folder) ZipTo(file string) error {
	return WriteFile(file, func(w io.Writer) error {
		return Zip(w, os.DirFS(f.dir.Target()))
	})
}
