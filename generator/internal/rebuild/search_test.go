package rebuild

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestSearchTextsEqualDev builds a site large enough for a cold build to make its search
// index's text shards while the articles render (search.Texts: blocks of 64 articles, more
// text than a one-file index holds), drafts among them (rendered, not indexed), and
// compares the dev build with a cold one after edits that change the shards' cuts: an
// article grown so that its block is halved again, one deleted, which moves the numbers of
// the articles after it.
func TestSearchTextsEqualDev(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 17))
	s := newIncSite(t, r, 0)
	s.write("content/site.yaml", s.files()["content/site.yaml"]+"search: true\n")
	words := strings.Fields("walking helps a sore back rest for a day then move gently stretch the knee swim in warm water")
	text := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(words[r.IntN(len(words))])
			if i%12 == 11 {
				b.WriteString(". Then ")
			} else {
				b.WriteString(" ")
			}
		}
		return b.String() + ".\n"
	}
	for i := range 300 {
		a := randomArticle(r, i)
		a.body += "\n" + text(300+r.IntN(300))
		s.write(fmt.Sprintf("content/articles/a%d.md", i), a.String())
	}
	inc := NewIncremental(os.DirFS(s.dir), incOptions())
	compareBuilds(t, "first build", s.dir, inc)

	grown := s.files()["content/articles/a70.md"] + "\n" + text(6000)
	s.write("content/articles/a70.md", grown)
	compareBuilds(t, "an article grown", s.dir, inc)

	s.remove("content/articles/a5.md")
	compareBuilds(t, "an article deleted", s.dir, inc)
}
