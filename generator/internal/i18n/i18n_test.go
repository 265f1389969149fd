package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"guidepost/generator/internal/diag"
)

// builtinCatalogue parses a built-in catalogue as a site's own file would be: on its own,
// so that a key it lacks is an error.
func builtinCatalogue(t *testing.T, lang string) *Catalogue {
	t.Helper()
	src, ok := BuiltinSource(lang)
	if !ok {
		t.Fatalf("no built-in catalogue of %s", lang)
	}
	var diags diag.List
	c := Parse(lang+".yaml", lang, src, nil, &diags)
	for _, d := range diags.Sorted() {
		t.Errorf("%s", d)
	}
	return c
}

func TestBuiltinCataloguesAreComplete(t *testing.T) {
	langs := Builtin()
	if strings.Join(langs, " ") != "ar cy en es fr pl" {
		t.Fatalf("built-in languages: %v", langs)
	}
	en := builtinCatalogue(t, "en")
	for _, lang := range langs {
		c := builtinCatalogue(t, lang)
		for _, def := range Keys() {
			m := c.msgs[def.Key]
			if def.Optional {
				continue
			}
			if m.Text == "" && m.Forms == nil {
				t.Errorf("%s: %s is empty", lang, def.Key)
			}
			// A translation that is the English text word for word is a key left untranslated,
			// unless the word is the same in both languages.
			if lang != "en" && m.Text != "" && m.Text == en.msgs[def.Key].Text && !sameWord[lang+" "+string(def.Key)] {
				t.Errorf("%s: %s is still English: %q", lang, def.Key, m.Text)
			}
		}
	}
}

// sameWord lists the messages that are rightly written as in English.
var sameWord = map[string]bool{
	"cy language.dir": true, "es language.dir": true, "fr language.dir": true, "pl language.dir": true,
	"cy date": true, "fr date": true, "pl date": true, "ar date": true,
	"fr page.site_nav": true, "fr article.sources": true, "fr questionnaire.question": true, "fr level.urgent": true,
	"es questionnaire.error": true, "fr home.topics_az": false,
}

func TestLanguageNameAndDirection(t *testing.T) {
	for _, tc := range []struct{ lang, name, dir string }{
		{"en", "English", "ltr"}, {"cy", "Cymraeg", "ltr"}, {"es", "Español", "ltr"},
		{"fr", "Français", "ltr"}, {"pl", "Polski", "ltr"}, {"ar", "العربية", "rtl"},
	} {
		c := builtinCatalogue(t, tc.lang)
		if c.Name() != tc.name || c.Dir() != tc.dir {
			t.Errorf("%s: name %q dir %q, want %q %q", tc.lang, c.Name(), c.Dir(), tc.name, tc.dir)
		}
	}
}

