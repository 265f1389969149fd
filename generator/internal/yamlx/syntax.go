package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
)

// syntaxHint is the hint of every YAML syntax error.
const syntaxHint = `check the indentation of this line and the one before it, and quote text that holds , : # [ or ] ("like this")`

// locate returns where the syntax error of src is, as the line and column of the offending
// token, with goccy/go-yaml's word for it; ok is false when goccy/go-yaml finds no syntax
// error there (the caller keeps yaml.v3's report). yaml.v3 builds the nodes but often names
// the line where the enclosing mapping starts; goccy/go-yaml's parser is used only here, to
// point at the token.
func locate(src []byte) (line, col int, msg string, ok bool) {
	_, err := goccyparser.ParseBytes(src, 0)
	var se *goccy.SyntaxError
	if !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil {
		return 0, 0, "", false
	}
	p := se.Token.Position
	if strings.Contains(se.Message, "already defined") {
		return 0, 0, "", false // not the error yaml.v3 found: a duplicate key, reported as such later
	}
	if strings.Contains(se.Message, "']'") || strings.Contains(se.Message, "'}'") {
		// The parser stopped where the list or mapping should have been closed, often on
		// a later line; the editor's mistake is the bracket that opened it.
		if l, c, b, ok := unclosedBracket(src, p.Offset-1); ok {
			if b == '[' {
				return l, c, "this [ opens a list that is not closed with ]", true
			}
			return l, c, "this { opens a mapping that is not closed with }", true
		}
	}
	return p.Line, p.Column, se.Message, true
}

// unclosedBracket returns the line and column (1-based, in characters) and the bracket of
// the last "[" or "{" before offset end of src that no "]" or "}" closes before end, skipping quoted text
// and comments.
func unclosedBracket(src []byte, end int) (line, col int, bracket byte, ok bool) {
	end = min(max(end, 0), len(src))
	var open []int // offsets of the brackets still open
	var quote byte
	for i := 0; i < end; i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '"' || c == '\'' && (i == 0 || strings.IndexByte(" \t\n[{,:", src[i-1]) >= 0):
			quote = c
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			for i < end && src[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			open = append(open, i)
		case (c == ']' || c == '}') && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return 0, 0, 0, false
	}
	at := open[len(open)-1]
	lineStart := bytes.LastIndexByte(src[:at], '\n') + 1
	return bytes.Count(src[:at], []byte("\n")) + 1, utf8.RuneCount(src[lineStart:at]) + 1, src[at], true
}

// notScalarHint is the hint for a list or mapping where text was expected: in a flow list
// ([a, b]) text holding ": " becomes a mapping, so a quote is what is missing there.
func notScalarHint(n *yaml.Node) string {
	if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 {
		return `quote text that holds , : # [ or ] ("like this")`
	}
	return ""
}

// checkFlowList warns about the items of a flow list ([a, b]) that look like one piece of
// text split at a comma between digits, such as [£175,000]: YAML reads two items there.
func (d *Decoder) checkFlowList(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode || n.Style&yaml.FlowStyle == 0 {
		return
	}
	for i := 0; i+1 < len(n.Content); i++ {
		a, b := n.Content[i], n.Content[i+1]
		if a.Kind != yaml.ScalarNode || b.Kind != yaml.ScalarNode || a.Style != 0 || b.Style != 0 ||
			a.Line != b.Line || a.Column+utf8.RuneCountInString(a.Value)+1 != b.Column ||
			!endsInDigit(a.Value) || !startsWithDigit(b.Value) {
			continue
		}
		whole := a.Value + "," + b.Value
		d.Diags.Add(diag.Diagnostic{Pos: d.Pos(a), Severity: diag.Warning,
			Message: fmt.Sprintf("%q is read as two list items, %q and %q", whole, a.Value, b.Value),
			Hint:    fmt.Sprintf(`quote it if it is one: "%s"; quote any item that holds , : # [ or ]`, whole)})
	}
}

func endsInDigit(s string) bool     { return s != "" && '0' <= s[len(s)-1] && s[len(s)-1] <= '9' }
func startsWithDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }
