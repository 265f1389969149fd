// Package questionnaire reads and checks decision trees.
//
// A questionnaire is one content/questionnaires/<slug>.yaml file (the contract is
// questionnaire.md of the spec):
//
//	title: Should I work out today?      required, plain text
//	description: A two-minute check ...  required, plain text
//	intro: |                             optional markdown
//	start: red-flags                     required: the id of the first node
//	disclaimer: |                        optional markdown
//	reviewed: 2026-10-12                 optional: the last review, as articles have it
//	nodes:                               required: node id -> node, in reading order
//	  red-flags:
//	    question: Do any of these apply? a question ...
//	    help: Think of the last few days. optional markdown
//	    kind: checklist                  choice (the default) or checklist
//	    items: [You have a fever]        checklist: 1 or more items, text or {text, id}
//	    any: see-a-doctor                checklist: where "yes, at least one" leads
//	    none: pain-now                   checklist: where "no, none of these" leads
//	    none_label: No, none of these    checklist: the exclusive option's text (format 2)
//	    each: true                       checklist: one yes/no page per item without script
//	    error: Select how it feels       optional: said when the reader continues without an answer
//	  pain-now:
//	    question: How does it feel?
//	    answers:                         choice: 2 or more answers
//	      - label: Sore                  required, unique in the question (ignoring case)
//	        hint: I can move             optional plain text
//	        id: sore                     optional: else the slug of the label (format 2)
//	        next: usual-plan             required: a node id, or a rules list (format 2)
//	      - ...
//	  see-a-doctor:
//	    outcome: See a doctor            ... or an outcome: its title
//	    level: urgent                    info (the default), caution, urgent or emergency
//	    body: |                          required markdown
//	    articles: [when-to-see-a-doctor] optional article slugs
//	    sections: [{if: ..., body: ...}] optional: parts shown when their condition holds
//	    action: {label: ..., href: ...}  the first control; required for emergency
//	tests:                               optional
//	  - name: fever goes to the doctor   optional
//	    answers: [red-flags=yes]         required steps, each "node=answer"
//	    expect: see-a-doctor             required: the outcome the steps lead to
//	    shows: [text], hides: [text]     optional: what the composed outcome must (not) say
//
// Format 2 (the spec's part of that name): wherever a node id is a target (next, any,
// none), a list of rules may stand instead, [{if: condition, go: id}, ..., {go: id}]; the
// first rule whose condition holds decides. Conditions are a small language parsed by
// ParseCond (cond.go), whose every token keeps its line and column in the file; Holds and
// Resolve evaluate them (engine.go), and compile.go writes them as JSON arrays for the
// page's script, which interprets them with the same meaning.
//
// Parse reads one file through package yamlx and enforces everything a single file can
// tell: valid YAML without duplicate keys, anchors or aliases; no unknown keys anywhere
// (with the closest allowed key as a hint); required keys present and non-empty; the file
// name and every node id lower-case words joined by hyphens; a node is a question (it has
// "question:") or an outcome (it has "outcome:"), never both and never neither, and only
// has the keys of its kind ("items:" on a choice, "answers:" on a checklist and "help:"
// on an outcome are errors); kind is choice or checklist; a choice has 2 or more answers,
// each with a non-empty label, unique in its question ignoring case; a checklist has 1 or
// more items and both "any:" and "none:"; level is info, caution, urgent or emergency, and
// an emergency has an action, whose href is http(s):, tel:, mailto: or a markdown file; a
// test step is written node=answer. Format 2 adds: answer and item ids are slugs, unique
// in their question (a clash is reported at the later one, suggesting "id:"); a rules list
// ends with exactly one rule without "if:" (a missing default is reported at the last
// rule, a rule after it at that rule); "go:" names a node; a section has "if:"; and every
// condition parses.
//
// Check enforces what needs the whole tree or the site: every id named by start, next,
// any, none and a test's expect is a node (with the closest id as a hint), and a test
// expects an outcome; there is no cycle, so that every path ends at an outcome (each cycle
// is reported once, listing its ids in order, "a -> b -> a"); every node is reachable from
// start; every article an outcome names is built (a draft is told apart from a missing
// slug); and every test passes. A test starts at start and takes its steps in order: a step
// names the node the path is at and answers it, for a choice with an answer's exact label,
// its id or its 1-based position (in that order), for a checklist with "yes", "no",
// "none" or ticked item ids joined by "+"; shows and hides are checked against the outcome
// as its sections compose it for those answers. A failing test reports the path the steps
// took. Format 2 adds (check2.go): every condition names questions and answer or item ids
// that exist (closest id as a hint), "has" only on a checklist with each: true, "=" on a
// checklist only with yes or no; a condition reads only questions answered on every path
// to it (else the error shows one path that skips the question); a rule no path can take
// is a warning naming the earlier rule that shadows it; and a tree needing more than
// MaxPages static pages is an error naming the questions that multiply them.
//
// Pages (pages.go) lists the static pages of a sound tree: one per node and combination of
// the earlier answers that a later rule or section reads, carried in the page's folder
// ("node/q.answer/"), and one per item of a checklist with each: true. Paths (paths.go)
// lists every complete path, as "guidepost paths" prints them.
//
// A translation (exercise-today.cy.yaml beside exercise-today.yaml) is read by
// ParseTranslation and checked by Check like any tree, then by CheckTranslation
// (translation.go) against its original: the same structure exactly, only texts differ, and
// the original's tests walk it too.
//
// Every problem is a diagnostic at the file's own line and column, in plain words, with a
// hint where one helps; both functions report every problem they find, not only the
// first. Markdown is kept as written, with its position (see Markdown), for the renderer.
package questionnaire

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/yamlx"
)

