package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/typography"
	"guidepost/generator/internal/yamlx"
)

// rawFrontMatter is what the front matter formats unmarshal into: the block as it is, so
// that it can be decoded with positions.
type rawFrontMatter struct {
	format string // "yaml" or "toml"
	data   []byte
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", keep("yaml")),
	frontmatter.NewFormat("+++", "+++", keep("toml")),
}

func keep(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		raw := v.(*rawFrontMatter)
		raw.format, raw.data = format, data
		return nil
	}
}

// splitFrontMatter finds the front matter of src with github.com/adrg/frontmatter: YAML
// between --- lines or TOML between +++ lines, after any blank lines. It returns the format
// ("" when src has no closed front matter), the block between the delimiter lines, and the
// offset at which the body starts (0 without front matter).
//
// The library copies all it reads, the body too, so it reads the whole lines of the first
// KB of src, then of four times as much, and so on, until the block closes or src ends:
// what it finds in whole lines it finds in src, and a block closes within the first KB in
// most articles.
func splitFrontMatter(src []byte) (format string, data []byte, body int) {
	for size := 1024; ; size *= 4 {
		part := src
		if size < len(src) {
			part = src[:bytes.LastIndexByte(src[:size], '\n')+1] // a cut line could read as a delimiter
		}
		var raw rawFrontMatter
		rest, err := frontmatter.Parse(bytes.NewReader(part), &raw, formats...)
		if err == nil && raw.format != "" {
			return raw.format, raw.data, len(part) - len(rest)
		}
		if len(part) == len(src) {
			return "", nil, 0 // a bytes.Reader never fails; no closed front matter
		}
	}
}

// ParseArticle reads the article at p (a slash path relative to the site folder) from src,
// within the default limits.
func ParseArticle(p string, src []byte, diags *diag.List) *Article {
	return ParseArticleWith(p, src, limits.Limits{}, diags)
}

// ParseArticleWith is ParseArticle within the limits lim: a file too large, or front matter
// nested too deeply, is an error and is not decoded.
func ParseArticleWith(p string, src []byte, lim limits.Limits, diags *diag.List) *Article {
	a := &Article{Path: p}
	if ex := lim.Size(int64(len(src))); ex != nil {
		diags.Hintf(diag.Pos{Path: p, Line: 1, Col: 1}, ex.Hint, "%s", ex.Message)
		return a
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	format, data, body := splitFrontMatter(src) // format "" when there is no closed front matter
	rest := src[body:]
	open := openingLine(src)
	a.FrontMatter = diag.Pos{Path: p, Line: open, Col: 1}
	a.Body = rest
	a.BodyLine = bytes.Count(src[:len(src)-len(rest)], []byte("\n")) + 1

	d := &yamlx.Decoder{Path: p, LineOffset: open, Diags: diags}
	if ex := frontMatterDepth(format, data, lim); ex != nil {
		diags.Hintf(diag.Pos{Path: p, Line: open + ex.Line, Col: 1}, ex.Hint, "%s", ex.Message)
		return a
	}
	var root *yaml.Node
	switch format {
	case "yaml":
		root = d.Parse(data)
	case "toml":
		root = tomlNode(data, d)
		d.CheckControl(root)
	default:
		noFrontMatter(a, src[min(len(src), len(src)-len(rest)):], diags)
		return a
	}
	if root == nil {
		if diags.Errors() == 0 {
			diags.Hintf(a.FrontMatter, "add \"title:\" and \"description:\"", "front matter is empty")
		}
		return a
	}
	decodeFrontMatter(d, root, a, rest)
	return a
}

// decodeFrontMatter decodes the front matter root of article a, whose body is rest: its
// keys, the description taken from the body when there is none, smart punctuation, the
// language and the slug.
func decodeFrontMatter(d *yamlx.Decoder, root *yaml.Node, a *Article, rest []byte) {
	var slug string
	slugNode := (*yaml.Node)(nil)
	d.Mapping(root, "front matter", []yamlx.Field{
		{Name: "title", Required: true, Decode: d.String(&a.Title)},
		{Name: "description", Decode: d.String(&a.Description)},
		{Name: "slug", Decode: func(k, v *yaml.Node) { slugNode = v; d.String(&slug)(k, v) }},
		{Name: "date", Decode: d.Date(&a.Date)},
		{Name: "reviewed", Decode: d.Date(&a.Reviewed)},
		{Name: "draft", Decode: d.Bool(&a.Draft)},
		{Name: "tags", Decode: decodeTags(d, a)},
		{Name: "weight", Decode: d.Int(&a.Weight)},
		{Name: "sources", Decode: d.Strings(&a.Sources)},
	})
	if a.Description == "" && !hasKey(root, "description") {
		describe(d, root, a, rest)
	}
	a.Title, a.Description = typography.Smart(a.Title), typography.Smart(a.Description)
	name, lang := fileLang(strings.TrimSuffix(path.Base(a.Path), ".md"))
	a.Lang = lang
	a.Slug = articleSlug(d, a.Path, name, slug, slugNode)
}

// decodeTags decodes the tags of article a: slugs, each kept once; one that is not a slug
// is reported with its fixed spelling and left out.
func decodeTags(d *yamlx.Decoder, a *Article) func(k, v *yaml.Node) {
	return func(k, v *yaml.Node) {
		var tags []string
		d.Strings(&tags)(k, v)
		// The tags kept are filtered in place: a.Tags, kept for the whole build, holds
		// no spare room.
		kept := tags[:0]
		for i, t := range tags {
			if !SlugRE.MatchString(t) {
				at := v
				if v.Kind == yaml.SequenceNode && i < len(v.Content) {
					at = v.Content[i]
				}
				d.Hintf(at, fmt.Sprintf("write it as %q", Slugify(t)), "tag %q must be lower-case words joined by hyphens", t)
				continue
			}
			if !slices.Contains(a.Tags, t) && !slices.Contains(kept, t) {
				kept = append(kept, t)
			}
		}
		if len(kept) < len(tags) {
			kept = slices.Clone(kept) // rare: some were left out; cut the room they took
		}
		if a.Tags == nil && len(kept) > 0 {
			a.Tags = kept
		} else {
			a.Tags = append(a.Tags, kept...)
		}
	}
}

// articleSlug returns the slug of the article at p: slug as written at node, or, when it is
// "", name (the file's name without ".md" and its language); "" when that is not a valid slug
// (reported to d).
func articleSlug(d *yamlx.Decoder, p, name, slug string, node *yaml.Node) string {
	if slug != "" {
		if !SlugRE.MatchString(slug) {
			d.Hintf(node, fmt.Sprintf("write it as %q", Slugify(slug)), "slug %q must be lower-case words joined by hyphens", slug)
			return ""
		}
		return slug
	}
	slug = name
	if !SlugRE.MatchString(slug) {
		d.Diags.Hintf(diag.Pos{Path: p}, fmt.Sprintf("rename the file to %s.md or set \"slug: %s\"", Slugify(slug), Slugify(slug)),
			"the file name %q does not make a valid slug (lower-case words joined by hyphens)", path.Base(p))
		return ""
	}
	return slug
}

// openingLine returns the line of src that opens its front matter: its first line that is
// not blank (one past the last line when all are blank).
func openingLine(src []byte) int {
	open := 1
	for rest := src; ; open++ {
		line, next, found := bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(line)) != 0 {
			return open
		}
		if !found {
			return open + 1
		}
		rest = next
	}
}

