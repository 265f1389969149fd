// Package content loads a site's settings and articles.
//
// Everything is read from an fs.FS rooted at the site folder (the one holding content/):
//
//	content/site.yaml           site settings
//	content/articles/**/*.md    articles: front matter (YAML between --- lines, or TOML
//	                            between +++ lines) and a markdown body
//	content/questionnaires/*.yaml
//	                            decision trees: listed here, parsed by package questionnaire
//	content/media/**            files copied as they are
//	content/articles/**/*.png ...
//	                            any other file beside the articles (page bundles): copied as
//	                            they are too, to the same place under articles/
//
// Loading is strict: unknown keys, wrong types, bad dates, missing required keys, invalid or
// duplicate slugs are all diagnostics at the file's own line and column, and loading goes
// on past them so that one run reports them all. An article without a description is only
// a warning: the first sentence of its body stands in (FirstSentence). Titles and
// descriptions get smart punctuation (package typography), as bodies do. Markdown bodies are kept as they are; they
// are converted later, by package markdown, when pages are rendered.
//
// Every file is read within the limits of package limits (its size, the nesting of its front
// matter), checked before it is decoded; a panic while parsing one file is an error at that
// file. Names holding a control character, \ or : are errors and left out, as are text
// values holding a control character (package yamlx). A symbolic link is followed only when
// it leads to something inside the site folder; any other is a warning naming it.
package content

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/parallel"
	"guidepost/generator/internal/typography"
	"guidepost/generator/internal/yamlx"
)

// Folders and files of a site, as slash paths relative to the site folder.
const (
	Dir               = "content"
	SiteFile          = "content/site.yaml"
	ArticlesDir       = "content/articles"
	QuestionnairesDir = "content/questionnaires"
	MediaDir          = "content/media"
)

// Site holds the settings of site.yaml.
type Site struct {
	Title       string
	Description string
	BaseURL     string // absolute, ending in "/", or "" when not set
	Language    string // defaults to "en"; the first of Languages
	// Languages lists the languages the site publishes, "languages: [en, cy]", the default
	// first; a site that names one ("language: cy") or none has just that one.
	Languages []string
	// LanguagesPos is where site.yaml names its languages, for errors about them.
	LanguagesPos diag.Pos
	ReviewAfter  Period // zero when not set
	Maps         bool   // publish each questionnaire's flow map in builds ("maps: true")
	Search       bool   // a search box on every page and a search page ("search: true")
	// EscapeRawHTML is true when raw HTML in markdown is to be shown as text (raw_html:
	// escape) rather than sanitized (raw_html: sanitize, the default).
	EscapeRawHTML bool

	// Notice is markdown shown at the top of every page ("notice:"), such as "In an
	// emergency, call 999."; empty when not set. NoticeLine and NoticeCol are where it
	// starts in site.yaml, for the positions of its markdown's errors.
	Notice                string
	NoticeLine, NoticeCol int
	Organisation          string       // the publisher's name, in the footer ("organisation:")
	FooterLinks           []FooterLink // links every page's footer shows ("footer_links:")
}

// A FooterLink is one link of the footer: to a web address (http, https, mailto, tel) or to
// an article, named by its source file.
type FooterLink struct {
	Label string
	Href  string // as written
	// Article is the article's source file, relative to the site's folder
	// ("content/articles/accessibility.md"), when Href names one; "" for a web address.
	Article string
	Pos     diag.Pos // of href's value
}

// Period is a span of the calendar such as 12mo, 6w or 1y.
type Period struct {
	Years, Months, Days int
}

// IsZero reports whether p is unset.
func (p Period) IsZero() bool { return p == Period{} }

// Before returns the date p before t.
func (p Period) Before(t time.Time) time.Time { return t.AddDate(-p.Years, -p.Months, -p.Days) }

// After returns the date p after t.
func (p Period) After(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

var periodRE = regexp.MustCompile(`^([1-9][0-9]{0,3})(d|w|mo|y)$`)

// ParsePeriod parses a number followed by d (days), w (weeks), mo (months) or y (years).
func ParsePeriod(s string) (Period, error) {
	m := periodRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Period{}, fmt.Errorf("%q is not a period", s)
	}
	var n int
	fmt.Sscan(m[1], &n)
	switch m[2] {
	case "d":
		return Period{Days: n}, nil
	case "w":
		return Period{Days: 7 * n}, nil
	case "mo":
		return Period{Months: n}, nil
	}
	return Period{Years: n}, nil
}

