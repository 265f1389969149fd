package questionnaire

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
)

// FuzzParse checks that Parse and Check survive any input, and that every diagnostic
// has a position in the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, file := range append(files, samplePath) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, tt := range ruleTests {
		f.Add([]byte(tt.src))
	}
	for _, tt := range format2Tests {
		f.Add([]byte(tt.src))
	}
	f.Add([]byte(chain(12, true)))
	f.Add([]byte(progressTree))
	f.Add([]byte(strings.Replace(progressTree, "    question: A?\n", "    question: A?\n    error: [x, \"\"]\n", 1)))
	f.Add([]byte("nodes: {a: {question: q, answers: [{label: x, next: a}, {label: y, next: a}]}}\nstart: a\n"))
	f.Add([]byte("nodes:\n  a: &x {outcome: o, body: b}\n  b: *x\n"))
	f.Add([]byte("intro: |9\n x\n"))
	f.Add([]byte("\ufeff---\ntitle: t\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var l diag.List
		q := Parse(testPath, src, &l)
		if q == nil {
			t.Fatal("Parse returned nil")
		}
		q.Check(testArticles, &l)
		fuzzExpand(t, q, l.Errors() == 0)
		for _, d := range l.Sorted() {
			if d.Path != testPath || d.Message == "" {
				t.Errorf("diagnostic without a place or a message: %v", d)
			}
		}
	})
}

// FuzzNext checks that test steps, one a line, never make Next or the test runner panic,
// and that a run without a problem went one node further for each step.
func FuzzNext(f *testing.F) {
	src, err := os.ReadFile(samplePath)
	if err != nil {
		f.Fatal(err)
	}
	var l diag.List
	q := Parse(testPath, src, &l)
	if err := l.Err(); err != nil {
		f.Fatal(err)
	}
	for _, tt := range q.Tests {
		var steps []string
		for _, s := range tt.Steps {
			steps = append(steps, s.Node+"="+s.Answer)
		}
		f.Add(strings.Join(steps, "\n"))
	}
	f.Add("warning-signs=maybe")
	f.Add("pain-today=0\npain-today=-1\npain-today=99999999999999999999")
	f.Add("=\n==\nwarning-signs\n")
	f.Fuzz(func(t *testing.T, lines string) {
		var steps []Step
		for _, line := range strings.Split(lines, "\n") {
			for _, n := range q.Nodes {
				n.Next(line)
			}
			if s, ok := parseStep(line); ok {
				steps = append(steps, s)
			}
		}
		trail, end, err := q.run(steps)
		if err == nil && end != nil && (len(trail) != len(steps)+1 || trail[len(trail)-1] != end.ID) {
			t.Errorf("steps %q: trail %q ends at %s", steps, trail, end.ID)
		}
		// The same steps as a test of the file.
		withTest := *q
		withTest.Tests = []Test{{Name: "fuzz", Steps: steps, Expect: "see-a-doctor"}}
		var l diag.List
		withTest.Check(nil, &l)
	})
}

// fuzzExpand checks the path and page expansion of a parsed tree: they never panic; a tree
// without errors has pages and paths (or too many of them); the paths each end at an
// outcome, and the pages' links stay among them.
func fuzzExpand(t *testing.T, q *Questionnaire, noErrors bool) {
	paths, perr := q.Paths()
	pages, gerr := q.Pages()
	if _, ok := perr.(*LimitError); noErrors && perr != nil && !ok {
		t.Fatalf("Paths: %v", perr)
	}
	for _, p := range paths {
		_, end, ok := strings.Cut(p, "-> ")
		id, _, _ := strings.Cut(end, " ")
		if n := q.Node(id); !ok || n == nil || n.Kind != Outcome {
			t.Fatalf("path %q does not end at an outcome", p)
		}
	}
	if noErrors && gerr != nil {
		t.Fatalf("Check found no error, yet Pages: %v", gerr)
	}
	for _, p := range pages {
		for _, l := range p.Links {
			if l.To < 0 || l.To >= len(pages) {
				t.Fatalf("page %s links to page %d of %d", p.Dir, l.To, len(pages))
			}
		}
	}
}

// FuzzCheckTranslation checks that ParseTranslation, Check and CheckTranslation survive any
// translation of a format 2 tree, and that every diagnostic of the translation is on one of
// its lines.
func FuzzCheckTranslation(f *testing.F) {
	for _, file := range []string{"testdata/translation/fever.cy.yaml", "testdata/translation/broken/fever.cy.yaml", "testdata/fever.yaml"} {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	orig, err := os.ReadFile("testdata/fever.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var od diag.List
		o := Parse("testdata/fever.yaml", orig, &od)
		o.Check(nil, &od)
		var l diag.List
		q := ParseTranslation("fever.cy.yaml", "cy", src, &l)
		q.Check(nil, &l)
		CheckTranslation(o, q, &l)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range l.Sorted() {
			if d.Path == "fever.cy.yaml" && (d.Line > lines+1 || d.Line < 0) {
				t.Errorf("line out of the file (%d lines): %s", lines, d)
			}
		}
	})
}