// Level is how pressing an outcome is.
type Level int

const (
	Info Level = iota // the default
	Caution
	Urgent
	Emergency // format 2: call for help now; the outcome must have an action
)

func (l Level) String() string {
	switch l {
	case Info:
		return "info"
	case Caution:
		return "caution"
	case Urgent:
		return "urgent"
	case Emergency:
		return "emergency"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// MarshalText gives the level's name, as the editor writes it.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Kind tells questions of each kind and outcomes apart.
type Kind int

const (
	Choice    Kind = iota // a question answered by picking one of its answers
	Checklist             // a question answered by whether any of its items applies
	Outcome               // an end of the questionnaire
)

func (k Kind) String() string {
	switch k {
	case Choice:
		return "choice"
	case Checklist:
		return "checklist"
	case Outcome:
		return "outcome"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// MarshalText gives the kind's name, as the editor writes it.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Markdown is a markdown field with where it stands in the file, so that the renderer can
// convert it and report problems at the file's own positions (markdown.Doc takes the same
// three numbers). The zero value means the field is not set.
type Markdown struct {
	Text string
	// Line and Col are the position in the file of Text's first character. For a block
	// scalar (| or >) Line is the line after the indicator and Col the indentation + 1.
	Line, Col int
	// Indent is how many columns every later line of Text is shifted right in the file:
	// the block scalar's indentation, and 0 for a value that is not a block scalar. A
	// folded block (>) joins lines, so positions after its first line are approximate.
	Indent int
}

// An Answer is one answer of a choice.
type Answer struct {
	ID    string // its "id:", else the slug of its label (format 2)
	Label string
	Hint  string // plain text, may be ""
	Next  string // the id of the node it leads to; "" when Rules decide
	Rules []Rule `json:",omitempty"` // format 2: a rules list instead of a plain next
	Pos   diag.Pos

	nextPos diag.Pos
	idPos   diag.Pos // of its "id:" value, else of its label
}

// A Node is a question or an outcome.
type Node struct {
	ID   string
	Pos  diag.Pos // of the id key
	Kind Kind

	// Questions.
	Question string
	Help     Markdown

	Answers []Answer // a choice's, in file order

	Items     []string // a checklist's, plain text
	ItemIDs   []string `json:",omitempty"` // the id of each item: its "id:", else the slug of its text
	Any, None string   // the ids a checklist leads to when an item applies, and when none does
	// Format 2: rules lists standing instead of Any and None (which are then "").
	AnyRules, NoneRules []Rule `json:",omitempty"`
	NoneLabel           string `json:",omitempty"` // the exclusive option's text; "" for "None of these"
	// Error is what the reader is told when they continue without an answer ("error:");
	// "" for the theme's default, which names the question.
	Error string `json:",omitempty"`
	Each  bool   `json:",omitempty"` // asked one item at a time without JavaScript

	// Outcomes.
	Outcome    string // the title
	Level      Level
	Body       Markdown
	Articles   []string   // article slugs
	ArticlePos []diag.Pos // the position of each Articles entry
	Sections   []Section  `json:",omitempty"` // format 2: parts shown when their condition holds
	Action     *Action    `json:",omitempty"` // format 2: the outcome's first control

	anyPos, nonePos diag.Pos
	itemPos         []diag.Pos // of each item's id (its "id:" value, else its text)
	levelPos        diag.Pos
	eachPos         diag.Pos
}

// A Rule is one entry of a rules list: when If holds (or always, for the default, whose If
// is nil), the path goes to Go.
type Rule struct {
	If  *Cond `json:",omitempty"`
	Go  string
	Pos diag.Pos // of the rule's first key

	goPos diag.Pos
}

// A Section is a part of a composed outcome, shown when If holds.
type Section struct {
	If   *Cond
	Body Markdown
	Pos  diag.Pos // of the section's first key
}

// An Action is an outcome's main control: a link to call, write or read.
type Action struct {
	Label string
	Href  string // http(s):, tel:, mailto:, or an article source file relative to the questionnaire
	Pos   diag.Pos
	// Article is set when Href names a markdown file: its slash path relative to the site folder.
	Article string `json:",omitempty"`
}

// A Step answers one node of a test's path.
type Step struct {
	Node, Answer string
	Pos          diag.Pos
}

// A Test is a path through the tree and the outcome it must end at.
type Test struct {
	Name   string // may be ""
	Steps  []Step
	Expect string
	Shows  []string `json:",omitempty"` // format 2: texts the composed outcome must contain
	Hides  []string `json:",omitempty"` // format 2: texts it must not contain
	Pos    diag.Pos // of the test's first key

	expectPos diag.Pos
	broken    bool // a step could not be read, so running the test means nothing
}

// A Questionnaire is one decision tree.
type Questionnaire struct {
	Path               string // slash path relative to the site folder
	Slug               string // the file name without .yaml (and without the language of a translation)
	Lang               string `json:",omitempty"` // a translation's language (ParseTranslation); "" for an original
	Title, Description string
	Intro, Disclaimer  Markdown
	Start              string
	Reviewed           time.Time `json:",omitzero"` // the last review, "reviewed:"; zero when not set
	Nodes              []*Node   // in file order
	Tests              []Test

	startPos diag.Pos
	byID     map[string]*Node
	// partial is set when Parse dropped part of the tree's edges (a node or a list of
	// answers it could not read), so that unreachable nodes mean nothing.
	partial bool
	// sound is set by Check when every id resolves, there is no cycle and every condition
	// is sound: the tree can be walked.
	sound bool
}

// Node returns the node with the given id, or nil.
func (q *Questionnaire) Node(id string) *Node {
	if q.byID == nil { // a Questionnaire built by hand
		for _, n := range q.Nodes {
			if n.ID == id {
				return n
			}
		}
	}
	return q.byID[id]
}

// Parse reads one questionnaire file; p is its slash path relative to the site folder.
// Problems go to diags, every one of them. Parse returns what it could read, never nil.
func Parse(p string, src []byte, diags *diag.List) *Questionnaire {
	return parse(p, "", src, diags)
}

// ParseTranslation reads the translation into lang of a questionnaire, a file named as the
// original with the language before ".yaml" (exercise-today.cy.yaml): its Slug is the
// original's, and Lang is lang. CheckTranslation compares it with the original.
func ParseTranslation(p, lang string, src []byte, diags *diag.List) *Questionnaire {
	return parse(p, lang, src, diags)
}

func parse(p, lang string, src []byte, diags *diag.List) *Questionnaire {
	slug := strings.TrimSuffix(path.Base(p), ".yaml")
	if lang != "" {
		slug = strings.TrimSuffix(slug, "."+lang)
	}
	q := &Questionnaire{Path: p, Slug: slug, Lang: lang, byID: make(map[string]*Node)}
	if !content.SlugRE.MatchString(q.Slug) {
		diags.Hintf(diag.Pos{Path: p}, fmt.Sprintf("rename it to %s.yaml", strings.TrimSuffix(content.Slugify(q.Slug)+"."+lang, ".")),
			"the file name %q does not make a valid slug (lower-case words joined by hyphens)", path.Base(p))
	}
	// Problems of this file go to a list of their own first, to tell an empty file from
	// one whose YAML is broken.
	var local diag.List
	defer diags.Merge(&local)
	ps := &parser{q: q, d: &yamlx.Decoder{Path: p, Diags: &local}, lines: strings.Split(string(src), "\n")}
	root := ps.d.Parse(src)
	if root == nil {
		if local.Errors() == 0 {
			local.Hintf(diag.Pos{Path: p, Line: 1, Col: 1}, `add "title:", "description:", "start:" and "nodes:"`,
				"the questionnaire is empty")
		}
		return q
	}
	d := ps.d
	d.Mapping(root, "questionnaire", []yamlx.Field{
		{Name: "title", Required: true, Decode: d.String(&q.Title)},
		{Name: "description", Required: true, Decode: d.String(&q.Description)},
		{Name: "intro", Decode: ps.markdown(&q.Intro)},
		{Name: "start", Required: true, Decode: ps.id(&q.Start, &q.startPos)},
		{Name: "disclaimer", Decode: ps.markdown(&q.Disclaimer)},
		{Name: "reviewed", Decode: d.Date(&q.Reviewed)},
		{Name: "nodes", Required: true, Decode: ps.nodes},
		{Name: "tests", Decode: ps.tests},
	})
	return q
}

// parser holds what decoding one file needs.
type parser struct {
	q     *Questionnaire
	d     *yamlx.Decoder
	lines []string // the source, to find the indentation of block scalars
}

// markdown decodes a markdown field and records where its text starts.
func (ps *parser) markdown(dst *Markdown) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		var s string
		ps.d.String(&s)(key, v)
		if s == "" {
			return
		}
		*dst = Markdown{Text: s, Line: v.Line, Col: v.Column}
		switch {
		case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			dst.Indent = ps.blockIndent(key, v)
			dst.Line, dst.Col = v.Line+1, dst.Indent+1
		case v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			dst.Col++ // past the quote
		}
	}
}

// blockIndent returns the indentation of the block scalar v, the value of key: the one its
// header gives (as in "|2"), or else that of its first line that is not blank.
func (ps *parser) blockIndent(key, v *yaml.Node) int {
	if v.Line < 1 || v.Line > len(ps.lines) {
		return 0
	}
	header := ps.lines[v.Line-1]
	if v.Column >= 1 && v.Column <= len(header) {
		header = header[v.Column-1:]
		for i := 1; i < len(header) && i <= 2; i++ { // "|2", "|2-", "|-2"
			if c := header[i]; '1' <= c && c <= '9' {
				return key.Column - 1 + int(c-'0')
			}
		}
	}
	for _, line := range ps.lines[v.Line:] {
		if strings.TrimSpace(line) != "" {
			return len(line) - len(strings.TrimLeft(line, " "))
		}
	}
	return 0
}

// id decodes a node id and its position.
func (ps *parser) id(dst *string, pos *diag.Pos) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		ps.d.String(dst)(key, v)
		*pos = ps.d.Pos(v)
	}
}

