package content

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/yamlx"
)

// A site of several languages names them in site.yaml, the default first:
//
//	languages: [en, cy]
//
// A translation sits beside its original and is named as it is with the language before
// the extension: articles/walking.cy.md translates articles/walking.md, and
// questionnaires/exercise-today.cy.yaml translates questionnaires/exercise-today.yaml.
// Load with Options.Lang set to a language other than the default gives each original's
// translation into it in its place, and the original where there is none (the site shows it
// with a note); the default language gets the originals. Content.Translated says which
// originals are translated into which languages.

// parseLanguages decodes "languages:", a list of distinct language tags.
func parseLanguages(d *yamlx.Decoder, k, v *yaml.Node) ([]string, diag.Pos) {
	var langs []string
	d.Strings(&langs)(k, v)
	var out []string
	for i, l := range langs {
		at := v
		if v.Kind == yaml.SequenceNode && i < len(v.Content) {
			at = v.Content[i]
		}
		switch {
		case !langRE.MatchString(l):
			d.Hintf(at, "use a language tag such as en, cy or pt-BR", "languages: %q is not a language tag", l)
		case slices.Contains(out, l):
			d.Hintf(at, "remove one of them", "languages: %q is listed twice", l)
		default:
			out = append(out, l)
		}
	}
	if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		d.Hintf(v, "list the languages, the default first: languages: [en, cy]", "languages is empty")
	}
	return out, d.Pos(v)
}

// settleLanguages makes Language and Languages agree: "languages:" names the default first;
// "language:" alone is a site of one language.
func settleLanguages(d *yamlx.Decoder, root *yaml.Node, s *Site) {
	if len(s.Languages) == 0 {
		s.Languages = []string{s.Language}
		if s.LanguagesPos.Path == "" {
			s.LanguagesPos = diag.Pos{Path: d.Path, Line: 1, Col: 1}
		}
		return
	}
	if hasKey(root, "language") && s.Language != s.Languages[0] {
		d.Diags.Hintf(s.LanguagesPos, "remove \"language:\"; the first of \"languages:\" is the default",
			"language: %q is not the first of languages: (%s)", s.Language, strings.Join(s.Languages, ", "))
	}
	s.Language = s.Languages[0]
}

// fileLang splits a file's name without its extension into the original's name and the
// language of a translation: "walking.cy" is "walking", "cy"; "walking" is "walking", "".
func fileLang(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || !langRE.MatchString(name[i+1:]) || !SlugRE.MatchString(name[:i]) {
		return name, ""
	}
	return name[:i], name[i+1:]
}

// TranslationOf returns the original of a translation's path, and the translation's
// language; lang is "" for a file that is not a translation.
func TranslationOf(p string) (orig, lang string) {
	ext := path.Ext(p)
	name, lang := fileLang(strings.TrimSuffix(path.Base(p), ext))
	if lang == "" {
		return p, ""
	}
	return path.Join(path.Dir(p), name+ext), lang
}

// TranslationPath returns the path of orig's translation into lang.
func TranslationPath(orig, lang string) string {
	ext := path.Ext(orig)
	return strings.TrimSuffix(orig, ext) + "." + lang + ext
}

// splitTranslations separates the translations among paths (sorted) from the originals,
// reporting a translation into a language the site does not publish, into its default
// language, or of a file that does not exist.
func splitTranslations(site Site, paths []string, diags *diag.List) (originals, translations []string) {
	if len(site.Languages) == 0 {
		site.Languages = []string{site.Language}
	}
	var all map[string]bool // made at the first translation: most sites have none
	for _, p := range paths {
		orig, lang := TranslationOf(p)
		if lang == "" {
			originals = append(originals, p)
			continue
		}
		switch {
		case lang == site.Languages[0]:
			diags.Hintf(diag.Pos{Path: p}, fmt.Sprintf("rename it to %s", path.Base(orig)),
				"%s is named as a translation into %s, which is the site's default language", path.Base(p), lang)
		case !slices.Contains(site.Languages, lang):
			diags.Hintf(diag.Pos{Path: p}, fmt.Sprintf("add %s to \"languages:\" in site.yaml, or rename the file", lang),
				"%s is named as a translation into %q, which the site does not publish (languages: %s)",
				path.Base(p), lang, strings.Join(site.Languages, ", "))
		case !has(&all, paths, orig):
			diags.Hintf(diag.Pos{Path: p}, fmt.Sprintf("a translation sits beside its original: add %s, or rename this file", path.Base(orig)),
				"%s translates %s, which does not exist", path.Base(p), path.Base(orig))
		default:
			translations = append(translations, p)
		}
	}
	return originals, translations
}

// translated maps each original of translations to the languages it is translated into.
func translated(translations []string) map[string][]string {
	out := make(map[string][]string)
	for _, p := range translations {
		orig, lang := TranslationOf(p)
		out[orig] = append(out[orig], lang)
	}
	return out
}

// pickLanguage returns, for each of originals, its translation into lang when there is one
// among translations, and the original otherwise.
func pickLanguage(site Site, lang string, originals, translations []string) []string {
	if lang == "" || len(site.Languages) == 0 || lang == site.Languages[0] || len(translations) == 0 {
		return originals
	}
	have := make(map[string]bool, len(translations))
	for _, t := range translations {
		have[t] = true
	}
	out := make([]string, len(originals))
	for i, p := range originals {
		out[i] = p
		if t := TranslationPath(p, lang); have[t] {
			out[i] = t
		}
	}
	return out
}

// has reports whether p is among paths, making the set *all of them at its first call.
func has(all *map[string]bool, paths []string, p string) bool {
	if *all == nil {
		*all = make(map[string]bool, len(paths))
		for _, q := range paths {
			(*all)[q] = true
		}
	}
	return (*all)[p]
}
