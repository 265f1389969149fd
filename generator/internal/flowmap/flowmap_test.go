package flowmap

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/questionnaire"
	"guidepost/generator/internal/testutil"
)

// fever is a small triage tree with every kind of node, level, rule and section.
func fever() Graph {
	return Graph{
		Title: "Fever in a child",
		Start: "age",
		Nodes: []Node{
			{ID: "age", Kind: "choice", Text: "How old is the child?"},
			{ID: "flags", Kind: "checklist", Text: "Do any of these apply? A rash that does not fade, a stiff neck"},
			{ID: "temperature", Kind: "choice", Text: "What is their temperature?"},
			{ID: "call-now", Kind: "outcome", Level: "emergency", Text: "Call 999 now", Action: "Call 999"},
			{ID: "see-gp-today", Kind: "outcome", Level: "urgent", Text: "See a GP today"},
			{ID: "watch", Kind: "outcome", Level: "caution", Text: "Watch them closely tonight"},
			{ID: "care-at-home", Kind: "outcome", Level: "info", Text: "Look after them at home & give fluids", Sections: []string{"flags has rash", "age = under-3-months"}},
		},
		Edges: []Edge{
			{From: "age", To: "flags", Label: "Under 3 months"},
			{From: "age", To: "flags", Label: "3 months or older"},
			{From: "flags", To: "call-now", Label: "at least one"},
			{From: "flags", To: "temperature", Label: "none of these"},
			{From: "temperature", To: "see-gp-today", Label: "38C or higher", Cond: "if age = under-3-months"},
			{From: "temperature", To: "watch", Label: "38C or higher", Cond: "otherwise"},
			{From: "temperature", To: "care-at-home", Label: "Below 38C"},
		},
	}
}

// TestSVG draws the fever tree and compares the SVG with testdata/fever.svg (-update
// rewrites it); the picture holds the text of every node and edge, and is well-formed XML.
func TestSVG(t *testing.T) {
	d, err := NewDrawer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	g := fever()
	svg, err := d.SVG(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("the SVG is not well-formed XML: %v", err)
	}
	text := svgText(t, svg)
	want := []string{g.Title, "EMERGENCY", "URGENT", "CAUTION", "INFO", "Action: Call 999", "+ section if flags has rash", "if age = under-3-months", "otherwise", "Look after them at home & give fluids"}
	for _, n := range g.Nodes {
		want = append(want, n.ID+" · "+n.Kind)
	}
	for _, e := range g.Edges {
		want = append(want, e.Label)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the map does not show %q; its text:\n%s", w, text)
		}
	}
	golden := filepath.Join("testdata", "fever.svg")
	if testutil.Update() {
		if err := os.WriteFile(golden, svg, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	prev, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(prev, svg) {
		t.Errorf("the SVG differs from %s (go test -update rewrites it)", golden)
	}
	again, err := d.SVG(context.Background(), g)
	if err != nil || !bytes.Equal(again, svg) {
		t.Errorf("a second drawing of the same graph differs (err %v)", err)
	}
}

// svgText returns the text of the SVG's text elements, joined with the lines of one label
// put back together by spaces.
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	var b strings.Builder
	in := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			in = el.Name.Local == "text"
		case xml.EndElement:
			if el.Name.Local == "text" {
				b.WriteString("\n")
			}
			in = false
		case xml.CharData:
			if in {
				b.Write(el)
			}
		}
	}
	// A label wrapped over lines reads as one line again.
	return b.String() + "\n" + strings.ReplaceAll(b.String(), "\n", " ")
}