func (ps *parser) nodes(key, v *yaml.Node) {
	d := ps.d
	switch {
	case v.Kind == yaml.AliasNode:
		return // reported by Parse
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null", v.Kind == yaml.MappingNode && len(v.Content) == 0:
		d.Hintf(key, "add the questions and outcomes below it, each under its id", "nodes is empty")
		return
	case v.Kind != yaml.MappingNode:
		d.Hintf(v, "write each node under its id, indented below \"nodes:\"", "nodes must be a mapping of node ids to nodes")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		idKey, n := v.Content[i], v.Content[i+1]
		switch {
		case idKey.Kind != yaml.ScalarNode:
			d.Errorf(idKey, "node ids must be plain words")
			ps.q.partial = true
		case ps.q.byID[idKey.Value] == nil: // a second one is a duplicate key, reported by Parse
			ps.node(idKey, n)
		}
	}
}

// The keys each kind of node allows.
func keysOf(k Kind) []string {
	switch k {
	case Choice:
		return []string{"question", "help", "kind", "answers", "error"}
	case Checklist:
		return []string{"question", "help", "kind", "items", "any", "none", "none_label", "each", "error"}
	}
	return []string{"outcome", "level", "body", "articles", "sections", "action"}
}

// isNodeKey reports whether some kind of node allows key.
func isNodeKey(key string) bool {
	return slices.Contains(keysOf(Choice), key) || slices.Contains(keysOf(Checklist), key) ||
		slices.Contains(keysOf(Outcome), key)
}

