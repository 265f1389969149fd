package yamlx

import "testing"

const hint = `check the indentation of this line and the one before it, and quote text that holds , : # [ or ] ("like this")`

// TestSyntaxPositions checks that a syntax error is reported at the token that is wrong, not
// at the start of the mapping around it.
func TestSyntaxPositions(t *testing.T) {
	tests := []struct {
		name, src string
		offset    int
		want      string
	}{
		{"item indented one space short", "name: a\nlist:\n  - label: x\n    next: y\n  - label: z\n   next: w\n", 0,
			`f.yaml:6:4: invalid YAML: value is not allowed in this context; ` + hint},
		{"key indented short", "name: a\nnested:\n  x: 1\n y: 2\n", 4,
			`f.yaml:8:2: invalid YAML: value is not allowed in this context; ` + hint},
		{"unclosed quote", "name: \"unclosed\ncount: 2\n", 0,
			`f.yaml:1:7: invalid YAML: could not find end character of double-quoted text; ` + hint},
		{"apostrophe in single quotes", "name: 'it's'\n", 0,
			`f.yaml:1:11: invalid YAML: value is not allowed in this context. map key-value is pre-defined; ` + hint},
		{"tab", "name: a\n\tcount: 2\n", 0,
			"f.yaml:2:1: invalid YAML: found character '\t' that cannot start any token; " + hint},
		{"comment in a flow list", "name: a\nlist: [one #1, two]\n", 0,
			`f.yaml:2:7: invalid YAML: sequence end token ']' not found; ` + hint},
		{"list not closed before the next key", "name: [a, b\ncount: 2\n", 0,
			`f.yaml:1:7: invalid YAML: this [ opens a list that is not closed with ]; ` + hint},
		{"colon in a flow list", "name: a\nlist: [Note: this, b]\n", 0,
			`f.yaml:2:8: list must be text, not a mapping; quote text that holds , : # [ or ] ("like this")`},
		{"comma in a number", "name: a\nlist: [costs £175,000 or more, b]\n", 0,
			`f.yaml:2:8: warning: "costs £175,000 or more" is read as two list items, "costs £175" and "000 or more"; quote it if it is one: "costs £175,000 or more"; quote any item that holds , : # [ or ]`},
		{"compact list", "name: a\nlist: [a,b]\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := decode(tt.src, tt.offset)
			if got != tt.want {
				t.Errorf("%q:\ngot  %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}
