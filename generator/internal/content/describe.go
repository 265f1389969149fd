package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/yamlx"
)

// DescriptionLimit is the most characters a description made from an article's body has.
const DescriptionLimit = 160

// describe gives article a, whose front matter root has no description, the first sentence
// of its body instead, and warns: a missing description must not stop a site from building
// (migrating hundreds of pages), but the sentence chosen may not be the best summary.
func describe(d *yamlx.Decoder, root *yaml.Node, a *Article, body []byte) {
	a.Description = FirstSentence(body)
	const hint = `add a line "description: ..." with one sentence for listings and search results`
	if a.Description == "" {
		d.Diags.Add(diag.Diagnostic{Pos: d.Pos(root), Severity: diag.Warning, Hint: hint,
			Message: `front matter has no "description", and the body no sentence to stand in for it; the site's description is used`})
		return
	}
	d.Diags.Add(diag.Diagnostic{Pos: d.Pos(root), Severity: diag.Warning, Hint: hint,
		Message: fmt.Sprintf(`front matter has no "description"; the body's first sentence stands in for it: %q`, a.Description)})
}

// FirstSentence returns the first sentence of the first paragraph of the markdown body, as
// plain text (no markup, links as their text), cut at a word to at most DescriptionLimit
// characters with an ellipsis; "" when the body has no paragraph.
func FirstSentence(body []byte) string {
	root := goldmark.DefaultParser().Parse(text.NewReader(body))
	var sentence string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		p, ok := n.(*ast.Paragraph)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if s := strings.Join(strings.Fields(plainText(p, body)), " "); s != "" {
			sentence = firstSentence(s)
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return shorten(sentence, DescriptionLimit)
}

// plainText returns the text of n's inline content: text, code and link text, without raw
// HTML or images.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// firstSentence returns s up to the end of its first sentence: a ".", "!" or "?" followed
// by a space and a capital letter or digit, or the end of s.
func firstSentence(s string) string {
	for i := 0; i < len(s)-2; i++ {
		if strings.IndexByte(".!?", s[i]) >= 0 && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r) || '0' <= r && r <= '9' {
				return s[:i+1]
			}
		}
	}
	return s
}

// shorten cuts s at a space to at most limit characters, ending it with an ellipsis.
func shorten(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := s[:len(string([]rune(s)[:limit-1]))]
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// hasKey reports whether the mapping n has the key.
func hasKey(n *yaml.Node, key string) bool {
	if n.Kind != yaml.MappingNode {
		return true // not a mapping: reported as such, nothing to describe
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}