func (ps *parser) node(idKey, v *yaml.Node) {
	d := ps.d
	n := &Node{ID: idKey.Value, Pos: d.Pos(idKey)}
	ps.q.Nodes = append(ps.q.Nodes, n)
	ps.q.byID[n.ID] = n
	if !content.SlugRE.MatchString(n.ID) {
		d.Hintf(idKey, fmt.Sprintf("write it as %q", content.Slugify(n.ID)),
			"node id %q must be lower-case words joined by hyphens", n.ID)
	}
	what := fmt.Sprintf("node %q", n.ID)
	if v.Kind != yaml.MappingNode {
		ps.q.partial = true
		if v.Kind != yaml.AliasNode { // an alias is reported by Parse
			d.Mapping(v, what, nil) // reports that it is not a mapping
		}
		return
	}

	// What kind of node is it? Find the keys that tell, first ones only (the others are
	// duplicates, reported by Parse).
	var question, outcome, kindKey, kindValue *yaml.Node
	var drop *yaml.Node // a key already reported, left out of the mapping
	guessed := false    // neither question nor outcome: the kind is a guess from the other keys
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		switch {
		case k.Value == "question" && question == nil:
			question = k
		case k.Value == "outcome" && outcome == nil:
			outcome = k
		case k.Value == "kind" && kindKey == nil:
			kindKey, kindValue = k, v.Content[i+1]
		}
	}
	switch {
	case question != nil && outcome != nil:
		// Keep the one the other keys agree with.
		drop = outcome
		if guessKind(v) == Outcome {
			n.Kind, drop = Outcome, question
		}
		d.Hintf(drop, "a node either asks a question or ends the questionnaire: split it in two, or remove one",
			"node %q has both \"question:\" and \"outcome:\"", n.ID)
	case outcome != nil:
		n.Kind = Outcome
	case question == nil:
		guessed = true
		n.Kind = guessKind(v)
		if !hasTypo(v) { // else the unknown key's own error says it
			d.Hintf(idKey, `add "question: ..." to ask something, or "outcome: ..." to end the questionnaire here`,
				"node %q has neither \"question:\" nor \"outcome:\"", n.ID)
		}
	}
	if n.Kind != Outcome && kindKey != nil {
		n.Kind = ps.kind(kindKey, kindValue, v)
	}

	var fields []yamlx.Field
	switch n.Kind {
	case Outcome:
		fields = []yamlx.Field{
			{Name: "outcome", Required: !guessed, Decode: d.String(&n.Outcome)},
			{Name: "level", Decode: ps.level(n)},
			{Name: "body", Required: true, Decode: ps.markdown(&n.Body)},
			{Name: "articles", Decode: ps.articles(n)},
			{Name: "sections", Decode: ps.sections(n)},
			{Name: "action", Decode: ps.action(n)},
		}
	case Checklist:
		fields = []yamlx.Field{
			{Name: "question", Required: !guessed, Decode: d.String(&n.Question)},
			{Name: "help", Decode: ps.markdown(&n.Help)},
			{Name: "kind"}, // decoded above
			{Name: "items", Required: true, Decode: ps.items(n)},
			{Name: "any", Required: true, Decode: ps.target(&n.Any, &n.anyPos, &n.AnyRules)},
			{Name: "none", Required: true, Decode: ps.target(&n.None, &n.nonePos, &n.NoneRules)},
			{Name: "none_label", Decode: d.String(&n.NoneLabel)},
			{Name: "each", Decode: func(k, v *yaml.Node) { d.Bool(&n.Each)(k, v); n.eachPos = d.Pos(k) }},
			{Name: "error", Decode: ps.errorText(n)},
		}
	default:
		fields = []yamlx.Field{
			{Name: "question", Required: !guessed, Decode: d.String(&n.Question)},
			{Name: "help", Decode: ps.markdown(&n.Help)},
			{Name: "kind"}, // decoded above
			{Name: "answers", Required: true, Decode: ps.answers(n)},
			{Name: "error", Decode: ps.errorText(n)},
		}
	}

	// Keys of another kind of node get an error of their own, which says why they are
	// wrong here; yamlx.Mapping reports the rest.
	allowed := keysOf(n.Kind)
	m := *v
	m.Content = nil
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		switch {
		case k == drop:
		case k.Kind == yaml.ScalarNode && isNodeKey(k.Value) && !slices.Contains(allowed, k.Value):
			d.Hintf(k, misplacedHint(n.Kind, k.Value), "node %q is %s, so \"%s:\" is not allowed", n.ID, kindPhrase(n.Kind), k.Value)
		default:
			m.Content = append(m.Content, k, v.Content[i+1])
		}
	}
	d.Mapping(&m, what, fields)
	if n.Kind == Outcome && n.Level == Emergency && n.Action == nil {
		d.Diags.Hintf(n.levelPos, `add "action:" with a "label:" and an "href:", such as "tel:999"`,
			"outcome %q is an emergency, so it needs an action: the first thing the reader can do", n.ID)
	}
}