// TestBig draws a tree of 60 questions and 61 outcomes, which must lay out without error.
func TestBig(t *testing.T) {
	var g Graph
	for i := range 60 {
		id := fmt.Sprintf("q%d", i)
		g.Nodes = append(g.Nodes, Node{ID: id, Kind: "choice", Text: fmt.Sprintf("Question number %d, which is quite a long question?", i)})
		next := fmt.Sprintf("q%d", i+1)
		if i == 59 {
			next = "end-last"
		}
		g.Edges = append(g.Edges,
			Edge{From: id, To: next, Label: "Yes, carry on"},
			Edge{From: id, To: fmt.Sprintf("end%d", i), Label: "No", Cond: fmt.Sprintf("if q0 = yes and q%d != no", i)})
		g.Nodes = append(g.Nodes, Node{ID: fmt.Sprintf("end%d", i), Kind: "outcome", Level: "urgent", Text: "An outcome"})
	}
	g.Nodes = append(g.Nodes, Node{ID: "end-last", Kind: "outcome", Level: "info", Text: "The end"})
	d, err := NewDrawer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	svg, err := d.SVG(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(svg, []byte(`class="node"`)); n != len(g.Nodes) {
		t.Errorf("the SVG has %d nodes, want %d", n, len(g.Nodes))
	}
	// No two boxes overlap, and no edge label starts inside a box.
	boxes := nodeBoxes(t, svg)
	for i := range boxes {
		for j := range i {
			if boxes[i].overlaps(boxes[j]) {
				t.Errorf("boxes %d and %d overlap: %v, %v", i, j, boxes[i], boxes[j])
			}
		}
	}
	labels := edgeText.FindAllSubmatch(svg, -1)
	if len(boxes) != len(g.Nodes) || len(labels) != len(g.Edges) {
		t.Fatalf("found %d boxes and %d edge labels, want %d and %d", len(boxes), len(labels), len(g.Nodes), len(g.Edges))
	}
	for _, m := range labels {
		x, _ := strconv.ParseFloat(string(m[1]), 64)
		y, _ := strconv.ParseFloat(string(m[2]), 64)
		for _, b := range boxes {
			if x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1 {
				t.Errorf("the edge label at %.1f,%.1f is inside the box %v", x, y, b)
			}
		}
	}
}

type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

var (
	nodeGroup = regexp.MustCompile(`(?s)<g id="node\d+" class="node">.*?<path[^>]* d="([^"]+)"`)
	number    = regexp.MustCompile(`-?[0-9.]+`)
	edgeText  = regexp.MustCompile(`(?s)<g id="edge\d+" class="edge">.*?<text text-anchor="(?:start|middle)" x="([-0-9.]+)" y="([-0-9.]+)"`)
)

// nodeBoxes returns the bounding box of each node's shape in a Graphviz SVG.
func nodeBoxes(t *testing.T, svg []byte) []box {
	t.Helper()
	var out []box
	for _, m := range nodeGroup.FindAllSubmatch(svg, -1) {
		b := box{x0: 1e9, y0: 1e9, x1: -1e9, y1: -1e9}
		nums := number.FindAll(m[1], -1)
		for i := 0; i+1 < len(nums); i += 2 {
			x, _ := strconv.ParseFloat(string(nums[i]), 64)
			y, _ := strconv.ParseFloat(string(nums[i+1]), 64)
			b.x0, b.x1, b.y0, b.y1 = min(b.x0, x), max(b.x1, x), min(b.y0, y), max(b.y1, y)
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		t.Fatal("no node shapes found in the SVG")
	}
	return out
}

// TestDOTEscapes: text with the characters of Graphviz's label language stays text.
func TestDOTEscapes(t *testing.T) {
	dot := string(DOT(Graph{Nodes: []Node{{ID: "a", Kind: "choice", Text: `Is it <b> & "x"?`}}}))
	if !strings.Contains(dot, "Is it &lt;b&gt; &amp; &quot;x&quot;?") {
		t.Errorf("DOT does not escape the text:\n%s", dot)
	}
}

// TestFromQuestionnaire reads a format 2 tree: each rule is an edge labelled with its
// answer and condition, the default "otherwise"; sections and the action are on the outcome.
func TestFromQuestionnaire(t *testing.T) {
	src := `title: Fever
description: D
start: age
nodes:
  age:
    question: How old?
    answers:
      - label: Under 3 months
        next: signs
      - label: Older
        next: signs
  signs:
    question: Any of these?
    kind: checklist
    none_label: Nothing like that
    items: [A rash, A stiff neck]
    any:
      - if: age = under-3-months
        go: call-now
      - go: see-gp
    none: home
  call-now:
    outcome: Call 999
    level: emergency
    body: Now.
    action:
      label: Call 999
      href: "tel:999"
  see-gp:
    outcome: See a GP
    level: urgent
    body: Today.
  home:
    outcome: Stay home
    body: Rest.
    sections:
      - if: age = older
        body: Fluids.
`
	var diags diag.List
	q := questionnaire.Parse("content/questionnaires/fever.yaml", []byte(src), &diags)
	q.Check(nil, &diags)
	if diags.Len() > 0 {
		t.Fatalf("the tree has problems: %v", diags.Sorted())
	}
	g := FromQuestionnaire(q)
	var edges []string
	for _, e := range g.Edges {
		edges = append(edges, fmt.Sprintf("%s -[%s|%s]-> %s", e.From, e.Label, e.Cond, e.To))
	}
	want := []string{
		"age -[Under 3 months|]-> signs",
		"age -[Older|]-> signs",
		"signs -[at least one|if age = under-3-months]-> call-now",
		"signs -[at least one|otherwise]-> see-gp",
		"signs -[Nothing like that|]-> home",
	}
	if strings.Join(edges, "\n") != strings.Join(want, "\n") {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(edges, "\n"), strings.Join(want, "\n"))
	}
	byID := map[string]Node{}
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	if n := byID["call-now"]; n.Level != "emergency" || n.Action != "Call 999" || n.Kind != "outcome" {
		t.Errorf("call-now: %+v", n)
	}
	if n := byID["home"]; n.Level != "info" || strings.Join(n.Sections, "|") != "age = older" {
		t.Errorf("home: %+v", n)
	}
	if g.Start != "age" || byID["signs"].Kind != "checklist" || byID["signs"].Text != "Any of these?" {
		t.Errorf("graph: %+v", g)
	}
}