// An Article is one markdown file of content/articles.
type Article struct {
	Path        string // slash path relative to the site folder
	Slug        string
	Title       string
	Description string
	Date        time.Time // zero when not set
	Reviewed    time.Time // zero when not set
	Draft       bool
	Tags        []string
	Weight      int
	Sources     []string // markdown

	// Lang is the language of a translation, from its file name (walking.cy.md is the
	// translation into cy of walking.md, and has its slug); "" for an original.
	Lang string

	Body     []byte // the markdown after the front matter; nil after Load with NoBodies (see ReadBody)
	BodyLine int    // the line of Path on which Body starts
	// FrontMatter is the position of the front matter's opening delimiter.
	FrontMatter diag.Pos
}

// Content is everything Load found.
type Content struct {
	Site     Site
	Articles []*Article // in listing order: weight, then title, then slug
	// Questionnaires and Media are the slash paths, relative to the site folder, of the
	// questionnaire files and of the files copied as they are, sorted: the media files, and
	// the files other than markdown under content/articles/ (page bundles: images and
	// documents kept beside the articles that use them).
	Questionnaires []string
	Media          []string
	// Drafts holds the slugs of the draft articles left out of this build.
	Drafts map[string]bool
	// Translated holds, for a site of several languages, the languages each original file
	// (by its path) is translated into: articles and questionnaires alike.
	Translated map[string][]string
}

// Options tune Load.
type Options struct {
	Drafts bool      // keep draft articles
	Now    time.Time // today, for review warnings; zero means no review warnings
	// Parse, when set, is called instead of ParseArticle (dev mode reuses the articles that
	// did not change); it must give what ParseArticle gives.
	Parse func(path string, src []byte, diags *diag.List) *Article
	// Cached, when set, is asked for each article before its file is read: an article it
	// returns is taken as ParseArticle would give it (Cached reports to diags what parsing
	// reported) and the file is not read; nil means read and parse the file.
	Cached func(path string, diags *diag.List) *Article
	// Limits bound each file read (see package limits); zero fields mean the defaults.
	Limits limits.Limits
	// NoBodies leaves every Article.Body nil, so that a large site's markdown is never all in
	// memory at once; ReadBody reads a body again when its page is rendered.
	NoBodies bool
	// Lang, on a site of several languages, is the language to load (see languages.go):
	// "" or the default language loads the originals.
	Lang string
}

