package questionnaire

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

const testPath = "content/questionnaires/t.yaml"

// testArticles stands for the articles of a site: walking, home-therapies and
// when-to-see-a-doctor are built, old-advice is a draft.
var testArticles = &Articles{
	Built:  map[string]bool{"walking": true, "home-therapies": true, "when-to-see-a-doctor": true},
	Drafts: map[string]bool{"old-advice": true},
}

// diagnose parses and checks src and returns its diagnostics as strings.
func diagnose(path, src string) []string {
	var l diag.List
	q := Parse(path, []byte(src), &l)
	q.Check(testArticles, &l)
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return out
}

// valid is a small tree without problems; the cases below change parts of it.
const valid = `title: T
description: D
start: a
nodes:
  a:
    question: Q?
    answers:
      - label: One
        next: b
      - label: Two
        next: c
  b:
    outcome: B
    body: b
  c:
    outcome: C
    body: c
`

var ruleTests = []struct {
	name string
	path string // default testPath
	src  string
	want []string
}{
	{name: "valid", src: valid},
	{
		name: "invalid YAML",
		src:  "title: [a\ndescription: D\n",
		want: []string{`t.yaml:1:8: invalid YAML: this [ opens a list that is not closed with ]; check the indentation of this line and the one before it, and quote text that holds , : # [ or ] ("like this")`},
	},
	{
		name: "duplicate key",
		src:  strings.Replace(valid, "description: D\n", "description: D\ntitle: T2\n", 1),
		want: []string{`t.yaml:3:1: duplicate key "title" (first at line 1); remove one of them`},
	},
	{
		name: "unknown top-level key",
		src:  strings.Replace(valid, "title:", "titel:", 1),
		want: []string{
			`t.yaml:1:1: questionnaire: missing required key "title"; add a line "title: ..."`,
			`t.yaml:1:1: unknown key "titel" in questionnaire; did you mean "title"?`,
		},
	},
	{
		name: "missing required keys",
		src:  "intro: Hello\n",
		want: []string{
			`t.yaml:1:1: questionnaire: missing required key "description"; add a line "description: ..."`,
			`t.yaml:1:1: questionnaire: missing required key "nodes"; add a line "nodes: ..."`,
			`t.yaml:1:1: questionnaire: missing required key "start"; add a line "start: ..."`,
			`t.yaml:1:1: questionnaire: missing required key "title"; add a line "title: ..."`,
		},
	},
	{
		name: "empty file",
		src:  "# nothing yet\n",
		want: []string{`t.yaml:1:1: the questionnaire is empty; add "title:", "description:", "start:" and "nodes:"`},
	},
	{
		name: "not a mapping",
		src:  "- a\n- b\n",
		want: []string{`t.yaml:1:1: questionnaire must be a mapping of keys to values`},
	},
	{
		name: "empty title",
		src:  strings.Replace(valid, "title: T", `title: ""`, 1),
		want: []string{`t.yaml:1:8: title is empty; write some text or remove the line`},
	},
	{
		name: "bad file name",
		path: "content/questionnaires/Lift_Today.yaml",
		src:  valid,
		want: []string{`content/questionnaires/Lift_Today.yaml: the file name "Lift_Today.yaml" does not make a valid slug (lower-case words joined by hyphens); rename it to lift-today.yaml`},
	},
	{
		name: "empty nodes",
		src:  "title: T\ndescription: D\nstart: a\nnodes:\n",
		want: []string{`t.yaml:4:1: nodes is empty; add the questions and outcomes below it, each under its id`},
	},
	{
		name: "nodes as a list",
		src:  "title: T\ndescription: D\nstart: a\nnodes:\n  - a\n",
		want: []string{`t.yaml:5:3: nodes must be a mapping of node ids to nodes; write each node under its id, indented below "nodes:"`},
	},
	{
		name: "bad node id",
		src:  strings.NewReplacer("  b:", "  Step_B:", "next: b", "next: Step_B").Replace(valid),
		want: []string{`t.yaml:12:3: node id "Step_B" must be lower-case words joined by hyphens; write it as "step-b"`},
	},
	{
		name: "node not a mapping",
		src:  strings.Replace(valid, "  c:\n    outcome: C\n    body: c\n", "  c: see a doctor\n", 1),
		want: []string{`t.yaml:15:6: node "c" must be a mapping of keys to values`},
	},
	{
		name: "unknown start",
		src:  strings.Replace(valid, "start: a", "start: aa", 1),
		want: []string{`t.yaml:3:8: start: unknown node "aa"; did you mean "a"?`},
	},
	{
		name: "unknown next with suggestion",
		src:  strings.NewReplacer("  c:", "  see-a-doctor:", "next: c", "next: see-a-docter").Replace(valid),
		want: []string{`t.yaml:11:15: next: unknown node "see-a-docter"; did you mean "see-a-doctor"?`},
	},
	{
		name: "unknown next without suggestion",
		src:  strings.Replace(valid, "next: c", "next: elsewhere", 1),
		want: []string{`t.yaml:11:15: next: unknown node "elsewhere"; node ids are the keys under "nodes:"`},
	},
	{
		name: "cycle",
		src: `title: T
description: D
start: a
nodes:
  a:
    question: Q?
    answers:
      - label: Stop
        next: end
      - label: Go on
        next: b
  b:
    question: Q?
    kind: checklist
    items: [x]
    any: c
    none: end
  c:
    question: Q?
    answers:
      - label: Back
        next: a
      - label: Stop
        next: end
  end:
    outcome: End
    body: x
`,
		want: []string{`t.yaml:22:15: the path can go round in a loop: a -> b -> c -> a; point this to a node further on, so that every path ends at an outcome`},
	},
	{
		name: "two cycles and a self-loop, each reported once",
		src: `title: T
description: D
start: a
nodes:
  a:
    question: Q?
    answers:
      - label: Again
        next: a
      - label: On
        next: b
      - label: Also again
        next: a
  b:
    question: Q?
    answers:
      - label: Back
        next: a
      - label: End
        next: end
  end:
    outcome: End
    body: x
`,
		want: []string{
			`t.yaml:9:15: the path can go round in a loop: a -> a; point this to a node further on, so that every path ends at an outcome`,
			`t.yaml:18:15: the path can go round in a loop: a -> b -> a; point this to a node further on, so that every path ends at an outcome`,
		},
	},
	{
		name: "unreachable node",
		src:  valid + "  d:\n    outcome: D\n    body: d\n",
		want: []string{`t.yaml:18:3: node "d" cannot be reached from the start (a); point an answer to it, or remove it`},
	},
	{
		name: "a missing next hides unreachable nodes",
		src:  strings.Replace(valid, "        next: c\n", "", 1),
		want: []string{`t.yaml:10:9: answer 2 of node "a": missing required key "next"; add a line "next: ..."`},
	},
	{
		name: "empty label",
		src:  strings.Replace(valid, "label: Two", `label: ""`, 1),
		want: []string{`t.yaml:10:9: answer 2 of node "a" has an empty label; write the words the reader picks`},
	},
	{
		name: "missing label",
		src:  strings.Replace(valid, "      - label: Two\n        next: c", "      - next: c", 1),
		want: []string{`t.yaml:10:9: answer 2 of node "a": missing required key "label"; add a line "label: ..."`},
	},
	{
		name: "duplicate label",
		src:  strings.Replace(valid, "label: Two", "label: one", 1),
		want: []string{`t.yaml:10:16: duplicate label "one" in node "a" (first at line 8); reword one of them; labels are compared ignoring case`},
	},
	{
		name: "choice with one answer",
		src:  strings.Replace(valid, "      - label: Two\n        next: c\n", "", 1) + "    articles: [walking]\n",
		want: []string{
			`t.yaml:7:5: node "a" has only 1 answer; a choice needs 2 or more; add another answer, or make the node an outcome`,
		},
	},
	{
		name: "choice without answers",
		src:  strings.Replace(valid, "    answers:\n", "    answers: []\n    extra:\n", 1),
		want: []string{
			`t.yaml:7:5: node "a" has no answers; a choice needs 2 or more; list 2 or more answers, each with "label:" and "next:"`,
			`t.yaml:8:5: unknown key "extra" in node "a"; allowed keys: question, help, kind, answers, error`,
		},
	},
	{
		name: "answer not a mapping",
		src:  strings.Replace(valid, "      - label: Two\n        next: c\n", "      - Two\n", 1),
		want: []string{`t.yaml:10:9: answer 2 of node "a" must be a mapping of keys to values`},
	},
	{
		name: "answer with unknown key",
		src:  strings.Replace(valid, "label: Two", "lable: Two", 1),
		want: []string{
			`t.yaml:10:9: answer 2 of node "a": missing required key "label"; add a line "label: ..."`,
			`t.yaml:10:9: unknown key "lable" in answer 2 of node "a"; did you mean "label"?`,
		},
	},
	{
		name: "checklist without items, any and none",
		src:  strings.Replace(valid, "    answers:\n      - label: One\n        next: b\n      - label: Two\n        next: c\n", "    kind: checklist\n", 1),
		want: []string{
			`t.yaml:6:5: node "a": missing required key "any"; add a line "any: ..."`,
			`t.yaml:6:5: node "a": missing required key "items"; add a line "items: ..."`,
			`t.yaml:6:5: node "a": missing required key "none"; add a line "none: ..."`,
		},
	},
	{
		name: "checklist with empty items",
		src:  strings.Replace(valid, "    answers:\n      - label: One\n        next: b\n      - label: Two\n        next: c\n", "    kind: checklist\n    items: []\n    any: b\n    none: c\n", 1),
		want: []string{`t.yaml:8:5: node "a" has no items; a checklist needs 1 or more; list the items, one "- ..." line each`},
	},
	{
		name: "answers on a checklist",
		src:  strings.Replace(valid, "    answers:", "    kind: checklist\n    items: [x]\n    any: b\n    none: c\n    answers:", 1),
		want: []string{`t.yaml:11:5: node "a" is a checklist, so "answers:" is not allowed; a checklist has "items:", "any:" and "none:"; remove "kind: checklist" to make it a choice`},
	},
	{
		name: "items on a choice",
		src:  strings.Replace(valid, "    answers:", "    items: [x]\n    answers:", 1),
		want: []string{`t.yaml:7:5: node "a" is a choice question, so "items:" is not allowed; add "kind: checklist" to make it a checklist, or give it "answers:"`},
	},
	{
		name: "help on an outcome, body on a question",
		src:  strings.Replace(strings.Replace(valid, "    body: b\n", "    body: b\n    help: h\n", 1), "    question: Q?\n", "    question: Q?\n    body: x\n", 1),
		want: []string{
			`t.yaml:7:5: node "a" is a choice question, so "body:" is not allowed; only outcomes have it; move it to an outcome node or remove it`,
			`t.yaml:16:5: node "b" is an outcome, so "help:" is not allowed; an outcome has "outcome:", "level:", "body:", "articles:", "sections:" and "action:"; remove it`,
		},
	},
	{
		name: "bad kind",
		src:  strings.Replace(valid, "    answers:", "    kind: chekclist\n    answers:", 1),
		want: []string{`t.yaml:7:11: kind must be "choice" or "checklist", not "chekclist"; did you mean "checklist"?`},
	},
	{
		name: "kind outcome",
		src:  strings.Replace(valid, "    answers:", "    kind: outcome\n    answers:", 1),
		want: []string{`t.yaml:7:11: kind must be "choice" or "checklist", not "outcome"; leave it out for a choice; an outcome is a node with "outcome:" instead of "question:"`},
	},
	{
		name: "bad level",
		src:  strings.Replace(strings.Replace(valid, "    body: b\n", "    level: urgnet\n    body: b\n", 1), "    body: c\n", "    level: high\n    body: c\n", 1),
		want: []string{
			`t.yaml:14:12: level must be info, caution, urgent or emergency, not "urgnet"; did you mean "urgent"?`,
			`t.yaml:18:12: level must be info, caution, urgent or emergency, not "high"; leave it out for info`,
		},
	},
	{
		name: "question and outcome both",
		src:  strings.Replace(valid, "    outcome: B\n", "    question: B?\n    outcome: B\n", 1),
		want: []string{`t.yaml:13:5: node "b" has both "question:" and "outcome:"; a node either asks a question or ends the questionnaire: split it in two, or remove one`},
	},
	{
		name: "neither question nor outcome",
		src:  strings.Replace(valid, "    outcome: B\n", "", 1),
		want: []string{`t.yaml:12:3: node "b" has neither "question:" nor "outcome:"; add "question: ..." to ask something, or "outcome: ..." to end the questionnaire here`},
	},
	{
		name: "qestion",
		src:  strings.Replace(valid, "question:", "qestion:", 1),
		want: []string{`t.yaml:6:5: unknown key "qestion" in node "a"; did you mean "question"?`},
	},
	{
		name: "outcom",
		src:  strings.Replace(valid, "outcome: B", "outcom: B", 1),
		want: []string{`t.yaml:13:5: unknown key "outcom" in node "b"; did you mean "outcome"?`},
	},
	{
		name: "missing body",
		src:  strings.Replace(valid, "    body: b\n", "", 1),
		want: []string{`t.yaml:13:5: node "b": missing required key "body"; add a line "body: ..."`},
	},
	{
		name: "articles",
		src: strings.Replace(strings.Replace(valid, "    body: b\n", "    body: b\n    articles: [walking, walkng, Walking.md, old-advice, nothing-like-it]\n", 1),
			"    body: c\n", "    body: c\n    articles: walking\n", 1),
		want: []string{
			`t.yaml:15:25: no article with slug "walkng"; did you mean "walking"?`,
			`t.yaml:15:33: no article with slug "Walking.md"; did you mean "walking"?`,
			`t.yaml:15:45: article "old-advice" is a draft, so it is not built; publish it (remove "draft: true") or take it out of "articles:"`,
			`t.yaml:15:57: no article with slug "nothing-like-it"; name an article by its slug: its file name without .md, or its "slug:"`,
			`t.yaml:19:15: articles must be a list; write it as a list: articles: [a, b] or one "- item" a line`,
		},
	},
	{
		name: "passing tests",
		src:  valid + "tests:\n  - answers: [a=One]\n    expect: b\n  - answers: [a=2]\n    expect: c\n",
	},
	{
		name: "failing test reports its path",
		src:  valid + "tests:\n  - name: two goes to b\n    answers: [a=Two]\n    expect: b\n  - answers: [a=1]\n    expect: c\n",
		want: []string{
			`t.yaml:19:5: test "two goes to b": expected b, but the answers lead a -> c`,
			`t.yaml:22:5: test 2: expected c, but the answers lead a -> b`,
		},
	},
	{
		name: "test stops at a question",
		src:  valid + "tests:\n  - answers: []\n    expect: b\n",
		want: []string{`t.yaml:19:5: test 1: expected b, but the answers lead a; a is a question: add a step that answers it`},
	},
	{
		name: "test step errors",
		src: valid + `tests:
  - answers: ["a=Three"]
    expect: b
  - answers: [a=3]
    expect: b
  - answers: [a=0]
    expect: b
  - answers: [a=1, b=1]
    expect: b
  - answers: [b=1]
    expect: b
  - answers: [x=1]
    expect: b
  - answers: [a=Tow]
    expect: c
  - answers: [a]
    expect: b
  - answers: [a=]
    expect: b
  - answers:
      - a: One
    expect: b
`,
		want: []string{
			`t.yaml:19:15: test 1: step "a=Three": "Three" is not an answer of a; write an answer's exact label, or its number counting from 1`,
			`t.yaml:21:15: test 2: step "a=3": answer 3 is out of range: a has 2 answers; count the answers from 1 to 2`,
			`t.yaml:23:15: test 3: step "a=0": answer 0 is out of range: a has 2 answers; count the answers from 1 to 2`,
			`t.yaml:25:20: test 4: step "b=1": the path has already ended at outcome b; remove the step, or check the steps before it`,
			`t.yaml:27:15: test 5: step "b=1": b is not next on the path: the path starts at a; answer a next, or check the steps before it`,
			`t.yaml:29:15: test 6: step "x=1": unknown node "x"; did you mean "a"?`,
			`t.yaml:31:15: test 7: step "a=Tow": "Tow" is not an answer of a; did you mean "Two"?`,
			`t.yaml:33:15: step "a" must be written node=answer; write the node's id, "=", then the answer: for example "red-flags=no"`,
			`t.yaml:35:15: step "a=" must be written node=answer; write the node's id, "=", then the answer: for example "red-flags=no"`,
			`t.yaml:38:9: a step is one piece of text, node=answer; write it as "a=One"`,
		},
	},
	{
		name: "checklist test steps",
		src: `title: T
description: D
start: signs
nodes:
  signs:
    question: Any of these?
    kind: checklist
    items: [Fever]
    any: doctor
    none: pain
  pain:
    question: Pain?
    answers:
      - label: Yes
        next: rest
      - label: No
        next: doctor
  doctor:
    outcome: Doctor
    body: x
  rest:
    outcome: Rest
    body: x
tests:
  - answers: [signs=maybe]
    expect: doctor
  - answers: [signs=no, pain=Yes]
    expect: rest
  - answers: [signs=no, signs=yes]
    expect: doctor
  - name: no fever, no pain
    answers: [signs=no, pain=No]
    expect: rest
`,
		want: []string{
			`t.yaml:25:15: test 1: step "signs=maybe": signs is a checklist, answered "yes" or "no", not "maybe"; "yes" when at least one item applies, "no" when none does`,
			`t.yaml:29:25: test 3: step "signs=yes": signs is not next on the path: the answers before it lead signs -> pain; answer pain next, or check the steps before it`,
			`t.yaml:31:5: test "no fever, no pain": expected rest, but the answers lead signs -> pain -> doctor`,
		},
	},
	{
		name: "test expects unknown node or a question",
		src:  valid + "tests:\n  - answers: [a=1]\n    expect: bb\n  - answers: [a=1]\n    expect: a\n  - answers: [a=1]\n",
		want: []string{
			`t.yaml:20:13: expect: unknown node "bb"; did you mean "b"?`,
			`t.yaml:22:13: expect: "a" is a question; a test ends at an outcome; name the outcome the answers lead to`,
			`t.yaml:23:5: test 3: missing required key "expect"; add a line "expect: ..."`,
		},
	},
	{
		name: "several errors in one file",
		src: `title: T
descripion: D
start: start
nodes:
  start:
    qestion: Q?
    answers:
      - label: Yes
        next: ok
      - label: yes
        next: nowhere
  ok:
    outcome: Fine
    level: severe
    body: x
    articles: [old-advice]
  lost:
    outcome: Lost
    body: x
tests:
  - answers: [start=Yes]
    expect: lost
`,
		want: []string{
			`t.yaml:1:1: questionnaire: missing required key "description"; add a line "description: ..."`,
			`t.yaml:2:1: unknown key "descripion" in questionnaire; did you mean "description"?`,
			`t.yaml:6:5: unknown key "qestion" in node "start"; did you mean "question"?`,
			`t.yaml:10:16: duplicate label "yes" in node "start" (first at line 8); reword one of them; labels are compared ignoring case`,
			`t.yaml:11:15: next: unknown node "nowhere"; node ids are the keys under "nodes:"`,
			`t.yaml:14:12: level must be info, caution, urgent or emergency, not "severe"; leave it out for info`,
			`t.yaml:16:16: article "old-advice" is a draft, so it is not built; publish it (remove "draft: true") or take it out of "articles:"`,
			`t.yaml:21:5: test 1: expected lost, but the answers lead start -> ok`,
		},
	},
}