// guessKind tells what kind of node v was meant to be from its keys other than
// "question:" and "outcome:" (a misspelt "outcome:" counts as outcome).
func guessKind(v *yaml.Node) Kind {
	kind := Choice
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i].Value
		switch {
		case k == "question" || k == "outcome":
		case slices.Contains(keysOf(Outcome), k) || diag.Closest(k, []string{"question", "outcome"}) == "outcome":
			return Outcome
		case k == "items" || k == "any" || k == "none":
			kind = Checklist
		}
	}
	return kind
}

// hasTypo reports whether v has an unknown key that looks like "question" or "outcome".
func hasTypo(v *yaml.Node) bool {
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i].Value
		if !isNodeKey(k) && diag.Closest(k, []string{"question", "outcome"}) != "" {
			return true
		}
	}
	return false
}

func kindPhrase(k Kind) string {
	switch k {
	case Checklist:
		return "a checklist"
	case Outcome:
		return "an outcome"
	}
	return "a choice question"
}

// MaxErrorLen is the longest "error:" text, in characters: an error message is one short
// sentence, shown twice (in the error summary and above the answers).
const MaxErrorLen = 200

// errorText decodes a question's "error:": one line of plain text, not empty, not long.
func (ps *parser) errorText(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			ps.d.Hintf(v, `write one sentence, such as "error: Select how long you have had the pain"`,
				"error: must be text")
			return
		}
		s := strings.TrimSpace(v.Value)
		switch {
		case s == "":
			ps.d.Hintf(v, `write one sentence, such as "error: Select how long you have had the pain", or remove the key to use the default`,
				"error: is empty")
		case strings.ContainsAny(s, "\n\r"):
			ps.d.Hintf(v, "write it on one line: it is shown as one sentence", "error: must be one line")
		case utf8.RuneCountInString(s) > MaxErrorLen:
			ps.d.Hintf(v, "say what to do in one short sentence", "error: is %d characters long; the most is %d", utf8.RuneCountInString(s), MaxErrorLen)
		default:
			n.Error = s
		}
	}
}