// SlugRE is the form of every slug and node id.
var SlugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads the site in fsys. Problems go to diags; Load returns what it could read.
func Load(fsys fs.FS, opts Options, diags *diag.List) *Content {
	c := &Content{Drafts: make(map[string]bool)}
	if src, err := ReadFile(fsys, SiteFile, opts.Limits, diags); src == nil && err == nil {
		// too large: reported
	} else if err != nil {
		diags.Hintf(diag.Pos{Path: SiteFile}, "run guidepost from the site folder (the one holding content/), or start one with \"guidepost init DIR\"",
			"cannot read site settings: %v", unwrapPathError(err))
	} else {
		c.Site = parseSiteSafely(src, diags)
	}

	var paths, bundled []string
	walk(fsys, ArticlesDir, diags, func(p string) {
		if path.Ext(p) == ".md" {
			paths = append(paths, p)
		} else {
			if !misnamed(p, ".md", []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn"}, diags) {
				bundled = append(bundled, p) // a page bundle's file, published beside its article
			}
		}
	})
	var translations []string
	paths, translations = splitTranslations(c.Site, paths, diags)
	c.Translated = translated(translations)
	paths = pickLanguage(c.Site, opts.Lang, paths, translations)
	parse := func(p string, src []byte, diags *diag.List) *Article {
		return ParseArticleWith(p, src, opts.Limits, diags)
	}
	if opts.Parse != nil {
		parse = opts.Parse
	}
	// Articles are read and parsed in parallel, each into its own diagnostics, and then taken
	// in path order, so that what Load returns does not depend on which finished first.
	articles := make([]*Article, len(paths))
	lists := make([]diag.List, len(paths))
	parallel.Do(len(paths), func(i int) {
		defer lists[i].Recover(diag.Pos{Path: paths[i]}) // one bad file must not crash the build
		if opts.Cached != nil {
			if a := opts.Cached(paths[i], &lists[i]); a != nil {
				articles[i] = a
				return
			}
		}
		src, err := ReadFile(fsys, paths[i], opts.Limits, &lists[i])
		if err != nil {
			lists[i].Errorf(diag.Pos{Path: paths[i]}, "cannot read: %v", unwrapPathError(err))
			return
		}
		if src == nil {
			return // too large: reported
		}
		a := parse(paths[i], src, &lists[i])
		if opts.NoBodies {
			a.Body = nil
		}
		articles[i] = a
	})
	if opts.Parse == nil && opts.Cached == nil {
		internTags(articles) // all parsed here: no one else holds their tags
	}
	for i, a := range articles {
		diags.Merge(&lists[i])
		if a == nil {
			continue
		}
		if a.Draft && !opts.Drafts {
			c.Drafts[a.Slug] = true
			continue
		}
		c.Articles = append(c.Articles, a)
	}
	walk(fsys, QuestionnairesDir, diags, func(p string) {
		if path.Ext(p) == ".yaml" {
			c.Questionnaires = append(c.Questionnaires, p)
		} else {
			misnamed(p, ".yaml", []string{".yaml", ".yml"}, diags)
		}
	})
	c.Questionnaires, translations = splitTranslations(c.Site, c.Questionnaires, diags)
	for p, langs := range translated(translations) {
		c.Translated[p] = langs
	}
	c.Questionnaires = pickLanguage(c.Site, opts.Lang, c.Questionnaires, translations)
	walk(fsys, MediaDir, diags, func(p string) { c.Media = append(c.Media, p) })
	c.Media = append(c.Media, bundled...)
	slices.Sort(c.Media)

	SortArticles(c.Articles)
	checkSlugs(c.Articles, diags)
	if !c.Site.ReviewAfter.IsZero() && !opts.Now.IsZero() {
		CheckReviews(c.Articles, c.Site.ReviewAfter, opts.Now, diags)
	}
	return c
}

// internTags makes the articles that have the same tag share one copy of its name: tags come
// from a small vocabulary, and every article keeps its own for the whole build otherwise. Nil
// articles are skipped.
func internTags(articles []*Article) {
	names := make(map[string]string)
	for _, a := range articles {
		if a == nil {
			continue
		}
		for i, t := range a.Tags {
			if name, ok := names[t]; ok {
				a.Tags[i] = name
			} else {
				names[t] = t
			}
		}
	}
}

// walk calls fn for every regular file below dir, in lexical order, skipping hidden files
// and editors' temporary files. A missing dir is not an error.
func walk(fsys fs.FS, dir string, diags *diag.List, fn func(path string)) {
	if info, err := fs.Lstat(fsys, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 && !followLink(fsys, dir, diags) {
		return
	}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errorsIsNotExist(err) {
				return fs.SkipDir
			}
			diags.Errorf(diag.Pos{Path: p}, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if p != dir && Ignored(path.Base(p)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && !CheckName(p, diags) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			fn(p)
		} else if p != dir && d.Type()&fs.ModeSymlink != 0 && followLink(fsys, p, diags) {
			if info, err := fs.Stat(fsys, p); err == nil && info.Mode().IsRegular() {
				fn(p)
			} else if err == nil && info.IsDir() {
				walk(fsys, p, diags, fn)
			}
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{Path: dir}, "cannot read: %v", err)
	}
}

// Ignored reports whether a file or folder name is one guidepost skips: hidden files and the
// swap, backup and lock files editors leave beside the files they edit.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || // hidden (vim .x.swp, emacs .#x), backups
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) || // emacs auto-save
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swo") || strings.HasSuffix(name, ".swx") ||
		strings.HasSuffix(name, ".tmp") || name == "4913" || // vim's probe of a folder's permissions
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") // JetBrains
}

