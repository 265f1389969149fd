package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// context returns a parser context for one conversion, whose heading ids avoid the ids the
// Converter reserves.
func (c *Converter) context() parser.Context {
	if len(c.reservedIDs) == 0 && len(c.reservedPrefixes) == 0 {
		return parser.NewContext()
	}
	return parser.NewContext(parser.WithIDs(&headingIDs{reserved: c.reservedIDs, prefixes: c.reservedPrefixes}))
}

// headingIDs makes the ids of one conversion's headings as goldmark does (the heading's
// ASCII letters and digits in lower case, spaces, "-" and "_" as "-", the rest left out; a
// number added to an id already taken), and takes none of the reserved ids, nor a reserved
// prefix followed by digits.
type headingIDs struct {
	reserved map[string]bool // the Converter's: only read
	prefixes []string
	used     map[string]bool
}

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := idOf(value, kind)
	if h.taken(string(id)) {
		base := string(id)
		for i := 1; ; i++ {
			if s := base + "-" + strconv.Itoa(i); !h.taken(s) {
				id = []byte(s)
				break
			}
		}
	}
	h.Put(id)
	return id
}

func (h *headingIDs) Put(value []byte) {
	if h.used == nil {
		h.used = make(map[string]bool, 8)
	}
	h.used[string(value)] = true
}

func (h *headingIDs) taken(id string) bool {
	if h.used[id] || h.reserved[id] {
		return true
	}
	for _, p := range h.prefixes {
		if rest, ok := strings.CutPrefix(id, p); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}

// idOf returns the id goldmark makes of value.
func idOf(value []byte, kind ast.NodeKind) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	id := make([]byte, 0, len(value))
	for i := 0; i < len(value); {
		c := value[i]
		n := int(util.UTF8Len(c))
		i += max(n, 1)
		switch {
		case n != 1:
		case util.IsAlphaNumeric(c):
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			id = append(id, c)
		case util.IsSpace(c) || c == '-' || c == '_':
			id = append(id, '-')
		}
	}
	if len(id) == 0 {
		if kind == ast.KindHeading {
			return []byte("heading")
		}
		return []byte("id")
	}
	return id
}
