package site

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestBilingualBuild builds testdata/bilingual, an English site with Welsh translations of
// two articles and the questionnaire and an Arabic one of one article, and checks what each
// language gets: its own pages under /<lang>/, its own search and sitemap, the theme's words
// and dates in its language, the switch and hreflang links, and the note on pages not yet
// translated.
func TestBilingualBuild(t *testing.T) {
	out, res := build(t, os.DirFS("testdata/bilingual"), Options{})
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	files := out.Files()
	names := out.Names()
	for _, want := range []string{
		"index.html", "cy/index.html", "ar/index.html",
		"articles/walking/index.html", "cy/articles/walking/index.html", "ar/articles/walking/index.html",
		"cy/articles/aquatic-exercise/index.html", // not translated: shown in English, with a note
		"cy/questionnaires/exercise-today/index.html", "cy/questionnaires/exercise-today/pain-today/index.html",
		"cy/tags/walking/index.html", "cy/search/index.html", "cy/sitemap.xml", "ar/sitemap.xml", "robots.txt",
	} {
		if files[want] == nil {
			t.Errorf("no %s", want)
		}
	}
	for _, name := range names {
		if strings.HasPrefix(name, "cy/assets/") || strings.HasPrefix(name, "ar/assets/") || name == "cy/404.html" || name == "cy/robots.txt" {
			t.Errorf("%s: the languages share the root's assets, 404 page and robots.txt", name)
		}
	}
	if !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "cy/search-index/") }) {
		t.Error("Welsh has no search index of its own")
	}

	// Warnings list what is not translated, per language.
	all := diagText(res.Diags)
	for _, w := range []string{
		"content/site.yaml:4:12: warning: 5 of 8 pages have no translation into cy yet (content/articles/aquatic-exercise.md, content/articles/core-and-yoga.md, content/articles/home-therapies.md, content/articles/listen-to-your-body.md, content/articles/scale-your-workout-down.md); readers of cy see them in en, with a note",
		"warning: 7 of 8 pages have no translation into ar yet",
		"content/questionnaires/exercise-today.yaml); readers of ar see them in en, with a note",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("diagnostics lack %q:\n%s", w, all)
		}
	}
	if strings.Contains(all, "translation:") {
		t.Errorf("the Welsh questionnaire differs from the original:\n%s", all)
	}

	page := func(name string) string { return string(files[name]) }
	for _, tc := range []struct {
		name string
		want []string
		not  []string
	}{
		{"cy/articles/walking/index.html", []string{
			`<html lang="cy" dir="ltr">`,
			`<title>Cerdded yn lle ymarfer caled – Poen cefn ac ymarfer corff</title>`,
			`<link rel="alternate" hreflang="en" href="https://example.org/back/articles/walking/">`,
			`<link rel="alternate" hreflang="cy" href="https://example.org/back/cy/articles/walking/">`,
			`<link rel="alternate" hreflang="ar" href="https://example.org/back/ar/articles/walking/">`,
			`<link rel="canonical" href="https://example.org/back/cy/articles/walking/">`,
			`<nav class="language-switch" aria-label="Ieithoedd">`,
			`<a href="../../../articles/walking/" hreflang="en" lang="en" dir="ltr">English</a>`,
			`<span lang="cy" dir="ltr" aria-current="true">Cymraeg</span>`,
			`<a href="../../../ar/articles/walking/" hreflang="ar" lang="ar" dir="rtl">العربية</a>`,
			`<link rel="stylesheet" href="../../../assets/style.`,
			`<time datetime="2026-10-12">12 Hydref 2026</time>`,
			`href="../../../cy/articles/when-to-see-a-doctor/#arwyddion-rhybudd"`, // the Welsh page of the original's file
			`href="../../../cy/articles/aquatic-exercise/"`,
			// The theme's words, from the Welsh catalogue.
			`<a class="skip-link" href="#main">Neidio i&#39;r prif gynnwys</a>`,
			`<h2 id="sources-heading">Ffynonellau</h2>`,
			`<p class="reviewed">Adolygwyd y dudalen ddiwethaf: <time datetime="2026-10-12">12 Hydref 2026</time></p>`,
			`<h2 id="related-heading">Canllawiau cysylltiedig</h2>`,
			`<li><a href="#main">Yn ôl i&#39;r brig</a></li>`,
		}, []string{`language-note`, `Related guidance`, `Skip to main content`}},
		{"cy/tags/walking/index.html", []string{`<p class="lede">1 dudalen o ganllawiau ar y pwnc hwn.</p>`}, nil},
		{"ar/tags/walking/index.html", []string{`<p class="lede">صفحة إرشادات واحدة حول هذا الموضوع.</p>`}, nil},
		{"cy/questionnaires/exercise-today/warning-signs/index.html", []string{
			`Eitem 1 o 5`, `>Ydy, mae hyn yn berthnasol</a>`, `>Nac ydy, nid yw&#39;n berthnasol</a>`, `Cwestiwn 1 o hyd at`,
		}, []string{`Yes, this applies`}},
		{"cy/questionnaires/exercise-today/walk-or-swim/index.html", []string{`Cyngor nad yw’n frys`, `Darllen rhagor`}, []string{`Non-urgent advice`}},
		{"cy/articles/aquatic-exercise/index.html", []string{
			`<html lang="cy" dir="ltr">`,
			`<p class="language-note">Nid yw&#39;r dudalen hon wedi&#39;i chyfieithu i&#39;r Gymraeg eto, felly fe&#39;i dangosir yn ei hiaith wreiddiol.</p>`,
			`<div lang="en" dir="ltr">`,
			`<link rel="alternate" hreflang="en" href="https://example.org/back/articles/aquatic-exercise/">`,
		}, []string{`hreflang="cy" href="https://example.org/back/cy/articles/aquatic-exercise/"`}},
		{"ar/articles/walking/index.html", []string{
			`<html lang="ar" dir="rtl">`, `<nav class="language-switch" aria-label="اللغات">`, `12 أكتوبر 2026`,
		}, nil},
		{"articles/walking/index.html", []string{
			`<html lang="en" dir="ltr">`, `<span lang="en" dir="ltr" aria-current="true">English</span>`,
			`<a href="../../cy/articles/walking/" hreflang="cy" lang="cy" dir="ltr">Cymraeg</a>`,
			`<link rel="stylesheet" href="../../assets/style.`,
		}, []string{`language-note`}},
		{"cy/questionnaires/exercise-today/index.html", []string{
			`<html lang="cy" dir="ltr">`, `<h1>A ddylwn i ymarfer heddiw?</h1>`,
			`<link rel="alternate" hreflang="cy" href="https://example.org/back/cy/questionnaires/exercise-today/">`,
			`<script src="../../../assets/questionnaire.`,
			`"questionnaire.continue":"Parhau"`, `"level.urgent":"Cyngor brys"`, // the script's words, in the page
		}, []string{`hreflang="ar" href`, `language-note`}},
		{"cy/questionnaires/exercise-today/pain-today/index.html", []string{
			`<h1>Sut mae’ch cefn yn teimlo heddiw?</h1>`, `Dim poen, neu ychydig o anystwythder yn unig`,
		}, nil},
		{"cy/index.html", []string{
			`<title>Poen cefn ac ymarfer corff</title>`,
			`<li lang="en" dir="ltr"><a href="../cy/articles/aquatic-exercise/">Exercise in water</a>`, // listed in English
			`<li><a href="../cy/articles/walking/">Cerdded yn lle ymarfer caled</a>`,
		}, nil},
		{"ar/articles/aquatic-exercise/index.html", []string{
			`<html lang="ar" dir="rtl">`,
			`<li><span aria-current="page" lang="en" dir="ltr">Exercise in water</span></li>`,
		}, nil},
		{"cy/sitemap.xml", []string{`<loc>https://example.org/back/cy/articles/walking/</loc>`}, nil},
		{"robots.txt", []string{"Sitemap: https://example.org/back/sitemap.xml\nSitemap: https://example.org/back/cy/sitemap.xml\nSitemap: https://example.org/back/ar/sitemap.xml\n"}, nil},
	} {
		got := page(tc.name)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", tc.name, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(got, w) {
				t.Errorf("%s has %s", tc.name, w)
			}
		}
	}
	// Every link works, but for anchors from pages not yet translated into headings of pages
	// that are, whose ids are in their own language: those land at the top of the page.
	for _, b := range brokenLinks(files, false) {
		from, _, _ := strings.Cut(b, ":")
		if strings.Contains(b, " has no id ") && strings.Contains(page(from), `class="language-note"`) {
			continue
		}
		t.Error(b)
	}
}

