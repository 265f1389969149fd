package typography

import "testing"

func TestSmart(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Rails' new 'local CI' tool", "Rails’ new ‘local CI’ tool"},
		{"the cats' 'toys' here", "the cats’ ‘toys’ here"},
		{"It's 'quoted' fine", "It’s ‘quoted’ fine"},
		{"'90s and 'tis and 'Twas", "’90s and ’tis and ’Twas"},
		{"rock 'n' roll", "rock ’n’ roll"},
		{"the '80s' 'best' songs", "the ’80s’ ‘best’ songs"},
		{`He said "hi" -- then "bye"...`, "He said “hi” – then “bye”…"},
		{"James' \"book\" --- a 'lesson'", "James’ “book” — a ‘lesson’"},
		{"don't  stop", "don’t  stop"},
		{"plain title", "plain title"},
		{"# not a heading, *not emphasis*, [not a link](x), <b>, a\\b & c", "# not a heading, *not emphasis*, [not a link](x), <b>, a\\b & c"},
		{" 'lead' ", " ‘lead’ "},
	} {
		if got := Smart(tt.in); got != tt.want {
			t.Errorf("Smart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSmart checks that Smart changes only what Shown leaves out: smart punctuation and
// white space no page shows. (Smart falls back to s when its markdown paragraph would change
// more; the seeds hold texts that need the fallback.)
func FuzzSmart(f *testing.F) {
	for _, s := range []string{"Rails' new 'local CI'", `"a" -- 'b' ... <<c>>`, "'90s", "#x *y* [z](w)", "a\\'b", " 'x' ", "\t\"\n'", "a\n\n    'b'", "\\\n0\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Smart(s)
		if Shown(got) != Shown(s) {
			t.Errorf("Smart(%q) = %q: more than punctuation changed", s, got)
		}
	})
}
