package questionnaire

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/content"
	"guidepost/generator/internal/diag"
	"guidepost/generator/internal/yamlx"
)

// Slug gives the id format 2 derives from an answer's label or an item's text: lower-cased,
// every run of characters other than a-z and 0-9 replaced by one "-", trimmed of "-"
// ("I don't know" -> "i-don-t-know"). It may be "".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// target decodes a place the path goes to: a node id, or (format 2) a list of rules.
func (ps *parser) target(id *string, pos *diag.Pos, rules *[]Rule) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		*pos = ps.d.Pos(v)
		if v.Kind != yaml.SequenceNode {
			ps.id(id, pos)(key, v)
			return
		}
		ps.rules(key, v, rules)
	}
}

// rules decodes a rules list; every rule but the last has an "if:", the last has none.
func (ps *parser) rules(key, v *yaml.Node, dst *[]Rule) {
	d := ps.d
	if len(v.Content) == 0 {
		d.Hintf(v, "write a node id, or rules each with \"if:\" and \"go:\", the last with \"go:\" only",
			"%s: the list of rules is empty", key.Value)
		ps.q.partial = true
		return
	}
	defaultAt := -1
	for i, item := range v.Content {
		r := Rule{Pos: d.Pos(item)}
		var ifNode *yaml.Node
		d.Mapping(item, fmt.Sprintf("rule %d of %s", i+1, key.Value), []yamlx.Field{
			{Name: "if", Decode: func(k, v *yaml.Node) { ifNode = v; r.If = ps.cond(k, v) }},
			{Name: "go", Required: true, Decode: func(k, v *yaml.Node) {
				r.goPos = d.Pos(v)
				if v.Kind == yaml.SequenceNode {
					d.Hintf(v, "name one node; put the rules on that node's own answers instead",
						"go: must name a node; rules do not nest")
					ps.q.partial = true
					return
				}
				d.String(&r.Go)(k, v)
			}},
		})
		if r.Go == "" {
			ps.q.partial = true
		}
		switch {
		case defaultAt >= 0:
			d.Hintf(item, "move it before the rule without \"if:\", which always applies",
				"this rule comes after the default (the rule without \"if:\" at line %d), so it never applies", v.Content[defaultAt].Line)
		case ifNode == nil && item.Kind == yaml.MappingNode:
			defaultAt = i
		}
		*dst = append(*dst, r)
	}
	if defaultAt < 0 {
		ps.q.partial = true // a path no rule takes leads nowhere: the tree cannot be walked
		last := v.Content[len(v.Content)-1]
		d.Hintf(last, "end the list with a rule that has only \"go:\", where the path goes when no \"if:\" holds",
			"the rules have no default: the last rule must have no \"if:\"")
	}
}

// cond parses the condition v, reporting a syntax error at its token; nil when it has none.
func (ps *parser) cond(key, v *yaml.Node) *Cond {
	var s string
	ps.d.String(&s)(key, v)
	if s == "" {
		if v.Kind == yaml.ScalarNode {
			ps.d.Hintf(key, `write a condition such as "age = under-3-months"`, "if: is empty")
		}
		return nil
	}
	c, err := ParseCond(s, ps.scalarPositions(v))
	if err != nil {
		ps.d.Diags.Hintf(err.Pos, err.Hint, "if: %s", err.Msg)
		return nil
	}
	return c
}

// itemList decodes a checklist's items, each a string or a mapping {text, id}.
func (ps *parser) itemList(n *Node, v *yaml.Node) {
	d := ps.d
	n.Items = []string{}
	for i, item := range v.Content {
		var text, id string
		var textNode *yaml.Node
		idPos := d.Pos(item)
		if item.Kind == yaml.MappingNode {
			d.Mapping(item, fmt.Sprintf("item %d of node %q", i+1, n.ID), []yamlx.Field{
				{Name: "text", Required: true, Decode: func(k, v *yaml.Node) { textNode = v; d.String(&text)(k, v) }},
				{Name: "id", Decode: ps.id(&id, &idPos)},
			})
		} else {
			textNode = item
			d.String(&text)(&yaml.Node{Value: "items"}, item)
		}
		if text == "" {
			continue
		}
		if id == "" {
			id = Slug(text)
			idPos = d.Pos(textNode)
		}
		n.Items = append(n.Items, text)
		n.ItemIDs = append(n.ItemIDs, id)
		n.itemPos = append(n.itemPos, idPos)
	}
	ps.uniqueIDs(n, n.ItemIDs, n.itemPos, "item", "text")
}

