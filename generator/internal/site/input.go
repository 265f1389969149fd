package site

import (
	"io/fs"
	"net/url"
	"path"
	"strings"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/limits"
	"guidepost/generator/internal/questionnaire"
)

// yamlWithinLimits reports whether the YAML file p nests within lim, and reports an error
// where it does not: the YAML decoder recurses once a level.
func yamlWithinLimits(p string, src []byte, lim limits.Limits, diags *diag.List) bool {
	ex := lim.YAML(src)
	if ex == nil {
		return true
	}
	diags.Hintf(diag.Pos{Path: p, Line: ex.Line, Col: 1}, ex.Hint, "%s", ex.Message)
	return false
}

// loadQuestionnaire reads, parses and checks the questionnaire p, within lim. It returns nil
// when p cannot be read or is past a limit, or when parsing it panicked: all reported.
func loadQuestionnaire(fsys fs.FS, p string, articles *questionnaire.Articles, lim limits.Limits, diags *diag.List) *questionnaire.Questionnaire {
	src, err := content.ReadFile(fsys, p, lim, diags)
	if err != nil {
		diags.Errorf(diag.Pos{Path: p}, "cannot read: %v", err)
		return nil
	}
	if src == nil {
		return nil
	}
	q := ParseQuestionnaire(p, src, lim, diags)
	if q == nil {
		return nil
	}
	q.Check(articles, diags)
	if q.Lang != "" {
		checkTranslation(fsys, q, lim, diags)
	}
	smartQuestionnaire(q)
	return q
}

// ParseQuestionnaire parses the questionnaire file p, whose bytes are src, as a build does:
// within the nesting limit of lim, and with a panic turned into an error at p. It returns nil
// when the file is past the limit or parsing it panicked, both reported to diags. Every
// command and dev page that reads a questionnaire goes through it, so that no file can stop
// guidepost.
func ParseQuestionnaire(p string, src []byte, lim limits.Limits, diags *diag.List) (q *questionnaire.Questionnaire) {
	defer diags.Recover(diag.Pos{Path: p}) // q stays nil
	if !yamlWithinLimits(p, src, lim, diags) {
		return nil
	}
	if _, lang := content.TranslationOf(p); lang != "" {
		return questionnaire.ParseTranslation(p, lang, src, diags)
	}
	return questionnaire.Parse(p, src, diags)
}

// uniqueQuestionnaires reports every questionnaire whose slug an earlier one (in path order,
// as Load lists them) has, at its file, and leaves it out: a.yaml and sub/a.yaml would both
// write questionnaires/a/.
func uniqueQuestionnaires(list []*questionnaire.Questionnaire, diags *diag.List) []*questionnaire.Questionnaire {
	first := make(map[string]string)
	kept := list[:0]
	for _, q := range list {
		if prev, ok := first[q.Slug]; ok {
			diags.Hintf(diag.Pos{Path: q.Path}, "rename one of the files",
				"questionnaire slug %q is already used by %s", q.Slug, prev)
			continue
		}
		first[q.Slug] = q.Path
		kept = append(kept, q)
	}
	return kept
}

// escapePath percent-encodes each segment of the slash path p for a URL: a media file named
// h#x.txt, q?x.txt or p%41.txt is linked as h%23x.txt, q%3Fx.txt, p%2541.txt. Paths of
// letters, digits and -._~ (every slug) come back as they are, without work.
func escapePath(p string) string {
	if !needsEscape(p) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// needsEscape reports whether the path p has a byte other than an ASCII letter, a digit or
// one of "-._~/", which escapePath escapes.
func needsEscape(p string) bool {
	for i := range len(p) {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			return true
		}
	}
	return false
}

// checkBeside reports every media file whose name is one that beside gives for another
// media file: media/a.txt.gz would be overwritten by the gzip copy of media/a.txt.
func checkBeside(media []string, beside func(string) []string, diags *diag.List) {
	if beside == nil {
		return
	}
	have := make(map[string]bool, len(media))
	for _, m := range media {
		have[m] = true
	}
	for _, m := range media {
		for _, b := range beside(m) {
			if have[b] {
				diags.Hintf(diag.Pos{Path: b}, "rename it, or build without the option that writes such copies",
					"the build writes a file of this name beside %s (a compressed copy), which would overwrite it", path.Base(m))
			}
		}
	}
}
