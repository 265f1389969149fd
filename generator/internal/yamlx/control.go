package yamlx

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ControlChar returns the first control character of s and its index in runes, or -1: the
// C0 controls but tab and newline, DEL and the C1 controls. They are invisible in an
// editor, and in a page, a header file or a sitemap they break what surrounds them.
func ControlChar(s string) (rune, int) {
	i := 0
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r <= 0x9f) {
			return r, i
		}
		i++
	}
	return 0, -1
}

// CheckControl reports every key and text below n that holds a control character, at its
// position. Parse calls it; a decoder of another format (TOML front matter) calls it on the
// nodes it makes.
func (d *Decoder) CheckControl(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode {
		if r, i := ControlChar(n.Value); i >= 0 {
			d.Hintf(n, "remove it (it is invisible in most editors); write a line break as a new line of a block (|)",
				"control character %U in %q (character %d)", r, shorten(n.Value), i+1)
		}
		return
	}
	for _, c := range n.Content {
		d.CheckControl(c)
	}
}

// shorten returns s, or its first 40 characters and "...", with control characters shown
// as Go escapes by %q.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return strings.TrimSpace(string(r[:40])) + "..."
	}
	return fmt.Sprint(s)
}
