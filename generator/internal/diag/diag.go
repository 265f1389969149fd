// Package diag collects the problems found in an editor's input.
//
// A Diagnostic names a position (a path relative to the site folder, a 1-based line and
// column) and says what is wrong in plain words, with a hint where one helps. It prints in
// the form editors' tools turn into links:
//
//	content/articles/walking.md:3:8: unknown key "titel"; did you mean "title"?
//
// A List gathers every diagnostic of a run, from any goroutine, so that all of them can be
// reported at once, sorted by position.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pos is a position in an editor's file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Severity tells an error, which fails the build, from a warning, which does not.
type Severity int

const (
	Error Severity = iota
	Warning
)

// A Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos
	Severity Severity
	Message  string
	Hint     string // optional: what to do about it
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("; ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// List gathers diagnostics. The zero value is ready to use and safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// Hintf records an error at pos with a hint saying what to do.
func (l *List) Hintf(pos Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Merge adds every diagnostic of other to l.
func (l *List) Merge(other *List) {
	for _, d := range other.Sorted() {
		l.Add(d)
	}
}

// Len reports the number of diagnostics recorded, duplicates included.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Errors reports the number of distinct errors (not warnings) recorded.
func (l *List) Errors() int {
	n := 0
	for _, d := range l.Sorted() {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Sorted returns the diagnostics by path, line, column and message, without duplicates.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(out)
}

// Err returns nil when l holds no error, and otherwise an error listing every diagnostic.
func (l *List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &ListError{Diagnostics: l.Sorted()}
}

// ListError is the error of a run that found problems in its input.
type ListError struct {
	Diagnostics []Diagnostic
}

func (e *ListError) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Closest returns the candidate nearest to word, or "" when none is near enough to be a
// likely typo: at most one edit (a letter added, left out, changed, or two swapped) for
// every three letters of word.
func Closest(word string, candidates []string) string {
	limit := max(1, (utf8.RuneCountInString(word)+2)/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := distance(word, c); d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// Suggest returns a hint naming the closest candidate, or "".
func Suggest(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}

// distance is the edit distance between a and b in runes, counting a swap of two
// neighbouring letters as one edit (optimal string alignment).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
