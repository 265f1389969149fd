// Package limits bounds what one editor's file may hold, so that no input, mistaken or
// hostile, crashes a build or keeps it busy for minutes.
//
// Three limits, each with a flag of build, check and dev to change it:
//
//   - FileSize: the bytes of one article, questionnaire or site.yaml (media are not read
//     whole and have no limit). --max-file-size.
//   - Depth: how deeply front matter nests (TOML tables and arrays, YAML mappings and
//     sequences), and markdown containers (lists in lists, quotes in quotes). The TOML and
//     YAML decoders recurse once a level (2,000,000 nested "[" overflowed the stack), and
//     goldmark's time grows with the square of a list's depth (4,000 deep took 77 s).
//     --max-depth.
//   - Links: the "[" in one paragraph of markdown. goldmark's time grows with the square of
//     the unclosed link openers of a paragraph (80,000 "[a](" took 18 s). --max-links.
//
// The checks are cheap scans of the text, made before a decoder or goldmark sees it. They
// are deliberately rough (they may count a little more than the parser would see, never
// less): a file near a limit is not what an editor writes. Each returns the first place
// where the text goes past a limit, with a message naming the limit and how to change it.
package limits

import (
	"bytes"
	"fmt"
)

// Limits are the bounds on one file. A zero field means its default.
type Limits struct {
	FileSize int64
	Depth    int
	Links    int
}

// The defaults, far above what a guidance article or questionnaire holds.
const (
	DefaultFileSize = 1 << 20
	DefaultDepth    = 32
	DefaultLinks    = 250
)

// The flags that change the limits.
const (
	FlagFileSize = "--max-file-size"
	FlagDepth    = "--max-depth"
	FlagLinks    = "--max-links"
)

// OrDefault returns l with its zero fields set to the defaults.
func (l Limits) OrDefault() Limits {
	if l.FileSize <= 0 {
		l.FileSize = DefaultFileSize
	}
	if l.Depth <= 0 {
		l.Depth = DefaultDepth
	}
	if l.Links <= 0 {
		l.Links = DefaultLinks
	}
	return l
}

// An Exceeded says where a text first goes past a limit.
type Exceeded struct {
	Line    int // 1-based, in the text scanned
	Message string
	Hint    string
}

// Size checks the size of a file of n bytes.
func (l Limits) Size(n int64) *Exceeded {
	l = l.OrDefault()
	if n <= l.FileSize {
		return nil
	}
	return &Exceeded{Line: 1,
		Message: fmt.Sprintf("the file is %d bytes, more than the limit of %d", n, l.FileSize),
		Hint:    fmt.Sprintf("split it into smaller files, or raise the limit with %s=BYTES", FlagFileSize)}
}

func (l Limits) tooDeep(line, depth int, what string) *Exceeded {
	return &Exceeded{Line: line,
		Message: fmt.Sprintf("%s nests more than %d levels deep (the limit)", what, l.Depth),
		Hint:    fmt.Sprintf("flatten it, or raise the limit with %s=N", FlagDepth)}
}

// TOML checks the nesting of a TOML document: arrays and inline tables, and the parts of
// dotted keys and table headers ([a.b.c] is three levels).
func (l Limits) TOML(src []byte) *Exceeded {
	l = l.OrDefault()
	line, depth, header, keyDots := 1, 0, 0, 0
	inKey, lineStart := true, true
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
			if depth == 0 {
				inKey, lineStart, keyDots = true, true, 0
			}
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
			continue
		case c == '"' || c == '\'':
			end, lines := skipTOMLString(src, i)
			i, line = end-1, line+lines
		case c == '[' && lineStart && depth == 0: // a table header: its dots are its depth
			header, keyDots = 1, 0
			for i++; i < len(src) && src[i] != '\n' && src[i] != ']'; i++ {
				switch src[i] {
				case '.':
					header++
				case '"', '\'':
					end, _ := skipTOMLString(src, i)
					i = end - 1
				}
			}
			i--
		case c == '[' || c == '{':
			depth++
			inKey = c == '{'
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		case c == ',':
			inKey = depth > 0 && inKey
		case c == '=':
			inKey = false
		case c == '.' && inKey:
			keyDots++
		}
		lineStart = false
		if n := header + keyDots + depth; n > l.Depth {
			return l.tooDeep(line, n, "the TOML front matter")
		}
	}
	return nil
}

