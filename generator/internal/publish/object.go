package publish

import (
	"bufio"
	"bytes"
	"mime"
	"path"
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

// HashedFiles returns the files that a _headers file written by Headers gives the immutable
// cache: the files of that build named by a hash of their content, as slash paths from the
// output folder's root, in the order of the file.
func HashedFiles(headers []byte) []string {
	var hashed []string
	pattern := ""
	sc := bufio.NewScanner(bytes.NewReader(headers))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "/"):
			pattern = line
		case strings.TrimSpace(line) == "Cache-Control: "+ImmutableCache && !strings.ContainsAny(pattern, "*"):
			hashed = append(hashed, strings.TrimPrefix(pattern, "/"))
		}
	}
	return hashed
}