func TestRules(t *testing.T) {
	for _, tt := range ruleTests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = testPath
			}
			got := diagnose(path, tt.src)
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				want[i] = strings.Replace(w, "t.yaml:", testPath+":", 1)
			}
			if !slices.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

const samplePath = "../../../content/questionnaires/exercise-today.yaml"

// siteArticles returns the slugs of the sample site's articles.
func siteArticles(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("../../../" + content.ArticlesDir + "/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	slugs := make(map[string]bool)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var l diag.List
		a := content.ParseArticle(content.ArticlesDir+"/"+filepath.Base(f), src, &l)
		if err := l.Err(); err != nil {
			t.Fatal(err)
		}
		slugs[a.Slug] = !a.Draft
	}
	return slugs
}

func TestSample(t *testing.T) {
	src, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	slugs := siteArticles(t)
	var l diag.List
	q := Parse(content.QuestionnairesDir+"/exercise-today.yaml", src, &l)
	articles := &Articles{Built: make(map[string]bool), Drafts: make(map[string]bool)}
	for slug, built := range slugs {
		if built {
			articles.Built[slug] = true
		} else {
			articles.Drafts[slug] = true
		}
	}
	q.Check(articles, &l)
	if err := l.Err(); err != nil {
		t.Fatalf("diagnostics:\n%v", err)
	}
	if q.Slug != "exercise-today" || q.Title == "" || len(q.Tests) == 0 {
		t.Fatalf("parsed %+v", q)
	}

	// The tests pin every outcome.
	expected := make(map[string]bool)
	for _, tt := range q.Tests {
		expected[tt.Expect] = true
	}
	for _, n := range q.Nodes {
		if n.Kind == Outcome && !expected[n.ID] {
			t.Errorf("no test ends at outcome %s", n.ID)
		}
	}
}

