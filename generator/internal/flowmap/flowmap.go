// Package flowmap draws a questionnaire as a flow map, an SVG picture for the people who sign
// a decision tree off.
//
// A map is drawn top-down, in layers from the start: every question is a white box holding
// its text, its id and its kind; every outcome is a box holding its level in capitals
// (INFO, CAUTION, URGENT, EMERGENCY: words as well as colours, so the map reads in black and
// white), its title, its id, the conditions of its sections and its action. Each arrow
// carries the answer that takes it and, for a rule, the rule's condition ("if age =
// under-3-months", "otherwise"). The start has a double border.
//
// Graph is the map as data, so that the layout knows nothing of the questionnaire's YAML;
// FromQuestionnaire makes one. DOT writes it in Graphviz's language, and a Drawer lays it
// out with Graphviz's dot, compiled to WebAssembly and run in the process by
// github.com/goccy/go-graphviz (no cgo, no program to install). Graphviz avoids overlapping
// labels and keeps maps of 50 and more nodes readable; the same graph always gives the same
// SVG.
package flowmap

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"

	graphviz "github.com/goccy/go-graphviz"
)

// A Graph is a questionnaire's map.
type Graph struct {
	Title string
	Nodes []Node // in the file's order; the first is drawn as the start when Start is ""
	Edges []Edge
	Start string // the id of the first node
}

// A Node is a question or an outcome.
type Node struct {
	ID       string
	Kind     string // "choice", "checklist" or "outcome"
	Text     string // the question, or the outcome's title
	Level    string // outcomes: "info", "caution", "urgent" or "emergency"
	Sections []string
	Action   string // outcomes: the action's label, "" when none
}

// An Edge is a way from one node to another.
type Edge struct {
	From, To string
	Label    string // the answer that takes it, such as "Yes" or "none of these"
	Cond     string // the rule's condition, "otherwise" for a default after other rules, or ""
}

// levelStyle returns how an outcome of level is drawn: its fill, its border and the border's
// width, heavier the more pressing the level.
func levelStyle(level string) (fill, border, width string) {
	switch level {
	case "caution":
		return "#fff4c2", "#6b5a00", "1.6"
	case "urgent":
		return "#f6d7d2", "#942514", "2.4"
	case "emergency":
		return "#2b2b2b", "#d4351c", "3.2"
	}
	return "#dbe9f4", "#1d4f6e", "1.2"
}

// DOT writes g in Graphviz's language.
func DOT(g Graph) []byte {
	var b bytes.Buffer
	b.WriteString("digraph flow {\n")
	b.WriteString(" graph [rankdir=TB, fontname=\"DejaVu Sans\", nodesep=0.35, ranksep=0.55, labelloc=t, fontsize=16")
	if g.Title != "" {
		fmt.Fprintf(&b, ", label=<%s>", esc(g.Title))
	}
	b.WriteString("];\n")
	b.WriteString(" node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#0b0c0c\", fontname=\"DejaVu Sans\", fontsize=11, margin=\"0.14,0.07\"];\n")
	b.WriteString(" edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"#505a5f\"];\n")
	start := g.Start
	if start == "" && len(g.Nodes) > 0 {
		start = g.Nodes[0].ID
	}
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, " %q [label=<%s>", n.ID, nodeLabel(n))
		if n.Kind == "outcome" {
			fill, border, width := levelStyle(n.Level)
			fmt.Fprintf(&b, ", fillcolor=%q, color=%q, penwidth=%s", fill, border, width)
			if n.Level == "emergency" {
				b.WriteString(", fontcolor=\"#ffffff\"")
			}
		}
		if n.ID == start {
			b.WriteString(", peripheries=2")
		}
		b.WriteString("];\n")
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, " %q -> %q", e.From, e.To)
		var parts []string
		if e.Label != "" {
			parts = append(parts, wrap(e.Label, 28))
		}
		if e.Cond != "" {
			parts = append(parts, "<i>"+wrap(e.Cond, 34)+"</i>")
		}
		if len(parts) > 0 {
			fmt.Fprintf(&b, " [label=<%s>]", strings.Join(parts, "<br/>"))
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// nodeLabel is the HTML-like label of n's box.
func nodeLabel(n Node) string {
	var b strings.Builder
	if n.Kind == "outcome" {
		fmt.Fprintf(&b, "<b>%s</b><br/>", esc(strings.ToUpper(n.Level)))
		b.WriteString(wrap(n.Text, 34))
	} else {
		b.WriteString("<b>" + wrap(n.Text, 34) + "</b>")
	}
	fmt.Fprintf(&b, "<br/><font point-size=\"9\">%s · %s</font>", esc(n.ID), esc(n.Kind))
	for _, s := range n.Sections {
		b.WriteString("<br/><font point-size=\"9\">+ section " + wrap("if "+s, 40) + "</font>")
	}
	if n.Action != "" {
		b.WriteString("<br/><b>Action: " + wrap(n.Action, 30) + "</b>")
	}
	return b.String()
}

// wrap escapes s for a label and breaks it into lines of about width characters.
func wrap(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i := range lines {
		lines[i] = esc(lines[i])
	}
	return strings.Join(lines, "<br/>")
}

// esc escapes s for Graphviz's HTML-like labels.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// A Drawer lays out and draws maps. It is safe for concurrent use: maps are drawn one at a
// time. Making one costs a few milliseconds, so callers make it when a map is asked for.
type Drawer struct {
	gv *graphviz.Graphviz
}

// drawing serializes every call into Graphviz, across Drawers: the library runs one
// WebAssembly module for the whole process (graphviz.ParseBytes uses it directly), and two
// maps of one build drawn at once corrupted each other ("failed to read wasm memory",
// "module closed", a garbled error), in one build of a few with two questionnaires and
// "maps: true". It guards the library's state, not ours.
var drawing sync.Mutex

// NewDrawer starts Graphviz.
func NewDrawer(ctx context.Context) (*Drawer, error) {
	drawing.Lock()
	defer drawing.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("flow map: starting Graphviz: %w", err)
	}
	return &Drawer{gv: gv}, nil
}

// Close stops Graphviz.
func (d *Drawer) Close() error {
	drawing.Lock()
	defer drawing.Unlock()
	return d.gv.Close()
}

// SVG draws g as an SVG document.
func (d *Drawer) SVG(ctx context.Context, g Graph) ([]byte, error) {
	drawing.Lock()
	defer drawing.Unlock()
	graph, err := graphviz.ParseBytes(DOT(g))
	if err != nil {
		return nil, fmt.Errorf("flow map: %w", err)
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := d.gv.Render(ctx, graph, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("flow map: %w", err)
	}
	return buf.Bytes(), nil
}