func TestPluralForms(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 page of guidance on this topic."},
		{"en", 0, "0 pages of guidance on this topic."},
		{"en", 2, "2 pages of guidance on this topic."},
		{"cy", 0, "Dim tudalennau o ganllawiau ar y pwnc hwn."},
		{"cy", 1, "1 dudalen o ganllawiau ar y pwnc hwn."},
		{"cy", 2, "2 dudalen o ganllawiau ar y pwnc hwn."},
		{"cy", 3, "3 tudalen o ganllawiau ar y pwnc hwn."},
		{"cy", 6, "6 thudalen o ganllawiau ar y pwnc hwn."},
		{"cy", 4, "4 o dudalennau canllawiau ar y pwnc hwn."},
		{"cy", 20, "20 o dudalennau canllawiau ar y pwnc hwn."},
		{"fr", 0, "0 page de conseils sur ce thème."},
		{"fr", 2, "2 pages de conseils sur ce thème."},
		{"pl", 1, "1 strona z poradami na ten temat."},
		{"pl", 3, "3 strony z poradami na ten temat."},
		{"pl", 5, "5 stron z poradami na ten temat."},
		{"pl", 12, "12 stron z poradami na ten temat."},
		{"pl", 22, "22 strony z poradami na ten temat."},
		{"ar", 1, "صفحة إرشادات واحدة حول هذا الموضوع."},
		{"ar", 2, "صفحتا إرشادات حول هذا الموضوع."},
		{"ar", 5, "5 صفحات إرشادات حول هذا الموضوع."},
		{"ar", 11, "11 صفحة إرشادات حول هذا الموضوع."},
		{"ar", 100, "100 صفحة إرشادات حول هذا الموضوع."},
	} {
		c := builtinCatalogue(t, tc.lang)
		got, err := c.T("tag.count", "count", tc.n)
		if err != nil || got != tc.want {
			t.Errorf("%s %d: %q %v, want %q", tc.lang, tc.n, got, err, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	day := time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en": "31 March 2026", "cy": "31 Mawrth 2026", "es": "31 de marzo de 2026",
		"fr": "31 mars 2026", "pl": "31 marca 2026", "ar": "31 مارس 2026",
	} {
		if got := builtinCatalogue(t, lang).Date(day); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

func TestT(t *testing.T) {
	c := builtinCatalogue(t, "cy")
	for _, tc := range []struct {
		key  string
		args []any
		want string
		err  string
	}{
		{key: "questionnaire.continue", want: "Parhau"},
		{key: "questionnaire.item", args: []any{"n", 2, "total", 5}, want: "Eitem 2 o 5"},
		{key: "search.found", args: []any{"count", 3, "query", "poen"}, want: "3 chanlyniad ar gyfer “poen”."},
		{key: "questionnaire.contine", err: `no message "questionnaire.contine" in the cy catalogue`},
		{key: "questionnaire.item", args: []any{"m", 2}, err: `message "questionnaire.item" has no placeholder m`},
		{key: "questionnaire.item", args: []any{"n"}, err: "pairs"},
		{key: "tag.count", err: `give it as "count"`},
	} {
		got, err := c.T(tc.key, tc.args...)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %v: error %v, want %q", tc.key, tc.args, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %v: %q %v, want %q", tc.key, tc.args, got, err, tc.want)
		}
	}
}

// TestParseErrors checks that each mistake in a site's catalogue is reported at its line and
// column, all of them in one run.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, lang, src string
		base            bool
		want            []string
	}{
		{name: "unknown key", lang: "cy", base: true,
			src:  "questionnaire.continue: Ymlaen\nquestionnaire.contnue: Ymlaen\n",
			want: []string{`i18n/cy.yaml:2:1: unknown message key "questionnaire.contnue"; did you mean "questionnaire.continue"?`}},
		{name: "unknown placeholder", lang: "cy", base: true,
			src:  "questionnaire.item: Eitem {n} o {cyfanswm}\n",
			want: []string{`i18n/cy.yaml:1:21: questionnaire.item: unknown placeholder {cyfanswm}; its placeholders are {n}, {total}`}},
		{name: "a form English does not use", lang: "en", base: true,
			src:  "tag.count:\n  one: \"{count} page\"\n  few: \"{count} pages\"\n  other: \"{count} pages\"\n",
			want: []string{`i18n/en.yaml:3:3: tag.count: "few" is not a plural form of the language "en"; the forms of en (CLDR) are: one, other`}},
		{name: "a missing form", lang: "cy", base: true,
			src:  "tag.count:\n  one: \"{count} dudalen\"\n  other: \"{count} o dudalennau\"\n",
			want: []string{`i18n/cy.yaml:1:1: tag.count has no text for the plural form zero, two, few, many; add a line for each (the forms of cy are: zero, one, two, few, many, other)`}},
		{name: "one text for a plural key", lang: "pl", base: true,
			src:  "tag.count: \"{count} stron\"\n",
			want: []string{`i18n/pl.yaml:1:12: tag.count depends on a number, so it needs a text for each plural form; write one text for each form the language uses: one, few, many, other`}},
		{name: "forms for a plain key", lang: "es", base: true,
			src:  "questionnaire.back:\n  one: Atrás\n",
			want: []string{`i18n/es.yaml:2:3: questionnaire.back does not depend on a number, so it has no plural forms; write one text`}},
		{name: "bad direction", lang: "ar", base: true,
			src:  "language.dir: right\n",
			want: []string{`i18n/ar.yaml:1:15: language.dir must be ltr or rtl, not "right"; write ltr, or rtl for a language written from right to left`}},
		{name: "missing keys of a new language", lang: "ur",
			src:  "language.name: اردو\nlanguage.dir: rtl\n",
			want: []string{`i18n/ur.yaml:1:1: the catalogue has no language.switch, language.fallback, page.skip`}},
		{name: "several at once", lang: "cy", base: true,
			src: "questionnaire.back: Yn ôl\nquestionnaire.bak: Yn ôl\nquestionnaire.question: Cwestiwn {rhif}\n",
			want: []string{`i18n/cy.yaml:2:1: unknown message key "questionnaire.bak"`,
				`i18n/cy.yaml:3:25: questionnaire.question: unknown placeholder {rhif}`}},
		{name: "not a mapping", lang: "cy", base: true, src: "- questionnaire.back\n",
			want: []string{`i18n/cy.yaml:1:1: a catalogue must be a mapping of message keys to texts`}},
		{name: "syntax", lang: "cy", base: true, src: "questionnaire.back: [Yn ôl\n",
			want: []string{`i18n/cy.yaml:`, `invalid YAML`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var base *Catalogue
			if tc.base {
				base = builtinCatalogue(t, tc.lang)
			}
			var diags diag.List
			c := Parse("i18n/"+tc.lang+".yaml", tc.lang, []byte(tc.src), base, &diags)
			if c == nil {
				t.Fatal("nil catalogue")
			}
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, d.String())
			}
			all := strings.Join(got, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing %q in:\n%s", w, all)
				}
			}
			if diags.Errors() == 0 {
				t.Errorf("no error")
			}
		})
	}
}