// TestBilingualOffline checks the offline copy of every language: links that work from
// disk, the language switch among them.
func TestBilingualOffline(t *testing.T) {
	out, res := build(t, os.DirFS("testdata/bilingual"), Options{Offline: true})
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	files := out.Files()
	if got := string(files["cy/articles/walking/index.html"]); !strings.Contains(got, `<a href="../../../ar/articles/walking/index.html" hreflang="ar" lang="ar" dir="rtl">العربية</a>`) {
		t.Errorf("the offline switch does not name index.html:\n%s", got)
	}
	for _, b := range brokenLinks(files, true) {
		from, _, _ := strings.Cut(b, ":")
		if strings.Contains(b, " has no id ") && strings.Contains(string(files[from]), `class="language-note"`) {
			continue
		}
		t.Error(b)
	}
}

// TestOneLanguageAlone builds the Welsh of the site alone (build --lang cy): its pages at
// the root, in Welsh, with no switch to languages the copy does not hold.
func TestOneLanguageAlone(t *testing.T) {
	out, res := build(t, os.DirFS("testdata/bilingual"), Options{Offline: true, Language: "cy"})
	if res.Diags.Errors() > 0 {
		t.Fatal(diagText(res.Diags))
	}
	files := out.Files()
	walking := string(files["articles/walking/index.html"])
	for _, w := range []string{`<html lang="cy" dir="ltr">`, `<h1>Cerdded yn lle ymarfer caled</h1>`} {
		if !strings.Contains(walking, w) {
			t.Errorf("articles/walking/index.html lacks %s", w)
		}
	}
	if strings.Contains(walking, "language-switch") || strings.Contains(walking, "hreflang") {
		t.Error("a language built alone links to others")
	}
	for _, name := range out.Names() {
		if strings.HasPrefix(name, "cy/") || strings.HasPrefix(name, "ar/") {
			t.Errorf("%s: built alone, the language is at the root", name)
		}
	}
	if !strings.Contains(string(files["articles/aquatic-exercise/index.html"]), `class="language-note"`) {
		t.Error("an untranslated page built alone has no note")
	}
	for _, b := range brokenLinks(files, true) {
		from, _, _ := strings.Cut(b, ":")
		if strings.Contains(b, " has no id ") && strings.Contains(string(files[from]), `class="language-note"`) {
			continue
		}
		t.Error(b)
	}

	_, res = build(t, os.DirFS("testdata/bilingual"), Options{Language: "fr"})
	if all := diagText(res.Diags); !strings.Contains(all, "content/site.yaml:4:12: --lang fr: the site publishes en, cy, ar") {
		t.Errorf("an unknown language: %s", all)
	}
}
