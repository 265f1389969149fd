package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MarkerFile is the file every folder written by Dir holds, so that a later build knows the
// folder is an earlier build it may replace, and not someone's files.
const MarkerFile = ".guidepost-build"

const markerText = "This folder was written by \"guidepost build\"; the next build replaces it whole.\n"

// A TargetKind says what a path named on the command line receives.
type TargetKind int

const (
	TargetFolder TargetKind = iota // the output folder (--out)
	TargetZip                      // the offline zip archive (--zip)
	TargetHTML                     // the single-file build (--single-file), a sign-off page
	TargetSVG                      // a flow map (map -o, signoff)
)

// CheckTarget returns an error saying why target (a path given as flag, relative to the
// working folder or absolute) must not be written by a build of the site in siteDir, or nil.
// It refuses:
//   - the site folder and every folder above it (--out .., --out /);
//   - anything that is, holds or lies inside content/ or templates/ of the site;
//   - for a folder: an existing file, and a non-empty folder that is not an earlier build
//     (it has no MarkerFile), since the build replaces the folder whole;
//   - for a file: an existing folder, and an existing file that is not what the flag writes
//     (a zip archive, an HTML document, an SVG picture), such as an article or a settings
//     file.
//
// Symbolic links are resolved before comparing, so a link to content/ is refused too.
func CheckTarget(siteDir, target string, kind TargetKind, flag string) error {
	site, err := realPath(siteDir)
	if err != nil {
		return err
	}
	t, err := realPath(target)
	if err != nil {
		return err
	}
	if within(site, t) {
		if t == site {
			return fmt.Errorf("%s %s is the site folder: the build would replace your content; choose a new folder such as public", flag, target)
		}
		return fmt.Errorf("%s %s holds the site folder: the build would replace it and your content; choose a new folder such as public", flag, target)
	}
	for _, name := range []string{"content", "templates"} {
		src := filepath.Join(site, name)
		if within(src, t) || within(t, src) {
			return fmt.Errorf("%s %s would overwrite the site's %s/ folder; write the output outside content/ and templates/", flag, target, name)
		}
	}
	info, err := os.Stat(t)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", flag, target, err)
	}
	switch kind {
	case TargetFolder:
		if !info.IsDir() {
			return fmt.Errorf("%s %s is a file, not a folder; choose a folder name", flag, target)
		}
		return replaceable(t, fmt.Sprintf("%s %s", flag, target))
	case TargetZip:
		return checkFile(info, t, flag, target, "a zip archive", []byte("PK\x03\x04"))
	case TargetSVG:
		return checkFile(info, t, flag, target, "an SVG picture", []byte("<?xml"))
	default:
		return checkFile(info, t, flag, target, "an HTML document", []byte("<!doctype html>"))
	}
}

// checkFile refuses a folder and a file that does not begin with magic (compared ignoring
// case): guidepost overwrites only what it could have written.
func checkFile(info fs.FileInfo, p, flag, target, what string, magic []byte) error {
	if info.IsDir() {
		return fmt.Errorf("%s %s is a folder; name a file", flag, target)
	}
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("%s %s: %w", flag, target, err)
	}
	defer f.Close()
	head := make([]byte, len(magic))
	n, _ := io.ReadFull(f, head)
	if info.Size() > 0 && !bytes.EqualFold(head[:n], magic) {
		return fmt.Errorf("%s %s exists and is not %s written by guidepost: refusing to overwrite it; choose another name or remove it first", flag, target, what)
	}
	return nil
}

// replaceable returns an error unless the folder dir may be replaced by a build: it is
// empty, or an earlier build (it holds MarkerFile). Temporary folders of this package are
// not counted. It also refuses a folder holding content/, .git or go.mod, whatever else.
func replaceable(dir, name string) error {
	for _, guard := range []string{"content", ".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(dir, guard)); err == nil {
			return fmt.Errorf("%s holds %s: refusing to replace it with the build output; choose another folder", name, guard)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, e := range entries {
		if e.Name() == MarkerFile {
			return nil
		}
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), inPlacePrefix) {
			return fmt.Errorf("%s is not empty and is not an earlier guidepost build (it has no %s): refusing to replace it; choose a new folder, or empty it first", name, MarkerFile)
		}
	}
	return nil
}

// realPath returns p made absolute, with the symbolic links of its longest existing part
// resolved (the rest does not exist yet).
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	cur, rest := abs, ""
	for {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p is dir or lies inside it; both are clean absolute paths.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}
