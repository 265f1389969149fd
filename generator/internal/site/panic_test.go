package site

import (
	"os"
	"strings"
	"testing"

	"guidepost/templates"
)

// panicky is an Output that panics on one file, as a bug would.
type panicky struct {
	Memory
	name string
}

func (p *panicky) WriteFile(name string, data []byte) error {
	if name == p.name {
		panic("boom")
	}
	return p.Memory.WriteFile(name, data)
}

// TestPanicBecomesError: a panic while working on one file is an error at that file, and
// the build goes on with the others.
func TestPanicBecomesError(t *testing.T) {
	out := &panicky{name: "articles/everything/index.html"}
	res := Build(os.DirFS("testdata/rich"), Options{Theme: templates.FS, Now: today}, out)
	text := diagText(res.Diags)
	if !strings.Contains(text, "internal error while working on this file: boom; this is a bug in guidepost") {
		t.Fatalf("diagnostics:\n%s", text)
	}
	if res.Diags.Errors() != 1 || len(out.Names()) < 10 {
		t.Errorf("%d errors, %d files written:\n%s", res.Diags.Errors(), len(out.Names()), text)
	}
}
