package publish

import (
	"bufio"
	"bytes"
	"mime"
	"path"
	"slices"
	"strings"
)

// CacheControl returns the Cache-Control that Headers gives a file: ImmutableCache when it
// is named by a hash of its content, PageCache otherwise. Object stores, which take it with
// each object, get it from here too.
func CacheControl(hashed bool) string {
	if hashed {
		return ImmutableCache
	}
	return PageCache
}

// textTypes are the media types, with their charset, of the text files a build writes.
var textTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".map":         "application/json; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
}

// ContentType returns the Content-Type of the file name of a build: the text files it writes
// are UTF-8 and say so; media files get the type of their extension, or
// application/octet-stream when it has none.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := textTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// HashedFiles returns the files among names (slash paths from the output folder's root)
// that a _headers file written by Headers gives the immutable cache: the files of that
// build named by a hash of their content. A rule names one file, or a whole folder
// ("/search-index/*") whose files are all hashed.
func HashedFiles(headers []byte, names []string) []string {
	files := make(map[string]bool)
	var dirs []string
	pattern := ""
	sc := bufio.NewScanner(bytes.NewReader(headers))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "/"):
			pattern = line
		case strings.TrimSpace(line) != "Cache-Control: "+ImmutableCache:
		case strings.HasSuffix(pattern, "/*") && pattern != "/*":
			dirs = append(dirs, strings.TrimPrefix(strings.TrimSuffix(pattern, "*"), "/"))
		case !strings.ContainsAny(pattern, "*"):
			files[strings.TrimPrefix(pattern, "/")] = true
		}
	}
	var hashed []string
	for _, n := range names {
		if files[n] || slices.ContainsFunc(dirs, func(d string) bool { return strings.HasPrefix(n, d) }) {
			hashed = append(hashed, n)
		}
	}
	return hashed
}
