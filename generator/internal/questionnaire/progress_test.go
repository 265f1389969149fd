package questionnaire

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// TestErrorKey reads "error:" on choices and checklists and reports a bad one at its
// position, with every other error at once.
func TestErrorKey(t *testing.T) {
	withError := strings.Replace(valid, "    question: Q?\n", "    question: Q?\n    error: Select one of them\n", 1)
	var l diag.List
	q := Parse(testPath, []byte(withError), &l)
	q.Check(testArticles, &l)
	if l.Len() > 0 {
		t.Fatal(l.Sorted())
	}
	if got := q.Node("a").Error; got != "Select one of them" {
		t.Errorf("Error = %q", got)
	}
	for _, tt := range []struct{ name, line, want string }{
		{"empty", `    error: ""`, `t.yaml:6:12: error: is empty; write one sentence`},
		{"list", `    error: [a]`, `t.yaml:6:12: error: must be text; write one sentence`},
		{"two lines", `    error: "a\nb"`, `t.yaml:6:12: error: must be one line; write it on one line`},
		{"long", `    error: ` + strings.Repeat("x", MaxErrorLen+1), `t.yaml:6:12: error: is 201 characters long; the most is 200`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(valid, "    question: Q?\n", "    question: Q?\n"+tt.line+"\n", 1)
			src = strings.Replace(src, "description: D\n", "", 1) // a second error, reported with it
			got := diagnose(testPath, src)
			if len(got) != 2 || !strings.HasPrefix(got[1], strings.Replace(tt.want, "t.yaml:", testPath+":", 1)) {
				t.Errorf("got %q, want a missing description and %q...", got, tt.want)
			}
		})
	}
	got := diagnose(testPath, strings.Replace(valid, "    body: b\n", "    body: b\n    error: x\n", 1))
	if len(got) != 1 || !strings.Contains(got[0], `node "b" is an outcome, so "error:" is not allowed`) {
		t.Errorf("error: on an outcome: %q", got)
	}
}

const progressTree = `title: T
description: D
start: a
nodes:
  a:
    question: A?
    answers:
      - label: Short way
        next: c
      - label: Long way
        next: b
  b:
    question: B?
    kind: checklist
    items: [x, y]
    any: c
    none: end
  c:
    question: C?
    answers:
      - label: Yes
        next: end
      - label: No
        next: end
  end:
    outcome: End
    body: e
`

// TestRemaining counts the most questions left from each node and each static page, and
// finds the one page before a page when there is one.
func TestRemaining(t *testing.T) {
	var l diag.List
	q := Parse(testPath, []byte(progressTree), &l)
	q.Check(testArticles, &l)
	if l.Len() > 0 {
		t.Fatal(l.Sorted())
	}
	want := map[string]int{"a": 3, "b": 2, "c": 1, "end": 0}
	if got := q.Remaining(); !maps.Equal(got, want) {
		t.Errorf("Remaining = %v, want %v", got, want)
	}
	pages, err := q.Pages()
	if err != nil {
		t.Fatal(err)
	}
	rem, num := PageRemaining(pages)
	prev := Previous(pages)
	var got []string
	for i, p := range pages {
		back := "-"
		if prev[i] >= 0 {
			back = pages[prev[i]].Node.ID
		}
		got = append(got, p.Node.ID+" "+string(rune('0'+rem[i]))+" "+string(rune('0'+num[i]))+" "+back)
	}
	// c is question 2 or 3 and end is reached from b and c: no number, no one page before.
	wantPages := []string{"a 3 1 -", "c 1 0 -", "b 2 2 a", "end 0 0 -"}
	if !slices.Equal(got, wantPages) {
		t.Errorf("pages (node, remaining, number, back):\n got %q\nwant %q", got, wantPages)
	}
}