// TestLoad reads a site's catalogues from a real folder: an override of a built-in language,
// a whole catalogue of a language guidepost does not carry, and a stray file.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, "content", "i18n", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cy.yaml", "questionnaire.start: Dechrau\n")
	write("de.yaml", "questionnaire.start: Los\n")
	// Urdu: every key, the English texts with Urdu's name and direction.
	en, _ := BuiltinSource("en")
	ur := strings.Replace(strings.Replace(string(en), "language.name: English", "language.name: اردو", 1),
		"language.dir: ltr", "language.dir: rtl", 1)
	write("ur.yaml", ur)

	var diags diag.List
	cats := Load(os.DirFS(dir), []string{"cy", "ur", "fr"}, diag.Pos{Path: "site.yaml", Line: 3, Col: 12}, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	want := []string{`content/i18n/de.yaml: warning: the site does not publish the language "de", so this catalogue is not used (languages in site.yaml: cy, ur, fr)`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s, _ := cats["cy"].T("questionnaire.start"); s != "Dechrau" {
		t.Errorf("cy override: %q", s)
	}
	if s, _ := cats["cy"].T("questionnaire.back"); s != "Yn ôl" {
		t.Errorf("cy built-in: %q", s)
	}
	if cats["ur"].Dir() != "rtl" || cats["ur"].Name() != "اردو" {
		t.Errorf("ur: %q %q", cats["ur"].Dir(), cats["ur"].Name())
	}
	// Urdu's plural forms are English's (one, other), so the English texts are valid forms.
	if s, _ := cats["ur"].T("tag.count", "count", 1); s != "1 page of guidance on this topic." {
		t.Errorf("ur plural: %q", s)
	}
	if s, _ := cats["fr"].T("questionnaire.back"); s != "Retour" {
		t.Errorf("fr: %q", s)
	}

	diags = diag.List{}
	Load(os.DirFS(dir), []string{"de"}, diag.Pos{Path: "site.yaml", Line: 3, Col: 12}, &diags)
	got = nil
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	if all := strings.Join(got, "\n"); !strings.Contains(all, `content/i18n/de.yaml:1:1: the catalogue has no language.name, language.dir,`) {
		t.Errorf("de without a built-in catalogue:\n%s", all)
	}
}

func TestMessagesForScript(t *testing.T) {
	c := builtinCatalogue(t, "ar")
	m := c.Messages(Script())
	if len(m) != len(Script()) || m["questionnaire.continue"] != "متابعة" || m["level.urgent"] != "نصيحة عاجلة" {
		t.Errorf("script messages: %v", m)
	}
}

// TestLoadRegionAndUnknownLanguage checks that a regional tag takes its base language's
// catalogue, and that a language guidepost has no words for keeps English with a warning.
func TestLoadRegionAndUnknownLanguage(t *testing.T) {
	var diags diag.List
	cats := Load(os.DirFS(t.TempDir()), []string{"cy-GB", "eu"}, diag.Pos{Path: "content/site.yaml", Line: 4, Col: 12}, &diags)
	if s, _ := cats["cy-GB"].T("questionnaire.continue"); s != "Parhau" {
		t.Errorf("cy-GB: %q", s)
	}
	if s, _ := cats["eu"].T("questionnaire.continue"); s != "Continue" || cats["eu"].Lang != "eu" {
		t.Errorf("eu: %q %q", s, cats["eu"].Lang)
	}
	got := diags.Sorted()
	if len(got) != 1 || got[0].Severity != diag.Warning || !strings.HasPrefix(got[0].String(),
		`content/site.yaml:4:12: warning: guidepost has no catalogue of the language "eu", so the theme's words stay in English`) {
		t.Errorf("diagnostics: %v", got)
	}
}

// TestDocsListEveryKey checks that docs/languages.md, which editors read, lists every key.
func TestDocsListEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/languages.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, def := range Keys() {
		if !strings.Contains(string(doc), "`"+string(def.Key)+"`") {
			t.Errorf("docs/languages.md does not list %s", def.Key)
		}
	}
}
