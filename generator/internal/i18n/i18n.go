// Package i18n holds the words the theme and the questionnaire script show readers, in
// each language a site publishes.
//
// A catalogue maps every message key of the theme (Keys) to its text in one language.
// Guidepost carries catalogues for English, Welsh, Spanish, French, Polish and Arabic
// (builtin/<lang>.yaml, embedded); a site overrides some of their messages, or writes a
// whole catalogue for another language, in content/i18n/<lang>.yaml. Both are the same
// format, read by Parse:
//
//	language.name: Cymraeg                 the language's name in itself
//	language.dir: ltr                      ltr, or rtl for Arabic, Urdu, Hebrew ...
//	questionnaire.continue: Parhau                  a plain message
//	questionnaire.question: Cwestiwn {n}            a message with placeholders, each named in Keys
//	tag.count:                             a message that depends on a number: one text per
//	  one: "{count} dudalen o ganllawiau"  CLDR plural form the language uses for whole
//	  other: "{count} o dudalennau"        numbers, and always "other"
//
// An unknown key, a placeholder the key does not have, a plural form the language does not
// use, a missing form, and (for a language guidepost has no catalogue of) a missing key are
// errors at their line and column. Plural forms are chosen by CLDR's rules through
// golang.org/x/text/feature/plural, so a site may add any language. Dates are written with
// the catalogue's own "date" pattern and month names.
//
// Templates read messages through Catalogue.T, which fails (at the template's line) for a
// key that is not in Keys; the questionnaire script reads the messages of Script from a
// JSON block of its page, so it holds no words of its own.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Default is the language of a site that names none.
const Default = "en"

// A Key names one message.
type Key string

// A Def describes one message key: the placeholders its text may use, and whether it has a
// text per plural form (chosen by its "count" placeholder).
type Def struct {
	Key      Key
	Vars     []string
	Plural   bool
	Optional bool // a catalogue may leave it out: then it is ""
}

// Keys lists every message of the theme and the questionnaire script, in the order the
// built-in catalogues write them.
func Keys() []Def {
	return []Def{
		{Key: "language.name"},
		{Key: "language.dir"},
		{Key: "language.switch"},
		{Key: "language.fallback"},
		{Key: "site.title", Optional: true},       // the site's title in the language, for site.yaml's
		{Key: "site.description", Optional: true}, // and its description

		{Key: "page.skip"},
		{Key: "page.breadcrumb"},
		{Key: "page.home"},
		{Key: "page.top"},
		{Key: "page.site_nav"},
		{Key: "page.draft"},
		{Key: "page.draft_notice"},
		{Key: "page.draft_tag"},
		{Key: "page.print_source", Vars: []string{"title", "site"}},
		{Key: "page.notice"},

		{Key: "notfound.title"},
		{Key: "notfound.text"},
		{Key: "notfound.home"},

		{Key: "home.check"},
		{Key: "home.articles"},
		{Key: "home.start"},
		{Key: "home.topics"},
		{Key: "home.all_topics"},
		{Key: "home.topics_az"},
		{Key: "home.all_articles", Vars: []string{"count"}, Plural: true},
		{Key: "topic.count", Vars: []string{"count"}, Plural: true},
		{Key: "tags.title"},
		{Key: "tags.description"},
		{Key: "tags.lede"},
		{Key: "tag.description", Vars: []string{"tag"}},
		{Key: "articles.title"},
		{Key: "articles.title_page", Vars: []string{"n", "total"}},
		{Key: "articles.description"},
		{Key: "articles.lede"},
		{Key: "articles.lede_page", Vars: []string{"n", "total"}},
		{Key: "articles.letters"},
		{Key: "articles.pages"},
		{Key: "articles.previous"},
		{Key: "articles.next"},

		{Key: "article.sources"},
		{Key: "article.reviewed"},
		{Key: "article.published"},
		{Key: "article.related"},
		{Key: "article.topics"},
		{Key: "article.contents"},
		{Key: "article.next_review"},

		{Key: "tag.count", Vars: []string{"count"}, Plural: true},

		{Key: "search.box"},
		{Key: "search.go"},
		{Key: "search.title"},
		{Key: "search.form"},
		{Key: "search.words"},
		{Key: "search.submit"},
		{Key: "search.more"},
		{Key: "search.nojs"},
		{Key: "search.browse"},
		{Key: "search.short"},
		{Key: "search.searching"},
		{Key: "search.none", Vars: []string{"query"}},
		{Key: "search.found", Vars: []string{"count", "query"}, Plural: true},
		{Key: "search.failed"},
		{Key: "search.description", Vars: []string{"site"}},
		{Key: "search.questionnaire"},

		{Key: "questionnaire.start"},
		{Key: "questionnaire.restart"},
		{Key: "questionnaire.back"},
		{Key: "questionnaire.continue"},
		{Key: "questionnaire.question", Vars: []string{"n"}},
		{Key: "questionnaire.item", Vars: []string{"n", "total"}},
		{Key: "questionnaire.item_yes"},
		{Key: "questionnaire.item_no"},
		{Key: "questionnaire.any"},
		{Key: "questionnaire.no_none"},
		{Key: "questionnaire.none"},
		{Key: "questionnaire.at_least_one"},
		{Key: "questionnaire.select_all"},
		{Key: "questionnaire.or"},
		{Key: "questionnaire.error"},
		{Key: "questionnaire.error_choice", Vars: []string{"question"}},
		{Key: "questionnaire.error_checklist", Vars: []string{"question", "none"}},
		{Key: "questionnaire.read_more"},
		{Key: "questionnaire.answers"},
		{Key: "questionnaire.change"},
		{Key: "questionnaire.change_what", Vars: []string{"question"}},
		{Key: "questionnaire.print"},
		{Key: "questionnaire.back_first"},
		{Key: "questionnaire.progress", Vars: []string{"n", "total"}},
		{Key: "questionnaire.left", Vars: []string{"count"}, Plural: true},
		{Key: "questionnaire.problem"},
		{Key: "questionnaire.printed", Vars: []string{"date"}},

		{Key: "level.info"},
		{Key: "level.caution"},
		{Key: "level.urgent"},
		{Key: "level.emergency"},

		{Key: "date", Vars: []string{"day", "month", "year"}},
		{Key: "month.1"}, {Key: "month.2"}, {Key: "month.3"}, {Key: "month.4"},
		{Key: "month.5"}, {Key: "month.6"}, {Key: "month.7"}, {Key: "month.8"},
		{Key: "month.9"}, {Key: "month.10"}, {Key: "month.11"}, {Key: "month.12"},
	}
}

