package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/yamlx"
)

// Dir is the folder of a site's catalogues, relative to the site folder.
const Dir = "content/i18n"

//go:embed builtin/*.yaml
var builtin embed.FS

// Builtin lists the languages guidepost has a catalogue of.
func Builtin() []string {
	entries, _ := builtin.ReadDir("builtin")
	var langs []string
	for _, e := range entries {
		langs = append(langs, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return langs
}

// BuiltinSource returns the built-in catalogue of lang as written, and whether there is one:
// that of the language itself, or else of its base language ("en" for "en-GB").
func BuiltinSource(lang string) ([]byte, bool) {
	b, err := builtin.ReadFile("builtin/" + lang + ".yaml")
	if base, _, ok := strings.Cut(lang, "-"); err != nil && ok {
		b, err = builtin.ReadFile("builtin/" + strings.ToLower(base) + ".yaml")
	}
	return b, err == nil
}

// Load returns the catalogue of each of langs: the built-in one with the site's
// content/i18n/<lang>.yaml over it, or the site's file alone for a language guidepost has no
// catalogue of (it must then have every key). at is where the site names its languages,
// for a language that has no catalogue at all, which keeps the English words (a warning:
// sites named their language before the theme had words in any other). A file in
// content/i18n/ for a language the site does not publish is a warning. Problems go to
// diags; every language gets a catalogue, with English messages where none could be read.
func Load(site fs.FS, langs []string, at diag.Pos, diags *diag.List) map[string]*Catalogue {
	out := make(map[string]*Catalogue, len(langs))
	for _, lang := range langs {
		var base *Catalogue
		if src, ok := BuiltinSource(lang); ok {
			base = Parse("(built-in) "+path.Join(Dir, lang+".yaml"), lang, src, nil, diags)
		}
		p := path.Join(Dir, lang+".yaml")
		src, err := fs.ReadFile(site, p)
		switch {
		case err == nil:
			out[lang] = Parse(p, lang, src, base, diags)
		case !errors.Is(err, fs.ErrNotExist):
			diags.Errorf(diag.Pos{Path: p}, "cannot read the catalogue: %v", err)
			out[lang] = orEnglish(base, lang, diags)
		case base == nil:
			diags.Warnf(at, "guidepost has no catalogue of the language %q, so the theme's words stay in English; write %s with every message (docs/languages.md lists them)", lang, p)
			out[lang] = orEnglish(nil, lang, diags)
		default:
			out[lang] = base
		}
	}
	entries, _ := fs.ReadDir(site, Dir)
	for _, e := range entries {
		lang, ok := strings.CutSuffix(e.Name(), ".yaml")
		if ok && out[lang] == nil {
			diags.Warnf(diag.Pos{Path: path.Join(Dir, e.Name())},
				"the site does not publish the language %q, so this catalogue is not used (languages in site.yaml: %s)",
				lang, strings.Join(langs, ", "))
		}
	}
	return out
}

// orEnglish returns c, or when it is nil the English catalogue under lang's name.
func orEnglish(c *Catalogue, lang string, diags *diag.List) *Catalogue {
	if c != nil {
		return c
	}
	src, _ := BuiltinSource(Default)
	en := Parse("(built-in) "+path.Join(Dir, Default+".yaml"), Default, src, nil, diags)
	c = newCatalogue(lang)
	for k, m := range en.msgs {
		c.msgs[k] = m
	}
	c.setMonths()
	return c
}

// placeholder finds {name} in a message.
var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

// Parse reads a catalogue of lang from src, whose path p (relative to the site folder) names
// it in diagnostics. With base, the file overrides base's messages and may leave any out;
// without, it must have every key. Problems go to diags, every one of them; Parse returns
// what it could read, never nil.
func Parse(p, lang string, src []byte, base *Catalogue, diags *diag.List) *Catalogue {
	c := newCatalogue(lang)
	defer c.setMonths()
	if base != nil {
		for k, m := range base.msgs {
			c.msgs[k] = m
		}
	}
	d := &yamlx.Decoder{Path: p, Diags: diags}
	root := d.Parse(src)
	if root == nil {
		if base == nil {
			diags.Hintf(diag.Pos{Path: p, Line: 1, Col: 1}, "write every message of the theme, as guidepost's own catalogues do",
				"the catalogue is empty")
		}
		return c
	}
	if root.Kind != yaml.MappingNode {
		d.Hintf(root, "write one message a line, as \"questionnaire.continue: Continue\"", "a catalogue must be a mapping of message keys to texts")
		return c
	}
	forms := formsOf(c.tag)
	names := make([]string, 0, len(c.defs))
	for _, def := range Keys() {
		names = append(names, string(def.Key))
	}
	seen := make(map[Key]bool)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		def, ok := c.defs[Key(k.Value)]
		switch {
		case k.Kind != yaml.ScalarNode:
			d.Errorf(k, "message keys must be plain words")
			continue
		case !ok:
			hint := diag.Suggest(k.Value, names)
			if hint == "" {
				hint = "docs/languages.md lists the keys"
			}
			d.Hintf(k, hint, "unknown message key %q", k.Value)
			continue
		case seen[def.Key]:
			continue // a duplicate key, reported by Parse
		}
		seen[def.Key] = true
		if m, ok := readMessage(d, c, def, forms, k, v); ok {
			c.msgs[def.Key] = m
		}
	}
	if base == nil {
		var missing []string
		for _, name := range names {
			if !seen[Key(name)] && !c.defs[Key(name)].Optional {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			d.Hintf(root, "add them; guidepost has no catalogue of this language to take them from",
				"the catalogue has no %s", strings.Join(missing, ", "))
		}
	}
	return c
}

// readMessage decodes the value v of the key k.
func readMessage(d *yamlx.Decoder, c *Catalogue, def Def, forms []plural.Form, k, v *yaml.Node) (Message, bool) {
	if !def.Plural {
		if v.Kind == yaml.MappingNode {
			d.Hintf(v, "write one text", "%s does not depend on a number, so it has no plural forms", def.Key)
			return Message{}, false
		}
		var s string
		d.String(&s)(k, v)
		if s == "" || !checkText(d, def, v, s) {
			return Message{}, false
		}
		if def.Key == "language.dir" && s != "ltr" && s != "rtl" {
			d.Hintf(v, "write ltr, or rtl for a language written from right to left", "language.dir must be ltr or rtl, not %q", s)
			return Message{}, false
		}
		return Message{Text: s}, true
	}
	want := make([]string, len(forms))
	for i, f := range forms {
		want[i] = formNames[f]
	}
	if v.Kind != yaml.MappingNode {
		d.Hintf(v, fmt.Sprintf("write one text for each form the language uses: %s", strings.Join(want, ", ")),
			"%s depends on a number, so it needs a text for each plural form", def.Key)
		return Message{}, false
	}
	m := Message{Forms: make(map[plural.Form]string)}
	ok := true
	for i := 0; i+1 < len(v.Content); i += 2 {
		fk, fv := v.Content[i], v.Content[i+1]
		j := slices.Index(want, fk.Value)
		if j < 0 {
			d.Hintf(fk, "the forms of "+c.Lang+" (CLDR) are: "+strings.Join(want, ", "),
				"%s: %q is not a plural form of the language %q", def.Key, fk.Value, c.Lang)
			ok = false
			continue
		}
		var s string
		d.String(&s)(fk, fv)
		if s == "" || !checkText(d, def, fv, s) {
			ok = false
			continue
		}
		m.Forms[forms[j]] = s
	}
	var missing []string
	for i, f := range forms {
		if _, has := m.Forms[f]; !has {
			missing = append(missing, want[i])
		}
	}
	if len(missing) > 0 && ok {
		d.Hintf(k, "add a line for each (the forms of "+c.Lang+" are: "+strings.Join(want, ", ")+")",
			"%s has no text for the plural form %s", def.Key, strings.Join(missing, ", "))
		ok = false
	}
	return m, ok
}

// checkText reports each placeholder of s that def does not have.
func checkText(d *yamlx.Decoder, def Def, v *yaml.Node, s string) bool {
	ok := true
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if has(def.Vars, m[1]) {
			continue
		}
		hint := "this message has no placeholders; write { and } only around a placeholder"
		if len(def.Vars) > 0 {
			hint = "its placeholders are {" + strings.Join(def.Vars, "}, {") + "}"
		}
		d.Hintf(v, hint, "%s: unknown placeholder %s", def.Key, m[0])
		ok = false
	}
	return ok
}

// English returns guidepost's English catalogue, for callers that have no site.
func English() *Catalogue {
	src, _ := BuiltinSource(Default)
	return Parse("(built-in) "+path.Join(Dir, Default+".yaml"), Default, src, nil, &diag.List{})
}
