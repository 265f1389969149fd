package questionnaire

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
)

// The condition language of format 2 (an "if:" of a rule or a section):
//
//	cond    = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | "(" cond ")" | test
//	test    = id ( "=" id | "!=" id | "in" "[" id { "," id } "]" | "has" id )
//
// so "not" binds tightest, then "and", then "or". An id is a run of letters, digits, "-"
// and "_" (ids themselves are checked against the tree by Check). Every token keeps its
// line and column in the file.

// Op is what a condition tests.
type Op int

const (
	OpEq  Op = iota // Q = Vals[0]
	OpNe            // Q != Vals[0]
	OpIn            // Q in [Vals...]
	OpHas           // checklist Q had item Vals[0] ticked
	OpNot           // not X
	OpAnd           // X and Y
	OpOr            // X or Y
)

var opNames = [...]string{"=", "!=", "in", "has", "not", "and", "or"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// MarshalText gives the operator as it is written.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// A Cond is a parsed condition. A test (=, !=, in, has) has Q and Vals; not has X; and and
// or have X and Y.
type Cond struct {
	Op     Op
	Q      string     `json:",omitempty"`
	QPos   diag.Pos   `json:"-"`
	Vals   []string   `json:",omitempty"`
	ValPos []diag.Pos `json:"-"`
	X, Y   *Cond      `json:",omitempty"`
	Pos    diag.Pos   `json:"-"` // of its first token
}

// String writes the condition back in the language, fully parenthesised where it nests.
func (c *Cond) String() string {
	switch c.Op {
	case OpEq, OpNe, OpHas:
		return c.Q + " " + c.Op.String() + " " + c.Vals[0]
	case OpIn:
		return c.Q + " in [" + strings.Join(c.Vals, ", ") + "]"
	case OpNot:
		return "not " + c.X.paren()
	}
	return c.X.paren() + " " + c.Op.String() + " " + c.Y.paren()
}

func (c *Cond) paren() string {
	if c.Op == OpAnd || c.Op == OpOr {
		return "(" + c.String() + ")"
	}
	return c.String()
}

// walk calls fn for every test (=, !=, in, has) of c, left to right.
func (c *Cond) walk(fn func(t *Cond)) {
	switch c.Op {
	case OpNot:
		c.X.walk(fn)
	case OpAnd, OpOr:
		c.X.walk(fn)
		c.Y.walk(fn)
	default:
		fn(c)
	}
}

// A CondError is a syntax error in a condition, at the position of the offending token.
type CondError struct {
	Pos       diag.Pos
	Msg, Hint string
}

func (e *CondError) Error() string { return e.Msg }

// maxCondDepth bounds the nesting of parentheses and "not", so that a hostile condition
// cannot exhaust the stack.
const maxCondDepth = 64

type token struct {
	text string
	pos  diag.Pos
}

// ParseCond parses a condition; pos gives the position of each byte of src (len(pos) ==
// len(src)+1, the last one standing for the end). It returns nil and the first syntax error.
func ParseCond(src string, pos []diag.Pos) (*Cond, *CondError) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '=':
			toks = append(toks, token{src[i : i+1], pos[i]})
			i++
		case c == '!':
			if i+1 < len(src) && src[i+1] == '=' {
				toks = append(toks, token{"!=", pos[i]})
				i += 2
				continue
			}
			return nil, &CondError{pos[i], `unexpected "!"`, `write "!=" for "is not", or "not" before a condition`}
		case isIDByte(c):
			j := i
			for j < len(src) && isIDByte(src[j]) {
				j++
			}
			toks = append(toks, token{src[i:j], pos[i]})
			i = j
		default:
			r := []rune(src[i:])[0]
			return nil, &CondError{pos[i], fmt.Sprintf("unexpected %q in the condition", r),
				"a condition uses ids, =, !=, in [..], has, not, and, or and parentheses"}
		}
	}
	p := &condParser{toks: toks, end: pos[len(src)]}
	c := p.or(0)
	if p.err == nil && p.i < len(p.toks) {
		t := p.toks[p.i]
		p.fail(t.pos, fmt.Sprintf("expected \"and\", \"or\" or the end of the condition, found %q", t.text),
			"join two conditions with \"and\" or \"or\"")
	}
	if p.err != nil {
		return nil, p.err
	}
	return c, nil
}

func isIDByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func isKeyword(s string) bool {
	switch s {
	case "not", "and", "or", "in", "has":
		return true
	}
	return false
}

type condParser struct {
	toks []token
	i    int
	end  diag.Pos
	err  *CondError
}

func (p *condParser) fail(pos diag.Pos, msg, hint string) {
	if p.err == nil {
		p.err = &CondError{pos, msg, hint}
	}
}

func (p *condParser) peek() (token, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return token{pos: p.end}, false
}

// expect consumes the token text, or records an error naming what was expected.
func (p *condParser) expect(text, what string) bool {
	t, ok := p.peek()
	if ok && t.text == text {
		p.i++
		return true
	}
	p.fail(t.pos, fmt.Sprintf("expected %s, found %s", what, found(t, ok)), "")
	return false
}

func found(t token, ok bool) string {
	if !ok {
		return "the end of the condition"
	}
	return fmt.Sprintf("%q", t.text)
}

func (p *condParser) or(depth int) *Cond {
	x := p.and(depth)
	for p.err == nil {
		t, ok := p.peek()
		if !ok || t.text != "or" {
			break
		}
		p.i++
		y := p.and(depth)
		x = &Cond{Op: OpOr, X: x, Y: y, Pos: x.Pos}
	}
	return x
}

