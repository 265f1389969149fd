package questionnaire

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/testutil"
)

// This file checks Paths against an enumeration written from the spec alone: ids derived
// from labels with a regular expression, conditions evaluated by their own function, every
// set of ticked items counted with a bitmask, and a queue of partial paths instead of
// recursion. It shares nothing with the implementation but the parsed tree.

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func specID(label string) string {
	return strings.Trim(nonAlnum.ReplaceAllString(strings.ToLower(label), "-"), "-")
}

// specAnswer is what the spec's conditions see of one answered question.
type specAnswer struct {
	id    string          // a choice's answer id, or "yes"/"no" for a checklist
	items map[string]bool // a checklist's ticked items
}

func specHolds(q *Questionnaire, c *Cond, given map[string]specAnswer) bool {
	switch c.Op {
	case OpNot:
		return !specHolds(q, c.X, given)
	case OpAnd:
		return specHolds(q, c.X, given) && specHolds(q, c.Y, given)
	case OpOr:
		return specHolds(q, c.X, given) || specHolds(q, c.Y, given)
	case OpHas:
		return given[c.Q].items[c.Vals[0]]
	case OpEq:
		return given[c.Q].id == c.Vals[0]
	case OpNe:
		return given[c.Q].id != c.Vals[0]
	case OpIn:
		for _, v := range c.Vals {
			if given[c.Q].id == v {
				return true
			}
		}
	}
	return false
}

func specGo(q *Questionnaire, plain string, rules []Rule, given map[string]specAnswer) string {
	if plain != "" {
		return plain
	}
	for _, r := range rules {
		if r.If == nil || specHolds(q, r.If, given) {
			return r.Go
		}
	}
	panic("no rule applies")
}

// explicitIDs reads the "id:" of every answer and item from the YAML itself: node id ->
// label or item text -> id.
func explicitIDs(t *testing.T, src string) map[string]map[string]string {
	var doc struct {
		Nodes map[string]struct {
			Answers []struct{ Label, ID string }
			Items   []any
		}
	}
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]map[string]string)
	for id, n := range doc.Nodes {
		out[id] = make(map[string]string)
		for _, a := range n.Answers {
			if a.ID != "" {
				out[id][a.Label] = a.ID
			}
		}
		for _, it := range n.Items {
			if m, ok := it.(map[string]any); ok && m["id"] != nil {
				out[id][m["text"].(string)] = m["id"].(string)
			}
		}
	}
	return out
}

// specPaths enumerates every complete path as the spec describes the lines of
// "guidepost paths"; ids holds the explicit ids (see explicitIDs).
func specPaths(q *Questionnaire, ids map[string]map[string]string) []string {
	type partial struct {
		at    string
		steps []string
		given map[string]specAnswer
	}
	var lines []string
	queue := []partial{{at: q.Start, given: map[string]specAnswer{}}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		n := q.Node(p.at)
		if n.Outcome != "" {
			shown := []string{}
			for i, s := range n.Sections {
				if specHolds(q, s.If, p.given) {
					shown = append(shown, fmt.Sprint(i))
				}
			}
			lines = append(lines, strings.Join(append(p.steps, "->", n.ID, "["+strings.Join(shown, ",")+"]"), " "))
			continue
		}
		take := func(step string, a specAnswer, plain string, rules []Rule) {
			given := map[string]specAnswer{n.ID: a}
			for k, v := range p.given {
				given[k] = v
			}
			steps := append(append([]string{}, p.steps...), n.ID+"="+step)
			queue = append(queue, partial{specGo(q, plain, rules, given), steps, given})
		}
		switch {
		case len(n.Answers) > 0:
			for _, a := range n.Answers {
				id, ok := ids[n.ID][a.Label]
				if !ok {
					id = specID(a.Label)
				}
				take(id, specAnswer{id: id}, a.Next, a.Rules)
			}
		case !n.Each:
			take("yes", specAnswer{id: "yes"}, n.Any, n.AnyRules)
			take("no", specAnswer{id: "no"}, n.None, n.NoneRules)
		default:
			for mask := 0; mask < 1<<len(n.Items); mask++ {
				items := map[string]bool{}
				var ticked []string
				for i, text := range n.Items {
					id, ok := ids[n.ID][text]
					if !ok {
						id = specID(text)
					}
					if mask&(1<<i) != 0 {
						items[id] = true
						ticked = append(ticked, id)
					}
				}
				if mask == 0 {
					take("none", specAnswer{id: "no", items: items}, n.None, n.NoneRules)
				} else {
					take(strings.Join(ticked, "+"), specAnswer{id: "yes", items: items}, n.Any, n.AnyRules)
				}
			}
		}
	}
	sort.Strings(lines)
	return lines
}

