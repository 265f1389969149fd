package site

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/i18n"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/render"
)

// A site of several languages ("languages: [en, cy]" in site.yaml) is built once per
// language: the default at the root, each other under /<lang>/, every one a whole site of
// its own (home page, articles, tags, questionnaires, search and sitemap) made of the
// translations into it and, where a file has none, of the original with a note in the
// reader's language. Pages link their counterparts in the other languages (a language
// switch, hreflang alternates). The theme's assets and the media are written once, at the
// root, and shared: a link to one from a page under /<lang>/ is marked with a leading "/"
// (see links.rel), so that single-language sites build exactly as before.

// langSite is what one language's build knows of the site's languages.
type langSite struct {
	code, def  string // the language built, and the site's default
	prefix     string // where the language's pages are: "" for the default, "cy/"
	all        []string
	cats       map[string]*i18n.Catalogue
	root       string              // the site's base URL, without the language's folder
	translated map[string][]string // original file -> the languages it is translated into
	alone      bool                // built alone (Options.Language): at the root, no switch
}

// catalogues reads the catalogues of the site's languages, and returns them with the
// language to build: lang, or the default for "" (or for a language the site does not
// publish, which is an error).
func catalogues(fsys fs.FS, c *content.Content, lang string, diags *diag.List) (map[string]*i18n.Catalogue, string) {
	langs := siteLanguages(c.Site)
	if lang == "" {
		lang = langs[0]
	}
	if !slices.Contains(langs, lang) {
		diags.Hintf(c.Site.LanguagesPos, "name one of them, or add it to \"languages:\"",
			"--lang %s: the site publishes %s", lang, strings.Join(langs, ", "))
		lang = langs[0]
	}
	return i18n.Load(fsys, langs, c.Site.LanguagesPos, diags), lang
}

// siteLanguages returns the languages of the site, the default first.
func siteLanguages(s content.Site) []string {
	if len(s.Languages) == 0 {
		return []string{s.Language}
	}
	return s.Languages
}

// setLanguage readies b to build the site in lang, whose catalogue is cats[lang]: on a site
// of several languages, where its pages go and how they link to the others.
func (b *builder) setLanguage(c *content.Content, lang string, cats map[string]*i18n.Catalogue, diags *diag.List) {
	langs := siteLanguages(c.Site)
	b.cat = cats[lang]
	b.site.Language = lang
	if len(langs) < 2 {
		return
	}
	l := &langSite{code: lang, def: langs[0], all: langs, cats: cats, root: b.site.BaseURL, translated: c.Translated,
		alone: b.opts.Language != ""}
	b.lang = l
	// A translation is linked to, from markdown and actions, as its original is.
	for _, a := range b.articles {
		if a.Lang != "" && a.Slug != "" {
			orig, _ := content.TranslationOf(a.Path)
			b.bySource.Set(orig, articlePage(a.Slug))
			b.paths.Set(orig, a.Path)
		}
	}
	for _, q := range b.questionnaires {
		if q.Lang != "" {
			orig, _ := content.TranslationOf(q.Path)
			b.bySource.Set(orig, questionnairePage(q.Slug))
			b.paths.Set(orig, q.Path)
		}
	}
	if lang != l.def {
		b.warnUntranslated(c, diags)
	}
	// A site may name itself in each language: site.title and site.description in
	// content/i18n/<lang>.yaml.
	if t := b.cat.Must("site.title"); t != "" {
		b.site.Title = t
	}
	if d := b.cat.Must("site.description"); d != "" {
		b.site.Description = d
	}
	if lang == l.def || l.alone {
		return
	}
	l.prefix = lang + "/"
	b.links.prefix = l.prefix
	if b.site.BaseURL != "" {
		b.site.BaseURL += l.prefix
	}
	for _, m := range c.Media {
		b.bySource.Set(m, "/"+strings.TrimPrefix(m, content.Dir+"/"))
	}
}

// warnUntranslated reports, once for the language built, the articles and questionnaires
// that have no translation into it.
func (b *builder) warnUntranslated(c *content.Content, diags *diag.List) {
	var missing []string
	for _, a := range b.articles {
		if a.Lang == "" && a.Slug != "" {
			missing = append(missing, a.Path)
		}
	}
	for _, q := range b.questionnaires {
		if q.Lang == "" {
			missing = append(missing, q.Path)
		}
	}
	if len(missing) == 0 {
		return
	}
	slices.Sort(missing)
	list := missing
	if len(list) > 20 {
		list = append(slices.Clip(list[:20]), fmt.Sprintf("and %d more", len(missing)-20))
	}
	diags.Warnf(c.Site.LanguagesPos, "%d of %d pages have no translation into %s yet (%s); readers of %s see them in %s, with a note",
		len(missing), len(b.articles)+len(b.questionnaires), b.lang.code, strings.Join(list, ", "), b.lang.code, b.lang.def)
}

