// Package yamlx decodes editors' YAML strictly while keeping positions.
//
// Site settings, article front matter and questionnaires are all read through a Decoder:
// the source is parsed into yaml.Node values (which know their line and column), then each
// mapping is checked against the keys it allows and each value converted to a typed Go value.
// Every problem is recorded in a diag.List at the file's own line and column (LineOffset
// shifts lines for YAML that sits inside another file, such as front matter), and decoding
// goes on, so that one run reports every mistake in a file. Duplicate keys, unknown keys
// (with the closest allowed key as a hint), missing required keys, wrong types, bad dates,
// anchors and aliases, and extra documents are all errors. A syntax error is reported at the
// token that is wrong, located with goccy/go-yaml's parser (yaml.v3 often names the line
// where the enclosing mapping starts), with a hint to quote text holding , : # [ or ]; a
// flow list item that looks split at a comma between digits ([£175,000]) is a warning.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
)

// A Decoder reads one file's YAML and records its problems.
type Decoder struct {
	Path       string     // the file, relative to the site folder
	LineOffset int        // added to every line: the YAML starts at line LineOffset+1 of Path
	Diags      *diag.List // where problems go
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (?:column (\d+): )?`)

// Parse parses src and returns its single document's top node, or nil when src is empty or
// not valid YAML (the syntax error is recorded).
func (d *Decoder) Parse(src []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		d.syntaxError(src, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.Diags.Hintf(d.Pos(&extra), "remove the second \"---\" line or move this part to its own file",
			"a second YAML document starts here; only one is allowed")
	} else if !errors.Is(err, io.EOF) {
		d.syntaxError(src, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	d.checkNode(doc.Content[0])
	d.CheckControl(doc.Content[0])
	return doc.Content[0]
}

func (d *Decoder) syntaxError(src []byte, err error) {
	msg := err.Error()
	pos := diag.Pos{Path: d.Path, Line: d.LineOffset + 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		pos.Line = d.LineOffset + line
		if m[2] != "" {
			pos.Col, _ = strconv.Atoi(m[2])
		}
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if l, c, m, ok := locate(src); ok {
		pos.Line, pos.Col, msg = d.LineOffset+l, c, m
	}
	d.Diags.Hintf(pos, syntaxHint, "invalid YAML: %s", msg)
}

// checkNode reports duplicate keys and aliases anywhere below n.
func (d *Decoder) checkNode(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		d.Diags.Hintf(d.Pos(n), "write the value out in full", "YAML aliases (*%s) are not supported", n.Value)
		return
	}
	if n.Anchor != "" {
		d.Diags.Hintf(d.Pos(n), "remove the anchor", "YAML anchors (&%s) are not supported", n.Anchor)
	}
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]*yaml.Node)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if first, ok := seen[k.Value]; ok && k.Kind == yaml.ScalarNode {
				d.Diags.Hintf(d.Pos(k), "remove one of them",
					"duplicate key %q (first at line %d)", k.Value, d.LineOffset+first.Line)
				continue
			}
			seen[k.Value] = k
		}
	}
	d.checkFlowList(n)
	for _, c := range n.Content {
		d.checkNode(c)
	}
}

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos {
	return diag.Pos{Path: d.Path, Line: d.LineOffset + n.Line, Col: n.Column}
}

// Errorf records an error at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Diags.Errorf(d.Pos(n), format, args...)
}

// Hintf records an error at n with a hint.
func (d *Decoder) Hintf(n *yaml.Node, hint, format string, args ...any) {
	d.Diags.Hintf(d.Pos(n), hint, format, args...)
}

// A Field is one key a mapping allows.
type Field struct {
	Name     string
	Required bool
	// Decode converts the value; key is the key's node, for positions.
	Decode func(key, value *yaml.Node)
}

// Mapping checks that n is a mapping whose keys are all among fields, that every required
// field is present, and decodes each value in file order. what names the mapping in messages
// ("site.yaml", "front matter", "node \"pain-now\""). It reports false when n is not a mapping.
func (d *Decoder) Mapping(n *yaml.Node, what string, fields []Field) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		at := n
		if at == nil {
			at = &yaml.Node{Line: 1, Column: 1}
		}
		d.Errorf(at, "%s must be a mapping of keys to values", what)
		return false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	present := make(map[string]bool)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "%s: keys must be plain words", what)
			continue
		}
		if present[k.Value] {
			continue // a duplicate, already reported by Parse
		}
		present[k.Value] = true
		j := indexOf(names, k.Value)
		if j < 0 {
			hint := diag.Suggest(k.Value, names)
			if hint == "" {
				hint = "allowed keys: " + strings.Join(names, ", ")
			}
			d.Hintf(k, hint, "unknown key %q in %s", k.Value, what)
			continue
		}
		if fields[j].Decode != nil {
			fields[j].Decode(k, v)
		}
	}
	for _, f := range fields {
		if f.Required && !present[f.Name] {
			d.Hintf(n, fmt.Sprintf("add a line \"%s: ...\"", f.Name), "%s: missing required key %q", what, f.Name)
		}
	}
	return true
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// scalar returns n's text when n is a non-null scalar, and records an error otherwise.
func (d *Decoder) scalar(key, n *yaml.Node, want string) (string, bool) {
	switch {
	case n.Kind == yaml.AliasNode:
		return "", false // reported by Parse
	case n.Kind != yaml.ScalarNode:
		d.Hintf(n, notScalarHint(n), "%s must be %s, not a %s", key.Value, want, kindName(n))
		return "", false
	case n.Tag == "!!null":
		d.Hintf(key, "give it a value or remove the line", "%s is empty", key.Value)
		return "", false
	}
	return n.Value, true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
}

// String decodes a non-empty text value into dst. Numbers and booleans are taken as the text
// the editor wrote.
func (d *Decoder) String(dst *string) func(key, n *yaml.Node) {
	return func(key, n *yaml.Node) {
		s, ok := d.scalar(key, n, "text")
		if !ok {
			return
		}
		if strings.TrimSpace(s) == "" {
			d.Hintf(n, "write some text or remove the line", "%s is empty", key.Value)
			return
		}
		*dst = s
	}
}

// Int decodes a whole number into dst.
func (d *Decoder) Int(dst *int) func(key, n *yaml.Node) {
	return func(key, n *yaml.Node) {
		s, ok := d.scalar(key, n, "a whole number")
		if !ok {
			return
		}
		i, err := strconv.Atoi(s)
		if n.Tag != "!!int" || err != nil {
			d.Hintf(n, "write a number such as 10", "%s must be a whole number, not %q", key.Value, s)
			return
		}
		*dst = i
	}
}

// Bool decodes true or false into dst.
func (d *Decoder) Bool(dst *bool) func(key, n *yaml.Node) {
	return func(key, n *yaml.Node) {
		s, ok := d.scalar(key, n, "true or false")
		if !ok {
			return
		}
		if n.Tag != "!!bool" {
			d.Hintf(n, "write true or false", "%s must be true or false, not %q", key.Value, s)
			return
		}
		*dst = s == "true" || s == "True" || s == "TRUE"
	}
}

// Date decodes a YYYY-MM-DD date into dst.
func (d *Decoder) Date(dst *time.Time) func(key, n *yaml.Node) {
	return func(key, n *yaml.Node) {
		s, ok := d.scalar(key, n, "a date")
		if !ok {
			return
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			d.Hintf(n, "write the date as YYYY-MM-DD, for example 2026-03-31", "%s: %q is not a valid date", key.Value, s)
			return
		}
		*dst = t
	}
}

// Strings decodes a list of non-empty texts into dst.
func (d *Decoder) Strings(dst *[]string) func(key, n *yaml.Node) {
	return func(key, n *yaml.Node) {
		if n.Kind != yaml.SequenceNode {
			d.Hintf(n, fmt.Sprintf("write it as a list: %s: [a, b] or one \"- item\" a line", key.Value),
				"%s must be a list", key.Value)
			return
		}
		out := make([]string, 0, len(n.Content))
		for _, item := range n.Content {
			var s string
			d.String(&s)(key, item)
			if s != "" {
				out = append(out, s)
			}
		}
		*dst = out
	}
}

// Each calls fn for every item of the list n, reporting an error when n is not a list.
func (d *Decoder) Each(key, n *yaml.Node, fn func(item *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n, "%s must be a list", key.Value)
		return
	}
	for _, item := range n.Content {
		fn(item)
	}
}