func (p *condParser) and(depth int) *Cond {
	x := p.unary(depth)
	for p.err == nil {
		t, ok := p.peek()
		if !ok || t.text != "and" {
			break
		}
		p.i++
		y := p.unary(depth)
		x = &Cond{Op: OpAnd, X: x, Y: y, Pos: x.Pos}
	}
	return x
}

func (p *condParser) unary(depth int) *Cond {
	t, ok := p.peek()
	if depth > maxCondDepth {
		p.fail(t.pos, "the condition nests too deeply", "split it, or remove parentheses")
		return &Cond{}
	}
	switch {
	case !ok:
		p.fail(t.pos, "expected a condition, found the end", `write "question = answer-id"`)
		return &Cond{}
	case t.text == "not":
		p.i++
		return &Cond{Op: OpNot, X: p.unary(depth + 1), Pos: t.pos}
	case t.text == "(":
		p.i++
		c := p.or(depth + 1)
		p.expect(")", `")"`)
		c2 := *c
		c2.Pos = t.pos
		return &c2
	}
	return p.test()
}

func (p *condParser) id(what string) (token, bool) {
	t, ok := p.peek()
	if !ok || !isIDByte(t.text[0]) || isKeyword(t.text) {
		p.fail(t.pos, fmt.Sprintf("expected %s, found %s", what, found(t, ok)), "")
		return t, false
	}
	p.i++
	return t, true
}

func (p *condParser) test() *Cond {
	q, ok := p.id("a question id")
	if !ok {
		return &Cond{}
	}
	c := &Cond{Q: q.text, QPos: q.pos, Pos: q.pos}
	op, ok := p.peek()
	switch {
	case ok && op.text == "=":
		c.Op = OpEq
	case ok && op.text == "!=":
		c.Op = OpNe
	case ok && op.text == "has":
		c.Op = OpHas
	case ok && op.text == "in":
		c.Op = OpIn
	default:
		p.fail(op.pos, fmt.Sprintf("expected =, !=, in or has after %q, found %s", q.text, found(op, ok)),
			fmt.Sprintf("write for example \"%s = answer-id\"", q.text))
		return c
	}
	p.i++
	if c.Op != OpIn {
		what := "an answer id"
		if c.Op == OpHas {
			what = "an item id"
		}
		if v, ok := p.id(what); ok {
			c.Vals, c.ValPos = []string{v.text}, []diag.Pos{v.pos}
		}
		return c
	}
	if !p.expect("[", `"[" after "in"`) {
		return c
	}
	for p.err == nil {
		v, ok := p.id("an answer id")
		if !ok {
			break
		}
		c.Vals, c.ValPos = append(c.Vals, v.text), append(c.ValPos, v.pos)
		t, ok := p.peek()
		if ok && t.text == "," {
			p.i++
			continue
		}
		p.expect("]", `"," or "]"`)
		break
	}
	return c
}

// scalarPositions returns the position in the file of each byte of v's value, plus one
// for its end. It walks the source from where the scalar starts, matching the value's
// characters, so that quoting, escapes, folded lines and block scalars keep their real
// lines and columns.
func (ps *parser) scalarPositions(v *yaml.Node) []diag.Pos {
	val := v.Value
	out := make([]diag.Pos, len(val)+1)
	line, col := v.Line, v.Column // 1-based; col counts bytes of the source line
	src := func() (byte, bool) {
		if line < 1 || line > len(ps.lines) {
			return 0, false
		}
		l := ps.lines[line-1]
		if col-1 < len(l) {
			return l[col-1], true
		}
		return '\n', true
	}
	adv := func() {
		if line >= 1 && line <= len(ps.lines) && col-1 >= len(ps.lines[line-1]) {
			line, col = line+1, 1
			return
		}
		col++
	}
	block := v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	switch {
	case block:
		line, col = v.Line+1, 1
	case v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		col++
	}
	for i := 0; i < len(val); i++ {
		c := val[i]
		s, ok := src()
		if !ok {
			for ; i < len(val); i++ {
				out[i] = diag.Pos{Path: ps.d.Path, Line: line, Col: col}
			}
			break
		}
		if s == '\\' && v.Style&yaml.DoubleQuotedStyle != 0 {
			// An escape stands for one character of the value, of one or more bytes.
			l := ps.lines[line-1]
			n, k := escapeLen(l[col-1:]), 1
			if n > 2 { // \xHH, \uHHHH, \UHHHHHHHH
				if r, err := strconv.ParseUint(l[col+1:col-1+n], 16, 32); err == nil {
					k = max(1, utf8.RuneLen(rune(r)))
				}
			}
			for j := 0; j < k && i+j < len(val); j++ {
				out[i+j] = diag.Pos{Path: ps.d.Path, Line: line, Col: col}
			}
			i += k - 1
			col += n
			continue
		}
		// Skip what the source has and the value does not: indentation, folded line
		// breaks.
		for ok && s != c {
			if s != ' ' && s != '\t' && s != '\n' && s != '\r' {
				break
			}
			if c == ' ' && s == '\n' && !block {
				break // a folded line break stands for this space
			}
			adv()
			s, ok = src()
		}
		out[i] = diag.Pos{Path: ps.d.Path, Line: line, Col: col}
		if ok && (s == c || c == ' ' && s == '\n') {
			if c == '\'' && v.Style&yaml.SingleQuotedStyle != 0 {
				adv() // '' stands for '
			}
			adv()
		}
	}
	out[len(val)] = diag.Pos{Path: ps.d.Path, Line: line, Col: col}
	return out
}

// escapeLen returns how many bytes the escape at the start of s (a backslash in a double-quoted
// scalar) takes in the source, within s.
func escapeLen(s string) int {
	n := 2
	if len(s) > 1 {
		switch s[1] {
		case 'x':
			n = 4
		case 'u':
			n = 6
		case 'U':
			n = 10
		}
	}
	return min(n, len(s))
}