// Script lists the keys the questionnaire script reads from its page.
func Script() []Key {
	return []Key{
		"questionnaire.back", "questionnaire.restart", "questionnaire.continue", "questionnaire.question", "questionnaire.none",
		"questionnaire.at_least_one", "questionnaire.select_all", "questionnaire.or", "questionnaire.error", "questionnaire.error_choice",
		"questionnaire.error_checklist", "questionnaire.read_more", "questionnaire.answers", "questionnaire.change",
		"questionnaire.change_what", "questionnaire.print", "questionnaire.start", "questionnaire.progress", "questionnaire.problem",
		"questionnaire.printed",
		"level.info", "level.caution", "level.urgent", "level.emergency",
	}
}

// SearchScript lists the keys the search page's script reads from its page.
func SearchScript() []Key {
	return []Key{"search.short", "search.searching", "search.none", "search.found", "search.failed"}
}

// A Message is the text of one key: Text, or for a plural key one text per form.
type Message struct {
	Text  string
	Forms map[plural.Form]string
}

// A Catalogue is every message in one language. Its methods are safe for concurrent use.
type Catalogue struct {
	Lang string // the language tag, as the site names it: "cy", "pt-BR"
	tag  language.Tag
	msgs map[Key]Message
	defs map[Key]Def
	// months are the month names, January first, once the catalogue is read (see months).
	months [12]string
}

// setMonths copies the month names out of the messages, for Date.
func (c *Catalogue) setMonths() {
	for i := range c.months {
		c.months[i] = c.msgs[Key("month."+strconv.Itoa(i+1))].Text
	}
}

// newCatalogue returns an empty catalogue for lang.
func newCatalogue(lang string) *Catalogue {
	tag, _ := language.Parse(lang)
	c := &Catalogue{Lang: lang, tag: tag, msgs: make(map[Key]Message), defs: make(map[Key]Def)}
	for _, d := range Keys() {
		c.defs[d.Key] = d
	}
	return c
}

