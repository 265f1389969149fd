// Package typography gives text smart punctuation: curly quotes and apostrophes, en and em
// dashes (-- and ---) and ellipses (...), the same in markdown bodies, which package
// markdown converts with Extension, and in plain texts (titles, descriptions, questionnaire
// questions and labels), which Smart converts.
//
// It is goldmark's typographer with one correction: goldmark takes a quote before a word
// starting with t, e, n or l for an apostrophe ('twas, 'em, 'net), so that "Rails' new
// 'local CI'" gets a closing quote where it opens one. Here an apostrophe before a word is
// kept for the elisions that take one ('tis, 'twas, 'em, 'n', 'til, 'cause, decades such
// as '90s) and any other quote before a word opens.
package typography

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension is the typographer for goldmark.
var Extension goldmark.Extender = typographer{}

type typographer struct{}

func (typographer) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(inlineParsers()...))
}

// inlineParsers returns goldmark's typographer without its guesses at apostrophes, and the
// parser of elisions that runs before it.
func inlineParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(elisions{}, 9998), // before the typographer: lower runs first
		util.Prioritized(extension.NewTypographerParser(extension.WithTypographicSubstitutions(
			map[extension.TypographicPunctuation][]byte{extension.Apostrophe: nil})), 9999),
	}
}

// elision is a word that starts with an apostrophe in place of left-out letters, or a
// decade ('90s).
var elision = regexp.MustCompile(`^'(?i:tis|twas|twere|twill|twould|em|n|til|cause|bout|round|cos|ere)\b|^'[0-9]{2}s\b`)

// elisions turns the apostrophe that starts an elision into a right single quote.
type elisions struct{}

func (elisions) Trigger() []byte { return []byte{'\''} }

func (elisions) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	if before != ' ' && before != '\n' && before != '\t' && before != '(' && before != '\u00a0' && before != '—' && before != '–' {
		return nil
	}
	line, _ := block.PeekLine()
	if !elision.Match(line) {
		return nil
	}
	n := ast.NewString([]byte("&rsquo;"))
	n.SetCode(true)
	block.Advance(1)
	return n
}

// plain parses text into one paragraph of text and typographer nodes, and nothing else.
var plain = parser.NewParser(
	parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 100)),
	parser.WithInlineParsers(inlineParsers()...),
)

// Smart returns s, a plain text (not markdown), with smart punctuation; nothing else changes
// but white space at the ends of lines (see Shown).
func Smart(s string) string {
	if !strings.ContainsAny(s, `'"`) && !strings.Contains(s, "--") && !strings.Contains(s, "...") &&
		!strings.Contains(s, "<<") && !strings.Contains(s, ">>") {
		return s // nothing to change: most titles and descriptions
	}
	inner := strings.TrimSpace(s) // the paragraph would leave the outer spaces out
	src := []byte(inner)
	root := plain.Parse(text.NewReader(src))
	var b strings.Builder
	b.WriteString(s[:strings.Index(s, inner)])
	paragraphs := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			if paragraphs++; paragraphs > 1 {
				b.WriteString("\n\n") // the blank line between them
			}
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(n.Value)))
		}
		return ast.WalkContinue, nil
	})
	b.WriteString(s[strings.Index(s, inner)+len(inner):])
	if out := b.String(); Shown(out) == Shown(s) {
		return out
	}
	// A text that markdown's rules for paragraphs change beyond punctuation: an indented
	// line after a blank one, a backslash at the end of a line. Rare in a title; kept as is.
	return s
}

// ascii writes smart punctuation back as what it is typed as.
var ascii = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "--", "—", "---", "…", "...", "«", "<<", "»", ">>")

// Shown returns s as a reader sees it, less the difference smart punctuation makes: curly
// quotes, dashes, ellipses and angle quotes written back in ASCII, and each run of white
// space as one space. Smart(s) always has the Shown of s.
func Shown(s string) string {
	return strings.Join(strings.Fields(ascii.Replace(s)), " ")
}
