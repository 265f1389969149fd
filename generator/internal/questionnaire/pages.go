package questionnaire

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"guidepost/generator/internal/diag"
)

// MaxPages is the most static pages (nodes times the combinations of answers they carry)
// one questionnaire may need.
const MaxPages = 5000

// A Carry is an earlier answer that a page keeps in its path, because a later rule or
// section reads it.
type Carry struct {
	Q, Value string
}

// A Page is one static page for readers without JavaScript: a node, as reached with the
// answers it carries. A checklist with each: true has one page per item (Item, 0-based),
// asked as yes or no, carrying the items ticked so far as an answer to itself.
type Page struct {
	Node    *Node
	Item    int
	Carried []Carry // in the order of the questions in the file
	Dir     string  // its folder below the questionnaire's: "node/", "node/q.a/", "node/item-2/q.a/"
	Links   []Link  // a question's ways on, in the order shown
	Shown   []int   // an outcome's sections shown
}

// A Link is one way on from a question's page.
type Link struct {
	Value string // the answer: an answer id, "yes" or "no" (for one item of each: true, too)
	To    int    // the index of the page it leads to
}

// Pages returns the static pages of a tree that Check found sound, the start
// node's page first. It fails when more than MaxPages would be needed, naming the
// questions whose carried answers multiply them.
func (q *Questionnaire) Pages() ([]Page, error) {
	if !q.sound {
		return nil, errors.New("the questionnaire has errors, so it has no pages")
	}
	st, err := q.enumerate(nil)
	if err != nil {
		return nil, err
	}
	return st.pages, nil
}

// A pageSet is the pages found so far.
type pageSet struct {
	q       *Questionnaire
	pages   []Page
	index   map[string]int
	carried map[*Node][]string         // the questions each node carries, in file order
	items   map[string]map[string]bool // checklist id -> the items that a "has" reads
	order   map[string]int             // question id -> its index in the file
}

// enumerate finds every page reachable from start, breadth first. When rule is not nil it
// is called at every question page for every way on whose target is a rules list, with the
// index of the rule taken and the answers it was decided on.
func (q *Questionnaire) enumerate(rule func(rules []Rule, taken int, a Answers)) (*pageSet, error) {
	g := q.graph()
	st := &pageSet{q: q, index: make(map[string]int), carried: make(map[*Node][]string),
		items: make(map[string]map[string]bool), order: make(map[string]int)}
	for i, n := range q.Nodes {
		st.order[n.ID] = i
	}
	// live: the questions read at a node or after it.
	live := make(map[*Node]map[string]bool)
	reads := func(n *Node, add func(string)) {
		read := func(c *Cond) {
			c.walk(func(t *Cond) {
				add(t.Q)
				if t.Op == OpHas {
					if st.items[t.Q] == nil {
						st.items[t.Q] = make(map[string]bool)
					}
					st.items[t.Q][t.Vals[0]] = true
				}
			})
		}
		rules := func(rs []Rule) {
			for _, r := range rs {
				if r.If != nil {
					read(r.If)
				}
			}
		}
		for _, a := range n.Answers {
			rules(a.Rules)
		}
		rules(n.AnyRules)
		rules(n.NoneRules)
		for _, s := range n.Sections {
			if s.If != nil {
				read(s.If)
			}
		}
	}
	for i := len(g.order) - 1; i >= 0; i-- {
		n := g.order[i]
		l := make(map[string]bool)
		reads(n, func(id string) { l[id] = true })
		for _, e := range n.edges() {
			for id := range live[q.Node(e.next)] {
				l[id] = true
			}
		}
		live[n] = l
		var c []string
		for id := range l {
			if g.def[n][id] {
				c = append(c, id)
			}
		}
		slices.SortFunc(c, func(a, b string) int { return st.order[a] - st.order[b] })
		st.carried[n] = c
	}

	start := q.Node(q.Start)
	st.add(start, 0, nil)
	for i := 0; i < len(st.pages); i++ {
		if len(st.pages) > MaxPages {
			return nil, st.tooMany()
		}
		p := &st.pages[i]
		n := p.Node
		a := make(Answers, len(p.Carried)+1)
		for _, c := range p.Carried {
			a[c.Q] = c.Value
		}
		if n.Kind == Outcome {
			p.Shown = q.Shown(n, a)
			continue
		}
		var links []Link
		follow := func(value string, id string, rules []Rule, ans Answers) {
			next, taken := q.Resolve(id, rules, ans)
			if rule != nil && len(rules) > 0 {
				rule(rules, taken, ans)
			}
			links = append(links, Link{value, st.add(q.Node(next), 0, ans)})
		}
		switch {
		case n.Kind == Choice:
			for _, ans := range n.Answers {
				b := clone(a)
				b[n.ID] = ans.ID
				follow(ans.ID, ans.Next, ans.Rules, b)
			}
		case n.Kind == Checklist && !n.Each:
			for _, v := range []string{"yes", "no"} {
				b := clone(a)
				b[n.ID] = v
				id, rules := n.checklistTarget(v)
				follow(v, id, rules, b)
			}
		default: // one item of a checklist with each: true
			so := a[n.ID] // ticked so far
			if !ticked(so) {
				so = ""
			}
			delete(a, n.ID)
			for _, v := range []string{"yes", "no"} {
				now := so
				if v == "yes" {
					now = tick(so, n.ItemIDs[p.Item], st.items[n.ID][n.ItemIDs[p.Item]])
				}
				b := clone(a)
				if p.Item+1 < len(n.ItemIDs) {
					b[n.ID] = now
					if now == "" {
						b[n.ID] = "none"
					}
					links = append(links, Link{v, st.add(n, p.Item+1, b)})
					continue
				}
				if now == "" {
					now = "none"
					if len(st.items[n.ID]) == 0 {
						now = "no"
					}
				}
				b[n.ID] = now
				id, rules := n.checklistTarget(now)
				follow(v, id, rules, b)
			}
		}
		st.pages[i].Links = links
	}
	return st, nil
}