func misplacedHint(k Kind, key string) string {
	switch {
	case k == Outcome:
		return "an outcome has \"outcome:\", \"level:\", \"body:\", \"articles:\", \"sections:\" and \"action:\"; remove it"
	case key == "answers":
		return "a checklist has \"items:\", \"any:\" and \"none:\"; remove \"kind: checklist\" to make it a choice"
	case key == "items" || key == "any" || key == "none":
		return "add \"kind: checklist\" to make it a checklist, or give it \"answers:\""
	}
	return "only outcomes have it; move it to an outcome node or remove it"
}

// kind decodes a question's kind. When the value is wrong, it guesses from the other keys
// of the node v.
func (ps *parser) kind(key, value, v *yaml.Node) Kind {
	var s string
	ps.d.String(&s)(key, value)
	switch s {
	case "choice":
		return Choice
	case "checklist":
		return Checklist
	case "":
	default:
		hint := diag.Suggest(s, []string{"choice", "checklist"})
		if hint == "" {
			hint = "leave it out for a choice; an outcome is a node with \"outcome:\" instead of \"question:\""
		}
		ps.d.Hintf(value, hint, "kind must be \"choice\" or \"checklist\", not %q", s)
	}
	if guessKind(v) == Checklist {
		return Checklist
	}
	return Choice
}