// Name is the language's name in itself ("Cymraeg").
func (c *Catalogue) Name() string { return c.msgs["language.name"].Text }

// Dir is the direction of the language's script: "ltr" or "rtl".
func (c *Catalogue) Dir() string {
	if d := c.msgs["language.dir"].Text; d == "rtl" {
		return d
	}
	return "ltr"
}

// T returns the message key with its placeholders filled from args, which come in pairs of
// a placeholder's name and its value ("n", 2). A plural message takes its form from the
// value of "count". An unknown key, or a placeholder the key does not have, is an error.
func (c *Catalogue) T(key string, args ...any) (string, error) {
	m, ok := c.msgs[Key(key)]
	if !ok {
		return "", fmt.Errorf("no message %q in the %s catalogue", key, c.Lang)
	}
	if len(args)%2 != 0 {
		return "", fmt.Errorf("message %q: placeholders come in pairs of a name and a value", key)
	}
	text := m.Text
	if m.Forms != nil {
		count, err := countOf(key, args)
		if err != nil {
			return "", err
		}
		text = m.Forms[c.Form(count)]
		if text == "" {
			text = m.Forms[plural.Other]
		}
	}
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text, nil
	}
	vars := c.defs[Key(key)].Vars
	for i := 0; i < len(args); i += 2 {
		if name, ok := args[i].(string); !ok || !has(vars, name) {
			return "", fmt.Errorf("message %q has no placeholder %v", key, args[i])
		}
	}
	return fill(text, func(name string) (string, bool) {
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == name {
				switch v := args[i+1].(type) {
				case string:
					return v, true
				case int:
					return strconv.Itoa(v), true
				}
				return fmt.Sprint(args[i+1]), true
			}
		}
		return "", false
	}), nil
}

// fill replaces each {name} of text for which value has a value. It is what every page
// calls many times, so it makes one string and nothing else.
func fill(text string, value func(name string) (string, bool)) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		v, ok := value(text[i+1 : i+j])
		if !ok {
			v = text[i : i+j+1]
		}
		b.WriteString(text[:i])
		b.WriteString(v)
		text = text[i+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

// countOf finds the value of "count" among args.
func countOf(key string, args []any) (int, error) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "count" {
			switch n := args[i+1].(type) {
			case int:
				return n, nil
			case string:
				return strconv.Atoi(n)
			}
			return 0, fmt.Errorf("message %q: count must be a whole number, not %T", key, args[i+1])
		}
	}
	return 0, fmt.Errorf("message %q depends on a number: give it as \"count\"", key)
}

// Must returns the message key with no placeholders filled, for callers whose key is known
// to be in every catalogue.
func (c *Catalogue) Must(key Key) string { return c.msgs[key].Text }

// Form returns the CLDR plural form of the language for the whole number n.
func (c *Catalogue) Form(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(c.tag, n, 0, 0, 0, 0)
}

// Date writes t as the language writes a day ("31 Mawrth 2026").
func (c *Catalogue) Date(t time.Time) string {
	return fill(c.msgs["date"].Text, func(name string) (string, bool) {
		switch name {
		case "day":
			return strconv.Itoa(t.Day()), true
		case "month":
			return c.months[t.Month()-1], true
		case "year":
			return strconv.Itoa(t.Year()), true
		}
		return "", false
	})
}

// Messages returns the texts of keys, plural forms by their CLDR names, as the script reads
// them from its page.
func (c *Catalogue) Messages(keys []Key) map[Key]any {
	out := make(map[Key]any, len(keys))
	for _, k := range keys {
		m := c.msgs[k]
		if m.Forms == nil {
			out[k] = m.Text
			continue
		}
		forms := make(map[string]string, len(m.Forms))
		for f, s := range m.Forms {
			forms[formNames[f]] = s
		}
		out[k] = forms
	}
	return out
}

// formNames are CLDR's names of plural forms, as catalogues write them.
var formNames = [...]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many"}

// formsOf returns the plural forms the language uses for whole numbers, "other" always
// among them (CLDR's fallback), in CLDR's order.
func formsOf(tag language.Tag) []plural.Form {
	seen := map[plural.Form]bool{plural.Other: true}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	seen[plural.Cardinal.MatchPlural(tag, 1000000, 0, 0, 0, 0)] = true
	var out []plural.Form
	for _, f := range []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other} {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
