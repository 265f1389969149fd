package markdown

import (
	"testing"
	"unsafe"
)

// TestIDsShareOneString checks what a builder keeps of a page until every page is converted:
// its ids, which are parts of one string, not one allocation each.
func TestIDsShareOneString(t *testing.T) {
	r, diags := convert(t, "## One\n\n## Two\n\nA note.[^1]\n\n[^1]: Here.\n")
	if len(diags) != 0 || len(r.IDs) != 4 {
		t.Fatalf("ids %q, diagnostics %v", r.IDs, diags)
	}
	for i := 1; i < len(r.IDs); i++ {
		if unsafe.Pointer(unsafe.StringData(r.IDs[i])) != unsafe.Add(unsafe.Pointer(unsafe.StringData(r.IDs[i-1])), len(r.IDs[i-1])) {
			t.Errorf("ids %q are not parts of one string", r.IDs)
			break
		}
	}
}
