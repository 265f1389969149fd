package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// valid2 is a small format 2 tree without problems; the cases below change parts of it.
// Line numbers: 5 age, 9 "I don't know", 11 rash, 15 the rules of "Yes", 20 help, 24 home.
const valid2 = `title: T
description: D
start: age
nodes:
  age:
    question: Age?
    answers:
      - label: Under 3 months
        next: rash
      - label: I don't know
        next: rash
  rash:
    question: Rash?
    answers:
      - label: "Yes"
        next:
          - if: age = under-3-months
            go: help
          - go: home
      - label: "No"
        next: home
  help:
    outcome: Call now
    level: emergency
    body: Call.
    action: {label: Call 999, href: "tel:999"}
  home:
    outcome: Home
    body: Rest.
    sections:
      - if: rash = yes
        body: Watch the rash.
`

var format2Tests = []struct {
	name string
	src  string
	want []string
}{
	{name: "valid", src: valid2},
	{
		name: "unknown question, answer and syntax, each at its token",
		src: strings.NewReplacer(
			"if: age = under-3-months", "if: agee = under-3-months",
			"if: rash = yes", "if: rash = yse or (age = i-dont-know",
		).Replace(valid2),
		want: []string{
			`t.yaml:17:17: unknown question "agee"; did you mean "age"?`,
			`t.yaml:31:45: if: expected ")", found the end of the condition`,
		},
	},
	{
		name: "unknown answer ids get the closest id",
		src: strings.NewReplacer(
			"if: rash = yes", "if: rash = yse or age in [under-3-months, i-dont-know]",
		).Replace(valid2),
		want: []string{
			`t.yaml:31:20: "yse" is not an answer id of rash; did you mean "yes"?`,
			`t.yaml:31:51: "i-dont-know" is not an answer id of age; did you mean "i-don-t-know"?`,
		},
	},
	{
		name: "block and quoted conditions keep their positions",
		src: strings.NewReplacer(
			"if: age = under-3-months", "if: |\n              age = under-3-months and\n              rash = maybe",
			"if: rash = yes", `if: "rash = yes and \"x\" = 1"`,
		).Replace(valid2),
		want: []string{
			`t.yaml:19:22: "maybe" is not an answer id of rash; the answers of rash are yes, no`,
			`t.yaml:33:29: if: unexpected '"' in the condition; a condition uses ids, =, !=, in [..], has, not, and, or and parentheses`,
		},
	},
	{
		name: "a condition reads a question not answered on every path",
		src: strings.NewReplacer(
			"      - label: I don't know\n        next: rash", "      - label: I don't know\n        next: home",
		).Replace(valid2),
		want: []string{
			`t.yaml:31:13: rash is not answered on every path to this outcome (home), so the condition cannot read it; for example the path age=i-don-t-know reaches home without rash`,
		},
	},
	{
		name: "rules without a default, and after the default",
		src: strings.NewReplacer(
			"          - go: home\n", "          - if: age = i-don-t-know\n            go: home\n",
			"        next: home\n  help", "        next:\n          - go: home\n          - if: age = under-3-months\n            go: help\n  help",
		).Replace(valid2),
		want: []string{
			`t.yaml:19:13: the rules have no default: the last rule must have no "if:"; end the list with a rule that has only "go:", where the path goes when no "if:" holds`,
			`t.yaml:24:13: this rule comes after the default (the rule without "if:" at line 23), so it never applies; move it before the rule without "if:", which always applies`,
		},
	},
	{
		name: "a rule that never applies, and the rule that shadows it",
		src: strings.NewReplacer(
			"          - go: home\n", "          - if: age != i-don-t-know\n            go: home\n          - if: age = under-3-months and rash = yes\n            go: help\n          - go: home\n",
		).Replace(valid2),
		want: []string{
			`t.yaml:19:13: warning: this rule never applies on any path: the earlier rule at line 17 takes every path where its condition holds (age = under-3-months)`,
			`t.yaml:21:13: warning: this rule never applies on any path: the earlier rule at line 17 takes every path where its condition holds (age = under-3-months)`,
		},
	},
	{
		name: "a rule whose condition never holds",
		src: strings.NewReplacer(
			"          - go: home\n", "          - if: rash = no\n            go: home\n          - go: home\n",
		).Replace(valid2),
		want: []string{
			`t.yaml:19:13: warning: this rule never applies on any path: no path reaches it with rash = no`,
		},
	},
	{
		name: "has on a choice, on a checklist without each, and = with an item",
		src: strings.NewReplacer(
			"  rash:\n    question: Rash?\n    answers:\n      - label: \"Yes\"\n        next:",
			"  rash:\n    question: Rash?\n    kind: checklist\n    items: [Spots, Blisters]\n    any:",
			"      - label: \"No\"\n        next: home\n", "    none: home\n",
			"if: rash = yes", "if: rash has spots or age has x or rash = blisters",
		).Replace(valid2),
		want: []string{
			`t.yaml:30:13: "rash has ..." needs to know which items were ticked, and rash does not have each: true; add "each: true" to rash, so that without JavaScript it asks about each item`,
			`t.yaml:30:31: "has" needs a checklist, and age is a choice; write "age = answer-id"`,
			`t.yaml:30:51: rash is a checklist: it is answered yes or no, not "blisters"; write "rash has blisters" to ask about one item`,
		},
	},
	{
		name: "ids: a clash of derived ids, an empty slug, a bad explicit id",
		src: strings.NewReplacer(
			"      - label: I don't know\n", "      - label: Not sure\n        next: rash\n      - label: Not sure!\n        next: rash\n      - label: \"???\"\n        next: rash\n      - label: Other\n        id: Other_One\n",
		).Replace(valid2),
		want: []string{
			`t.yaml:12:16: answer 3 of node "age" has the id "not-sure", like answer 2 (line 10); give one of them its own "id:"`,
			`t.yaml:14:16: answer 4 of node "age" needs an id: its label has no letters or digits; add "id:" with a few words joined by hyphens`,
			`t.yaml:17:13: answer id "Other_One" must be lower-case words joined by hyphens; write it as "other-one"`,
		},
	},
	{
		name: "tests by id, label and position, with shows and hides",
		src: valid2 + `tests:
  - answers: [age=under-3-months, rash=yes]
    expect: help
    shows: [Call 999]
  - answers: [age=1, "rash=No"]
    expect: home
    shows: [Watch the rash]
  - answers: [age=i-don-t-know, rash=1]
    expect: home
    shows: [Watch the rash]
    hides: [Rest.]
  - answers: [age=i-dont-know]
    expect: home
`,
		want: []string{
			`t.yaml:37:5: test 2: outcome home as composed for these answers (sections []) does not show "Watch the rash"; check the sections' conditions, or the text to look for`,
			`t.yaml:40:5: test 3: outcome home as composed for these answers (sections [0]) shows "Rest.", which it must hide; check the sections' conditions, or the text to look for`,
			`t.yaml:44:15: test 4: step "age=i-dont-know": "i-dont-know" is not an answer of age; did you mean "i-don-t-know"?`,
		},
	},
	{
		name: "cycles and reachability follow every rule",
		src: strings.NewReplacer(
			"          - go: home\n", "          - go: age\n",
			"        next: home\n  help", "        next:\n          - if: age = under-3-months\n            go: help\n          - go: help\n  help",
		).Replace(valid2),
		want: []string{
			`t.yaml:19:17: the path can go round in a loop: age -> rash -> age; point this to a node further on, so that every path ends at an outcome`,
			`t.yaml:30:3: node "home" cannot be reached from the start (age); point an answer to it, or remove it`,
		},
	},
	{
		name: "emergency without action, bad href, nested go, section without if",
		src: strings.NewReplacer(
			`    action: {label: Call 999, href: "tel:999"}`+"\n", "",
			"            go: help\n", "            go:\n              - go: help\n",
			"      - if: rash = yes\n        body: Watch the rash.", "      - body: Watch the rash.\n    action: {label: Read, href: \"javascript:alert(1)\"}",
		).Replace(valid2),
		want: []string{
			`t.yaml:19:15: go: must name a node; rules do not nest; name one node; put the rules on that node's own answers instead`,
			`t.yaml:25:12: outcome "help" is an emergency, so it needs an action: the first thing the reader can do; add "action:" with a "label:" and an "href:", such as "tel:999"`,
			`t.yaml:31:9: section 1 of node "home": missing required key "if"; add a line "if: ..."`,
			`t.yaml:32:33: href: "javascript:alert(1)" is not a link an action may have; use "http(s)://", "tel:", "mailto:", or an article's source file such as "../articles/call-for-help.md"`,
		},
	},
}

func TestFormat2Rules(t *testing.T) {
	for _, tt := range format2Tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(testPath, tt.src)
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