// skipTOMLString returns the offset after the string that starts at src[i] (a quote), and
// the newlines in it.
func skipTOMLString(src []byte, i int) (end, lines int) {
	q := src[i]
	if bytes.HasPrefix(src[i:], []byte{q, q, q}) { // multi-line
		j := bytes.Index(src[i+3:], []byte{q, q, q})
		if j < 0 {
			return len(src), bytes.Count(src[i:], []byte("\n"))
		}
		end = i + 3 + j + 3
		return end, bytes.Count(src[i:end], []byte("\n"))
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1, 0
		case '\n':
			return j, 0
		}
	}
	return len(src), 0
}

// YAML checks the nesting of a YAML document: block mappings and sequences, by their
// indentation ("- " counts as indentation too), and flow collections ([ and {).
func (l Limits) YAML(src []byte) *Exceeded {
	l = l.OrDefault()
	var stack []int // the columns of the open block levels
	flow := 0
	for n, rest := 1, src; len(rest) > 0; n++ {
		var text []byte
		text, rest, _ = bytes.Cut(rest, []byte("\n"))
		col := 0
		for col < len(text) && text[col] == ' ' {
			col++
		}
		if col == len(text) || text[col] == '#' {
			continue // blank or comment
		}
		if flow == 0 {
			for len(stack) > 0 && stack[len(stack)-1] >= col {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, col)
			for col < len(text) && text[col] == '-' && (col+1 == len(text) || text[col+1] == ' ') {
				col++
				for col < len(text) && text[col] == ' ' {
					col++
				}
				stack = append(stack, col)
			}
		}
		for i := col; i < len(text); i++ {
			switch text[i] {
			case '[', '{':
				flow++
			case ']', '}':
				flow = max(flow-1, 0)
			case '"', '\'':
				if j := bytes.IndexByte(text[i+1:], text[i]); j >= 0 {
					i += j + 1
				}
			case '#':
				if i > 0 && text[i-1] == ' ' {
					i = len(text)
				}
			}
			if d := len(stack) + flow; d > l.Depth {
				return l.tooDeep(n, d, "the YAML front matter")
			}
		}
		if d := len(stack) + flow; d > l.Depth {
			return l.tooDeep(n, d, "the YAML front matter")
		}
	}
	return nil
}

// Markdown checks markdown: the nesting of lists and block quotes, and the "[" of each
// paragraph (lines between blank lines). Fenced code is skipped.
func (l Limits) Markdown(src []byte) *Exceeded {
	l = l.OrDefault()
	var lists []int // the columns of the open list items
	brackets := 0
	var fence []byte // the fence of the open code block, or nil
	for n, rest := 1, src; len(rest) > 0; n++ {
		var text []byte
		text, rest, _ = bytes.Cut(rest, []byte("\n"))
		// Block quote markers.
		quotes, i := 0, 0
		for {
			j := i
			for j < len(text) && j-i < 3 && text[j] == ' ' {
				j++
			}
			if j < len(text) && text[j] == '>' {
				quotes++
				i = j + 1
				continue
			}
			break
		}
		body := text[i:]
		trimmed := bytes.TrimLeft(body, " \t")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
			continue
		}
		if bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")) {
			fence = trimmed[:3]
			continue
		}
		if len(bytes.TrimSpace(body)) == 0 {
			brackets = 0
			continue
		}
		col := columns(body[:len(body)-len(trimmed)])
		for rest := trimmed; ; {
			w := listMarker(rest)
			if w == 0 {
				break
			}
			for len(lists) > 0 && lists[len(lists)-1] >= col {
				lists = lists[:len(lists)-1]
			}
			lists = append(lists, col)
			after := bytes.TrimLeft(rest[w:], " \t")
			col += len(rest) - len(after)
			rest = after
		}
		if d := quotes + len(lists); d > l.Depth {
			return l.tooDeep(n, d, "markdown (lists and quotes)")
		}
		if brackets += bytes.Count(body, []byte("[")); brackets > l.Links {
			return &Exceeded{Line: n,
				Message: fmt.Sprintf("a paragraph has more than %d \"[\" (the limit of links a paragraph)", l.Links),
				Hint:    fmt.Sprintf("split it with blank lines, or raise the limit with %s=N", FlagLinks)}
		}
	}
	return nil
}

// columns returns the width of leading white space, tabs to the next multiple of 4.
func columns(ws []byte) int {
	c := 0
	for _, b := range ws {
		if b == '\t' {
			c += 4 - c%4
		} else {
			c++
		}
	}
	return c
}

// listMarker returns the length of the list item marker s starts with ("- ", "* ", "+ ",
// "1. ", "1) ", or the marker alone at the end of the line), or 0.
func listMarker(s []byte) int {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')'):
		i++
	case i == 0 && len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		i = 1
	default:
		return 0
	}
	if i == len(s) || s[i] == ' ' || s[i] == '\t' {
		return i
	}
	return 0
}
