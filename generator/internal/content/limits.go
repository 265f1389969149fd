package content

import (
	"io/fs"

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
