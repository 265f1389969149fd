package site

import (
	"html/template"
	"testing"
)

func TestContents(t *testing.T) {
	for _, tt := range []struct {
		name string
		body template.HTML
		want template.HTML
	}{
		{"none", `<p>Text.</p>`, ""},
		{"two are too few", `<h2 id="a">A</h2><h2 id="b">B</h2>`, ""},
		{"three, with tags and entities", `<h2 id="a">A</h2><p>x</p><h3 id="s">Sub</h3><h2 id="b">Use <code>x &lt; y</code></h2><h2 id="c"> Fish &amp; <em>chips</em> </h2>`,
			`<li><a href="#a">A</a></li><li><a href="#b">Use x &lt; y</a></li><li><a href="#c">Fish &amp; chips</a></li>`},
	} {
		if got := contents(tt.body); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
