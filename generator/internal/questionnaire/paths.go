package questionnaire

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxPaths is the most complete paths Paths lists for one questionnaire.
const MaxPaths = 100_000

// Paths returns every complete path of a sound tree (Check reported no error), one line
// each, sorted bytewise:
//
//	q1=answer-id q2=answer-id -> outcome-id [i,j]
//
// where [i,j] are the 0-based indexes of the outcome's sections shown ("[]" for none). A
// checklist's step is q=yes or q=no; with each: true it is q=item-id+item-id (ticked ids
// in item order) or q=none, and every set of ticked items is a path of its own. More than
// MaxPaths paths is a LimitError naming the questions with the most ways on.
func (q *Questionnaire) Paths() ([]string, error) {
	start := q.Node(q.Start)
	if !q.sound || start == nil {
		return nil, errors.New("the questionnaire has errors, so its paths cannot be listed")
	}
	// A first walk counts the paths, so that a tree with too many fails before it
	// writes any.
	var lines []string
	answers := make(Answers)
	var steps []string
	var line strings.Builder
	count, full, write := 0, false, false
	var walk func(n *Node) bool
	walk = func(n *Node) bool {
		if n == nil {
			return true // an id that resolves nowhere: Check reports it
		}
		if n.Kind == Outcome {
			if count == MaxPaths {
				full = true
				return false
			}
			count++
			if !write {
				return true
			}
			line.Reset()
			for _, s := range steps {
				line.WriteString(s)
				line.WriteByte(' ')
			}
			line.WriteString("-> ")
			line.WriteString(n.ID)
			line.WriteString(" [")
			for i, s := range q.Shown(n, answers) {
				if i > 0 {
					line.WriteByte(',')
				}
				line.WriteString(strconv.Itoa(s))
			}
			line.WriteByte(']')
			lines = append(lines, line.String())
			return true
		}
		ok := true
		n.options(func(o Option) bool {
			answers[n.ID] = o.Value
			if write {
				steps = append(steps, n.ID+"="+o.Value)
			}
			next, _ := q.Resolve(o.Next, o.Rules, answers)
			ok = walk(q.Node(next))
			if write {
				steps = steps[:len(steps)-1]
			}
			return ok
		})
		delete(answers, n.ID)
		return ok
	}
	walk(start)
	if full {
		return nil, q.tooManyPaths()
	}
	write = true
	lines = make([]string, 0, count)
	walk(start)
	slices.Sort(lines)
	return lines, nil
}

// tooManyPaths names the questions with the most ways on, which multiply the paths.
func (q *Questionnaire) tooManyPaths() error {
	type count struct {
		id string
		n  float64
	}
	var counts []count
	for _, n := range q.Nodes {
		switch {
		case n.Kind == Choice:
			counts = append(counts, count{n.ID, float64(len(n.Answers))})
		case n.Kind == Checklist && n.Each:
			counts = append(counts, count{n.ID, float64(uint64(1) << min(len(n.ItemIDs), 63))})
		case n.Kind == Checklist:
			counts = append(counts, count{n.ID, 2})
		}
	}
	slices.SortStableFunc(counts, func(a, b count) int {
		switch {
		case a.n > b.n:
			return -1
		case a.n < b.n:
			return 1
		}
		return 0
	})
	var ids, names []string
	for _, c := range counts[:min(len(counts), 5)] {
		ids = append(ids, c.id)
		names = append(names, fmt.Sprintf("%s (%.0f ways on)", c.id, c.n))
	}
	return &LimitError{Pos: q.startPos, Questions: ids,
		msg: fmt.Sprintf("the questionnaire has more than %d complete paths; the questions with the most ways on are %s",
			MaxPaths, strings.Join(names, ", "))}
}