func (ps *parser) answers(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		d := ps.d
		if v.Kind != yaml.SequenceNode {
			d.Hintf(v, "write each answer as a \"- label: ...\" line followed by its \"next: ...\"", "answers must be a list")
			ps.q.partial = true
			return
		}
		first := make(map[string]*yaml.Node) // lower-case label -> its first value
		var dups []int                       // answers whose label repeats another's
		for i, item := range v.Content {
			// Every item makes an Answer, so that positions in tests count as in the file.
			a := Answer{Pos: d.Pos(item)}
			what := fmt.Sprintf("answer %d of node %q", i+1, n.ID)
			var label *yaml.Node
			d.Mapping(item, what, []yamlx.Field{
				{Name: "label", Required: true, Decode: func(k, v *yaml.Node) {
					if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || strings.TrimSpace(v.Value) == "") {
						d.Hintf(k, "write the words the reader picks", "%s has an empty label", what)
						return
					}
					label = v
					d.String(&a.Label)(k, v)
				}},
				{Name: "hint", Decode: d.String(&a.Hint)},
				{Name: "next", Required: true, Decode: ps.target(&a.Next, &a.nextPos, &a.Rules)},
				{Name: "id", Decode: ps.id(&a.ID, &a.idPos)},
			})
			if a.ID == "" && a.Label != "" {
				a.ID, a.idPos = Slug(a.Label), d.Pos(label)
			}
			n.Answers = append(n.Answers, a)
			if a.Label == "" {
				continue
			}
			fold := strings.ToLower(a.Label)
			if prev, ok := first[fold]; ok {
				d.Hintf(label, "reword one of them; labels are compared ignoring case",
					"duplicate label %q in node %q (first at line %d)", a.Label, n.ID, d.Pos(prev).Line)
				dups = append(dups, i)
				continue
			}
			first[fold] = label
		}
		ids := make([]string, len(n.Answers))
		pos := make([]diag.Pos, len(n.Answers))
		for i, a := range n.Answers {
			ids[i], pos[i] = a.ID, a.idPos
			if a.Label == "" {
				dups = append(dups, i) // reported already
			}
		}
		ps.uniqueIDs(n, ids, pos, "answer", "label", dups...)
		if len(v.Content) < 2 {
			ps.q.partial = true // unreachable nodes would only say that answers are missing
		}
		switch len(v.Content) {
		case 0:
			d.Hintf(key, "list 2 or more answers, each with \"label:\" and \"next:\"", "node %q has no answers; a choice needs 2 or more", n.ID)
		case 1:
			d.Hintf(key, "add another answer, or make the node an outcome", "node %q has only 1 answer; a choice needs 2 or more", n.ID)
		}
	}
}