// SortArticles puts articles in listing order: weight, then title, then slug.
func SortArticles(list []*Article) {
	type keyed struct {
		a     *Article
		title string // lower case, made once rather than at each comparison
	}
	keys := make([]keyed, len(list))
	for i, a := range list {
		keys[i] = keyed{a, strings.ToLower(a.Title)}
	}
	slices.SortStableFunc(keys, func(x, y keyed) int { return compareListing(x.a, y.a, x.title, y.title) })
	for i, k := range keys {
		list[i] = k.a
	}
}

// CompareArticles compares two articles in listing order, as SortArticles sorts them.
func CompareArticles(a, b *Article) int {
	return compareListing(a, b, strings.ToLower(a.Title), strings.ToLower(b.Title))
}

// compareListing compares a and b, whose titles in lower case are ta and tb. Only two
// articles of one slug, an error, compare equal.
func compareListing(a, b *Article, ta, tb string) int {
	if a.Weight != b.Weight {
		return cmp.Compare(a.Weight, b.Weight)
	}
	if c := strings.Compare(ta, tb); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

func checkSlugs(list []*Article, diags *diag.List) {
	byPath := slices.Clone(list)
	slices.SortFunc(byPath, func(a, b *Article) int { return strings.Compare(a.Path, b.Path) })
	first := make(map[string]*Article)
	for _, a := range byPath {
		if a.Slug == "" {
			continue
		}
		if prev, ok := first[a.Slug]; ok {
			diags.Hintf(a.FrontMatter, "give one of them another file name or a \"slug:\" of its own",
				"slug %q is already used by %s", a.Slug, prev.Path)
			continue
		}
		first[a.Slug] = a
	}
}

// CheckReviews warns, on the day now, of each article of list that has no review date or
// whose last review is more than p ago. Load checks the articles it loads; a dev rebuild
// that reads one article again checks it alone (package rebuild).
func CheckReviews(list []*Article, p Period, now time.Time, diags *diag.List) {
	due := p.Before(now)
	for _, a := range list {
		switch {
		case a.Reviewed.IsZero():
			diags.Warnf(a.FrontMatter, "no \"reviewed:\" date; the site asks for a review every %s", p)
		case a.Reviewed.Before(due):
			diags.Warnf(a.FrontMatter, "last reviewed %s, more than %s ago: review it and update \"reviewed:\"",
				a.Reviewed.Format(time.DateOnly), p)
		}
	}
}

func (p Period) String() string {
	switch {
	case p.Years != 0:
		return fmt.Sprintf("%dy", p.Years)
	case p.Months != 0:
		return fmt.Sprintf("%dmo", p.Months)
	case p.Days%7 == 0:
		return fmt.Sprintf("%dw", p.Days/7)
	}
	return fmt.Sprintf("%dd", p.Days)
}

// ParseSite decodes site.yaml.
func ParseSite(src []byte, diags *diag.List) Site {
	s := Site{Language: "en"}
	d := &yamlx.Decoder{Path: SiteFile, Diags: diags}
	root := d.Parse(src)
	if root == nil {
		if diags.Errors() == 0 {
			diags.Hintf(diag.Pos{Path: SiteFile, Line: 1, Col: 1}, "add at least \"title:\" and \"description:\"", "site.yaml is empty")
		}
		return s
	}
	var baseURL, reviewAfter string
	d.Mapping(root, "site.yaml", []yamlx.Field{
		{Name: "title", Required: true, Decode: d.String(&s.Title)},
		{Name: "description", Required: true, Decode: d.String(&s.Description)},
		{Name: "base_url", Decode: func(k, v *yaml.Node) {
			d.String(&baseURL)(k, v)
			if baseURL == "" {
				return
			}
			u, err := NormalizeBaseURL(baseURL)
			if err != nil {
				d.Hintf(v, "write an absolute URL such as https://example.org/guides/", "base_url: %v", err)
				return
			}
			s.BaseURL = u
		}},
		{Name: "language", Decode: func(k, v *yaml.Node) {
			d.String(&s.Language)(k, v)
			if !langRE.MatchString(s.Language) {
				d.Hintf(v, "use a language tag such as en, cy or pt-BR", "language: %q is not a language tag", s.Language)
				s.Language = "en"
			}
		}},
		{Name: "languages", Decode: func(k, v *yaml.Node) { s.Languages, s.LanguagesPos = parseLanguages(d, k, v) }},
		{Name: "maps", Decode: d.Bool(&s.Maps)},
		{Name: "search", Decode: d.Bool(&s.Search)},
		{Name: "review_after", Decode: func(k, v *yaml.Node) {
			d.String(&reviewAfter)(k, v)
			if reviewAfter == "" {
				return
			}
			p, err := ParsePeriod(reviewAfter)
			if err != nil {
				d.Hintf(v, "write a number and a unit: 30d, 6w, 12mo or 1y", "review_after: %v", err)
				return
			}
			s.ReviewAfter = p
		}},
		{Name: "raw_html", Decode: func(k, v *yaml.Node) { s.EscapeRawHTML = rawHTML(d, k, v) }},
		{Name: "notice", Decode: func(k, v *yaml.Node) {
			d.String(&s.Notice)(k, v)
			s.NoticeLine, s.NoticeCol = v.Line, v.Column
			switch {
			case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
				s.NoticeLine, s.NoticeCol = v.Line+1, 1
			case v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
				s.NoticeCol++
			}
		}},
		{Name: "organisation", Decode: d.String(&s.Organisation)},
		{Name: "footer_links", Decode: func(k, v *yaml.Node) { s.FooterLinks = footerLinks(d, k, v) }},
	})
	s.Title, s.Description = typography.Smart(s.Title), typography.Smart(s.Description)
	settleLanguages(d, root, &s)
	return s
}

// footerLinks decodes footer_links: a list of {label, href}, href a web address or an
// article's source file, relative to content/articles/ ("accessibility.md").
func footerLinks(d *yamlx.Decoder, key, v *yaml.Node) []FooterLink {
	var out []FooterLink
	d.Each(key, v, func(item *yaml.Node) {
		var l FooterLink
		var hrefNode *yaml.Node
		ok := d.Mapping(item, "footer link", []yamlx.Field{
			{Name: "label", Required: true, Decode: d.String(&l.Label)},
			{Name: "href", Required: true, Decode: func(k, v *yaml.Node) { d.String(&l.Href)(k, v); hrefNode = v }},
		})
		if !ok || hrefNode == nil || l.Label == "" || l.Href == "" {
			return // yamlx reported a missing or empty key
		}
		l.Pos = d.Pos(hrefNode)
		switch scheme, _, _ := strings.Cut(l.Href, ":"); {
		case strings.HasSuffix(strings.SplitN(l.Href, "#", 2)[0], ".md") && !strings.Contains(l.Href, "://"):
			file := strings.SplitN(l.Href, "#", 2)[0]
			l.Article = path.Join(ArticlesDir, file)
			if strings.HasPrefix(file, "/") || strings.HasPrefix(l.Article, "../") || !strings.HasPrefix(l.Article, ArticlesDir+"/") {
				d.Hintf(hrefNode, "name a file inside content/articles/, such as accessibility.md", "href: %q is not inside content/articles/", l.Href)
				return
			}
		case scheme == "mailto" || scheme == "tel":
		case scheme == "http" || scheme == "https":
			if err := checkURL(strings.SplitN(l.Href, "#", 2)[0]); err != nil && !strings.Contains(err.Error(), "query") {
				d.Hintf(hrefNode, "write an absolute address such as https://example.org/contact", "href: %v", err)
				return
			}
		default:
			d.Hintf(hrefNode, "write an article's source file (accessibility.md) or an address starting https://, mailto: or tel:",
				"href: %q is neither an article nor a web address", l.Href)
			return
		}
		out = append(out, l)
	})
	return out
}

var langRE = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)

// NormalizeBaseURL checks that u is an absolute http(s) URL and makes it end in "/".
func NormalizeBaseURL(u string) (string, error) {
	if err := checkURL(u); err != nil {
		return "", err
	}
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return "", fmt.Errorf("%q is not an absolute http or https URL", u)
	}
	rest := u[strings.Index(u, "//")+2:]
	if rest == "" || strings.HasPrefix(rest, "/") || strings.ContainsAny(u, " ?#\"<>") {
		return "", fmt.Errorf("%q is not a valid site address", u)
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}
