package questionnaire

import (
	"fmt"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/yamlx"
)

// linePos gives each byte of a one-line condition its column, starting at column 1.
func linePos(src string) []diag.Pos {
	pos := make([]diag.Pos, len(src)+1)
	for i := range pos {
		pos[i] = diag.Pos{Path: "c", Line: 1, Col: i + 1}
	}
	return pos
}

func TestParseCond(t *testing.T) {
	tests := []struct {
		src, want string // want: the condition written back, or "col: error"
	}{
		{"a = b", "a = b"},
		{"a != b", "a != b"},
		{"a in [b, c,d]", "a in [b, c, d]"},
		{"a has b", "a has b"},
		{"not a = b", "not a = b"},
		{"not not a = b", "not not a = b"},
		{"a = b and c = d or e = f", "(a = b and c = d) or e = f"},
		{"a = b or c = d and e = f", "a = b or (c = d and e = f)"},
		{"not a = b and c = d", "not a = b and c = d"},
		{"not (a = b and c = d)", "not (a = b and c = d)"},
		{"not (a = b or c = d)", "not (a = b or c = d)"},
		{"(a = b)", "a = b"},
		{"  a=b  ", "a = b"},
		{"", "1: expected a condition, found the end"},
		{"a", "2: expected =, !=, in or has after \"a\", found the end of the condition"},
		{"a = ", "5: expected an answer id, found the end of the condition"},
		{"a = b c = d", "7: expected \"and\", \"or\" or the end of the condition, found \"c\""},
		{"a = b and", "10: expected a condition, found the end"},
		{"(a = b", "7: expected \")\", found the end of the condition"},
		{"a in b", "6: expected \"[\" after \"in\", found \"b\""},
		{"a in [b c]", "9: expected \",\" or \"]\", found \"c\""},
		{"a in []", "7: expected an answer id, found \"]\""},
		{"a ! b", "3: unexpected \"!\""},
		{"a = b & c", "7: unexpected '&' in the condition"},
		{"a = é", "5: unexpected 'é' in the condition"},
		{"and = b", "1: expected a question id, found \"and\""},
		{"a = not", "5: expected an answer id, found \"not\""},
		{strings.Repeat("(", 100) + "a = b" + strings.Repeat(")", 100), "66: the condition nests too deeply"},
		{strings.Repeat("not ", 100) + "a = b", "261: the condition nests too deeply"},
	}
	for _, tt := range tests {
		c, err := ParseCond(tt.src, linePos(tt.src))
		got := ""
		if err != nil {
			got = fmt.Sprintf("%d: %s", err.Pos.Col, err.Msg)
		} else {
			got = c.String()
		}
		if got != tt.want {
			t.Errorf("ParseCond(%q) = %s; want %s", tt.src, got, tt.want)
		}
	}
}

// TestCondPositions checks that every token of a condition keeps its place in the file,
// whatever the YAML style of the scalar.
func TestCondPositions(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // line:col of the question and the answers, in order
	}{
		{"plain", "k: age = old or rash has spots\n", []string{"1:4", "1:10", "1:17", "1:26"}},
		{"double-quoted", `k:  "age = old or rash has spots"` + "\n", []string{"1:6", "1:12", "1:19", "1:28"}},
		{"double-quoted with an escape", `k: "age = \u006Fld or rash has spots"` + "\n", []string{"1:5", "1:11", "1:23", "1:32"}},
		{"single-quoted", "k: 'age = old or rash has spots'\n", []string{"1:5", "1:11", "1:18", "1:27"}},
		{"plain on two lines", "k: age = old or\n   rash has spots\n", []string{"1:4", "1:10", "2:4", "2:13"}},
		{"literal", "k: |\n  age = old or\n    rash has spots\n", []string{"2:3", "2:9", "3:5", "3:14"}},
		{"folded", "k: >-\n  age = old or\n  rash has spots\n", []string{"2:3", "2:9", "3:3", "3:12"}},
		{"quoted on two lines", "k: \"age = old or\n  rash has spots\"\n", []string{"1:5", "1:11", "2:3", "2:12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			ps := &parser{q: &Questionnaire{}, lines: strings.Split(tt.yaml, "\n")}
			ps.d = &yamlx.Decoder{Path: "c", Diags: &l}
			root := ps.d.Parse([]byte(tt.yaml))
			v := root.Content[1]
			c, err := ParseCond(v.Value, ps.scalarPositions(v))
			if err != nil {
				t.Fatalf("%q: %s", v.Value, err.Msg)
			}
			var got []string
			c.walk(func(x *Cond) {
				got = append(got, fmt.Sprintf("%d:%d", x.QPos.Line, x.QPos.Col))
				for _, p := range x.ValPos {
					got = append(got, fmt.Sprintf("%d:%d", p.Line, p.Col))
				}
			})
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("%q: got %v, want %v", v.Value, got, tt.want)
			}
		})
	}
}

// FuzzParseCond checks that any condition parses or fails with a position inside it, and
// that a parsed one written back parses to the same condition.
func FuzzParseCond(f *testing.F) {
	for _, s := range []string{"a = b", "not (a in [b, c] or d has e) and f != g", "((", "a in [", "not", "a = b or"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := ParseCond(src, linePos(src))
		if err != nil {
			if err.Pos.Col < 1 || err.Pos.Col > len(src)+1 || err.Msg == "" {
				t.Fatalf("%q: error at column %d: %q", src, err.Pos.Col, err.Msg)
			}
			return
		}
		back := c.String()
		c2, err := ParseCond(back, linePos(back))
		if err != nil || c2.String() != back {
			t.Fatalf("%q written back as %q does not parse the same: %v", src, back, err)
		}
	})
}