// randomTree writes a random format 2 tree: a chain of questions, each of which may end at
// an outcome, with rules and sections reading earlier questions (which every path to them
// answers), checklists with and without each: true.
func randomTree(r *rand.Rand) string {
	var b strings.Builder
	nq := 2 + r.IntN(4)
	no := 2 + r.IntN(3)
	fmt.Fprintf(&b, "title: T\ndescription: D\nstart: q0\nnodes:\n")
	type question struct {
		checklist, each bool
		answers         []string
		items           []string
	}
	qs := make([]question, nq)
	for i := range qs {
		switch r.IntN(3) {
		case 0:
			qs[i].checklist = true
			qs[i].each = r.IntN(2) == 0
			for j := 0; j < 1+r.IntN(3); j++ {
				qs[i].items = append(qs[i].items, fmt.Sprintf("Item %c of %d", 'A'+j, i))
			}
		default:
			for j := 0; j < 2+r.IntN(2); j++ {
				qs[i].answers = append(qs[i].answers, fmt.Sprintf("Answer %c!", 'A'+j))
			}
		}
	}
	// cond reads questions before question i (and i itself when self is set).
	cond := func(i int, self bool) string {
		limit := i
		if self {
			limit = i + 1
		}
		var one func(depth int) string
		one = func(depth int) string {
			if depth < 2 && r.IntN(3) == 0 {
				switch r.IntN(3) {
				case 0:
					return "not (" + one(depth+1) + ")"
				case 1:
					return "(" + one(depth+1) + " and " + one(depth+1) + ")"
				}
				return one(depth+1) + " or " + one(depth+1)
			}
			k := r.IntN(limit)
			q := qs[k]
			switch {
			case q.checklist && q.each && r.IntN(2) == 0:
				return fmt.Sprintf("q%d has %s", k, specID(q.items[r.IntN(len(q.items))]))
			case q.checklist:
				return fmt.Sprintf("q%d = %s", k, []string{"yes", "no"}[r.IntN(2)])
			case r.IntN(3) == 0:
				return fmt.Sprintf("q%d in [%s, %s]", k, specID(q.answers[0]), specID(q.answers[len(q.answers)-1]))
			}
			return fmt.Sprintf("q%d != %s", k, specID(q.answers[r.IntN(len(q.answers))]))
		}
		return one(0)
	}
	target := func(i int, indent string) string {
		next := func() string {
			if i+1 < nq && r.IntN(4) > 0 {
				return fmt.Sprintf("q%d", i+1)
			}
			return fmt.Sprintf("o%d", r.IntN(no))
		}
		if r.IntN(2) == 0 {
			return " " + next() + "\n"
		}
		var t strings.Builder
		t.WriteString("\n")
		for k := 0; k < 1+r.IntN(2); k++ {
			fmt.Fprintf(&t, "%s- if: %s\n%s  go: %s\n", indent, cond(i, true), indent, next())
		}
		fmt.Fprintf(&t, "%s- go: %s\n", indent, next())
		return t.String()
	}
	for i, q := range qs {
		fmt.Fprintf(&b, "  q%d:\n    question: Question %d?\n", i, i)
		if q.checklist {
			fmt.Fprintf(&b, "    kind: checklist\n    each: %v\n    items:\n", q.each)
			for _, it := range q.items {
				fmt.Fprintf(&b, "      - %s\n", it)
			}
			fmt.Fprintf(&b, "    any:%s", target(i, "      "))
			fmt.Fprintf(&b, "    none:%s", target(i, "      "))
			continue
		}
		b.WriteString("    answers:\n")
		for _, a := range q.answers {
			fmt.Fprintf(&b, "      - label: %s\n        next:%s", a, target(i, "          "))
		}
	}
	for o := 0; o < no; o++ {
		fmt.Fprintf(&b, "  o%d:\n    outcome: Outcome %d\n    body: Text %d.\n", o, o, o)
		if r.IntN(2) == 0 {
			b.WriteString("    sections:\n")
			for k := 0; k < 1+r.IntN(3); k++ {
				fmt.Fprintf(&b, "      - if: %s\n        body: Part %d.\n", cond(1, false), k)
			}
		}
	}
	return b.String()
}

