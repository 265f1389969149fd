package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// context returns a parser context for one conversion, whose heading ids avoid the ids the
// Converter reserves.
func (c *Converter) context() parser.Context {
	pc := parser.NewContext()
	if len(c.reserved.ReservedIDs) == 0 && len(c.reserved.ReservedPrefixes) == 0 {
		return pc
	}
	ids := reservedIDs{IDs: pc.IDs(), prefixes: c.reserved.ReservedPrefixes}
	for _, id := range c.reserved.ReservedIDs {
		ids.Put([]byte(id))
	}
	return parser.NewContext(parser.WithIDs(ids))
}

// reservedIDs is goldmark's ids, which suffix an id already taken, that also suffix the ids
// made of a reserved prefix and digits.
type reservedIDs struct {
	parser.IDs
	prefixes []string
}

func (r reservedIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := r.IDs.Generate(value, kind)
	for r.prefixed(string(id)) {
		id = r.IDs.Generate(id, kind) // taken now: goldmark adds "-1"
	}
	return id
}

// prefixed reports whether id is a reserved prefix followed by digits only.
func (r reservedIDs) prefixed(id string) bool {
	for _, p := range r.prefixes {
		if rest, ok := strings.CutPrefix(id, p); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}
