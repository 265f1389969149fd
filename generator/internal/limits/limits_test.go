package limits

import (
	"strings"
	"testing"
)

func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

func nestedYAML(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	small := Limits{Depth: 4, Links: 3}
	tests := []struct {
		name  string
		check func(Limits, []byte) *Exceeded
		lim   Limits
		src   string
		line  int // 0: within the limits
		flag  string
	}{
		{"toml flat", Limits.TOML, small, "title = \"a [b] c\"\ntags = [\"x\", \"y\"]\n[extra]\nk = 1\n", 0, ""},
		{"toml array depth", Limits.TOML, small, "a = [[[[[1]]]]]\n", 1, FlagDepth},
		{"toml array over lines", Limits.TOML, small, "t = 1\na = [\n[\n[\n[\n[1]]]]]\n", 6, FlagDepth},
		{"toml brackets in strings", Limits.TOML, small, "a = \"[[[[[[[[\"\nb = '[[[[[[['\nc = \"\"\"\n[[[[[[[\n\"\"\"\n", 0, ""},
		{"toml comment", Limits.TOML, small, "a = 1 # [[[[[[[[[\n", 0, ""},
		{"toml header dots", Limits.TOML, small, "[a.b.c.d.e]\nk = 1\n", 1, FlagDepth},
		{"toml header dots ok", Limits.TOML, small, "[a.b]\nk.l = 1\n", 0, ""},
		{"toml dotted key", Limits.TOML, small, "a.b.c.d.e.f = 1\n", 1, FlagDepth},
		{"toml number not a key", Limits.TOML, small, "a = 1.5\nb = [1.5, 2.5, 3.5, 4.5, 5.5]\n", 0, ""},
		{"toml inline tables", Limits.TOML, small, "a = {b = {c = {d = {e = {f = 1}}}}}\n", 1, FlagDepth},
		{"toml 2,000,000 [", Limits.TOML, Limits{}, "a = " + strings.Repeat("[", 2_000_000), 1, FlagDepth},
		{"toml 10,000 tables", Limits.TOML, Limits{}, "[" + strings.Repeat("a.", 10_000) + "a]\n", 1, FlagDepth},
		{"yaml flat", Limits.YAML, small, "title: x\ntags: [a, b]\nsources:\n  - one\n  - two\n", 0, ""},
		{"yaml block depth", Limits.YAML, small, nestedYAML(6), 5, FlagDepth},
		{"yaml dashes", Limits.YAML, small, "a:\n  - - - - - x\n", 2, FlagDepth},
		{"yaml flow", Limits.YAML, small, "a: [[[[[x]]]]]\n", 1, FlagDepth},
		{"yaml quoted", Limits.YAML, small, "a: \"[[[[[[\"\nb: '{{{{{{{'\n", 0, ""},
		{"yaml comment", Limits.YAML, small, "a: x # [[[[[[[\n", 0, ""},
		{"markdown ok", Limits.Markdown, small, "# T\n\n- a\n  - b\n\n> q\n\n[a](b) [c](d)\n", 0, ""},
		{"markdown list depth", Limits.Markdown, small, nestedList(6), 5, FlagDepth},
		{"markdown one-line lists", Limits.Markdown, small, "- - - - - x\n", 1, FlagDepth},
		{"markdown ordered", Limits.Markdown, small, "1. a\n   1. b\n      1. c\n         1. d\n            1. e\n", 5, FlagDepth},
		{"markdown siblings", Limits.Markdown, small, "- a\n- b\n- c\n- d\n- e\n- f\n", 0, ""},
		{"markdown quotes", Limits.Markdown, small, "> > > > > x\n", 1, FlagDepth},
		{"markdown quotes and list", Limits.Markdown, small, "> > > - - x\n", 1, FlagDepth},
		{"markdown links", Limits.Markdown, small, "[a](b) and\n[c](d) [e](f) [g](h)\n", 2, FlagLinks},
		{"markdown links in paragraphs", Limits.Markdown, small, "[a](b) [c](d)\n\n[e](f) [g](h)\n", 0, ""},
		{"markdown fenced code", Limits.Markdown, small, "```\n[[[[[[[[\n- - - - - -\n```\n", 0, ""},
		{"markdown 80,000 [a](", Limits.Markdown, Limits{}, strings.Repeat("[a](", 80_000), 1, FlagLinks},
		{"markdown list 4,000 deep", Limits.Markdown, Limits{}, nestedList(4000), 33, FlagDepth},
	}
	for _, tt := range tests {
		ex := tt.check(tt.lim, []byte(tt.src))
		switch {
		case tt.line == 0 && ex != nil:
			t.Errorf("%s: %+v, want within the limits", tt.name, ex)
		case tt.line != 0 && ex == nil:
			t.Errorf("%s: within the limits, want line %d", tt.name, tt.line)
		case ex != nil && (ex.Line != tt.line || !strings.Contains(ex.Hint, tt.flag) || !strings.Contains(ex.Message, "limit")):
			t.Errorf("%s: %+v, want line %d and a hint naming %s", tt.name, ex, tt.line, tt.flag)
		}
	}
}

func TestSize(t *testing.T) {
	if ex := (Limits{}).Size(DefaultFileSize); ex != nil {
		t.Errorf("the default size itself: %+v", ex)
	}
	ex := (Limits{FileSize: 10}).Size(11)
	if ex == nil || !strings.Contains(ex.Hint, FlagFileSize) || !strings.Contains(ex.Message, "11 bytes") {
		t.Errorf("over the limit: %+v", ex)
	}
}

// BenchmarkAdversarial times the scans on the inputs an attacker or a slip would write, so
// that a scan that turns quadratic shows as ns/byte here rather than as a timed test:
//
//	go test -run XXX -bench Adversarial ./generator/internal/limits
func BenchmarkAdversarial(b *testing.B) {
	inputs := []struct {
		name  string
		check func(Limits, []byte) *Exceeded
		src   string
	}{
		{"toml-2M-brackets", Limits.TOML, "a = " + strings.Repeat("[", 2_000_000)},
		{"toml-10k-tables", Limits.TOML, "[" + strings.Repeat("a.", 10_000) + "a]\n"},
		{"markdown-80k-links", Limits.Markdown, strings.Repeat("[a](", 80_000)},
		{"markdown-list-4000-deep", Limits.Markdown, nestedList(4000)},
		{"yaml-4000-deep", Limits.YAML, nestedYAML(4000)},
	}
	for _, in := range inputs {
		src := []byte(in.src)
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				in.check(Limits{}, src)
			}
		})
	}
}