func TestNext(t *testing.T) {
	var l diag.List
	q := Parse(testPath, []byte(`title: T
description: D
start: signs
nodes:
  signs:
    question: Any?
    kind: checklist
    items: [x]
    any: end
    none: pick
  pick:
    question: Pick
    answers:
      - {label: "2", next: two}
      - {label: One, next: one}
      - {label: Three, next: three}
  one: {outcome: One, body: x}
  two: {outcome: Two, body: x}
  three: {outcome: Three, body: x}
  end: {outcome: End, body: x}
`), &l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		node, answer, want, err string
	}{
		{"signs", "yes", "end", ""},
		{"signs", "no", "pick", ""},
		{"signs", "Yes", "", `signs is a checklist, answered "yes" or "no", not "Yes"; "yes" when at least one item applies, "no" when none does`},
		{"signs", "1", "", `signs is a checklist, answered "yes" or "no", not "1"; "yes" when at least one item applies, "no" when none does`},
		{"pick", "One", "one", ""},
		{"pick", "1", "two", ""},
		{"pick", "2", "two", ""}, // the exact label wins over the position
		{"pick", "3", "three", ""},
		{"pick", "4", "", "answer 4 is out of range: pick has 3 answers; count the answers from 1 to 3"},
		{"pick", "99999999999999999999999", "", "answer 99999999999999999999999 is out of range: pick has 3 answers; count the answers from 1 to 3"},
		{"pick", "-1", "", "answer -1 is out of range: pick has 3 answers; count the answers from 1 to 3"},
		{"pick", "+3", "three", ""},
		{"pick", "one", "", `"one" is not an answer of pick; did you mean "One"?`},
		{"pick", "Four", "", `"Four" is not an answer of pick; write an answer's exact label, or its number counting from 1`},
		{"end", "yes", "", "end is an outcome, which has no answers"},
	}
	for _, tt := range tests {
		got, err := q.Node(tt.node).Next(tt.answer)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if got != tt.want || errText != tt.err {
			t.Errorf("%s.Next(%q) = %q, %q; want %q, %q", tt.node, tt.answer, got, errText, tt.want, tt.err)
		}
	}
}

