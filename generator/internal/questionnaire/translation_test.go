package questionnaire

import (
	"os"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/testutil"
)

// checkPair parses and checks an original and its translation as a site does, and returns
// every diagnostic of the translation's checks.
func checkPair(t *testing.T, origPath string, orig []byte, trPath, lang string, tr []byte) []string {
	t.Helper()
	var od diag.List
	o := Parse(origPath, orig, &od)
	o.Check(nil, &od)
	if od.Len() != 0 {
		t.Fatalf("the original has problems: %v", od.Sorted())
	}
	var diags diag.List
	q := ParseTranslation(trPath, lang, tr, &diags)
	if q.Slug != o.Slug || q.Lang != lang {
		t.Errorf("translation slug %q lang %q, want %q %q", q.Slug, q.Lang, o.Slug, lang)
	}
	q.Check(nil, &diags)
	CheckTranslation(o, q, &diags)
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	return got
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTranslationSound checks that a faithful Welsh translation of a format 2 tree (rules,
// sections, a checklist asked item by item, an emergency action) passes, its own tests
// (with Welsh labels and texts) and the original's.
func TestTranslationSound(t *testing.T) {
	got := checkPair(t, "testdata/fever.yaml", readFile(t, "testdata/fever.yaml"),
		"testdata/translation/fever.cy.yaml", "cy", readFile(t, "testdata/translation/fever.cy.yaml"))
	if len(got) != 0 {
		t.Errorf("a faithful translation has problems:\n%s", strings.Join(got, "\n"))
	}
}

// TestTranslationDivergence checks that each structural difference of a translation is an
// error at its line and column, every one in one run; testdata/translation/broken.golden
// holds them (go test -update rewrites it).
func TestTranslationDivergence(t *testing.T) {
	const file = "testdata/translation/broken/fever.cy.yaml"
	got := checkPair(t, "testdata/fever.yaml", readFile(t, "testdata/fever.yaml"), file, "cy", readFile(t, file))
	out := strings.Join(got, "\n") + "\n"
	testutil.Golden(t, "testdata/translation/broken.golden", []byte(out))
	// The lines the golden file must hold, so that regenerating it cannot hide a lost error.
	for _, w := range []string{
		`fever.cy.yaml:11:16: translation: answer 2 of node "age" has the id "3-i-6-mis"; the original's (testdata/fever.yaml:10:16) is "3-to-6-months"; add "id: 3-to-6-months"`,
		`fever.cy.yaml:22:17: translation: rule 1 of answer "high" of node "temperature" is if: age = 3-to-6-months; the original's is if: age = under-3-months`,
		`fever.cy.yaml:29:15: translation: answer "normal" of node "temperature" leads to "care-at-home"; the original's to "signs"`,
		`fever.cy.yaml:36:13: translation: item 1 of node "signs" has the id "stiff-neck"; the original's (testdata/fever.yaml:35:9) is "a-rash-that-does-not-fade-under-a-glass"; the original has "stiff-neck" as item 2`,
		`fever.cy.yaml:30:3: translation: node "signs" has each: false; the original's is true`,
		`fever.cy.yaml:48:12: translation: outcome "call-now" has level urgent; the original's is emergency`,
		`fever.cy.yaml:46:3: translation: outcome "call-now" has no action; the original's leads to "tel:999"`,
		`fever.cy.yaml:54:16: translation: outcome "see-gp" recommends [gweld-meddyg]; the original recommends []`,
		`fever.cy.yaml:50:3: translation: outcome "see-gp" has 0 sections; the original has 1`,
		`fever.cy.yaml:61:13: translation: section 2 of outcome "care-at-home" is shown if: age = older; the original's if: age != older`,
		`fever.cy.yaml:63:3: node "extra" is not in the original (testdata/fever.yaml)`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("missing:\n%s", w)
		}
	}
}

// TestTranslationFormat1 checks a tree of the first format, whose answers take their ids
// from their labels: a translation must pin them with "id:".
func TestTranslationFormat1(t *testing.T) {
	orig := `title: Back
description: D
start: pain
nodes:
  pain:
    question: Does it hurt?
    answers:
      - label: Yes
        next: rest
      - label: No
        next: train
  rest:
    outcome: Rest
    level: caution
    body: Rest today.
  train:
    outcome: Train
    body: Train as usual.
tests:
  - answers: [pain=Yes]
    expect: rest
`
	unpinned := strings.NewReplacer("Does it hurt?", "Ydy e'n brifo?", "label: Yes", "label: Ydy", "label: No", "label: Nac ydy",
		"outcome: Rest", "outcome: Gorffwys", "Rest today.", "Gorffwyswch heddiw.", "outcome: Train", "outcome: Ymarfer",
		"Train as usual.", "Ymarferwch fel arfer.", "title: Back", "title: Cefn").Replace(orig)
	// A translation may leave the tests out: the original's run on it.
	unpinned, _, _ = strings.Cut(unpinned, "tests:")
	got := checkPair(t, "questionnaires/back.yaml", []byte(orig), "questionnaires/back.cy.yaml", "cy", []byte(unpinned))
	want := []string{
		`questionnaires/back.cy.yaml:1:1: translation: test 1 of the original (questionnaires/back.yaml:20:5) cannot be walked here: step "pain=yes": "yes" is not an answer of pain`,
		`questionnaires/back.cy.yaml:8:16: translation: answer 1 of node "pain" has the id "ydy"; the original's (questionnaires/back.yaml:8:16) is "yes"; add "id: yes" to the answer, so that its id stays the original's whatever its text`,
		`questionnaires/back.cy.yaml:10:16: translation: answer 2 of node "pain" has the id "nac-ydy"; the original's (questionnaires/back.yaml:10:16) is "no"; add "id: no" to the answer, so that its id stays the original's whatever its text`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	pinned := strings.NewReplacer("label: Ydy\n", "label: Ydy\n        id: yes\n", "label: Nac ydy\n", "label: Nac ydy\n        id: no\n").Replace(unpinned)
	if got := checkPair(t, "questionnaires/back.yaml", []byte(orig), "questionnaires/back.cy.yaml", "cy", []byte(pinned)); len(got) != 0 {
		t.Errorf("pinned ids: %s", strings.Join(got, "\n"))
	}

	// A level changed and no other difference: the original's test still passes (the level does
	// not route), but the change is reported at the level's own line.
	relevel := strings.Replace(pinned, "level: caution", "level: info", 1)
	got = checkPair(t, "questionnaires/back.yaml", []byte(orig), "questionnaires/back.cy.yaml", "cy", []byte(relevel))
	if len(got) != 1 || !strings.HasPrefix(got[0], `questionnaires/back.cy.yaml:16:12: translation: outcome "rest" has level info; the original's is caution`) {
		t.Errorf("level: %s", strings.Join(got, "\n"))
	}
}

// TestTranslationRunsOriginalTests checks that the original's tests walk the translation:
// one whose route the translation changed fails, reported with the path it took there.
func TestTranslationRunsOriginalTests(t *testing.T) {
	orig := "title: T\ndescription: D\nstart: a\nnodes:\n  a:\n    question: Q?\n    answers:\n      - label: One\n        next: x\n      - label: Two\n        next: y\n  x:\n    outcome: X\n    body: X.\n  y:\n    outcome: Y\n    body: Y.\ntests:\n  - name: one leads to x\n    answers: [a=One]\n    expect: x\n"
	tr := strings.Replace(strings.Replace(orig, "next: x", "next: y", 1), "next: y\n  x:", "next: y\n  x:", 1)
	got := checkPair(t, "q/t.yaml", []byte(orig), "q/t.cy.yaml", "cy", []byte(tr))
	all := strings.Join(got, "\n")
	for _, w := range []string{
		`q/t.cy.yaml:9:15: translation: answer "one" of node "a" leads to "y"; the original's to "x"`,
		`q/t.cy.yaml:1:1: translation: test "one leads to x" of the original (q/t.yaml:19:5) expects x, but here its answers lead a -> y`,
		`q/t.cy.yaml:19:5: test "one leads to x": expected x, but the answers lead a -> y`,
	} {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in:\n%s", w, all)
		}
	}
}

// TestRulesWithoutDefaultCannotBeWalked is the crash FuzzCheckTranslation found: a rules list
// without its default (here the default's line is garbled into an unknown key) left the tree
// marked sound, and listing its pages followed a path that leads nowhere.
func TestRulesWithoutDefaultCannotBeWalked(t *testing.T) {
	src := "title: T\ndescription: D\nstart: a\nnodes:\n  a:\n    question: Q?\n    answers:\n      - label: One\n        next:\n          - if: a = two\n            go: x\n        E K go: x\n      - label: Two\n        next: x\n  x:\n    outcome: X\n    body: X.\n"
	var l diag.List
	q := Parse("t.yaml", []byte(src), &l)
	q.Check(nil, &l)
	var got []string
	for _, d := range l.Sorted() {
		got = append(got, d.String())
	}
	if all := strings.Join(got, "\n"); !strings.Contains(all, "t.yaml:10:13: the rules have no default") {
		t.Errorf("diagnostics:\n%s", all)
	}
}