// setPageLanguage fills the language fields of pg, the page at p: its language and
// direction, and on a site of several languages the language switch and the alternates,
// all languages (pages that exist in each, such as the home page).
func (b *builder) setPageLanguage(pg *render.Page, p string) {
	pg.Lang, pg.Dir = b.site.Language, b.cat.Dir()
	pg.PrintSource = b.site.Title
	if pg.Title != "" {
		pg.PrintSource, _ = b.cat.T("page.print_source", "title", pg.Title, "site", b.site.Title)
	}
	l := b.lang
	if l == nil || l.alone {
		return
	}
	pg.LanguagesLabel = b.cat.Must("language.switch")
	pg.Languages = make([]render.Language, len(l.all))
	pg.Alternates = make([]render.Alternate, len(l.all))
	for i, code := range l.all {
		prefix := code + "/"
		if code == l.def {
			prefix = ""
		}
		c := l.cats[code]
		pg.Languages[i] = render.Language{Code: code, Name: c.Name(), Dir: c.Dir(), URL: b.links.rel(p, "/"+prefix+p), Current: code == l.code}
		u := pg.Languages[i].URL
		if l.root != "" && !b.opts.Offline {
			u = l.root + prefix + p
		}
		pg.Alternates[i] = render.Alternate{Lang: code, URL: u}
	}
}

// translatedPage narrows the alternates of pg to the languages the file src (an article's
// or a questionnaire's, translation or original) is written in, and marks a page shown in
// the default language for want of a translation.
func (b *builder) translatedPage(pg *render.Page, src string) {
	l := b.lang
	if l == nil {
		return
	}
	orig, lang := content.TranslationOf(src)
	have := append([]string{l.def}, l.translated[orig]...)
	pg.Alternates = slices.DeleteFunc(pg.Alternates, func(a render.Alternate) bool { return !slices.Contains(have, a.Lang) })
	if lang == "" && l.code != l.def {
		pg.Fallback = b.cat.Must("language.fallback")
		def := l.cats[l.def]
		pg.ContentLang, pg.ContentDir = l.def, def.Dir()
		for i := range pg.Crumbs[min(1, len(pg.Crumbs)):] { // all but the home page's
			pg.Crumbs[i+1].Lang, pg.Crumbs[i+1].Dir = pg.ContentLang, pg.ContentDir
		}
	}
}

// checkTranslation checks the questionnaire q, a translation, against its original: it reads
// and checks the original on its own (its problems are the default language's build's to
// report) and reports every structural difference.
func checkTranslation(fsys fs.FS, q *questionnaire.Questionnaire, lim limits.Limits, diags *diag.List) {
	origPath, _ := content.TranslationOf(q.Path)
	var own diag.List
	src, err := content.ReadFile(fsys, origPath, lim, &own)
	if err != nil || src == nil {
		return // reported by the default language's build
	}
	orig := ParseQuestionnaire(origPath, src, lim, &own)
	if orig == nil {
		return
	}
	orig.Check(nil, &own)
	questionnaire.CheckTranslation(orig, q, diags)
}

// prefixed is an Output that writes under a folder: a language's pages under /<lang>/.
type prefixed struct {
	out    Output
	prefix string
}

func (p prefixed) WriteFile(name string, data []byte) error {
	return p.out.WriteFile(p.prefix+name, data)
}

func (p prefixed) Forgets() bool { return Forgets(p.out) }

// buildTranslations builds the site in each of its languages after the default (res is the
// default's build) and returns what they wrote together.
func buildTranslations(ctx context.Context, fsys fs.FS, opts Options, out Output, site content.Site, res Result) Result {
	if len(site.Languages) < 2 || ctx.Err() != nil {
		return res
	}
	for _, lang := range site.Languages[1:] {
		prefix := lang + "/"
		r, _ := buildLang(ctx, fsys, opts, prefixed{out, prefix}, lang, res.Diags)
		res.Pages += r.Pages
		res.Files += r.Files
		for _, name := range r.Written {
			res.Written = append(res.Written, prefix+name)
		}
		for _, name := range r.Hashed {
			if strings.HasPrefix(name, SearchDir+"/") {
				res.Hashed = append(res.Hashed, prefix+name)
			}
		}
	}
	slices.Sort(res.Written)
	slices.Sort(res.Hashed)
	return res
}

// sharedFiles reports whether this build writes the files every language shares: the
// theme's assets, the media, 404.html and robots.txt.
func (b *builder) sharedFiles() bool { return b.lang == nil || b.lang.prefix == "" }

// skipRef reports whether the anchor of a link from the file from to the file to goes
// unchecked: from an original shown for want of a translation to a translated page, whose
// headings have ids in their own language. The default language's build checks the same
// link against the original.
func (l *langSite) skipRef(from, to string) bool {
	if l.code == l.def {
		return false
	}
	_, fromLang := content.TranslationOf(from)
	_, toLang := content.TranslationOf(to)
	return fromLang == "" && toLang != ""
}

// otherLang returns the language and direction of a text written in lang (a file's: "" for
// an original), when it is not the language built: an original listed on a page of another
// language. It returns "", "" otherwise.
func (b *builder) otherLang(lang string) (string, string) {
	l := b.lang
	if l == nil || lang != "" || l.code == l.def {
		return "", ""
	}
	return l.def, l.cats[l.def].Dir()
}

// tagDescription describes the listing of the tag t, in the language built.
func (b *builder) tagDescription(t string) string {
	s, _ := b.cat.T("tag.description", "tag", strings.ReplaceAll(t, "-", " "))
	return s
}

// searchDescription describes the search page, in the language built.
func (b *builder) searchDescription() string {
	s, _ := b.cat.T("search.description", "site", b.site.Title)
	return s
}