func TestPathsMatchTheSpec(t *testing.T) {
	src, err := os.ReadFile("testdata/fever.yaml")
	if err != nil {
		t.Fatal(err)
	}
	trees := []string{string(src)}
	r := rand.New(rand.NewPCG(20, 2))
	for len(trees) < 300 {
		trees = append(trees, randomTree(r))
	}
	checked := 0
	for i, src := range trees {
		var l diag.List
		q := Parse(testPath, []byte(src), &l)
		q.Check(testArticles, &l)
		if l.Errors() > 0 {
			continue // a random tree that reads a question not answered on every path, or leaves a node out
		}
		checked++
		got, err := q.Paths()
		if err != nil {
			t.Fatalf("tree %d: %v\n%s", i, err, src)
		}
		want := specPaths(q, explicitIDs(t, src))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("tree %d:\n%s\ngot:\n%s\nwant:\n%s", i, src, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if checked < 100 {
		t.Fatalf("only %d of %d random trees were sound; the generator needs fixing", checked, len(trees))
	}
	t.Logf("%d trees compared", checked)
}

// TestPathsGolden pins the paths of the fever tree (rules, sections, each).
func TestPathsGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/fever.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var l diag.List
	q := Parse(testPath, src, &l)
	q.Check(testArticles, &l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	lines, err := q.Paths()
	if err != nil {
		t.Fatal(err)
	}
	got := []byte(strings.Join(lines, "\n") + "\n")
	if testutil.Update() {
		if err := os.WriteFile("testdata/fever.paths", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/fever.paths")
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("paths differ from testdata/fever.paths; run go test -update and look at the diff\n%s", got)
	}
}

// chain writes a tree of n two-answer questions in a row. When read is set, its outcome
// has a section reading every one of them, so that the pages multiply by 2 with each
// question; the paths do in any case.
func chain(n int, read bool) string {
	var b strings.Builder
	b.WriteString("title: T\ndescription: D\nstart: q0\nnodes:\n")
	var reads []string
	for i := 0; i < n; i++ {
		next := fmt.Sprintf("q%d", i+1)
		if i == n-1 {
			next = "end"
		}
		fmt.Fprintf(&b, "  q%d:\n    question: Q%d?\n    answers:\n      - {label: A, next: %s}\n      - {label: B, next: %s}\n", i, i, next, next)
		reads = append(reads, fmt.Sprintf("q%d = a", i))
	}
	fmt.Fprintf(&b, "  end:\n    outcome: End\n    body: x\n")
	if read {
		fmt.Fprintf(&b, "    sections:\n      - if: %s\n        body: y\n", strings.Join(reads, " and "))
	}
	return b.String()
}

// TestExplodingTree checks that a tree built to need billions of pages and paths fails
// fast with the limit errors, naming the questions that multiply them.
func TestExplodingTree(t *testing.T) {
	start := time.Now()
	var l diag.List
	q := Parse(testPath, []byte(chain(40, true)), &l)
	q.Check(testArticles, &l)
	got := l.Sorted()
	if len(got) != 1 || !strings.Contains(got[0].Message, "needs more than 5000 pages without JavaScript") ||
		!strings.Contains(got[0].Message, "q0 (2 answers)") || got[0].Line != 3 {
		t.Fatalf("got %v", got)
	}
	if _, err := q.Pages(); err == nil {
		t.Fatal("Pages: no error")
	}
	// Without the section, 41 pages are enough, but there are 2^40 paths.
	l = diag.List{}
	q = Parse(testPath, []byte(chain(40, false)), &l)
	q.Check(testArticles, &l)
	if pages, err := q.Pages(); err != nil || len(pages) != 41 || l.Len() != 0 {
		t.Fatalf("%d pages, %v, %v", len(pages), err, l.Sorted())
	}
	_, err := q.Paths()
	var le *LimitError
	if !asLimit(err, &le) || !strings.Contains(le.Error(), "more than 100000 complete paths") {
		t.Fatalf("Paths: %v", err)
	}
	// An each: true checklist of 40 items that a rule reads item by item.
	var items, reads []string
	for i := 0; i < 40; i++ {
		items = append(items, fmt.Sprintf("      - Item %d\n", i))
		reads = append(reads, fmt.Sprintf("c has item-%d", i))
	}
	src := "title: T\ndescription: D\nstart: c\nnodes:\n  c:\n    question: C?\n    kind: checklist\n    each: true\n    items:\n" +
		strings.Join(items, "") + "    any: end\n    none: end\n  end:\n    outcome: End\n    body: x\n    sections:\n      - if: " +
		strings.Join(reads, " or ") + "\n        body: y\n"
	l = diag.List{}
	q = Parse(testPath, []byte(src), &l)
	q.Check(testArticles, &l)
	if got := l.Sorted(); len(got) != 1 || !strings.Contains(got[0].Message, "the pages carry the answers of c (") {
		t.Fatalf("got %v", got)
	}
	t.Logf("both trees failed in %v", time.Since(start))
}

func asLimit(err error, le **LimitError) bool {
	e, ok := err.(*LimitError)
	*le = e
	return ok
}

// BenchmarkPaths enumerates the paths of a tree of 4,095 pages (11 questions whose
// answers the last outcome reads).
func BenchmarkPaths(b *testing.B) {
	var l diag.List
	q := Parse(testPath, []byte(chain(11, true)), &l)
	q.Check(testArticles, &l)
	if err := l.Err(); err != nil {
		b.Fatal(err)
	}
	pages, _ := q.Pages()
	b.ReportMetric(float64(len(pages)), "pages")
	for b.Loop() {
		if _, err := q.Paths(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPages computes the static pages of the same tree.
func BenchmarkPages(b *testing.B) {
	var l diag.List
	q := Parse(testPath, []byte(chain(11, true)), &l)
	q.Check(testArticles, &l)
	for b.Loop() {
		if _, err := q.Pages(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPagesFollowPaths follows every path of the spec's enumeration through the static
// pages' links, as a reader without JavaScript clicks them, on the fever tree and the
// random trees: each path must end at its outcome with its sections, and the pages must
// not be more than needed (every page reachable, no two with the same folder).
func TestPagesFollowPaths(t *testing.T) {
	src, err := os.ReadFile("testdata/fever.yaml")
	if err != nil {
		t.Fatal(err)
	}
	trees := []string{string(src)}
	r := rand.New(rand.NewPCG(20, 3))
	for len(trees) < 200 {
		trees = append(trees, randomTree(r))
	}
	for i, src := range trees {
		var l diag.List
		q := Parse(testPath, []byte(src), &l)
		q.Check(testArticles, &l)
		if l.Errors() > 0 {
			continue
		}
		pages, err := q.Pages()
		if err != nil {
			t.Fatalf("tree %d: %v", i, err)
		}
		dirs := map[string]bool{}
		for _, p := range pages {
			if dirs[p.Dir] {
				t.Fatalf("tree %d: two pages in %s", i, p.Dir)
			}
			dirs[p.Dir] = true
		}
		visited := map[int]bool{0: true}
		follow := func(p int, value string) int {
			for _, l := range pages[p].Links {
				if l.Value == value {
					visited[l.To] = true
					return l.To
				}
			}
			t.Fatalf("tree %d: page %s has no link %q", i, pages[p].Dir, value)
			return 0
		}
		for _, line := range specPaths(q, explicitIDs(t, src)) {
			steps, end, _ := strings.Cut(line, "-> ")
			at := 0
			for _, s := range strings.Fields(steps) {
				id, val, _ := strings.Cut(s, "=")
				n := q.Node(id)
				if pages[at].Node != n {
					t.Fatalf("tree %d, %s: at %s, want node %s\n%s", i, line, pages[at].Dir, id, src)
				}
				switch {
				case n.Kind == Choice:
					at = follow(at, val)
				case !n.Each:
					at = follow(at, val)
				default:
					for _, item := range n.ItemIDs {
						yes := "no"
						if slices.Contains(strings.Split(val, "+"), item) {
							yes = "yes"
						}
						at = follow(at, yes)
					}
				}
			}
			outcome, shown, _ := strings.Cut(end, " ")
			var got []string
			for _, s := range pages[at].Shown {
				got = append(got, fmt.Sprint(s))
			}
			if pages[at].Node.ID != outcome || "["+strings.Join(got, ",")+"]" != shown {
				t.Fatalf("tree %d, %s: the pages end at %s %v\n%s", i, line, pages[at].Dir, got, src)
			}
		}
		if len(visited) != len(pages) {
			t.Fatalf("tree %d: %d pages, of which the paths reach %d", i, len(pages), len(visited))
		}
	}
}