func TestMarkdownPos(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       Markdown
	}{
		{"plain", "intro: Hello *you*\n", Markdown{Text: "Hello *you*", Line: 1, Col: 8}},
		{"double-quoted", `intro: "Hello"` + "\n", Markdown{Text: "Hello", Line: 1, Col: 9}},
		{"single-quoted", `intro:   'Hello'` + "\n", Markdown{Text: "Hello", Line: 1, Col: 11}},
		{"literal", "intro: |\n  One\n  Two\n", Markdown{Text: "One\nTwo\n", Line: 2, Col: 3, Indent: 2}},
		{"literal strip", "intro: |-\n    One\n\n    Two\n", Markdown{Text: "One\n\nTwo", Line: 2, Col: 5, Indent: 4}},
		{"literal after a blank line", "intro: |\n\n  One\n", Markdown{Text: "\nOne\n", Line: 2, Col: 3, Indent: 2}},
		{"literal with indentation indicator", "intro: |2\n    One\n  Two\n", Markdown{Text: "  One\nTwo\n", Line: 2, Col: 3, Indent: 2}},
		{"literal with indicator and chomping", "intro: |-1\n  One\n", Markdown{Text: " One", Line: 2, Col: 2, Indent: 1}},
		{"folded", "intro: >\n  One\n  Two\n", Markdown{Text: "One Two\n", Line: 2, Col: 3, Indent: 2}},
		{"literal with a comment", "intro: | # note\n  One\n", Markdown{Text: "One\n", Line: 2, Col: 3, Indent: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			q := Parse(testPath, []byte(tt.yaml), &l)
			if q.Intro != tt.want {
				t.Errorf("got %+v\nwant %+v", q.Intro, tt.want)
			}
		})
	}
}

