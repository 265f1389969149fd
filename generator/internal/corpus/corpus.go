// Package corpus writes a synthetic guidance site for measuring how builds scale.
//
// Write makes a guidepost site folder of n articles; WriteHugo makes a Hugo site of the same
// articles, so that both generators can be timed on the same content. Each article has front
// matter (title, description, dates, two or three tags from a small vocabulary, a weight,
// sources), 600 to 900 words in four or five sections, a bulleted list, a numbered list, a
// table, and three to five links to other articles, some of them to a heading of the other
// article. The guidepost site also has one small questionnaire that recommends articles.
//
// The output depends only on n and the seed: the same arguments write the same bytes. Every
// article is planned first (slug, title, tags, headings), so that links can name headings
// that exist; each body is then made from a generator seeded by the seed and the article's
// number, so articles do not depend on the order in which they are written.
package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultSeed is the seed make corpus uses.
const DefaultSeed = 7

// An article is what other articles may know of one article before its body is written.
type article struct {
	slug, title, description string
	tags                     []string
	headings                 []string
	date, reviewed           time.Time
	weight                   int
}

// plan decides every article's front matter and headings.
func plan(n int, seed uint64) []article {
	r := rand.New(rand.NewPCG(seed, 0))
	list := make([]article, n)
	base := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	for i := range list {
		act, cond := activities[r.IntN(len(activities))], conditions[r.IntN(len(conditions))]
		title := act + " with " + cond
		if v := variants[r.IntN(len(variants))]; v != "" {
			title += ", " + v
		}
		a := article{
			title:       title,
			slug:        fmt.Sprintf("%s-%d", slugify(title), i+1),
			description: descriptions[r.IntN(len(descriptions))],
			date:        base.AddDate(0, 0, r.IntN(700)),
			weight:      r.IntN(4) * 10,
		}
		a.reviewed = a.date.AddDate(0, 0, 30+r.IntN(300))
		a.tags = append(a.tags, pick(r, tags, 2+r.IntN(2))...)
		a.headings = pick(r, headings, 4+r.IntN(2))
		list[i] = a
	}
	return list
}

// pick returns k different items of list, in a random order.
func pick(r *rand.Rand, list []string, k int) []string {
	idx := r.Perm(len(list))[:k]
	out := make([]string, k)
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

// slugify makes a slug of words and spaces, the way goldmark makes heading ids of them.
func slugify(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ' ' || c == '-':
			b.WriteByte('-')
		}
	}
	return strings.Trim(strings.ReplaceAll(b.String(), "--", "-"), "-")
}

// A linkStyle writes a link from one article to another, optionally to one of its headings.
type linkStyle func(slug, anchor string) string

func guidepostLink(slug, anchor string) string {
	if anchor != "" {
		return slug + ".md#" + anchor
	}
	return slug + ".md"
}

func hugoLink(slug, anchor string) string {
	if anchor != "" {
		return "../" + slug + "/#" + anchor
	}
	return "../" + slug + "/"
}

// body writes article i's front matter and markdown.
func body(buf *bytes.Buffer, list []article, i int, seed uint64, link linkStyle) {
	a := list[i]
	r := rand.New(rand.NewPCG(seed, uint64(i)+1))
	buf.WriteString("---\n")
	fmt.Fprintf(buf, "title: %s\n", a.title)
	fmt.Fprintf(buf, "description: %s\n", a.description)
	fmt.Fprintf(buf, "date: %s\n", a.date.Format(time.DateOnly))
	fmt.Fprintf(buf, "reviewed: %s\n", a.reviewed.Format(time.DateOnly))
	fmt.Fprintf(buf, "tags: [%s]\n", strings.Join(a.tags, ", "))
	if a.weight != 0 {
		fmt.Fprintf(buf, "weight: %d\n", a.weight)
	}
	buf.WriteString("sources:\n")
	for _, s := range pick(r, sources, 1+r.IntN(2)) {
		fmt.Fprintf(buf, "  - %q\n", s)
	}
	buf.WriteString("---\n\n")

	// Links go to other articles, spread over the body; about half name a heading.
	nlinks := 3 + r.IntN(3)
	links := make([]string, nlinks)
	for k := range links {
		j := r.IntN(len(list) - 1)
		if j >= i {
			j++
		}
		anchor := ""
		if r.IntN(2) == 0 {
			anchor = slugify(list[j].headings[r.IntN(len(list[j].headings))])
		}
		links[k] = fmt.Sprintf("[%s](%s)", strings.ToLower(list[j].title), link(list[j].slug, anchor))
	}

	words := 600 + r.IntN(301)
	w := &writer{buf: buf, r: r}
	w.paragraph(4 + r.IntN(2))
	table := r.IntN(len(a.headings))
	for h, heading := range a.headings {
		fmt.Fprintf(buf, "## %s\n\n", heading)
		w.paragraph(3 + r.IntN(2))
		switch {
		case h == table:
			w.table()
		case h%2 == 0:
			w.list("- ", 3+r.IntN(3))
		default:
			w.list("", 3+r.IntN(2))
		}
		// Spread the links over the sections; the last section takes what is left.
		share := nlinks / len(a.headings)
		if h < nlinks%len(a.headings) {
			share++
		}
		var mine []string
		for range share {
			mine, links = append(mine, links[0]), links[1:]
		}
		if len(mine) > 0 {
			w.linkParagraph(mine)
		}
		per := (words - w.words) / max(1, len(a.headings)-h)
		for w.words < words && per > 0 && w.sectionWords() < per {
			w.paragraph(3)
		}
		w.mark()
	}
}

