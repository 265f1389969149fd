package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
)

// ReadFile reads the editor's file p of fsys, unless it is larger than lim allows: then it
// reports an error at the file and returns nil, nil, having read nothing (the size is taken
// before reading; a file that grew meanwhile is refused after reading). It reads through
// fs.ReadFile, so that an fs.ReadFileFS sees the read.
func ReadFile(fsys fs.FS, p string, lim limits.Limits, diags *diag.List) ([]byte, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, err
	}
	size := info.Size()
	if ex := lim.Size(size); ex == nil {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		size = int64(len(data))
		if lim.Size(size) == nil {
			return data, nil
		}
	}
	ex := lim.Size(size)
	diags.Hintf(diag.Pos{Path: p, Line: 1, Col: 1}, ex.Hint, "%s", ex.Message)
	return nil, nil
}

// frontMatterDepth checks the nesting of a front matter block of format "yaml" or "toml".
func frontMatterDepth(format string, data []byte, lim limits.Limits) *limits.Exceeded {
	switch format {
	case "toml":
		return lim.TOML(data)
	case "yaml":
		return lim.YAML(data)
	}
	return nil
}

// parseSiteSafely is ParseSite, with a panic reported at site.yaml.
func parseSiteSafely(src []byte, diags *diag.List) (s Site) {
	s.Language = "en"
	defer diags.Recover(diag.Pos{Path: SiteFile})
	return ParseSite(src, diags)
}

// checkURL checks the base URL u with net/url: no control character (a newline would add
// lines to robots.txt and the sitemap), a host, no user, query or fragment.
func checkURL(u string) error {
	for i, r := range u {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return fmt.Errorf("%q holds a control character (%U) at byte %d", u, r, i)
		}
	}
	p, err := url.Parse(u)
	if err != nil {
		return fmt.Errorf("%q is not a valid URL: %v", u, errors.Unwrap(err))
	}
	switch {
	case p.Scheme != "http" && p.Scheme != "https":
		return fmt.Errorf("%q is not an absolute http or https URL", u)
	case p.Host == "" || p.Opaque != "":
		return fmt.Errorf("%q has no host name", u)
	case p.User != nil:
		return fmt.Errorf("%q holds a user name; a public site address has none", u)
	case p.RawQuery != "" || p.ForceQuery || p.Fragment != "" || strings.Contains(u, "#"):
		return fmt.Errorf("%q holds a query or a fragment (? or #)", u)
	}
	return nil
}

// misnamed reports the file p, and returns true, when its extension is one of like
// (ignoring case) but not want: Walking.MD, x.markdown and q.yml would be left out
// silently otherwise.
func misnamed(p, want string, like []string, diags *diag.List) bool {
	ext := strings.ToLower(path.Ext(p))
	if !slices.Contains(like, ext) {
		return false
	}
	what := "article"
	if want == ".yaml" {
		what = "questionnaire"
	}
	diags.Hintf(diag.Pos{Path: p}, fmt.Sprintf("rename it to end in %s (lower case)", want),
		"%s files end in %s: this file is left out", what, want)
	return true
}

// CheckName reports whether the last element of p is a name that works in every output,
// and reports an error at its folder when it is not: a control character breaks _headers
// and the terminal, and \ and : make zip entries that unzip tools refuse and paths that
// Windows cannot hold.
func CheckName(p string, diags *diag.List) bool {
	name := path.Base(p)
	bad := badRune(name)
	if bad == "" {
		return true
	}
	diags.Hintf(diag.Pos{Path: path.Dir(p)}, "rename it with letters, digits, hyphens and dots",
		"the name %q holds %s: it is left out", name, bad)
	return false
}

// badRune describes the first character of name that CheckName refuses, or returns "".
func badRune(name string) string {
	for _, r := range name {
		switch {
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return fmt.Sprintf("a control character (%U)", r)
		case r == '\\' || r == ':':
			return fmt.Sprintf("%q", r)
		}
	}
	return ""
}

// followLink reports whether the symbolic link p is followed: only when it leads, link by
// link, to a file or folder inside the site folder, and not to a folder holding the link
// (a loop). Any other link is a warning naming it, and left out: content/media linked to a
// folder elsewhere on the machine must not be published by mistake.
func followLink(fsys fs.FS, p string, diags *diag.List) bool {
	cur := p
	for range 40 {
		target, err := fs.ReadLink(fsys, cur)
		if err != nil {
			diags.Warnf(diag.Pos{Path: p}, "symbolic link that cannot be read (%v): left out", unwrapPathError(err))
			return false
		}
		next := path.Join(path.Dir(cur), target)
		if path.IsAbs(target) || next == ".." || strings.HasPrefix(next, "../") {
			diags.Warnf(diag.Pos{Path: p}, "symbolic link to %q, outside the site folder: left out; copy the files into the site instead", target)
			return false
		}
		if next == "." || strings.HasPrefix(p+"/", next+"/") {
			diags.Warnf(diag.Pos{Path: p}, "symbolic link to %q, a folder that holds the link: left out", target)
			return false
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			diags.Warnf(diag.Pos{Path: p}, "symbolic link to %q, which does not exist: left out", target)
			return false
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return true
		}
		cur = next
	}
	diags.Warnf(diag.Pos{Path: p}, "symbolic link in a chain of more than 40 links: left out")
	return false
}