func (ps *parser) items(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		if v.Kind == yaml.SequenceNode {
			ps.itemList(n, v)
		} else {
			ps.d.Strings(&n.Items)(key, v) // reports that it is not a list
		}
		if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
			ps.d.Hintf(key, "list the items, one \"- ...\" line each", "node %q has no items; a checklist needs 1 or more", n.ID)
		}
	}
}

func (ps *parser) level(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		var s string
		ps.d.String(&s)(key, v)
		if s == "" {
			return
		}
		n.levelPos = ps.d.Pos(v)
		names := []string{Info.String(), Caution.String(), Urgent.String(), Emergency.String()}
		if i := slices.Index(names, s); i >= 0 {
			n.Level = Level(i)
			return
		}
		hint := diag.Suggest(s, names)
		if hint == "" {
			hint = "leave it out for info"
		}
		ps.d.Hintf(v, hint, "level must be info, caution, urgent or emergency, not %q", s)
	}
}

func (ps *parser) articles(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		if v.Kind != yaml.SequenceNode {
			var none []string
			ps.d.Strings(&none)(key, v) // reports that it is not a list
			return
		}
		for _, item := range v.Content {
			var s string
			ps.d.String(&s)(key, item)
			if s != "" {
				n.Articles = append(n.Articles, s)
				n.ArticlePos = append(n.ArticlePos, ps.d.Pos(item))
			}
		}
	}
}

func (ps *parser) tests(key, v *yaml.Node) {
	d := ps.d
	d.Each(key, v, func(item *yaml.Node) {
		t := Test{Pos: d.Pos(item)}
		d.Mapping(item, fmt.Sprintf("test %d", len(ps.q.Tests)+1), []yamlx.Field{
			{Name: "name", Decode: d.String(&t.Name)},
			{Name: "answers", Required: true, Decode: ps.steps(&t)},
			{Name: "expect", Required: true, Decode: ps.id(&t.Expect, &t.expectPos)},
			{Name: "shows", Decode: d.Strings(&t.Shows)},
			{Name: "hides", Decode: d.Strings(&t.Hides)},
		})
		ps.q.Tests = append(ps.q.Tests, t)
	})
}

func (ps *parser) steps(t *Test) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		d := ps.d
		if v.Kind != yaml.SequenceNode {
			d.Hintf(v, "write it as a list: answers: [red-flags=no, pain-now=2]", "answers must be a list of node=answer steps")
			t.broken = true
			return
		}
		for _, item := range v.Content {
			if item.Kind == yaml.MappingNode && len(item.Content) == 2 { // - pain-now: 2
				d.Hintf(item, fmt.Sprintf("write it as \"%s=%s\"", item.Content[0].Value, item.Content[1].Value),
					"a step is one piece of text, node=answer")
				t.broken = true
				continue
			}
			var s string
			d.String(&s)(key, item)
			if s == "" {
				t.broken = true
				continue
			}
			st, ok := parseStep(s)
			if !ok {
				d.Hintf(item, "write the node's id, \"=\", then the answer: for example \"red-flags=no\"",
					"step %q must be written node=answer", s)
				t.broken = true
				continue
			}
			st.Pos = d.Pos(item)
			t.Steps = append(t.Steps, st)
		}
	}
}

// parseStep splits a step "node=answer", trimming spaces around both parts.
func parseStep(s string) (Step, bool) {
	node, answer, ok := strings.Cut(s, "=")
	node, answer = strings.TrimSpace(node), strings.TrimSpace(answer)
	return Step{Node: node, Answer: answer}, ok && node != "" && answer != ""
}