// uniqueIDs reports ids that are not slugs, empty and clashing, each at the later one.
// An index in skip is left out (an answer whose label is a duplicate, reported already).
func (ps *parser) uniqueIDs(n *Node, ids []string, pos []diag.Pos, what, source string, skip ...int) {
	first := make(map[string]int)
	for i, id := range ids {
		switch {
		case slices.Contains(skip, i):
			continue
		case id == "":
			ps.d.Diags.Hintf(pos[i], "add \"id:\" with a few words joined by hyphens",
				"%s %d of node %q needs an id: its %s has no letters or digits", what, i+1, n.ID, source)
			continue
		case !content.SlugRE.MatchString(id):
			ps.d.Diags.Hintf(pos[i], fmt.Sprintf("write it as %q", Slug(id)),
				"%s id %q must be lower-case words joined by hyphens", what, id)
			continue
		}
		if j, ok := first[id]; ok {
			ps.d.Diags.Hintf(pos[i], "give one of them its own \"id:\"",
				"%s %d of node %q has the id %q, like %s %d (line %d)", what, i+1, n.ID, id, what, j+1, pos[j].Line)
			continue
		}
		first[id] = i
	}
}

// sections decodes a composed outcome's sections, each with "if:" and "body:".
func (ps *parser) sections(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		d := ps.d
		d.Each(key, v, func(item *yaml.Node) {
			s := Section{Pos: d.Pos(item)}
			d.Mapping(item, fmt.Sprintf("section %d of node %q", len(n.Sections)+1, n.ID), []yamlx.Field{
				{Name: "if", Required: true, Decode: func(k, v *yaml.Node) { s.If = ps.cond(k, v) }},
				{Name: "body", Required: true, Decode: ps.markdown(&s.Body)},
			})
			n.Sections = append(n.Sections, s)
		})
	}
}

// action decodes an outcome's action: a label and where it leads.
func (ps *parser) action(n *Node) func(key, v *yaml.Node) {
	return func(key, v *yaml.Node) {
		d := ps.d
		a := &Action{Pos: d.Pos(key)}
		var hrefNode *yaml.Node
		ok := d.Mapping(v, "action", []yamlx.Field{
			{Name: "label", Required: true, Decode: d.String(&a.Label)},
			{Name: "href", Required: true, Decode: func(k, v *yaml.Node) { hrefNode = v; d.String(&a.Href)(k, v) }},
		})
		if !ok {
			return
		}
		n.Action = a
		if a.Href == "" || hrefNode == nil {
			return
		}
		h := a.Href
		lower := strings.ToLower(h)
		switch {
		case strings.HasPrefix(lower, "tel:"), strings.HasPrefix(lower, "mailto:"):
			if len(h) == strings.Index(h, ":")+1 {
				d.Hintf(hrefNode, `write the number or address after the colon, such as "tel:999"`, "href: %q is empty after the scheme", h)
			}
		case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		case strings.Contains(h, ":"):
			d.Hintf(hrefNode, `use "http(s)://", "tel:", "mailto:", or an article's source file such as "../articles/call-for-help.md"`,
				"href: %q is not a link an action may have", h)
		case strings.HasPrefix(h, "/"):
			d.Hintf(hrefNode, "name the article's source file relative to this questionnaire, such as \"../articles/call-for-help.md\"",
				"href: %q is root-relative, which breaks under a sub-path and from disk", h)
		case path.Ext(strings.SplitN(h, "#", 2)[0]) == ".md":
			file := strings.SplitN(h, "#", 2)[0]
			a.Article = path.Join(path.Dir(ps.q.Path), file)
		default:
			d.Hintf(hrefNode, `use "http(s)://", "tel:", "mailto:", or an article's source file such as "../articles/call-for-help.md"`,
				"href: %q is not a link an action may have", h)
		}
	}
}