// writer writes sentences and counts the words written.
type writer struct {
	buf   *bytes.Buffer
	r     *rand.Rand
	words int
	start int // words at the start of the section
}

func (w *writer) mark()             { w.start = w.words }
func (w *writer) sectionWords() int { return w.words - w.start }

func (w *writer) sentence() {
	s := sentences[w.r.IntN(len(sentences))]
	w.buf.WriteString(s)
	w.words += strings.Count(s, " ") + 1
}

// paragraph writes a paragraph of n sentences.
func (w *writer) paragraph(n int) {
	for k := range n {
		if k > 0 {
			w.buf.WriteByte(' ')
		}
		w.sentence()
	}
	w.buf.WriteString("\n\n")
}

func (w *writer) linkParagraph(links []string) {
	w.sentence()
	for _, l := range links {
		s := linkSentences[w.r.IntN(len(linkSentences))]
		fmt.Fprintf(w.buf, " "+s, l)
		w.words += strings.Count(s, " ") + 3
	}
	w.buf.WriteString("\n\n")
}

// list writes a bulleted list when marker is "- ", a numbered one when it is "".
func (w *writer) list(marker string, n int) {
	for k, item := range pick(w.r, listItems, n) {
		m := marker
		if m == "" {
			m = fmt.Sprintf("%d. ", k+1)
		}
		w.buf.WriteString(m + item + "\n")
		w.words += strings.Count(item, " ") + 1
	}
	w.buf.WriteString("\n")
}

func (w *writer) table() {
	w.buf.WriteString("| Activity | How long | How often | Effort |\n| --- | --- | --- | --- |\n")
	for _, act := range pick(w.r, activities, 3+w.r.IntN(2)) {
		fmt.Fprintf(w.buf, "| %s | %d minutes | %s | %s |\n", act, 5*(2+w.r.IntN(8)),
			often[w.r.IntN(len(often))], effort[w.r.IntN(len(effort))])
		w.words += 8
	}
	w.buf.WriteString("\n")
}

// Write writes a guidepost site of n articles (n >= 2) into dir: content/site.yaml,
// content/articles/*.md and content/questionnaires/check.yaml.
func Write(dir string, n int, seed uint64) error {
	if n < 2 {
		return fmt.Errorf("a corpus needs at least 2 articles, not %d", n)
	}
	list := plan(n, seed)
	files := map[string]string{
		"content/site.yaml": siteYAML,
		"content/questionnaires/check.yaml": fmt.Sprintf(questionnaireYAML,
			list[0].slug, list[1%n].slug, list[2%n].slug),
	}
	for name, data := range files {
		if err := writeFile(dir, name, []byte(data)); err != nil {
			return err
		}
	}
	return writeArticles(dir, "content/articles", list, seed, guidepostLink)
}

// WriteHugo writes a Hugo site of the same n articles into dir: the articles as
// content/articles/<slug>.md with links to the pages Hugo makes of them, a config.toml and the
// fewest layouts that give the same pages as guidepost (home listing every article, article
// pages with their sources and tags, a page per tag, 404, sitemap and robots.txt). Hugo has no
// questionnaires: the Hugo site has none.
func WriteHugo(dir string, n int, seed uint64) error {
	if n < 2 {
		return fmt.Errorf("a corpus needs at least 2 articles, not %d", n)
	}
	list := plan(n, seed)
	for name, data := range hugoFiles {
		if err := writeFile(dir, name, []byte(data)); err != nil {
			return err
		}
	}
	return writeArticles(dir, "content/articles", list, seed, hugoLink)
}

func writeArticles(dir, sub string, list []article, seed uint64, link linkStyle) error {
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(sub)), 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	for i, a := range list {
		buf.Reset()
		body(&buf, list, i, seed, link)
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(sub), a.slug+".md"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
