package yamlx

import (
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
)

// decode decodes src as a mapping of the fields every type of value exercises.
func decode(src string, offset int) (string, record) {
	var diags diag.List
	d := &Decoder{Path: "f.yaml", LineOffset: offset, Diags: &diags}
	var r record
	if root := d.Parse([]byte(src)); root != nil {
		d.Mapping(root, "test", []Field{
			{Name: "name", Required: true, Decode: d.String(&r.name)},
			{Name: "count", Decode: d.Int(&r.count)},
			{Name: "ok", Decode: d.Bool(&r.ok)},
			{Name: "day", Decode: d.Date(&r.day)},
			{Name: "list", Decode: d.Strings(&r.list)},
			{Name: "nested", Decode: func(k, v *yaml.Node) {}},
		})
	}
	var out []string
	for _, x := range diags.Sorted() {
		out = append(out, x.String())
	}
	return strings.Join(out, "\n"), r
}

type record struct {
	name  string
	count int
	ok    bool
	day   time.Time
	list  []string
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		want   string
	}{
		{"name: a\nname: b\n", 0, `f.yaml:2:1: duplicate key "name" (first at line 1); remove one of them`},
		{"name: a\nnested:\n  x: 1\n  x: 2\n", 0, `f.yaml:4:3: duplicate key "x" (first at line 3); remove one of them`},
		{"name: &n a\nlist: [*n]\n", 0, "f.yaml:1:7: YAML anchors (&n) are not supported; remove the anchor\nf.yaml:2:8: YAML aliases (*n) are not supported; write the value out in full"},
		{"name: a\n---\nname: b\n", 0, `f.yaml:2:1: a second YAML document starts here; only one is allowed; remove the second "---" line or move this part to its own file`},
		{"name: a\ncount: [\n", 3, `f.yaml:5:8: invalid YAML: sequence end token ']' not found; check the indentation of this line and the one before it, and quote text that holds , : # [ or ] ("like this")`},
		{"count: 2\n", 0, `f.yaml:1:1: test: missing required key "name"; add a line "name: ..."`},
		{"nme: x\n", 0, "f.yaml:1:1: test: missing required key \"name\"; add a line \"name: ...\"\nf.yaml:1:1: unknown key \"nme\" in test; did you mean \"name\"?"},
		{"name: ''\ncount: 1.5\nok: yes\nday: 2026-02-30\nlist: a\n", 0, strings.Join([]string{
			`f.yaml:1:7: name is empty; write some text or remove the line`,
			`f.yaml:2:8: count must be a whole number, not "1.5"; write a number such as 10`,
			`f.yaml:3:5: ok must be true or false, not "yes"; write true or false`,
			`f.yaml:4:6: day: "2026-02-30" is not a valid date; write the date as YYYY-MM-DD, for example 2026-03-31`,
			`f.yaml:5:7: list must be a list; write it as a list: list: [a, b] or one "- item" a line`,
		}, "\n")},
		{"name:\n", 0, `f.yaml:1:1: name is empty; give it a value or remove the line`},
		{"- a\n", 0, `f.yaml:1:1: test must be a mapping of keys to values`},
	}
	for _, tt := range tests {
		got, _ := decode(tt.src, tt.offset)
		if got != tt.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestValues(t *testing.T) {
	got, r := decode("name: 2026\ncount: -3\nok: true\nday: 2026-03-31\nlist:\n  - a\n  - 'b c'\n", 0)
	if got != "" {
		t.Fatal(got)
	}
	if r.name != "2026" || r.count != -3 || !r.ok || r.day.Format(time.DateOnly) != "2026-03-31" || strings.Join(r.list, "|") != "a|b c" {
		t.Errorf("decoded %+v", r)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("name: a\nlist: [b, c]\n")
	f.Add("a: &x [1]\nb: *x\n")
	f.Add("? [a]\n: b\n")
	f.Fuzz(func(t *testing.T, src string) {
		decode(src, 2)
	})
}