// tick adds item to the items ticked so far (so), as pages carry them: the ids of the
// items that some "has" reads (read tells whether item is one of them), or "yes" when only
// items that nothing reads are ticked, which is all that routing needs of them.
func tick(so, item string, read bool) string {
	switch {
	case !read && so == "":
		return "yes"
	case !read:
		return so
	case so == "" || so == "yes":
		return item
	}
	return so + "+" + item
}

func clone(a Answers) Answers {
	b := make(Answers, len(a)+1)
	for k, v := range a {
		b[k] = v
	}
	return b
}

// add returns the index of the page of node n at item, carrying what n carries of a,
// adding it when it is new.
func (st *pageSet) add(n *Node, item int, a Answers) int {
	var carried []Carry
	var dir strings.Builder
	dir.WriteString(n.ID)
	dir.WriteByte('/')
	if item > 0 {
		fmt.Fprintf(&dir, "item-%d/", item+1)
	}
	keep := st.carried[n]
	if item > 0 {
		keep = append(slices.Clip(keep), n.ID)
		slices.SortFunc(keep, func(a, b string) int { return st.order[a] - st.order[b] })
	}
	for _, id := range keep {
		v, ok := a[id]
		if !ok {
			continue
		}
		if m := st.q.Node(id); m.Kind == Checklist && len(st.items[id]) == 0 {
			v = "no"
			if ticked(a[id]) {
				v = "yes"
			}
		}
		carried = append(carried, Carry{id, v})
		dir.WriteString(id)
		dir.WriteByte('.')
		dir.WriteString(strings.ReplaceAll(v, "+", "_"))
		dir.WriteByte('/')
	}
	key := dir.String()
	if i, ok := st.index[key]; ok {
		return i
	}
	st.index[key] = len(st.pages)
	st.pages = append(st.pages, Page{Node: n, Item: item, Carried: carried, Dir: key})
	return len(st.pages) - 1
}

// tooMany is the error of a tree that needs more than MaxPages pages.
func (st *pageSet) tooMany() error {
	values := make(map[string]map[string]bool)
	for _, p := range st.pages {
		for _, c := range p.Carried {
			if values[c.Q] == nil {
				values[c.Q] = make(map[string]bool)
			}
			values[c.Q][c.Value] = true
		}
	}
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if d := len(values[b]) - len(values[a]); d != 0 {
			return d
		}
		return st.order[a] - st.order[b]
	})
	var names []string
	for _, id := range ids {
		names = append(names, fmt.Sprintf("%s (%d answers)", id, len(values[id])))
	}
	return &LimitError{Pos: st.q.startPos, Questions: ids,
		msg: fmt.Sprintf("the questionnaire needs more than %d pages without JavaScript: the pages carry the answers of %s, which later rules and sections read",
			MaxPages, strings.Join(names, ", "))}
}

// A LimitError says that a questionnaire needs too many pages or paths.
type LimitError struct {
	Pos       diag.Pos
	Questions []string // the questions that multiply them, the most answers first
	msg       string
}

func (e *LimitError) Error() string { return e.msg }

// checkNeverApplies warns about rules that no path takes, naming the earlier rule that
// takes their paths when there is one, and reports a tree that needs too many pages. It
// reports whether the pages could be counted.
func (q *Questionnaire) checkNeverApplies(diags *diag.List) bool {
	type use struct {
		taken    bool
		shadowBy *Rule
	}
	uses := make(map[*Rule]*use)
	_, err := q.enumerate(func(rules []Rule, taken int, a Answers) {
		for i := range rules {
			r := &rules[i]
			u := uses[r]
			if u == nil {
				u = &use{}
				uses[r] = u
			}
			switch {
			case i == taken:
				u.taken = true
			case i > taken && taken >= 0 && r.If != nil && u.shadowBy == nil && q.Holds(r.If, a):
				u.shadowBy = &rules[taken]
			}
		}
	})
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			diags.Hintf(le.Pos, "carry fewer answers: let fewer rules and sections read early answers, or split the questionnaire", "%s", le.msg)
		}
		return false
	}
	for _, n := range q.Nodes {
		check := func(rules []Rule) {
			for i := range rules {
				r := &rules[i]
				if r.If == nil {
					break // a rule after the default is an error of its own
				}
				u := uses[r]
				if u == nil || u.taken || r.If == nil {
					continue
				}
				if u.shadowBy != nil {
					diags.Warnf(r.Pos, "this rule never applies on any path: the earlier rule at line %d takes every path where its condition holds (%s)",
						u.shadowBy.Pos.Line, u.shadowBy.If)
					continue
				}
				diags.Warnf(r.Pos, "this rule never applies on any path: no path reaches it with %s", r.If)
			}
		}
		for _, a := range n.Answers {
			check(a.Rules)
		}
		check(n.AnyRules)
		check(n.NoneRules)
	}
	return true
}