// noFrontMatter reports the front matter article a lacks: not closed when rest (what
// follows it) begins with a delimiter, missing otherwise.
func noFrontMatter(a *Article, rest []byte, diags *diag.List) {
	first := strings.TrimSpace(strings.SplitN(string(rest), "\n", 2)[0])
	if first == "---" || first == "+++" {
		diags.Hintf(a.FrontMatter, fmt.Sprintf("add a line %s after the last key", first), "front matter is not closed")
		return
	}
	diags.Hintf(diag.Pos{Path: a.Path, Line: 1, Col: 1}, "start the file with a --- line, then \"title:\" and \"description:\", then a --- line",
		"article has no front matter")
}

// ReadBody returns the markdown of article a and the line of a.Path it starts on: a.Body
// and a.BodyLine when a has its body, otherwise the body of the file as it is now, which
// ParseArticle would give (Load leaves bodies out with Options.NoBodies). A file that no
// longer has front matter gives no body: ParseArticle reported it.
func ReadBody(fsys fs.FS, a *Article) ([]byte, int, error) {
	if a.Body != nil {
		return a.Body, a.BodyLine, nil
	}
	src, err := ReadSource(fsys, a)
	if err != nil {
		return nil, 0, err
	}
	body, line := Body(src)
	return body, line, nil
}

// ReadSource returns the bytes of article a's file as they are now, front matter and all.
func ReadSource(fsys fs.FS, a *Article) ([]byte, error) {
	src, err := fs.ReadFile(fsys, a.Path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	return src, nil
}

// Body returns the markdown of the article file src, as ParseArticle finds it, and the line
// it starts on, for a caller that read the file itself (see ReadBody).
func Body(src []byte) ([]byte, int) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	_, _, end := splitFrontMatter(src)
	return src[end:], bytes.Count(src[:end], []byte("\n")) + 1
}

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns s into the closest valid slug.
func Slugify(s string) string {
	s = strings.Trim(notSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if s == "" {
		return "page"
	}
	return s
}

// tomlNode decodes TOML front matter into a yaml.Node tree, so that it goes through the same
// strict decoding as YAML. TOML reports no positions for keys, so each key's position is the
// line on which it is assigned.
func tomlNode(data []byte, d *yamlx.Decoder) *yaml.Node {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var perr toml.ParseError
		pos := diag.Pos{Path: d.Path, Line: d.LineOffset + 1, Col: 1}
		msg := err.Error()
		if errors.As(err, &perr) {
			pos.Line, pos.Col = d.LineOffset+perr.Position.Line, perr.Position.Col
			msg = perr.Message
		}
		d.Diags.Errorf(pos, "invalid TOML: %s", msg)
		return nil
	}
	lines := strings.Split(string(data), "\n")
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	for _, key := range md.Keys() {
		if len(key) != 1 {
			continue // keys of tables; their table is reported as a whole
		}
		name := key[0]
		line, col := 1, 1
		for i, l := range lines {
			t := strings.TrimLeft(l, " \t")
			if rest, ok := strings.CutPrefix(t, name); ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
				line, col = i+1, len(l)-len(t)+1
				break
			}
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: line, Column: col}
		root.Content = append(root.Content, k, tomlValue(m[name], line, col+len(name)+3))
	}
	return root
}

func tomlValue(v any, line, col int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: line, Column: col}
	switch v := v.(type) {
	case string:
		n.Tag, n.Value = "!!str", v
	case int64:
		n.Tag, n.Value = "!!int", fmt.Sprint(v)
	case float64:
		n.Tag, n.Value = "!!float", fmt.Sprint(v)
	case bool:
		n.Tag, n.Value = "!!bool", fmt.Sprint(v)
	case time.Time:
		n.Tag, n.Value = "!!timestamp", v.Format(time.DateOnly)
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 {
			n.Value = v.Format(time.RFC3339)
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, item := range v {
			n.Content = append(n.Content, tomlValue(item, line, col))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// unwrapPathError drops the path from err, which the diagnostic names already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