// TestMarkdownLines checks that every line of every literal markdown block of the example
// files stands in the file where its Markdown says.
func TestMarkdownLines(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, file := range append(files, samplePath) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		var l diag.List
		q := Parse(testPath, src, &l)
		fields := []Markdown{q.Intro, q.Disclaimer}
		for _, n := range q.Nodes {
			fields = append(fields, n.Help, n.Body)
		}
		for _, md := range fields {
			if md.Text == "" || md.Indent == 0 || !strings.HasPrefix(lines[md.Line-2][strings.LastIndex(lines[md.Line-2], ":")+1:], " |") {
				continue // not set, or not a literal block
			}
			for i, text := range strings.Split(strings.TrimSuffix(md.Text, "\n"), "\n") {
				line := lines[md.Line-1+i]
				col := md.Indent
				if i == 0 {
					col = md.Col - 1
				}
				if text != "" && line[min(col, len(line)):] != text {
					t.Errorf("%s:%d: %q is not at column %d of %q", file, md.Line+i, text, col+1, line)
				}
			}
		}
	}
}

// TestGolden compares the tree and the diagnostics of each testdata/*.yaml file with its
// .golden file.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var l diag.List
			q := Parse(content.QuestionnairesDir+"/"+filepath.Base(file), src, &l)
			q.Check(testArticles, &l)
			var got bytes.Buffer
			fmt.Fprintf(&got, "# diagnostics\n")
			for _, d := range l.Sorted() {
				fmt.Fprintln(&got, d)
			}
			fmt.Fprintf(&got, "\n# tree\n")
			tree, err := json.MarshalIndent(q, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got.Write(tree)
			got.WriteString("\n")

			golden := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from %s; run go test -update and look at the diff\ngot:\n%s", file, golden, got.Bytes())
			}
		})
	}
}
