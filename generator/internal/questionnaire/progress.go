package questionnaire

// Remaining returns, for each node reachable from the start, the most questions a reader
// may still be asked from it, itself included: 0 at an outcome. Rules are not read, so it
// is an upper bound ("Question 2 of up to 5"). A tree that Check did not find sound (which
// may hold a cycle) has none: the result is nil.
func (q *Questionnaire) Remaining() map[string]int {
	if !q.sound {
		return nil
	}
	g := q.graph()
	out := make(map[string]int, len(g.order))
	for i := len(g.order) - 1; i >= 0; i-- { // every node after the nodes it leads to
		n := g.order[i]
		if n.Kind == Outcome {
			out[n.ID] = 0
			continue
		}
		most := 0
		for _, e := range n.edges() {
			most = max(most, out[e.next])
		}
		out[n.ID] = most + 1
	}
	return out
}

// PageRemaining returns, for each static page of pages (see Pages), the most pages of
// questions a reader without JavaScript may still see from it, itself included; and the
// number of the question it is, counting from 1, when every way to it from the start page
// is as long (0 when the ways differ in length). A checklist with each: true counts one
// page per item, as the reader sees them.
func PageRemaining(pages []Page) (remaining, number []int) {
	remaining = make([]int, len(pages))
	// The pages link only forwards along the tree, which has no cycle; a depth-first
	// post-order visits every page after the pages it leads to.
	done := make([]bool, len(pages))
	var visit func(i int)
	visit = func(i int) {
		done[i] = true
		most := 0
		for _, l := range pages[i].Links {
			if !done[l.To] {
				visit(l.To)
			}
			most = max(most, remaining[l.To])
		}
		if pages[i].Node.Kind != Outcome {
			most++
		}
		remaining[i] = most
	}
	for i := range pages {
		if !done[i] {
			visit(i)
		}
	}
	// Shortest and longest ways from the start page, in the same order reversed.
	lo, hi := make([]int, len(pages)), make([]int, len(pages))
	for i := range lo {
		lo[i] = -1
	}
	if len(pages) > 0 {
		lo[0], hi[0] = 1, 1
	}
	for _, i := range topoOrder(pages) {
		if lo[i] < 0 {
			continue
		}
		for _, l := range pages[i].Links {
			if lo[l.To] < 0 || lo[i]+1 < lo[l.To] {
				lo[l.To] = lo[i] + 1
			}
			hi[l.To] = max(hi[l.To], hi[i]+1)
		}
	}
	number = make([]int, len(pages))
	for i := range pages {
		if lo[i] > 0 && lo[i] == hi[i] {
			number[i] = lo[i]
		}
	}
	return remaining, number
}

// topoOrder returns the indexes of pages with every page after the pages linking to it.
func topoOrder(pages []Page) []int {
	done := make([]bool, len(pages))
	post := make([]int, 0, len(pages))
	var visit func(i int)
	visit = func(i int) {
		done[i] = true
		for _, l := range pages[i].Links {
			if !done[l.To] {
				visit(l.To)
			}
		}
		post = append(post, i)
	}
	for i := range pages {
		if !done[i] {
			visit(i)
		}
	}
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}

// Previous returns, for each static page, the index of the one page that links to it, or
// -1 when none or several do: a page reached from one page only has a back link to it.
func Previous(pages []Page) []int {
	prev := make([]int, len(pages))
	for i := range prev {
		prev[i] = -1
	}
	for i := range pages {
		for _, l := range pages[i].Links {
			switch prev[l.To] {
			case -1:
				prev[l.To] = i
			case i: // two answers of one page lead here: still one page before it
			default:
				prev[l.To] = -2
			}
		}
	}
	for i := range prev {
		if prev[i] == -2 {
			prev[i] = -1
		}
	}
	return prev
}
