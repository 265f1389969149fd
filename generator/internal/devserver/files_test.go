package devserver

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"guidepost/generator/internal/parallel"
)

// TestOutput writes builds to outputs, each over the last, from many goroutines as a build
// does: each output must hold exactly the files written, name for name and byte for byte,
// say which were added, modified and removed, and leave the build before as it was.
func TestOutput(t *testing.T) {
	first := make(map[string][]byte)
	for i := range 300 {
		first[fmt.Sprintf("page%d.html", i)] = fmt.Appendf(nil, "page %d", i)
	}
	last, c := write(t, nil, first)
	if len(c.added) != len(first) || len(c.removed)+len(c.modified) > 0 {
		t.Fatalf("first build: %d added, %d removed, %d modified; want %d added", len(c.added), len(c.removed), len(c.modified), len(first))
	}

	second := maps.Clone(first)
	second["page1.html"] = []byte("page 1, edited")                  // modified
	second["page2.html"] = []byte("page 2")                          // the same bytes, another slice
	second["page3.html"] = append(first["page3.html"][:0:0], "x"...) // another length
	second["page6.html"] = []byte("page X")                          // the same length
	delete(second, "page4.html")
	delete(second, "page5.html")
	second["new.html"] = []byte("new")
	files, c := write(t, last, second)
	check(t, "second build", c, []string{"new.html"}, []string{"page4.html", "page5.html"}, []string{"page1.html", "page3.html", "page6.html"})
	var names []string
	for name := range files.All() {
		names = append(names, name)
	}
	if slices.Sort(names); !slices.Equal(names, slices.Sorted(maps.Keys(second))) {
		t.Errorf("second build: %d files, want %d", files.Len(), len(second))
	}
	for name, data := range second {
		if got, _ := files.Get(name); string(got) != string(data) {
			t.Errorf("second build: %s is %q, want %q", name, got, data)
		}
	}
	for name, data := range first { // the build before, as it was
		if got, ok := last.Get(name); !ok || string(got) != string(data) {
			t.Errorf("the first build's %s became %q", name, got)
		}
	}

	third := maps.Clone(second) // nothing changed
	_, c = write(t, files, third)
	check(t, "third build", c, nil, nil, nil)
}

// write writes the files to an output over last, in parallel, and returns its result.
func write(t *testing.T, last files, fs map[string][]byte) (files, changes) {
	t.Helper()
	o := newOutput(last)
	names := slices.Collect(maps.Keys(fs))
	parallel.Do(len(names), func(i int) {
		if err := o.WriteFile(names[i], fs[names[i]]); err != nil {
			t.Error(err)
		}
	})
	return o.result()
}

func check(t *testing.T, what string, c changes, added, removed, modified []string) {
	t.Helper()
	for _, l := range []struct {
		name      string
		got, want []string
	}{{"added", c.added, added}, {"removed", c.removed, removed}, {"modified", c.modified, modified}} {
		slices.Sort(l.got)
		if !slices.Equal(l.got, l.want) {
			t.Errorf("%s: %s %q, want %q", what, l.name, l.got, l.want)
		}
	}
}
