package treediff

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/testutil"
)

const base = `title: Fever
description: D
start: age
nodes:
  age:
    question: How old is the child?
    answers:
      - label: Under 3 months
        next: temp
      - label: Older
        next: temp
  temp:
    question: What is their temperature?
    answers:
      - label: 38C or higher
        next:
          - if: age = under-3-months
            go: call-now
          - go: home
      - label: Below 38C
        next: home
  call-now:
    outcome: Call 999 now
    level: emergency
    body: Call now.
    action:
      label: Call 999
      href: "tel:999"
  home:
    outcome: Look after them at home
    body: Fluids.
    sections:
      - if: age = under-3-months
        body: Watch them closely.
`

func parse(t *testing.T, src string) *questionnaire.Questionnaire {
	t.Helper()
	var diags diag.List
	q := questionnaire.Parse("content/questionnaires/fever.yaml", []byte(src), &diags)
	q.Check(nil, &diags)
	if diags.Errors() > 0 {
		t.Fatalf("the tree has errors: %v\n%s", diags.Sorted(), src)
	}
	return q
}

// edit returns base with each old text replaced by the new one after it.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := base
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("the base tree does not hold %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// TestCompare: each kind of change to the base tree, and what the report says of it.
func TestCompare(t *testing.T) {
	tests := []struct {
		name                                    string
		edit                                    []string
		changed, added, removed, texts, renamed int
		what                                    string // the What of the first change
		visible                                 bool
	}{
		{name: "nothing"},
		{name: "outcome changed", edit: []string{"      - label: Below 38C\n        next: home", "      - label: Below 38C\n        next: call-now"},
			changed: 2, what: "outcome", visible: true},
		{name: "level changed", edit: []string{"    outcome: Look after them at home\n", "    outcome: Look after them at home\n    level: caution\n"},
			changed: 3, what: "level", visible: true},
		{name: "section changed", edit: []string{"      - if: age = under-3-months\n        body: Watch", "      - if: age = older\n        body: Watch"},
			changed: 3, what: "sections", visible: true},
		{name: "path added", edit: []string{"      - label: Below 38C\n", "      - label: Not sure\n        next: home\n      - label: Below 38C\n"},
			added: 2, visible: true},
		{name: "path removed", edit: []string{"      - label: Older\n        next: temp\n", "      - label: Older\n        next: home\n"},
			removed: 2, added: 1, visible: true},
		{name: "rename only", edit: []string{"  temp:\n", "  temperature:\n", "next: temp\n", "next: temperature\n", "next: temp\n", "next: temperature\n", "  home:\n", "  at-home:\n", "go: home", "go: at-home", "next: home", "next: at-home"},
			renamed: 2},
		{name: "rename and reword in one change", edit: []string{"  temp:\n", "  temperature:\n", "next: temp\n", "next: temperature\n", "next: temp\n", "next: temperature\n", "How old is the child?", "How old is your child?"},
			texts: 1, renamed: 1, visible: true},
		{name: "text only", edit: []string{"body: Fluids.", "body: Plenty of fluids."},
			texts: 1, visible: true},
		{name: "answer reworded", edit: []string{"label: Older", "label: 3 months or older"},
			texts: 1, renamed: 1, visible: true},
	}
	old := parse(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Compare(old, parse(t, edit(t, tt.edit...)))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Changed) != tt.changed || len(r.Added) != tt.added || len(r.Removed) != tt.removed || len(r.Texts) != tt.texts || len(r.Renamed) != tt.renamed || r.Visible() != tt.visible {
				var buf bytes.Buffer
				WriteText(&buf, []*Report{r})
				t.Errorf("changed %d added %d removed %d texts %d renamed %d visible %v; want %d %d %d %d %d %v\n%s",
					len(r.Changed), len(r.Added), len(r.Removed), len(r.Texts), len(r.Renamed), r.Visible(),
					tt.changed, tt.added, tt.removed, tt.texts, tt.renamed, tt.visible, buf.String())
			}
			if tt.what != "" && (len(r.Changed) == 0 || strings.Join(r.Changed[0].What, ",") != tt.what) {
				t.Errorf("the first change is %+v, want %q", r.Changed, tt.what)
			}
		})
	}
}

// TestNewAndGone: a questionnaire that is new has every path added; one that is gone, removed.
func TestNewAndGone(t *testing.T) {
	q := parse(t, base)
	r, err := Compare(nil, q)
	if err != nil || len(r.Added) != 4 || !r.Visible() || r.Slug != "fever" {
		t.Errorf("new questionnaire: %+v, %v", r, err)
	}
	r, err = Compare(q, nil)
	if err != nil || len(r.Removed) != 4 || !r.Visible() {
		t.Errorf("gone questionnaire: %+v, %v", r, err)
	}
}

// TestGolden writes the report of a change with every kind of finding, as text and JSON,
// and compares it with testdata/ (-update rewrites).
func TestGolden(t *testing.T) {
	r, err := Compare(parse(t, base), parse(t, edit(t,
		"label: Older", "label: 3 months or older",
		"      - label: Below 38C\n        next: home", "      - label: Below 38C\n        next: call-now",
		"body: Watch them closely.", "body: Watch them closely tonight.",
		"      - if: age = under-3-months\n        body: Watch", "      - if: age != under-3-months\n        body: Watch",
	)))
	if err != nil {
		t.Fatal(err)
	}
	r.Old, r.New = "HEAD:content/questionnaires/fever.yaml", "content/questionnaires/fever.yaml"
	for name, write := range map[string]func(*bytes.Buffer) error{
		"report.txt":  func(b *bytes.Buffer) error { return WriteText(b, []*Report{r}) },
		"report.json": func(b *bytes.Buffer) error { return WriteJSON(b, []*Report{r}) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name)
		if testutil.Update() {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs (go test -update rewrites it); got:\n%s", golden, buf.String())
		}
	}
	var back struct {
		Visible bool `json:"visible"`
	}
	var buf bytes.Buffer
	WriteJSON(&buf, []*Report{r})
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || !back.Visible {
		t.Errorf("JSON: %v, visible %v", err, back.Visible)
	}
}
