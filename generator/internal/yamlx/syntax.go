package yamlx

import (
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
	return p.Line, p.Column, se.Message, true
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
