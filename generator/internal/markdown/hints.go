package markdown

import (
	"path"
	"strings"
)

// A Finder is a Linker that also finds source files by name, for hints: Find returns the
// source files (slash paths relative to the site folder) whose base name is name.
type Finder interface {
	Find(name string) []string
}

// suggest returns a hint naming the source file that a link to a page or to an HTML file
// (x.html, x/, /section/x/, /x.html), as another generator's site linked, most likely means:
// x.md in the folder the link points into, or else a file of that name anywhere in the site
// (x.md, or x.yaml for a questionnaire), written relative to the file the link is in. It
// returns "" when there is none.
func (st *state) suggest(p string) string {
	from := path.Dir(st.doc.Path)
	if rest, ok := strings.CutPrefix(p, "/"); ok && rest != "" {
		// A root-relative link to a file the site has: /media/photo.jpg is content/media/photo.jpg.
		top, _, _ := strings.Cut(st.doc.Path, "/") // the content folder
		if src := path.Join(top, rest); strings.HasPrefix(src, top+"/") && st.builds(src) {
			return "link to " + relPath(from, src) + ", relative to this file"
		}
	}
	dir, name := pageName(p)
	if name == "" {
		return ""
	}
	var found []string
	if !strings.HasPrefix(p, "/") {
		if src := path.Join(from, dir, name+".md"); st.builds(src) {
			found = append(found, src)
		}
	}
	if f, ok := st.doc.Linker.(Finder); ok && len(found) == 0 {
		found = append(f.Find(name+".md"), f.Find(name+".yaml")...)
	}
	switch {
	case len(found) == 0:
		return ""
	case len(found) > 3:
		found = found[:3]
	}
	rel := make([]string, len(found))
	for i, f := range found {
		rel[i] = relPath(from, f)
	}
	return "did you mean " + strings.Join(rel, " or ") + "? link to the source file, relative to this one"
}

func (st *state) builds(src string) bool {
	_, ok := st.doc.Linker.Link(src)
	return ok
}

// pageName returns the folder and the name of the page a link's path p names, as another
// site generator wrote it: "walking" for walking.html, walking/, /section/walking/,
// walking/index.html; name is "" when p names no page that way (an image, a .md file).
func pageName(p string) (dir, name string) {
	p = strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "index.htm")
	switch {
	case strings.HasSuffix(p, "/"):
		p = strings.TrimSuffix(p, "/")
	case strings.HasSuffix(p, ".html"), strings.HasSuffix(p, ".htm"):
		p = strings.TrimSuffix(strings.TrimSuffix(p, ".html"), ".htm")
	default:
		return "", ""
	}
	dir, name = path.Split(strings.TrimPrefix(p, "/"))
	if name == "" || name == "." || name == ".." {
		return "", ""
	}
	return dir, name
}

// relPath returns the slash path of target relative to the folder dir.
func relPath(dir, target string) string {
	d, t := strings.Split(dir, "/"), strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
}
