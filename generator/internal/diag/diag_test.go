package diag

import "testing"

func TestSortedAndCounted(t *testing.T) {
	var l List
	l.Errorf(Pos{Path: "b.md", Line: 2, Col: 1}, "second")
	l.Warnf(Pos{Path: "a.md", Line: 9, Col: 3}, "old")
	l.Hintf(Pos{Path: "a.md", Line: 10, Col: 1}, "do this", "first")
	l.Errorf(Pos{Path: "b.md", Line: 2, Col: 1}, "second") // the same problem found twice
	got := l.Sorted()
	want := []string{"a.md:9:3: warning: old", "a.md:10:1: first; do this", "b.md:2:1: second"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("%d: got %q, want %q", i, got[i], want[i])
		}
	}
	if l.Errors() != 2 {
		t.Errorf("Errors() = %d, want 2", l.Errors())
	}
	if l.Err() == nil {
		t.Error("Err() = nil with errors recorded")
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		word  string
		cands []string
		want  string
	}{
		{"qestion", []string{"question", "answers", "help"}, `did you mean "question"?`},
		{"pain-nw", []string{"pain-now", "pain-today"}, `did you mean "pain-now"?`},
		{"zzzzzz", []string{"title", "description"}, ""},
		{"titel", []string{"title", "tags"}, `did you mean "title"?`},
		{"sorce", []string{"sources", "slug"}, `did you mean "sources"?`},
		{"bogus", []string{"tags", "title", "slug"}, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
